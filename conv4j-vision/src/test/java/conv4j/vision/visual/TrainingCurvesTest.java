package conv4j.vision.visual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCurvesTest {
    @TempDir
    Path dir;

    private static final List<EpochPoint> THREE = List.of(new EpochPoint(1, 0.6, 0.82, 0.3, 0.91),
            new EpochPoint(2, 0.25, 0.93, 0.15, 0.95), new EpochPoint(3, 0.12, 0.96, 0.1, 0.97));

    /** Pixels whose colour is far from grey: the curves and their markers, not text, axes or grid. */
    private static int coloured(BufferedImage image, int fromX, int toX) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = fromX; x < toX; x++) {
                int p = image.getRGB(x, y);
                int r = p >> 16 & 0xff;
                int g = p >> 8 & 0xff;
                int b = p & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void writesAPictureOfTheRequestedSizeWithCurvesInBothPanels() throws Exception {
        Path file = dir.resolve("curves.png");
        new TrainingCurves("test").write(THREE, 800, 300, file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(300, image.getHeight());
        assertTrue(coloured(image, 0, 400) > 300, "loss panel: " + coloured(image, 0, 400));
        assertTrue(coloured(image, 400, 800) > 300, "accuracy panel: " + coloured(image, 400, 800));
    }

    @Test
    void theLegendsNameTheValidationDataAsTold() {
        for (String name : List.of("validation", "test")) {
            List<XYChart> charts = new TrainingCurves(name).charts(THREE, 800, 300);
            assertEquals(2, charts.size());
            for (XYChart chart : charts) {
                assertEquals(List.of("train", name), List.copyOf(chart.getSeriesMap().keySet()));
            }
        }
        assertEquals(List.of("train", "validation"), List.copyOf(new TrainingCurves().charts(THREE, 800, 300).get(0)
                .getSeriesMap().keySet()));
    }

    /** A run whose validation loss spikes to 173 after the first epoch, while the training loss falls to 0.02. */
    private static final List<EpochPoint> SPIKE = List.of(new EpochPoint(1, 1.1, 0.6, 173, 0.3),
            new EpochPoint(2, 0.3, 0.9, 0.4, 0.88), new EpochPoint(3, 0.08, 0.97, 0.1, 0.96),
            new EpochPoint(4, 0.02, 0.99, 0.06, 0.98));

    /** Screen heights of values on a chart that has been painted, top down. */
    private static double[] screenY(XYChart chart, double... values) {
        BitmapEncoder.getBufferedImage(chart); // lays the axes out
        double[] y = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            y[i] = chart.getScreenYFromChart(values[i]);
        }
        return y;
    }

    @Test
    void aLogLossAxisPutsEveryPowerOfTenTheSameHeightApart() {
        XYChart log = new TrainingCurves("validation", TrainingCurves.LossAxis.LOG).charts(SPIKE, 800, 300).get(0);
        assertTrue(log.getStyler().isYAxisLogarithmic());
        double[] y = screenY(log, 0.01, 0.1, 1, 10, 100);
        double decade = y[0] - y[1];
        assertTrue(decade > 20, "a power of ten is " + decade + " pixels");
        for (int i = 1; i < 4; i++) {
            assertEquals(decade, y[i] - y[i + 1], 1.0, "from 10^" + (i - 2) + " to 10^" + (i - 1));
        }
        assertEquals("loss (log scale)", log.getYAxisTitle());

        // on the linear axis the spike leaves 0.01 .. 1 a sliver: the first step is the same height as the others
        XYChart linear = new TrainingCurves("validation").charts(SPIKE, 800, 300).get(0);
        double[] l = screenY(linear, 0.01, 0.1, 1, 10, 100);
        assertTrue((l[2] - l[3]) > 5 * (l[0] - l[2]), java.util.Arrays.toString(l));
        // the accuracy keeps its linear axis
        XYChart accuracy = new TrainingCurves("validation", TrainingCurves.LossAxis.LOG).charts(SPIKE, 800, 300)
                .get(1);
        double[] a = screenY(accuracy, 20, 40, 60);
        assertEquals(a[0] - a[1], a[1] - a[2], 1.0);
    }

    @Test
    void aLossOfZeroLeavesAGapOnALogAxis() {
        List<EpochPoint> zero = List.of(new EpochPoint(1, 0.5, 0.8, 0.4, 0.85), new EpochPoint(2, 0.0, 1.0, 0.3, 0.9));
        BufferedImage image = new TrainingCurves("validation", TrainingCurves.LossAxis.LOG).render(zero, 400, 200);
        assertTrue(coloured(image, 0, 200) > 20);
    }

    @Test
    void oneEpochAndNoValidationStillDraw() {
        BufferedImage image = new TrainingCurves().render(
                List.of(new EpochPoint(1, 0.4, 0.9, Double.NaN, Double.NaN)), 400, 200);
        assertEquals(400, image.getWidth());
        assertTrue(coloured(image, 0, 400) > 20);
    }

    @Test
    void anEpochWithNoFiguresDrawsEmptyPanels() {
        BufferedImage image = new TrainingCurves().render(
                List.of(new EpochPoint(1, Double.NaN, Double.NaN, Double.NaN, Double.NaN)), 400, 200);
        assertEquals(200, image.getHeight());
    }

    @Test
    void sizesOutOfRangeAreRefused() {
        TrainingCurves curves = new TrainingCurves();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> curves.render(THREE, 10, 300));
        assertTrue(e.getMessage().contains("received 10 x 300"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> curves.render(List.of(), 800, 300));
    }

    @Test
    void aMissingFolderLeavesNoFile() {
        Path file = dir.resolve("missing/curves.png");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingCurves().write(THREE, 800, 300, file));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("missing")));
    }
}
