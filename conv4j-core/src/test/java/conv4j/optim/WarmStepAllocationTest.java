package conv4j.optim;

import static conv4j.optim.TestParams.param;
import static conv4j.optim.TestParams.setGrad;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import conv4j.nn.Param;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmStepAllocationTest {

    @Test
    void warmStepsAllocateNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "needs HotSpot's per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        Param weight = param(new float[1000], 1.0);
        Param bias = param(new float[10], 0.0);
        Param frozen = param(new float[10], 1.0); // never gets a gradient
        setGrad(weight, new float[1000]);
        setGrad(bias, new float[10]);
        List<Param> ps = List.of(weight, bias, frozen);
        for (Optimizer opt : List.of(new Sgd(ps, 0.01, 0.9, true, new Penalty(1e-4, 1e-3)),
                new Adam(ps, 0.01, 0.9, 0.999, 1e-8, Penalty.ofWeightDecay(1e-3)), new AdamW(ps, 0.01))) {
            for (int i = 0; i < 2000; i++) {
                opt.step(); // warm-up: buffers and JIT compilation
            }
            // A single buffer of the 1000-entry weight would be 4 KB a step, in every round; a late compilation or
            // deoptimisation allocates a few hundred bytes once, so the claim is about the least of a few rounds.
            long allocated = Long.MAX_VALUE;
            for (int round = 0; round < 5 && allocated >= 1024; round++) {
                long start = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 1000; i++) {
                    opt.step();
                }
                allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - start);
            }
            assertTrue(allocated < 1024, opt + " allocated " + allocated + " bytes in 1000 warm steps");
        }
    }
}
