package conv4j.cli;

import conv4j.tensor.Shape;
import conv4j.vision.models.ModelEntry;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "models",
        description = "List the models of the zoo with their input shape and number of classes.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j models",
            "  conv4j models --json"})
final class ModelsCommand implements Callable<Integer> {

    record Listing(String name, String description, Shape input, int classes) {
    }

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Override
    public Integer call() {
        List<Listing> listings = new ArrayList<>();
        for (Map.Entry<String, ModelEntry> e : main.registry().entries().entrySet()) {
            ModelEntry m = e.getValue();
            listings.add(new Listing(e.getKey(), m.description(), m.inputShape(), m.classes()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(listings));
        } else if (listings.isEmpty()) {
            out.println("No models are registered.");
        } else {
            printTable(out, listings);
        }
        out.flush();
        return Main.OK;
    }

    private static void printTable(PrintWriter out, List<Listing> listings) {
        int nameWidth = "Model".length();
        int inputWidth = "Input".length();
        for (Listing l : listings) {
            nameWidth = Math.max(nameWidth, l.name().length());
            inputWidth = Math.max(inputWidth, l.input().toString().length());
        }
        String format = "%-" + nameWidth + "s  %-" + inputWidth + "s  %7s  %s%n";
        out.printf(format, "Model", "Input", "Classes", "Description");
        for (Listing l : listings) {
            out.printf(format, l.name(), l.input(), l.classes(), l.description());
        }
    }
}
