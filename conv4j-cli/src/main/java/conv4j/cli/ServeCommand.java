package conv4j.cli;

import conv4j.web.LabServer;
import conv4j.web.WebSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "serve",
        description = {
            "Start the web lab, a page where you draw a digit and watch the model answer.",
            "It shows the answer layer by layer, and has a kernel playground, a training",
            "dashboard and a JSON prediction API; open the address it prints in a browser.",
            "Without --model it answers with lenet5-mnist.safetensors from this folder",
            "(what 'conv4j train' writes); if there is none it trains that model first,",
            "fetching MNIST, while the page shows the progress. Ctrl-C stops it."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  conv4j serve",
            "  conv4j serve --model resnet18-my-photos.safetensors --port 9000"})
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE",
            description = "A .safetensors file from 'conv4j train', or an .onnx file.")
    Path model;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "The port (default: ${DEFAULT-VALUE}; 0 for any free port).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = WebSettings.DEFAULT_HOST,
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only;"
                    + " 0.0.0.0 opens the lab to the network).")
    String host;

    @Option(names = "--allow-host", paramLabel = "NAME", split = ",",
            description = "Another name the lab answers to, such as this machine's DNS name or the name a reverse"
                    + " proxy passes on (repeatable). Requests naming any other host are refused, so that a web page"
                    + " cannot reach the lab through a name it controls; starting or stopping work then needs the"
                    + " token printed at start.")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The dataset cache (default: $CONV4J_DATA, else ~/.conv4j/data).")
    Path dataDir;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "" + WebSettings.DEFAULT_WAITING,
            description = "Requests that may wait for a worker; beyond them the answer is 503 (default:"
                    + " ${DEFAULT-VALUE}).")
    int queue;

    @Override
    public Integer call() throws IOException {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0 to 65535, received " + port);
        }
        if (queue < 0) {
            throw new ParameterException(spec.commandLine(), "--queue must be 0 or more, received " + queue);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WebSettings defaults = WebSettings.defaults();
        WebSettings settings = defaults.withAddress(host, port).withModel(model).withDataDir(dataDir)
                .withQueue(defaults.workers(), queue);
        try {
            settings = settings.withAllowedHosts(Set.copyOf(allowHosts));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--allow-host: " + e.getMessage());
        }
        CountDownLatch stop = new CountDownLatch(1);
        boolean interrupted = false;
        try (Interrupts ignored = new Interrupts(stop::countDown);
             LabServer server = LabServer.start(settings, main.registry(), line -> {
                 err.println("conv4j: " + line);
                 err.flush();
             })) {
            if (server.token() != null) {
                err.println("conv4j: note: listening on " + host + (allowHosts.isEmpty() ? "" : " and answering to "
                        + String.join(", ", allowHosts)) + ": anyone who can reach it can see the lab; starting or"
                        + " stopping work needs the token in the address below");
            }
            out.println("conv4j lab: " + server.uri() + "  (Ctrl-C stops it)");
            out.flush();
            try {
                stop.await();
            } catch (InterruptedException e) {
                interrupted = true; // stopped by whoever runs the command in-process; the server stops first
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        err.println("conv4j: stopped");
        err.flush();
        return Main.OK;
    }
}
