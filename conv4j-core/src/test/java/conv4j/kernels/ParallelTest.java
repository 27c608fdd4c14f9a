package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void theThreadCountIsTheSettingElseOnePerCore() {
        assertEquals(6, Parallel.threads(null, 6));
        assertEquals(6, Parallel.threads(" ", 6));
        assertEquals(3, Parallel.threads("3", 6));
        assertEquals(12, Parallel.threads(" 12 ", 6));
    }

    @Test
    void aSettingThatIsNoPositiveWholeNumberNamesTheVariableAndTheValue() {
        for (String bad : List.of("abc", "0", "-2", "1.5", "4 threads", "99999999999")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.threads(bad, 6));
            assertEquals("CONV4J_THREADS must be a positive whole number of worker threads (unset: one per core, 6 "
                    + "here), received '" + bad + "'", e.getMessage());
        }
    }
}
