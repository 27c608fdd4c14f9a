package conv4j.cli;

import conv4j.io.LoadedModel;
import conv4j.io.ModelFiles;
import conv4j.nn.Module;
import conv4j.onnx.OnnxExport;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.train.Plural;
import conv4j.vision.models.ModelEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "export",
        description = {
            "Write a conv4j model as an ONNX file that other runtimes read.",
            "ONNX Runtime, OpenVINO and TensorRT take it: opset 17, input 'input' N x C x H",
            "x W with any batch N, output 'output'. The weights keep their state_dict names;",
            "BatchNorm exports its running statistics, Dropout and auxiliary classifiers are",
            "left out (evaluation). The model is a .safetensors model file, or a zoo name for",
            "a fresh network."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j export lenet5-mnist.safetensors --out lenet5.onnx",
            "  conv4j export resnet18 --input 3x224x224 --out resnet18.onnx"})
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<model>",
            description = "A conv4j .safetensors model file, or a model name ('conv4j models' lists them).")
    String model;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The .onnx file to write.")
    Path out;

    @Option(names = "--input", paramLabel = "CxHxW", converter = SampleShapeConverter.class,
            description = "The input of one sample (default: the model file's, or the zoo model's).")
    Shape input;

    @Override
    public Integer call() throws IOException {
        OutputFiles.requireFolder(out, "--out");
        Path file = Path.of(model);
        Module network;
        Shape sample;
        if (Files.exists(file)) {
            if (ModelFiles.looksLikeOnnx(file, ModelFiles.head(file))) {
                throw new IllegalArgumentException(model + " is an ONNX file already");
            }
            LoadedModel loaded = ModelFiles.load(file);
            network = loaded.model();
            sample = input != null ? input : loaded.info().inputShape();
        } else {
            ModelEntry entry = main.registry().entry(model);
            sample = input != null ? input : entry.inputShape();
            network = main.registry().create(model, entry.classes(), sample, new Rng(0));
        }
        network.outputShape(sample.withBatch(1)); // a model that does not take the input fails here, naming the layer
        OnnxExport.write(network, sample, out);
        PrintWriter err = spec.commandLine().getErr();
        err.println(String.format(Locale.ROOT, "exported %s (%s, input N x %s) to %s (%s)", model,
                Plural.of(network.parameterCount(), "parameter"), sample, out, Plural.of(Files.size(out), "byte")));
        err.flush();
        return Main.OK;
    }
}
