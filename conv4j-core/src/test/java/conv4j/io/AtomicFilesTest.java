package conv4j.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    static AtomicFiles.Content text(String s) {
        return channel -> channel.write(ByteBuffer.wrap(s.getBytes(UTF_8)));
    }

    List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path target = dir.resolve("m.safetensors");
        AtomicFiles.write(target, text("old"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, channel -> {
            channel.write(ByteBuffer.wrap("half of the new".getBytes(UTF_8)));
            throw new IOException("No space left on device");
        }));
        assertEquals("cannot write " + target + ": No space left on device", e.getMessage(), "the file is named");
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("m.safetensors"), names());
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, channel -> {
            throw new IllegalStateException("bug");
        }));
        assertEquals(List.of("m.safetensors"), names());
    }

    @Test
    void aStaleTemporaryIsRemovedByTheNextWriteAndOthersAreKept() throws IOException {
        Path target = dir.resolve("m.safetensors");
        Files.writeString(dir.resolve(".m.safetensors.tmp-0123456789abcdef"), "left by a killed writer");
        Files.writeString(dir.resolve(".m.safetensors.tmp-notes"), "not a temporary of ours");
        Files.writeString(dir.resolve(".other.safetensors.tmp-0123456789abcdef"), "another target's");
        AtomicFiles.write(target, text("new"));
        assertEquals(List.of(".m.safetensors.tmp-notes", ".other.safetensors.tmp-0123456789abcdef", "m.safetensors"),
                names());
        assertEquals("new", Files.readString(target));
    }

    @Test
    void aTemporaryInUseByAnotherWriterIsLeftAlone() throws Exception {
        Path target = dir.resolve("m.safetensors");
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> slow = pool.submit(() -> {
                AtomicFiles.write(target, channel -> {
                    channel.write(ByteBuffer.wrap("slow".getBytes(UTF_8)));
                    writing.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                });
                return null;
            });
            assertTrue(writing.await(10, TimeUnit.SECONDS));
            AtomicFiles.write(target, text("fast"));
            assertEquals("fast", Files.readString(target));
            release.countDown();
            slow.get(10, TimeUnit.SECONDS); // its temporary survived the other write, so its rename worked
            assertEquals("slow", Files.readString(target));
            assertEquals(List.of("m.safetensors"), names());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aMissingFolderOrAFolderAsTargetIsAClearError() throws IOException {
        Path missing = dir.resolve("absent/m.safetensors");
        assertEquals("cannot write " + missing + ": folder " + dir.resolve("absent") + " does not exist",
                assertThrows(IOException.class, () -> AtomicFiles.write(missing, text("x"))).getMessage());
        Path folder = Files.createDirectory(dir.resolve("m.safetensors"));
        assertEquals("cannot write " + folder + ": it is a folder",
                assertThrows(IOException.class, () -> AtomicFiles.write(folder, text("x"))).getMessage());
    }
}
