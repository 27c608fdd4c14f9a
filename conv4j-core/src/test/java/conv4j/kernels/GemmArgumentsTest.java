package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class GemmArgumentsTest {

    private static void assertRefused(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void negativeSizesAreRefusedByName() {
        float[] x = new float[16];
        assertRefused(() -> Gemm.sgemm(false, false, -1, 2, 2, 1f, x, 0, 2, x, 0, 2, 0f, x, 0, 2), "m=-1");
        assertRefused(() -> Gemm.sgemm(false, false, 2, -3, 2, 1f, x, 0, 2, x, 0, 2, 0f, x, 0, 2), "n=-3");
        assertRefused(() -> Gemm.sgemm(false, false, 2, 2, -4, 1f, x, 0, 2, x, 0, 2, 0f, x, 0, 2), "k=-4");
    }

    @Test
    void leadingDimensionSmallerThanWidthIsRefused() {
        float[] x = new float[64];
        // A is 3 x 4 as stored without transpose, 4 x 3 with.
        assertRefused(() -> Gemm.sgemm(false, false, 3, 2, 4, 1f, x, 0, 3, x, 0, 2, 0f, x, 0, 2), "A", "3", "4");
        assertRefused(() -> Gemm.sgemm(true, false, 3, 2, 4, 1f, x, 0, 2, x, 0, 2, 0f, x, 0, 2), "A", "2", "3");
        assertRefused(() -> Gemm.sgemm(false, true, 3, 2, 4, 1f, x, 0, 4, x, 0, 3, 0f, x, 0, 2), "B", "3", "4");
        assertRefused(() -> Gemm.sgemm(false, false, 3, 2, 4, 1f, x, 0, 4, x, 0, 2, 0f, x, 0, 1), "C", "1", "2");
    }

    @Test
    void arraysTooSmallForTheirMatricesAreRefused() {
        float[] big = new float[64];
        assertRefused(() -> Gemm.sgemm(false, false, 3, 2, 4, 1f, new float[11], 0, 4, big, 0, 2, 0f, big, 0, 2),
                "A", "11");
        assertRefused(() -> Gemm.sgemm(false, false, 3, 2, 4, 1f, big, 0, 4, new float[8], 1, 2, 0f, big, 0, 2),
                "B", "offset 1", "8");
        assertRefused(() -> Gemm.sgemm(false, false, 3, 2, 4, 1f, big, 0, 4, big, 0, 2, 0f, new float[6], 0, 3),
                "C", "stride 3", "6");
        assertRefused(() -> Gemm.sgemm(false, false, 3, 2, 4, 1f, big, -1, 4, big, 0, 2, 0f, big, 0, 2),
                "A", "offset -1");
    }
}
