package conv4j.vision.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngWriterTest {
    @TempDir
    Path dir;

    private final ImageLoader loader = new ImageLoader();

    @Test
    void greyRgbAndRgbaRoundTripExactlyAtEightBits() throws IOException {
        Rng rng = new Rng(3);
        int[][] shapes = {{1, 13, 17}, {3, 9, 11}, {4, 5, 7}};
        int[] pngColourType = {0, 2, 6};   // grey, RGB, RGBA in the IHDR
        for (int s = 0; s < shapes.length; s++) {
            Tensor t = Tensor.zeros(Shape.of(shapes[s]));
            for (int i = 0; i < t.size(); i++) {
                t.data()[i] = rng.nextInt(256) / 255f;
            }
            Path file = dir.resolve("round" + s + ".png");
            PngWriter.write(t, file);
            byte[] png = Files.readAllBytes(file);
            assertEquals(8, png[24], "bit depth");
            assertEquals(pngColourType[s], png[25], "colour type");
            Tensor back = loader.load(file);
            assertEquals(t.shape(), back.shape());
            assertArrayEquals(t.data(), back.data(), "channels " + shapes[s][0]);
        }
    }

    @Test
    void valuesAreClampedOrMappedFromAGivenRange() {
        Tensor t = Tensor.of(new float[] {-3f, 0f, 0.5f, 1f, 7f, Float.POSITIVE_INFINITY}, 1, 1, 6);
        BufferedImage clamped = ImageTensors.toImage(t);
        assertArrayEquals(new int[] {0, 0, 128, 255, 255, 255}, clamped.getRaster().getSamples(0, 0, 6, 1, 0,
                (int[]) null));
        BufferedImage ranged = ImageTensors.toImage(Tensor.of(new float[] {-1f, 0f, 1f, -2f}, 2, 2), -1f, 1f);
        assertArrayEquals(new int[] {0, 128, 255, 0}, ranged.getRaster().getSamples(0, 0, 2, 2, 0, (int[]) null));
    }

    @Test
    void refusesNanAndShapesThatAreNotImages() {
        Tensor nan = Tensor.zeros(3, 2, 2);
        nan.set(Float.NaN, 2, 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageTensors.toImage(nan));
        assertEquals("image tensor 3x2x2 holds NaN at channel 2, row 1, column 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageTensors.toImage(Tensor.zeros(2, 4, 4)));
        assertTrue(e.getMessage().endsWith("received shape 2x4x4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageTensors.toImage(Tensor.zeros(1, 1, 4, 4)));
        assertThrows(IllegalArgumentException.class, () -> ImageTensors.toImage(Tensor.zeros(1, 4, 4), 1f, 1f));
    }

    @Test
    void aMissingOutputFolderIsNamedAndNotCreated() {
        Path folder = dir.resolve("no-such-folder");
        Path file = folder.resolve("out.png");
        ImageException e = assertThrows(ImageException.class, () -> PngWriter.write(Tensor.zeros(1, 2, 2), file));
        assertEquals(file + ": the folder " + folder + " does not exist", e.getMessage());
        assertFalse(Files.exists(folder));
    }

    @Test
    void anOutputPathThatIsAFolderIsRefused() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("pictures"));
        ImageException e = assertThrows(ImageException.class, () -> PngWriter.write(Tensor.zeros(1, 2, 2), folder));
        assertTrue(e.getMessage().startsWith(folder + " is a folder"), e.getMessage());
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("out.png");
        PngWriter.write(Tensor.zeros(1, 3, 3), file);
        PngWriter.write(Tensor.ones(Shape.of(1, 2, 5)), file);
        Tensor back = loader.load(file);
        assertEquals(Shape.of(1, 2, 5), back.shape());
        assertEquals(1f, back.data()[0]);
        assertEquals(1, fileCount());
    }

    @Test
    void aFailingEncoderLeavesTheOldFileIntact() throws IOException {
        Path file = dir.resolve("keep.png");
        PngWriter.write(Tensor.zeros(1, 3, 3), file);
        byte[] before = Files.readAllBytes(file);
        BufferedImage failing = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY) {
            @Override
            public Raster getData(Rectangle rect) {
                throw new IllegalStateException("pixels unavailable");
            }

            @Override
            public Raster getData() {
                throw new IllegalStateException("pixels unavailable");
            }
        };
        assertThrows(RuntimeException.class, () -> PngWriter.write(failing, file));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(1, fileCount());
    }

    private long fileCount() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }
}
