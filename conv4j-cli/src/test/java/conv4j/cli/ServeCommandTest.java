package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.io.ModelFile;
import conv4j.io.ModelInfo;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.vision.data.MnistVariant;
import conv4j.vision.models.Models;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
    @TempDir
    Path dir;

    private Path model() throws IOException {
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(file, Models.create("lenet5", new Rng(1)),
                ModelInfo.of("lenet5", Shape.of(1, 28, 28), MnistVariant.MNIST.classNames()));
        return file;
    }

    @Test
    void servesTheLabUntilStopped() throws Exception {
        CommandLine cl = Main.commandLine(Models.registry());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        AtomicInteger code = new AtomicInteger(-1);
        String file = model().toString();
        Thread serving = new Thread(() -> code.set(cl.execute("serve", "--model", file, "--port", "0")));
        serving.start();
        Pattern address = Pattern.compile("conv4j lab: (http://127\\.0\\.0\\.1:\\d+/)");
        long deadline = System.nanoTime() + 60_000_000_000L;
        Matcher m = address.matcher("");
        while (System.nanoTime() < deadline && serving.isAlive() && !(m = address.matcher(out.toString())).find()) {
            Thread.sleep(20);
        }
        assertTrue(m.find(0), "out: " + out + " err: " + err);
        HttpResponse<String> models = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(m.group(1) + "api/models")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, models.statusCode());
        assertTrue(models.body().contains("\"defaultModel\":\"m\""), models.body());

        serving.interrupt();
        serving.join(30_000);
        assertEquals(0, code.get(), err.toString());
        assertTrue(err.toString().contains("conv4j: stopped"), err.toString());
    }

    @Test
    void aModelFileThatCannotBeReadIsOneLine() {
        CliRun run = CliRun.of("serve", "--model", dir.resolve("missing.safetensors").toString(), "--port", "0");
        assertEquals(1, run.exitCode());
        assertTrue(run.errorLine().contains("missing.safetensors"), run.err());
    }

    @Test
    void aPortInUseIsOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("serve", "--model", model().toString(), "--port",
                    Integer.toString(taken.getLocalPort()));
            assertEquals(1, run.exitCode(), run.err());
            assertTrue(run.errorLine().startsWith("conv4j: cannot listen on 127.0.0.1:" + taken.getLocalPort()),
                    run.err());
        }
    }

    @Test
    void badOptionsAreUsageErrors() {
        CliRun run = CliRun.of("serve", "--port", "70000");
        assertEquals(2, run.exitCode());
        assertTrue(run.errorLine().contains("--port must be 0 to 65535, received 70000"), run.err());
        CliRun host = CliRun.of("serve", "--port", "0", "--allow-host", "lab.example.org,http://x/");
        assertEquals(2, host.exitCode());
        assertTrue(host.errorLine().contains("--allow-host: an allowed host must be a name or address such as"
                + " lab.example.org, received 'http://x/'"), host.err());
    }
}
