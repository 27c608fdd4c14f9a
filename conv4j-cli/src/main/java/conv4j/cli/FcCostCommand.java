package conv4j.cli;

import conv4j.nn.FullyConnectedCost;
import conv4j.tensor.Shape;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fc-cost",
        description = {
            "Show what one fully connected hidden layer would cost on an input of any size.",
            "The lecture's case against fully connected networks on images: a 12 MP RGB",
            "photo is 3x3000x4000."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j fc-cost 3x3000x4000",
            "  conv4j fc-cost 1x28x28 --hidden 1000"})
final class FcCostCommand implements Callable<Integer> {

    record Report(Shape input, int hiddenUnits, long inputValues, long weights, long biases, long weightBytes) {
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CxHxW", converter = SampleShapeConverter.class,
            description = "One input's shape, e.g. 3x3000x4000.")
    Shape input;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "100",
            description = "Neurons in the hidden layer (default: ${DEFAULT-VALUE}, the lecture's).")
    int hidden;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        if (hidden < 1) {
            throw new ParameterException(spec.commandLine(), "--hidden must be at least 1, received " + hidden);
        }
        FullyConnectedCost cost = new FullyConnectedCost(input, hidden);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(new Report(input, hidden, cost.inputValues(), cost.weights(), cost.biases(),
                    cost.weightBytes())));
        } else {
            out.println(cost.describe());
        }
        out.flush();
        return Main.OK;
    }
}
