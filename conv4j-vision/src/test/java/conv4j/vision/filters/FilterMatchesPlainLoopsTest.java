package conv4j.vision.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import conv4j.tensor.Tensor;
import conv4j.vision.image.ImageLoader;
import conv4j.vision.image.ImageTensors;
import conv4j.vision.samples.SampleImages;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The filter (the engine's depthwise conv2d on pre-padded planes, in float32) against 2-D cross-correlation written
 * here as plain loops over 8-bit samples read straight from the decoder's raster, in double, with replicate borders,
 * then clamped to 0 .. 255 and rounded. The two may differ by one grey level, and only where the exact value lies
 * within float32 rounding of a .5 (the Gaussian's sixteenths land exactly on .5 for one sum in sixteen).
 */
class FilterMatchesPlainLoopsTest {
    private static final String[][] KERNELS = {
        {"gaussian", "1,2,1;2,4,2;1,2,1", "0.0625"},
        {"sharpen", "0,-1,0;-1,5,-1;0,-1,0", "1"},
        {"edge", "-1,-1,-1;-1,8,-1;-1,-1,-1", "1"},
    };
    /**
     * Grey levels from a .5 within which float32 may round either way: values pass through [0, 1] floats, about 1e-7
     * relative, times at most 16 (the edge kernel's sum of |weights|) times 255.
     */
    private static final double TIE = 0.01;

    @TestFactory
    Stream<DynamicTest> bundledPhotos() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : SampleImages.names()) {
            for (String[] k : KERNELS) {
                tests.add(DynamicTest.dynamicTest(name + " " + k[0], () -> {
                    BufferedImage decoded = readResource(name);
                    compare(name, decoded, SampleImages.load(name), k);
                }));
            }
        }
        return tests.stream();
    }

    /** CI points CONV4J_SAMPLE_IMAGES at full-size photos; every PNG there is checked the same way. */
    @TestFactory
    Stream<DynamicTest> photosInSampleFolder() throws IOException {
        String folder = System.getenv("CONV4J_SAMPLE_IMAGES");
        assumeTrue(folder != null && !folder.isBlank(), "CONV4J_SAMPLE_IMAGES is not set");
        Path dir = Path.of(folder);
        assertTrue(Files.isDirectory(dir), "CONV4J_SAMPLE_IMAGES=" + folder + " is not a folder");
        List<Path> pngs;
        try (Stream<Path> files = Files.list(dir)) {
            pngs = files.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".png")).sorted().toList();
        }
        assertTrue(!pngs.isEmpty(), "no PNG in CONV4J_SAMPLE_IMAGES=" + folder);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path png : pngs) {
            for (String[] k : KERNELS) {
                tests.add(DynamicTest.dynamicTest(png.getFileName() + " " + k[0], () -> {
                    BufferedImage decoded = ImageIO.read(png.toFile());
                    assertNotNull(decoded, png + " cannot be decoded");
                    compare(png.toString(), decoded, new ImageLoader().load(png), k);
                }));
            }
        }
        return tests.stream();
    }

    private static void compare(String what, BufferedImage decoded, Tensor image, String[] k) {
        Raster raster = decoded.getRaster();
        boolean plain8Bit = !(decoded.getColorModel() instanceof IndexColorModel)
                && raster.getSampleModel().getSampleSize(0) == 8
                && (raster.getNumBands() == 1 || raster.getNumBands() == 3 || raster.getNumBands() == 4);
        assumeTrue(plain8Bit, what + " is not 8-bit grey, RGB or RGBA; the plain loops read only those");
        ImageKernel kernel = KernelParser.parse(k[1]).scaled(Double.parseDouble(k[2]));
        Tensor filtered = ImageFilter.of(kernel).apply(image);
        Raster actual = ImageTensors.toImage(filtered).getRaster();

        int width = raster.getWidth();
        int height = raster.getHeight();
        int colours = raster.getNumBands() == 4 ? 3 : raster.getNumBands();
        double[][] weights = rows(kernel);
        int worst = 0;
        for (int band = 0; band < colours; band++) {
            int[][] pixels = new int[height][width];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    pixels[y][x] = raster.getSample(x, y, band);
                }
            }
            double[][] exact = correlateReplicate(pixels, weights);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    long expected = Math.round(exact[y][x]);
                    int d = (int) Math.abs(expected - actual.getSample(x, y, band));
                    worst = Math.max(worst, d);
                    double fromTie = Math.abs(exact[y][x] - Math.floor(exact[y][x]) - 0.5);
                    if (d != 0 && fromTie > TIE) {
                        assertEquals(expected, actual.getSample(x, y, band), what + " " + k[0] + ", band " + band
                                + " at " + x + "," + y + ": exact value " + exact[y][x]);
                    }
                }
            }
        }
        assertTrue(worst <= 1, what + " " + k[0] + ": largest difference " + worst + " grey levels");
        if (raster.getNumBands() == 4) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    assertEquals(raster.getSample(x, y, 3), actual.getSample(x, y, 3), "alpha at " + x + "," + y);
                }
            }
        }
    }

    /** out[y][x] = sum over r, c of w[r][c] * in[clamp(y + r - h/2)][clamp(x + c - w/2)], clamped to 0 .. 255. */
    static double[][] correlateReplicate(int[][] in, double[][] w) {
        int height = in.length;
        int width = in[0].length;
        int kh = w.length;
        int kw = w[0].length;
        double[][] out = new double[height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sum = 0;
                for (int r = 0; r < kh; r++) {
                    int yy = Math.min(height - 1, Math.max(0, y + r - kh / 2));
                    for (int c = 0; c < kw; c++) {
                        int xx = Math.min(width - 1, Math.max(0, x + c - kw / 2));
                        sum += w[r][c] * in[yy][xx];
                    }
                }
                out[y][x] = Math.min(255.0, Math.max(0.0, sum));
            }
        }
        return out;
    }

    private static double[][] rows(ImageKernel k) {
        double[][] rows = new double[k.height()][k.width()];
        for (int r = 0; r < k.height(); r++) {
            for (int c = 0; c < k.width(); c++) {
                rows[r][c] = k.get(r, c);
            }
        }
        return rows;
    }

    private static BufferedImage readResource(String name) throws IOException {
        try (InputStream in = SampleImages.class.getResourceAsStream(name + ".png")) {
            assertNotNull(in, name + ".png is not among the resources");
            return ImageIO.read(in);
        }
    }
}
