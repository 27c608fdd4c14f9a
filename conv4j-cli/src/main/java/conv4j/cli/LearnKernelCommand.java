package conv4j.cli;

import conv4j.optim.Sgd;
import conv4j.tensor.Rng;
import conv4j.tensor.Tensor;
import conv4j.vision.filters.ImageKernel;
import conv4j.vision.filters.KernelLearning;
import conv4j.vision.image.ImageMode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "learn-kernel",
        description = {
            "Learn a kernel from data by gradient descent, as in the lecture.",
            "Without --target: X is the lecture's 6 x 8 picture (white, four black columns,",
            "white), Y = corr2d(X, [[1, -1]]); a 1 x 2 conv layer without bias starts from",
            "random weights and learns [[1, -1]] by plain gradient descent (lr 0.03) on the",
            "squared error summed over pixels.",
            "With --target NAME: a 3 x 3 (or other) kernel is learned from a grey photo and",
            "the photo filtered by the true kernel (the engine's valid cross-correlation, not",
            "clamped). Both are passed through the edge kernel first, which leaves the",
            "kernel to learn unchanged (convolutions commute) but turns a long narrow valley",
            "into a round bowl; then plain gradient descent with a normalised step: the",
            "learning rate divided by a bound on the loss's curvature, so any lr in (0, 2)",
            "converges."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j learn-kernel",
            "  conv4j learn-kernel --target gaussian",
            "  conv4j learn-kernel --target top-sobel --image photo.jpg --steps 600"},
        optionListHeading = "%nOptions:%n")
final class LearnKernelCommand implements Callable<Integer> {
    private static final int DEMO_STEPS = 30;
    private static final double DEMO_LR = 3e-2;
    private static final int PHOTO_STEPS = 400;
    private static final double PHOTO_LR = 1.5;

    record Report(String problem, String input, int inputWidth, int inputHeight, String method,
                  double learningRate, boolean whitened, List<StepReport> steps, float[][] learned, double[][] truth,
                  double maxDifference) {
    }

    record StepReport(int step, double loss, float[][] kernel) {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "NAME",
            description = "Learn this named kernel ('conv4j filter --list') from a photo.")
    String target;

    @Option(names = "--kernel", paramLabel = "ROWS",
            description = "Learn this kernel from a photo, written as for 'conv4j filter --kernel'.")
    String targetText;

    @Option(names = "--image", paramLabel = "FILE",
            description = "The photo for --target, made grey (default: sample:chelsea, 256 x 170).")
    String image;

    @Option(names = "--steps", paramLabel = "N",
            description = "Gradient steps (default: " + DEMO_STEPS + ", with --target " + PHOTO_STEPS + ").")
    Integer steps;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default: " + DEMO_LR
            + "; with --target " + PHOTO_LR + ", divided by the curvature bound).")
    Double lr;

    @Option(names = "--every", paramLabel = "N",
            description = "Print every N-th step (default: 2, with --target 40).")
    Integer every;

    @Option(names = "--no-whiten", negatable = false,
            description = "With --target, learn from the photos as they are: see how slowly plain gradient"
                    + " descent goes down a narrow valley.")
    boolean noWhiten;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the random start (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object with every printed step and the result.")
    boolean json;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        boolean photo = target != null || targetText != null;
        if (!photo && (image != null || noWhiten)) {
            throw new ParameterException(cl, (image != null ? "--image" : "--no-whiten")
                    + " needs --target or --kernel");
        }
        int stepCount = steps != null ? steps : photo ? PHOTO_STEPS : DEMO_STEPS;
        double rate = lr != null ? lr : photo ? PHOTO_LR : DEMO_LR;
        int interval = every != null ? every : photo ? 40 : 2;
        if (stepCount < 0 || stepCount > 1_000_000) {
            throw new ParameterException(cl, "--steps must be 0 .. 1,000,000, received " + stepCount);
        }
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new ParameterException(cl, "--lr must be a positive number, received " + rate);
        }
        if (interval < 1) {
            throw new ParameterException(cl, "--every must be at least 1, received " + interval);
        }
        PrintWriter out = cl.getOut();
        Report report = photo ? learnFromPhoto(cl, out, stepCount, rate, interval)
                : learnDemo(out, stepCount, rate, interval);
        if (json) {
            out.println(Json.write(report));
        }
        out.flush();
        return Main.OK;
    }

    private Report learnDemo(PrintWriter out, int stepCount, double rate, int interval) {
        Tensor x = KernelLearning.edgeImage();
        Tensor k = KernelLearning.edgeKernel();
        Tensor y = KernelLearning.corr2d(x, k);
        KernelLearning learning = new KernelLearning(x, y, 1, 2, new Rng(seed));
        String method = "plain gradient descent";
        if (!json) {
            out.println("X, 6 x 8, every row:                        " + row(x, 0));
            out.println("Y = corr2d(X, [[1, -1]]), 6 x 7, every row: " + row(y, 0));
            out.println("a 1 x 2 conv layer without bias, random start (seed " + seed + "), squared error summed"
                    + " over pixels, " + method + ", lr " + ImageKernel.number(rate));
        }
        List<StepReport> printed = new ArrayList<>();
        KernelLearning.Step last = learning.run(new Sgd(learning.parameters(), rate), stepCount, interval, s -> {
            printed.add(new StepReport(s.step(), s.loss(), rows(s.kernel(), 1, 2)));
            if (!json) {
                out.println(String.format(Locale.ROOT, "step %3d  loss %-12s kernel %s", s.step(),
                        lossText(s.loss()), inline(s.kernel(), 1, 2)));
            }
        });
        double[][] truth = {{1, -1}};
        double max = maxDifference(last.kernel(), truth);
        if (!json) {
            out.println("learned " + inline(last.kernel(), 1, 2) + ", true [[1, -1]], max difference "
                    + String.format(Locale.ROOT, "%.2g", max));
        }
        return new Report("demo", "lecture 6 x 8", 8, 6, method, rate, false, printed, rows(last.kernel(), 1, 2),
                truth, max);
    }

    private Report learnFromPhoto(CommandLine cl, PrintWriter out, int stepCount, double rate, int interval) {
        KernelChoice choice = KernelChoice.resolve(cl, target, targetText, null, null, null);
        ImageKernel truth = choice.kernel();
        PictureInput input = PictureInput.load(cl, image != null ? image : "sample:chelsea", ImageMode.GREY);
        Tensor grey = input.image();
        int height = grey.dim(1);
        int width = grey.dim(2);
        boolean whiten = !noWhiten;
        // Whitening takes 2 pixels off each side, the valid convolution with the truth kernel its own border.
        int needH = truth.height() + (whiten ? 4 : 0);
        int needW = truth.width() + (whiten ? 4 : 0);
        if (height < needH || width < needW) {
            throw new IllegalArgumentException(input.label() + ": " + width + " x " + height + " pixels is too small"
                    + " to learn a " + truth.width() + " x " + truth.height() + " kernel from (at least " + needW
                    + " x " + needH + ")");
        }
        KernelLearning learning = KernelLearning.ofPhoto(grey.reshape(height, width), truth, whiten,
                new Rng(seed));
        double bound = learning.curvatureBound();
        String method = "plain gradient descent, normalised step (lr / curvature bound)";
        int kh = truth.height();
        int kw = truth.width();
        if (!json) {
            out.println("learning " + choice.label() + " (" + kw + " x " + kh + ") from " + input.label() + " ("
                    + width + " x " + height + ", grey) and its filtered version"
                    + (whiten ? ", both passed through the edge kernel" : ""));
            out.println("random start (seed " + seed + "), squared error summed over pixels, " + method + ": "
                    + ImageKernel.number(rate) + " / " + String.format(Locale.ROOT, "%.4g", bound));
        }
        List<StepReport> printed = new ArrayList<>();
        double[][] truthRows = rows(truth);
        KernelLearning.Step last = learning.run(new Sgd(learning.parameters(), rate / bound), stepCount, interval,
                s -> {
                    printed.add(new StepReport(s.step(), s.loss(), rows(s.kernel(), kh, kw)));
                    if (!json) {
                        out.println(String.format(Locale.ROOT, "step %4d  loss %-12s max difference %.3g",
                                s.step(), lossText(s.loss()), maxDifference(s.kernel(), truthRows)));
                    }
                });
        double max = maxDifference(last.kernel(), truthRows);
        if (!json) {
            printSideBySide(out, last.kernel(), truth);
            out.println("max difference " + String.format(Locale.ROOT, "%.3g", max));
        }
        return new Report(choice.label(), input.label(), width, height, method, rate, whiten, printed,
                rows(last.kernel(), kh, kw), truthRows, max);
    }

    private static void printSideBySide(PrintWriter out, float[] learned, ImageKernel truth) {
        int kh = truth.height();
        int kw = truth.width();
        String format = "  %-" + (9 * kw + 1) + "s   %s";
        out.println(String.format(Locale.ROOT, format, "learned", "true"));
        for (int r = 0; r < kh; r++) {
            StringBuilder left = new StringBuilder("[");
            StringBuilder right = new StringBuilder("[");
            for (int c = 0; c < kw; c++) {
                left.append(String.format(Locale.ROOT, c == 0 ? "%8.4f" : " %8.4f", learned[r * kw + c]));
                right.append(String.format(Locale.ROOT, c == 0 ? "%8.4f" : " %8.4f", truth.get(r, c)));
            }
            out.println(String.format(Locale.ROOT, format, left.append(']'), right.append(']')));
        }
    }

    private static String row(Tensor plane, int r) {
        StringBuilder b = new StringBuilder();
        int w = plane.dim(1);
        for (int c = 0; c < w; c++) {
            b.append(c == 0 ? "" : " ").append(ImageKernel.number(plane.get(r, c)));
        }
        return b.toString();
    }

    private static String lossText(double loss) {
        return String.format(Locale.ROOT, loss >= 1e-3 && loss < 1e5 ? "%.4f" : "%.3e", loss);
    }

    private static String inline(float[] k, int h, int w) {
        StringBuilder b = new StringBuilder("[");
        for (int r = 0; r < h; r++) {
            b.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < w; c++) {
                b.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", k[r * w + c]));
            }
            b.append(']');
        }
        return b.append(']').toString();
    }

    private static float[][] rows(float[] k, int h, int w) {
        float[][] rows = new float[h][w];
        for (int r = 0; r < h; r++) {
            System.arraycopy(k, r * w, rows[r], 0, w);
        }
        return rows;
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

    private static double maxDifference(float[] learned, double[][] truth) {
        double max = 0;
        int w = truth[0].length;
        for (int i = 0; i < learned.length; i++) {
            max = Math.max(max, Math.abs(learned[i] - truth[i / w][i % w]));
        }
        return max;
    }
}
