package conv4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.Module;
import conv4j.tensor.Rng;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while checkpoints are being saved, many times at random moments: the checkpoint at the target path always
 * loads and is one whole save, never older than the last one announced; and the next save leaves no temporary file.
 */
class CheckpointKillTest {
    private static final int ROUNDS = 20;

    @TempDir
    Path dir;

    List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theLastGoodCheckpointSurvivesKillsAtRandomMoments() throws Exception {
        Path target = dir.resolve("run.ckpt.safetensors");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Rng rng = new Rng(20240607);
        long next = 1;
        int roundsWithATemporaryLeft = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), CheckpointSaveLoop.class.getName(),
                    target.toString(), Long.toString(next))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ended) {
                    // the child is gone
                }
            });
            reader.start();
            String first;
            try {
                first = lines.poll(30, TimeUnit.SECONDS);
                assertNotNull(first, "the child saved nothing in 30 s");
                Thread.sleep(rng.nextInt(40));
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
                reader.join(10_000);
            }
            lines.add(first);
            long announced = lines.stream().mapToLong(l -> Long.parseLong(l.substring("saved ".length())))
                    .max().orElseThrow();
            if (names().size() > 1) {
                roundsWithATemporaryLeft++;
            }
            long loaded = CheckpointSaveLoop.checkWhole(Checkpoint.load(target));
            assertTrue(loaded == announced || loaded == announced + 1, "round " + round + ": loaded checkpoint "
                    + loaded + ", last announced " + announced);
            next = loaded + 1;
        }
        Module model = CheckpointSaveLoop.model();
        Checkpoint.save(target, CheckpointSaveLoop.data(model, next));
        assertEquals(List.of("run.ckpt.safetensors"), names(), "no temporary file after the next save");
        assertEquals(next, CheckpointSaveLoop.checkWhole(Checkpoint.load(target)));
        System.out.println("checkpoint kills: " + ROUNDS + " rounds, " + roundsWithATemporaryLeft
                + " killed mid-save (a temporary file left), last checkpoint " + next);
    }
}
