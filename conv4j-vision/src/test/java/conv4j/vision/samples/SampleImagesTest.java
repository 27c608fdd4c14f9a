package conv4j.vision.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class SampleImagesTest {

    @Test
    void theThreePhotosAreSmallRgbCopies() {
        assertEquals(Shape.of(3, 170, 256), SampleImages.load("chelsea").shape());
        assertEquals(Shape.of(3, 256, 256), SampleImages.load("astronaut").shape());
        assertEquals(Shape.of(3, 171, 256), SampleImages.load("sample:coffee").shape());
    }

    @Test
    void thePhotosAreNotBlank() {
        for (String name : SampleImages.names()) {
            Tensor t = SampleImages.load(name);
            double sum = 0;
            double sumSquares = 0;
            for (float v : t.data()) {
                sum += v;
                sumSquares += v * v;
            }
            double mean = sum / t.size();
            double std = Math.sqrt(sumSquares / t.size() - mean * mean);
            assertTrue(std > 0.1, name + ": standard deviation " + std);
        }
    }

    @Test
    void theBundleStaysSmallAndCarriesItsNotice() throws IOException {
        long total = 0;
        for (String name : SampleImages.names()) {
            try (InputStream in = SampleImages.class.getResourceAsStream(name + ".png")) {
                total += in.readAllBytes().length;
            }
        }
        assertTrue(total < 600_000, total + " bytes");
        try (InputStream in = SampleImages.class.getResourceAsStream("NOTICE.md")) {
            String notice = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(notice.contains("CC0") && notice.contains("public domain"), notice);
        }
    }

    @Test
    void anUnknownSampleListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleImages.load("sample:dog"));
        assertEquals("unknown sample image 'sample:dog'; the samples are sample:chelsea, sample:astronaut,"
                + " sample:coffee", e.getMessage());
        assertTrue(SampleImages.isSampleReference("sample:chelsea"));
        assertFalse(SampleImages.isSampleReference("chelsea.png"));
    }
}
