package conv4j.bench;

import conv4j.io.ModelFile;
import conv4j.io.ModelInfo;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.vision.data.MnistVariant;
import conv4j.vision.models.Models;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/**
 * Load on the lab's prediction API from this machine: {@code clients} threads, each sending one request after another
 * for {@code seconds}, a drawn digit as a 280 x 280 PNG (what the lab's page sends). Prints requests per second, the
 * median and 99th-percentile latency and the answers that were not 200, by status.
 *
 * <pre>
 * ServeLoad URL CLIENTS SECONDS        e.g. http://127.0.0.1:8080/api/predict 8 10
 * ServeLoad --write-model FILE         a LeNet-5 with random weights, for a server to answer with
 * </pre>
 */
public final class ServeLoad {
    private ServeLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--write-model")) {
            ModelFile.save(Path.of(args[1]), Models.create("lenet5", new Rng(1)),
                    ModelInfo.of("lenet5", Shape.of(1, 28, 28), MnistVariant.MNIST.classNames()));
            return;
        }
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ServeLoad URL CLIENTS SECONDS | --write-model FILE");
        }
        URI uri = URI.create(args[0]);
        int clients = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        byte[] png = digit();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(png)).build();

        long[] end = new long[1];
        List<long[]> latencies = new ArrayList<>();
        Map<Integer, AtomicLong> statuses = new TreeMap<>();
        AtomicLong failures = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[1 << 18]; // [0]: the count; then each answer's latency
            latencies.add(mine);
            int slot = c;
            Thread t = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < end[0] && n < mine.length - 1) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        synchronized (statuses) {
                            statuses.computeIfAbsent(r.statusCode(), k -> new AtomicLong()).incrementAndGet();
                        }
                        if (r.statusCode() == 200) {
                            mine[++n] = System.nanoTime() - start;
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                mine[0] = n;
            }, "client-" + slot);
            threads.add(t);
        }
        long started = System.nanoTime();
        end[0] = started + (long) (seconds * 1e9);
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - started) * 1e-9;
        int total = 0;
        for (long[] l : latencies) {
            total += (int) l[0];
        }
        long[] all = new long[total];
        int at = 0;
        for (long[] l : latencies) {
            System.arraycopy(l, 1, all, at, (int) l[0]);
            at += (int) l[0];
        }
        Arrays.sort(all);
        long errors = failures.get();
        StringBuilder refused = new StringBuilder();
        for (Map.Entry<Integer, AtomicLong> e : statuses.entrySet()) {
            if (e.getKey() != 200) {
                errors += e.getValue().get();
                refused.append(refused.length() == 0 ? " (" : ", ").append(e.getKey()).append(": ")
                        .append(e.getValue().get());
            }
        }
        if (failures.get() > 0) {
            refused.append(refused.length() == 0 ? " (" : ", ").append("no answer: ").append(failures.get());
        }
        if (refused.length() > 0) {
            refused.append(')');
        }
        System.out.println(String.format(Locale.ROOT,
                "serve: %3d clients, %4.1f s: %7.0f requests/s, p50 %6.2f ms, p99 %6.2f ms, errors %d%s",
                clients, elapsed, total / elapsed, percentile(all, 0.50), percentile(all, 0.99), errors, refused));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** A "7" drawn with a round pen on a white 280 x 280 field, as the lab's pad makes it. */
    private static byte[] digit() throws IOException {
        BufferedImage image = new BufferedImage(280, 280, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 280, 280);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(18, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawPolyline(new int[] {80, 200, 110}, new int[] {60, 60, 230}, 3);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
