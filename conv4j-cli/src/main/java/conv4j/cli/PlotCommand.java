package conv4j.cli;

import conv4j.vision.visual.EpochPoint;
import conv4j.vision.visual.MetricsFile;
import conv4j.vision.visual.TrainingCurves;
import conv4j.vision.visual.TrainingCurves.LossAxis;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "plot",
        description = {
            "Draw the training curves of a metrics log as one PNG.",
            "The log is what 'conv4j train --metrics FILE' writes. The loss per epoch is on",
            "the left, the accuracy on the right, training and validation: the images held",
            "out of a folder, its val/, or a test set such as MNIST's, named as the log says.",
            "A log that holds several runs shows the latest; a resumed run, all its epochs."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j plot metrics.jsonl --out curves.png"})
final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<metrics.jsonl>", description = "The metrics log of a training run.")
    Path metrics;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The PNG to write, e.g. curves.png.")
    Path out;

    @Option(names = "--width", paramLabel = "PIXELS", defaultValue = "" + TrainingPlot.WIDTH,
            description = "Width of the picture (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", paramLabel = "PIXELS", defaultValue = "" + TrainingPlot.HEIGHT,
            description = "Height of the picture (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--validation-name", paramLabel = "NAME",
            description = "What the validation line is called (default: what the log says the run measured, "
                    + "test or validation; " + TrainingPlot.VALIDATION + " for a log that does not say).")
    String validationName;

    @Option(names = "--log-y", description = "Draw the loss on a log scale, each power of ten the same height: a "
            + "spike of one epoch then leaves the other epochs' losses apart.")
    boolean logY;

    @Override
    public Integer call() throws IOException {
        if (width < TrainingCurves.MIN_WIDTH || width > TrainingCurves.MAX_SIDE
                || height < TrainingCurves.MIN_HEIGHT || height > TrainingCurves.MAX_SIDE) {
            throw new ParameterException(spec.commandLine(), "--width must be " + TrainingCurves.MIN_WIDTH + " .. "
                    + TrainingCurves.MAX_SIDE + " and --height " + TrainingCurves.MIN_HEIGHT + " .. "
                    + TrainingCurves.MAX_SIDE + ", received " + width + " x " + height);
        }
        MetricsFile.Log log = MetricsFile.readLog(metrics);
        List<EpochPoint> epochs = log.epochs();
        String name = Printable.of(validationName != null ? validationName
                : log.validationData() != null ? log.validationData() : TrainingPlot.VALIDATION);
        LossAxis axis = logY ? LossAxis.LOG : LossAxis.LINEAR;
        TrainingPlot.write(epochs, width, height, name, axis, out);
        PrintWriter o = spec.commandLine().getOut();
        o.println(out + ": " + TrainingPlot.described(name, axis, epochs.size()) + " (" + epochs.get(0).epoch()
                + " .. " + epochs.get(epochs.size() - 1).epoch() + ")");
        o.flush();
        String spike = logY ? null : TrainingPlot.spikeNote(epochs, name);
        if (spike != null) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("conv4j: note: " + spike);
            err.flush();
        }
        return Main.OK;
    }
}
