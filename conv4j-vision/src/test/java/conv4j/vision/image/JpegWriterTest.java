package conv4j.vision.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JpegWriterTest {
    @TempDir
    Path dir;

    /** A smooth colour ramp: JPEG keeps it within a few levels at quality 0.92. */
    private static Tensor ramp(int channels, int height, int width) {
        Tensor t = Tensor.zeros(Shape.of(channels, height, width));
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    t.set((float) (c == 3 ? 1.0 : (x + y + 10 * c) / (double) (width + height + 30)), c, y, x);
                }
            }
        }
        return t;
    }

    @Test
    void colourAndGreyComeBackCloseToWhatWasWritten() throws IOException {
        for (int channels : new int[] {1, 3}) {
            Tensor t = ramp(channels, 24, 32);
            Path file = dir.resolve("ramp" + channels + ".jpg");
            JpegWriter.write(t, file);
            byte[] bytes = Files.readAllBytes(file);
            assertEquals(0xff, bytes[0] & 0xff);
            assertEquals(0xd8, bytes[1] & 0xff);
            Tensor back = new ImageLoader().load(file);
            assertEquals(t.shape(), back.shape());
            double worst = 0;
            for (int i = 0; i < t.size(); i++) {
                worst = Math.max(worst, Math.abs(t.data()[i] - back.data()[i]));
            }
            assertTrue(worst < 6 / 255.0, channels + " channels: off by " + worst * 255 + " levels");
        }
    }

    @Test
    void alphaIsLaidOverWhite() throws IOException {
        // Black at alpha 0.5 over white is mid grey.
        Tensor t = Tensor.zeros(Shape.of(4, 16, 16));
        for (int i = 3 * 256; i < 4 * 256; i++) {
            t.data()[i] = 0.5f;
        }
        Path file = dir.resolve("half.jpg");
        JpegWriter.write(t, file);
        BufferedImage back = ImageIO.read(file.toFile());
        assertFalse(back.getColorModel().hasAlpha());
        assertEquals(128, back.getRaster().getSample(8, 8, 0), 2);
    }

    @Test
    void aMissingFolderIsNamedAndNothingIsWritten() throws IOException {
        Path file = dir.resolve("no-such-folder").resolve("out.jpg");
        ImageException e = assertThrows(ImageException.class, () -> JpegWriter.write(ramp(3, 4, 4), file));
        assertEquals(file + ": the folder " + file.getParent() + " does not exist", e.getMessage());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void aPictureWithAlphaIsRefusedAsABufferedImage() {
        BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JpegWriter.write(argb, dir.resolve("a.jpg"), 0.9f));
        assertTrue(e.getMessage().contains("JPEG has no transparency"), e.getMessage());
    }

    @Test
    void replacingAFileLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("twice.jpg");
        JpegWriter.write(ramp(3, 8, 8), file);
        JpegWriter.write(ramp(1, 8, 8), file);
        assertEquals(Shape.of(1, 8, 8), new ImageLoader().load(file).shape());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(1, left.count());
        }
    }
}
