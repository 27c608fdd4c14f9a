package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GemmBlockingTest {
    private static final long K = 1024;

    @Test
    void zen5sCachesGiveTheBlocksMeasuredThere() {
        assertEquals(new GemmBlocking(256, 192 * 256, 2048), GemmBlocking.of(CacheSizes.DEFAULTS));
    }

    @Test
    void theDepthGrowsWithTheL1Data() {
        int previous = 0;
        for (long l1 : new long[] {32 * K, 48 * K, 64 * K, 96 * K}) {
            int kc = GemmBlocking.of(new CacheSizes(l1, K * K, 32 * K * K)).kc();
            assertTrue(kc > previous, l1 + " bytes: kc " + kc);
            assertEquals(0, kc % 16, l1 + " bytes: kc " + kc);
            previous = kc;
        }
    }

    @Test
    void blocksStayWithinTheirBoundsForAnyCaches() {
        GemmBlocking tiny = GemmBlocking.of(new CacheSizes(4 * K, 64 * K, 256 * K));
        assertEquals(GemmBlocking.MIN_KC, tiny.kc());
        assertTrue(tiny.aBlockFloats() >= 8 * GemmBlocking.MAX_KC);
        assertEquals(512, tiny.nc());
        GemmBlocking huge = GemmBlocking.of(new CacheSizes(4 * K * K, 256 * K * K, 4096 * K * K));
        assertEquals(GemmBlocking.MAX_KC, huge.kc());
        assertEquals(8192, huge.nc());
    }

    @Test
    void theDepthBlockDependsOnTheL1DataAlone() {
        int kc = GemmBlocking.of(new CacheSizes(32 * K, 512 * K, 8 * K * K)).kc();
        assertEquals(kc, GemmBlocking.of(new CacheSizes(32 * K, 2 * K * K, 96 * K * K)).kc());
    }
}
