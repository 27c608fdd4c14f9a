package conv4j.vision.visual;

import conv4j.vision.image.PngWriter;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves as one picture, drawn with XChart: the loss per epoch on the left and the accuracy (in percent) on
 * the right, each with the training and the validation line. A figure that is missing (NaN) leaves a gap in its
 * line; a line with no figures at all is left out. Drawing needs no screen: XChart paints into a
 * {@link BufferedImage}.
 */
public final class TrainingCurves {
    public static final int MIN_WIDTH = 300;
    public static final int MIN_HEIGHT = 150;
    public static final int MAX_SIDE = 10_000;

    private static final Color TRAIN = new Color(31, 119, 180);
    private static final Color VALIDATION = new Color(230, 120, 20);

    /**
     * How the loss is laid out up the left chart. On a log scale every power of ten is the same height, so a spike of
     * the validation loss (173 after a first epoch) leaves the fall of the training loss from 1 to 0.01 visible.
     */
    public enum LossAxis { LINEAR, LOG }

    private final String validationName;
    private final LossAxis lossAxis;

    /** {@code validationName}: what the validation line is called in the legends, e.g. "test" for a test set. */
    public TrainingCurves(String validationName) {
        this(validationName, LossAxis.LINEAR);
    }

    public TrainingCurves(String validationName, LossAxis lossAxis) {
        this.validationName = Objects.requireNonNull(validationName, "validationName");
        this.lossAxis = Objects.requireNonNull(lossAxis, "lossAxis");
    }

    public TrainingCurves() {
        this("validation");
    }

    public BufferedImage render(List<EpochPoint> epochs, int width, int height) {
        List<XYChart> charts = charts(epochs, width, height);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(BitmapEncoder.getBufferedImage(charts.get(0)), 0, 0, null);
            g.drawImage(BitmapEncoder.getBufferedImage(charts.get(1)), width / 2, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The two charts, loss and accuracy, side by side in a picture of {@code width} x {@code height}. */
    List<XYChart> charts(List<EpochPoint> epochs, int width, int height) {
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("training curves need at least one epoch");
        }
        if (width < MIN_WIDTH || height < MIN_HEIGHT || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("a chart must be " + MIN_WIDTH + " .. " + MAX_SIDE + " pixels wide and "
                    + MIN_HEIGHT + " .. " + MAX_SIDE + " high, received " + width + " x " + height);
        }
        int left = width / 2;
        // Loss falls and accuracy rises: the legends go in the corners the curves usually leave free.
        boolean log = lossAxis == LossAxis.LOG;
        XYChart loss = chart("loss", log ? "loss (log scale)" : "loss", epochs, left, height, EpochPoint::trainLoss,
                EpochPoint::validationLoss, 1, log, Styler.LegendPosition.InsideNE);
        XYChart accuracy = chart("accuracy", "accuracy (%)", epochs, width - left, height,
                EpochPoint::trainAccuracy, EpochPoint::validationAccuracy, 100, false, Styler.LegendPosition.InsideSE);
        return List.of(loss, accuracy);
    }

    /** Renders and writes a PNG atomically. */
    public void write(List<EpochPoint> epochs, int width, int height, Path file) {
        PngWriter.write(render(epochs, width, height), file);
    }

    private XYChart chart(String title, String yTitle, List<EpochPoint> epochs, int width, int height,
            ToDoubleFunction<EpochPoint> train, ToDoubleFunction<EpochPoint> validation, double factor, boolean log,
            Styler.LegendPosition legend) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        Styler s = chart.getStyler();
        chart.getStyler().setChartBackgroundColor(Color.WHITE).setPlotBackgroundColor(Color.WHITE)
                .setPlotBorderColor(new Color(180, 180, 180)).setChartTitleBoxVisible(false)
                .setLegendPosition(legend).setLegendBorderColor(new Color(200, 200, 200))
                .setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setAntiAlias(true);
        int last = epochs.get(epochs.size() - 1).epoch();
        int first = epochs.get(0).epoch();
        chart.getStyler().setYAxisDecimalPattern("0.###").setXAxisMin((double) first).setXAxisMax((double) Math.max(last, first + 1))
                // Epochs are whole: ticks between them stay unlabelled.
                .setxAxisTickLabelsFormattingFunction(x -> x == Math.rint(x) ? Long.toString(Math.round(x)) : "");
        boolean any = add(chart, "train", TRAIN, epochs, train, factor, log);
        any |= add(chart, validationName, VALIDATION, epochs, validation, factor, log);
        if (any && log) {
            chart.getStyler().setYAxisLogarithmic(true);
        }
        if (!any) {
            chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
            chart.setTitle(title + " (no figures)");
        }
        return chart;
    }

    /** A line of the finite figures (positive ones on a log axis); false if there are none. Others become gaps. */
    private static boolean add(XYChart chart, String name, Color colour, List<EpochPoint> epochs,
            ToDoubleFunction<EpochPoint> figure, double factor, boolean log) {
        double[] x = new double[epochs.size()];
        double[] y = new double[epochs.size()];
        boolean any = false;
        for (int i = 0; i < x.length; i++) {
            EpochPoint p = epochs.get(i);
            x[i] = p.epoch();
            double v = figure.applyAsDouble(p);
            boolean shown = Double.isFinite(v) && (!log || v > 0);
            y[i] = shown ? v * factor : Double.NaN;
            any |= shown;
        }
        if (!any) {
            return false;
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setMarker(SeriesMarkers.CIRCLE);
        return true;
    }
}
