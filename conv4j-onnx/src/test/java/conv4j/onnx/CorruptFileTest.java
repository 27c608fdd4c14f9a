package conv4j.onnx;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged copies of a valid file, the way files arrive truncated or with flipped bits: each must read, or fail with
 * an {@link OnnxFormatException}, and never with an index, argument or memory error from inside the reader.
 */
class CorruptFileTest {
    private static final int COPIES = 3000;

    private static void assertReadsOrIsRejected(byte[] file, String damage) {
        try {
            OnnxReader.read(file);
        } catch (OnnxFormatException expected) {
            // the one failure a damaged file may cause
        } catch (RuntimeException | OutOfMemoryError e) {
            fail(damage + " gave " + e, e);
        }
    }

    @Test
    void damagedFilesReadOrFailWithAFormatError() {
        byte[] valid = OnnxWriter.toBytes(OnnxRoundTripTest.everyField());
        Random rng = new Random(42);
        for (int k = 0; k < COPIES; k++) {
            byte[] damaged = valid.clone();
            int at = rng.nextInt(valid.length);
            String damage;
            switch (k % 3) {
                case 0 -> {
                    damaged[at] ^= (byte) (1 << rng.nextInt(8));
                    damage = "a flipped bit at byte " + at;
                }
                case 1 -> {
                    damaged[at] = (byte) rng.nextInt(256);
                    damage = "a random byte at " + at;
                }
                default -> {
                    damaged = Arrays.copyOf(valid, at);
                    damage = "truncation to " + at + " bytes";
                }
            }
            assertReadsOrIsRejected(damaged, damage);
        }
    }

    @Test
    void everyTruncationReadsOrFailsWithAFormatError() {
        byte[] valid = OnnxWriter.toBytes(OnnxRoundTripTest.everyField());
        for (int n = 0; n < valid.length; n++) {
            assertReadsOrIsRejected(Arrays.copyOf(valid, n), "truncation to " + n + " bytes");
        }
    }
}
