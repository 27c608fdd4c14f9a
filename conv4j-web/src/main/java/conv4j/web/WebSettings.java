package conv4j.web;

import conv4j.vision.training.TrainingPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the lab's server runs. {@code model}: the model file to answer with (null: {@code defaultModel} if it exists,
 * else one is trained on {@code labDataset} with {@code labPlan} and saved there). {@code dataDir}: the dataset cache
 * (null: {@code CONV4J_DATA}, else {@code ~/.conv4j/data}). Limits: {@code maxBodyBytes} per request body,
 * {@code maxPixels} per decoded picture, {@code workers} requests worked on at once and {@code waiting} more in the
 * queue (beyond them, 503 with Retry-After), {@code idleTimeout} for a connection on which nothing arrives,
 * {@code uploads} bodies read at once (beyond them, 503) and {@code bodyDeadline} for the whole of a body.
 * {@code allowedHosts}: names the lab answers to beside the address it listens on (a DNS name of this machine, the
 * name a reverse proxy passes on); requests with any other Host are refused.
 */
public record WebSettings(String host, int port, Path model, Path defaultModel, Path dataDir, String labDataset,
                          TrainingPlan labPlan, long maxBodyBytes, long maxPixels, int workers, int waiting,
                          Duration idleTimeout, int retryAfterSeconds, int uploads, Duration bodyDeadline,
                          Set<String> allowedHosts) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** Where {@code conv4j train} leaves LeNet-5 trained on MNIST, in the working folder. */
    public static final Path DEFAULT_MODEL = Path.of("lenet5-mnist.safetensors");
    public static final long DEFAULT_MAX_BODY_BYTES = 5L * 1024 * 1024;
    /** Twelve megapixels: a phone's photo of a digit passes, a decompression bomb does not. */
    public static final long DEFAULT_MAX_PIXELS = 12_000_000L;
    public static final int DEFAULT_WAITING = 32;
    /**
     * Bodies read at once; beyond them, 503. Each read holds one of Jetty's threads until its last byte: on a
     * 2-core machine 60 clients sending a byte every 3 s held 60 of the pool's 68; 16 leave the rest for the pages,
     * the event streams and the requests without a body.
     */
    public static final int DEFAULT_UPLOADS = 16;
    /** The longest a body may take to arrive: 5 MB in 60 s is 85 kB/s, a slow phone connection's rate. */
    public static final Duration DEFAULT_BODY_DEADLINE = Duration.ofSeconds(60);

    public WebSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(defaultModel, "defaultModel");
        Objects.requireNonNull(labDataset, "labDataset");
        Objects.requireNonNull(labPlan, "labPlan");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(bodyDeadline, "bodyDeadline");
        allowedHosts = Set.copyOf(allowedHosts);
        for (String name : allowedHosts) {
            if (name.isBlank() || !name.strip().matches("[A-Za-z0-9._:\\[\\]-]+")) {
                throw new IllegalArgumentException("an allowed host must be a name or address such as lab.example.org,"
                        + " received '" + name + "'");
            }
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("the host is empty; give an address such as 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the port must be 0 (any free port) to 65535, received " + port);
        }
        if (maxBodyBytes < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("the body and pixel limits must be positive, received "
                    + maxBodyBytes + " and " + maxPixels);
        }
        if (workers < 1 || waiting < 0) {
            throw new IllegalArgumentException("the queue needs at least 1 worker and 0 or more places, received "
                    + workers + " and " + waiting);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive, received " + idleTimeout);
        }
        if (uploads < 1 || bodyDeadline.isNegative() || bodyDeadline.isZero()) {
            throw new IllegalArgumentException("the lab needs at least 1 upload at a time and a positive body"
                    + " deadline, received " + uploads + " and " + bodyDeadline);
        }
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("Retry-After must be at least 1 s, received " + retryAfterSeconds);
        }
    }

    /** Loopback on port 8080, the default model, 5 MB bodies, 12 MP pictures, one worker a core, 30 s idle timeout. */
    public static WebSettings defaults() {
        return new WebSettings(DEFAULT_HOST, DEFAULT_PORT, null, DEFAULT_MODEL, null, "mnist",
                TrainingPlan.defaults(), DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_PIXELS,
                Runtime.getRuntime().availableProcessors(), DEFAULT_WAITING, Duration.ofSeconds(30), 1, DEFAULT_UPLOADS,
                DEFAULT_BODY_DEADLINE, Set.of());
    }

    public WebSettings withAddress(String host, int port) {
        return new WebSettings(host, port, model, defaultModel, dataDir, labDataset, labPlan, maxBodyBytes, maxPixels,
                workers, waiting, idleTimeout, retryAfterSeconds, uploads, bodyDeadline, allowedHosts);
    }

    public WebSettings withModel(Path model) {
        return new WebSettings(host, port, model, defaultModel, dataDir, labDataset, labPlan, maxBodyBytes, maxPixels,
                workers, waiting, idleTimeout, retryAfterSeconds, uploads, bodyDeadline, allowedHosts);
    }

    /** Where the lab looks for its model, and saves the one it trains, when none is given. */
    public WebSettings withDefaultModel(Path defaultModel) {
        return new WebSettings(host, port, model, defaultModel, dataDir, labDataset, labPlan, maxBodyBytes, maxPixels,
                workers, waiting, idleTimeout, retryAfterSeconds, uploads, bodyDeadline, allowedHosts);
    }

    public WebSettings withDataDir(Path dataDir) {
        return new WebSettings(host, port, model, defaultModel, dataDir, labDataset, labPlan, maxBodyBytes, maxPixels,
                workers, waiting, idleTimeout, retryAfterSeconds, uploads, bodyDeadline, allowedHosts);
    }

    /** What the lab trains without a model: {@code plan} on the dataset named (a standard one or a cache folder). */
    public WebSettings withLabTraining(String dataset, TrainingPlan plan) {
        return new WebSettings(host, port, model, defaultModel, dataDir, dataset, plan, maxBodyBytes, maxPixels,
                workers, waiting, idleTimeout, retryAfterSeconds, uploads, bodyDeadline, allowedHosts);
    }

    public WebSettings withLimits(long maxBodyBytes, long maxPixels) {
        return new WebSettings(host, port, model, defaultModel, dataDir, labDataset, labPlan, maxBodyBytes, maxPixels,
                workers, waiting, idleTimeout, retryAfterSeconds, uploads, bodyDeadline, allowedHosts);
    }

    public WebSettings withQueue(int workers, int waiting) {
        return new WebSettings(host, port, model, defaultModel, dataDir, labDataset, labPlan, maxBodyBytes, maxPixels,
                workers, waiting, idleTimeout, retryAfterSeconds, uploads, bodyDeadline, allowedHosts);
    }

    public WebSettings withIdleTimeout(Duration idleTimeout) {
        return new WebSettings(host, port, model, defaultModel, dataDir, labDataset, labPlan, maxBodyBytes, maxPixels,
                workers, waiting, idleTimeout, retryAfterSeconds, uploads, bodyDeadline, allowedHosts);
    }

    /** At most {@code uploads} bodies read at once, each within {@code bodyDeadline}. */
    public WebSettings withUploads(int uploads, Duration bodyDeadline) {
        return new WebSettings(host, port, model, defaultModel, dataDir, labDataset, labPlan, maxBodyBytes, maxPixels,
                workers, waiting, idleTimeout, retryAfterSeconds, uploads, bodyDeadline, allowedHosts);
    }

    /** Names the lab answers to beside the address it listens on, e.g. {@code lab.example.org}. */
    public WebSettings withAllowedHosts(Set<String> allowedHosts) {
        return new WebSettings(host, port, model, defaultModel, dataDir, labDataset, labPlan, maxBodyBytes, maxPixels,
                workers, waiting, idleTimeout, retryAfterSeconds, uploads, bodyDeadline, allowedHosts);
    }
}
