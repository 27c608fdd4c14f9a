package conv4j.vision.data;

import static conv4j.vision.data.IdxBytes.gzip;
import static conv4j.vision.data.IdxBytes.images;
import static conv4j.vision.data.IdxBytes.labels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.tensor.Shape;
import conv4j.train.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDatasetTest {
    @TempDir
    Path dir;

    /** Three 2x2 images: pixels 0..11 except the first, which is 255. */
    private static byte[] pixels() {
        byte[] p = IdxBytes.counting(12);
        p[0] = (byte) 255;
        return p;
    }

    private void writeSplit(MnistSplit split, byte[] images, byte[] labels, boolean gzipped) throws IOException {
        Files.write(dir.resolve(split.imagesFile() + (gzipped ? ".gz" : "")), gzipped ? gzip(images) : images);
        Files.write(dir.resolve(split.labelsFile() + (gzipped ? ".gz" : "")), gzipped ? gzip(labels) : labels);
    }

    @Test
    void samplesArePixelsOver255InOneChannel() throws IOException {
        writeSplit(MnistSplit.TRAIN, images(3, 2, 2, pixels()), labels((byte) 4, (byte) 0, (byte) 9), true);
        MnistDataset d = MnistDataset.load(dir, MnistVariant.MNIST, MnistSplit.TRAIN);
        assertEquals(3, d.size());
        assertEquals(Shape.of(1, 2, 2), d.sampleShape());
        Sample s = d.get(1);
        assertEquals(Shape.of(1, 2, 2), s.input().shape());
        assertArrayEquals(new float[] {4 / 255f, 5 / 255f, 6 / 255f, 7 / 255f}, s.input().data());
        assertEquals(0, s.label());
        assertEquals(1f, d.get(0).input().data()[0]);
        assertEquals(9, d.label(2));
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.classNames());
    }

    @Test
    void rawFileNamesWorkTooAndFashionNamesItsClasses() throws IOException {
        writeSplit(MnistSplit.TEST, images(3, 2, 2, pixels()), labels((byte) 0, (byte) 9, (byte) 1), false);
        MnistDataset d = MnistDataset.load(dir, MnistVariant.FASHION_MNIST, MnistSplit.TEST);
        assertEquals("Ankle boot", d.classNames().get(d.label(1)));
        assertEquals("T-shirt/top", d.classNames().get(0));
        assertEquals(10, d.classes());
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        writeSplit(MnistSplit.TRAIN, images(3, 2, 2, pixels()), labels((byte) 1, (byte) 2), true);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> MnistDataset.load(dir, MnistVariant.MNIST, MnistSplit.TRAIN));
        assertTrue(e.getMessage().startsWith(dir.resolve("train-labels-idx1-ubyte.gz") + ": label count is 2,"
                + " expected 3"), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
    }

    @Test
    void countsAreComparedBeforeEitherBodyIsRead() throws IOException {
        // The images header claims 60000 pictures but the body is a few bytes: reading it first would fail on the
        // truncation (or, for a bomb, decompress gigabytes); the headers alone show the files do not belong together.
        byte[] images = images(60_000, 28, 28, new byte[0]);
        writeSplit(MnistSplit.TRAIN, java.util.Arrays.copyOf(images, images.length + 5), labels((byte) 1, (byte) 2),
                true);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> MnistDataset.load(dir, MnistVariant.MNIST, MnistSplit.TRAIN));
        assertTrue(e.getMessage().startsWith(dir.resolve("train-labels-idx1-ubyte.gz") + ": label count is 2,"
                + " expected 60000"), e.getMessage());
    }

    @Test
    void aLabelOfTenIsRefusedNamingTheFileAndSample() throws IOException {
        writeSplit(MnistSplit.TRAIN, images(3, 2, 2, pixels()), labels((byte) 1, (byte) 10, (byte) 2), true);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> MnistDataset.load(dir, MnistVariant.MNIST, MnistSplit.TRAIN));
        assertEquals(dir.resolve("train-labels-idx1-ubyte.gz") + ": label of sample 1 is 10, expected 0 to 9",
                e.getMessage());
    }

    @Test
    void aMissingFileNamesTheFolderAndBothNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MnistDataset.load(dir, MnistVariant.MNIST, MnistSplit.TEST));
        assertEquals(dir + " has neither t10k-images-idx3-ubyte.gz nor t10k-images-idx3-ubyte", e.getMessage());
    }

    @Test
    void anIndexOutsideTheDatasetIsRefused() throws IOException {
        writeSplit(MnistSplit.TRAIN, images(3, 2, 2, pixels()), labels((byte) 1, (byte) 2, (byte) 3), true);
        MnistDataset d = MnistDataset.load(dir, MnistVariant.MNIST, MnistSplit.TRAIN);
        assertThrows(IllegalArgumentException.class, () -> d.get(3));
        assertThrows(IllegalArgumentException.class, () -> d.label(-1));
    }

    @Test
    void variantsByNameWithTheirStatistics() {
        assertEquals(MnistVariant.FASHION_MNIST, MnistVariant.byId("fashion-mnist"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MnistVariant.byId("cifar"));
        assertEquals("unknown dataset 'cifar'; known: mnist, fashion-mnist", e.getMessage());
        assertArrayEquals(new float[] {0.1307f}, MnistVariant.MNIST.normalize().mean());
        assertArrayEquals(new float[] {0.3081f}, MnistVariant.MNIST.normalize().std());
    }
}
