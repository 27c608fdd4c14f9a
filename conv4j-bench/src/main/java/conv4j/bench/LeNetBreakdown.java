package conv4j.bench;

import conv4j.autograd.Variable;
import conv4j.kernels.Activations;
import conv4j.kernels.Conv2dGeometry;
import conv4j.kernels.Conv2dKernel;
import conv4j.kernels.Gemm;
import conv4j.kernels.LossKernel;
import conv4j.kernels.Pool2dGeometry;
import conv4j.kernels.PoolKernel;
import conv4j.nn.CrossEntropyLoss;
import conv4j.nn.Module;
import conv4j.optim.Sgd;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.vision.models.LeNet5;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one LeNet-5 training step at batch 64 spends its time: each kernel the step calls, timed alone at its LeNet
 * shape (median microseconds of many calls), next to the whole step through autograd. The gap between the sum of the
 * kernels and the step is what the graph, allocation and zero-filling cost. Not JMH: a quick profile, run with
 * {@code java --add-modules=jdk.incubator.vector -cp benchmarks.jar conv4j.bench.LeNetBreakdown [rounds]}.
 */
public final class LeNetBreakdown {
    private static final int BATCH = 64;

    private final Map<String, Runnable> ops = new LinkedHashMap<>();
    private final Rng rng = new Rng(7);

    private LeNetBreakdown() {
        Conv2dGeometry c1 = Conv2dGeometry.of(BATCH, 1, 28, 28, 6, 5, 1, 2);
        Conv2dGeometry c3 = Conv2dGeometry.of(BATCH, 6, 14, 14, 16, 5, 1, 0);
        Conv2dGeometry c5 = Conv2dGeometry.of(BATCH, 16, 5, 5, 120, 5, 1, 0);
        conv("C1", c1, false);
        relu("relu1", c1.outputLength());
        pool("S2", new Pool2dGeometry(BATCH, 6, 28, 28, 2, 2, 2, 2, 0, 0, false));
        conv("C3", c3, true);
        relu("relu3", c3.outputLength());
        pool("S4", new Pool2dGeometry(BATCH, 16, 10, 10, 2, 2, 2, 2, 0, 0, false));
        conv("C5", c5, true);
        relu("relu5", c5.outputLength());
        linear("F6", 120, 84);
        relu("relu6", BATCH * 84);
        linear("out", 84, 10);
        float[] logits = random(BATCH * 10);
        float[] probabilities = new float[BATCH * 10];
        float[] dLogits = new float[BATCH * 10];
        int[] labels = new int[BATCH];
        ops.put("loss forward", () -> LossKernel.softmaxCrossEntropy(BATCH, 10, logits, labels, probabilities));
        ops.put("loss backward", () -> LossKernel.softmaxCrossEntropyBackward(BATCH, 10, probabilities, labels, 1f,
                dLogits));
        for (int size : new int[] {c1.outputLength(), c1.inputLength(), c3.outputLength()}) {
            ops.put("allocate " + size + " floats", () -> blackhole(new float[size]));
        }
    }

    private void conv(String name, Conv2dGeometry g, boolean inputGrad) {
        float[] x = random(g.inputLength());
        float[] w = random(g.weightLength());
        float[] b = random(g.outChannels());
        float[] y = new float[g.outputLength()];
        float[] dy = random(g.outputLength());
        float[] dx = new float[g.inputLength()];
        float[] dw = new float[g.weightLength()];
        float[] db = new float[g.outChannels()];
        ops.put(name + " forward", () -> Conv2dKernel.forward(g, x, w, b, y));
        if (inputGrad) {
            ops.put(name + " backward input", () -> Conv2dKernel.backwardInput(g, dy, w, dx));
        }
        ops.put(name + " backward weight", () -> Conv2dKernel.backwardWeight(g, x, dy, dw, db));
    }

    private void relu(String name, int n) {
        float[] x = random(n);
        float[] y = new float[n];
        float[] dy = random(n);
        float[] dx = new float[n];
        ops.put(name + " forward", () -> Activations.relu(x, y));
        ops.put(name + " backward", () -> Activations.reluBackward(x, dy, dx));
    }

    private void pool(String name, Pool2dGeometry g) {
        float[] x = random(g.inputSize());
        float[] y = new float[g.outputSize()];
        int[] argmax = new int[g.outputSize()];
        float[] dx = new float[g.inputSize()];
        PoolKernel.maxForward(g, x, y, argmax);
        ops.put(name + " forward", () -> PoolKernel.maxForward(g, x, y, argmax));
        ops.put(name + " backward", () -> PoolKernel.maxBackward(g, y, argmax, dx));
    }

    private void linear(String name, int in, int out) {
        float[] x = random(BATCH * in);
        float[] w = random(out * in);
        float[] y = new float[BATCH * out];
        float[] dy = random(BATCH * out);
        float[] dx = new float[BATCH * in];
        float[] dw = new float[out * in];
        ops.put(name + " forward", () -> Gemm.sgemm(false, true, BATCH, out, in, 1f, x, 0, in, w, 0, in, 0f, y, 0,
                out));
        ops.put(name + " backward input", () -> Gemm.sgemm(false, false, BATCH, in, out, 1f, dy, 0, out, w, 0, in,
                0f, dx, 0, in));
        ops.put(name + " backward weight", () -> Gemm.sgemm(true, false, out, in, BATCH, 1f, dy, 0, out, x, 0, in,
                0f, dw, 0, in));
    }

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return a;
    }

    private static volatile Object sink;

    private static void blackhole(Object o) {
        sink = o;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * Median wall-clock and CPU microseconds per call over {@code rounds} rounds of enough calls to last about 20 ms
     * each. The CPU time is the calling thread's: on a shared machine it is the steadier figure, and with
     * CONV4J_THREADS=1 it is the whole cost of a kernel.
     */
    static double[] medianMicros(Runnable op, int rounds) {
        long t0 = System.nanoTime();
        int calls = 0;
        while (System.nanoTime() - t0 < 20_000_000L) {
            op.run();
            calls++;
        }
        double[] wall = new double[rounds];
        double[] cpu = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                op.run();
            }
            cpu[r] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e3 / calls;
            wall[r] = (System.nanoTime() - start) / 1e3 / calls;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[] {wall[rounds / 2], cpu[rounds / 2]};
    }

    private static String row(String name, double[] us) {
        return String.format("%-26s %9.1f us wall %9.1f us cpu", name, us[0], us[1]);
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 25;
        LeNetBreakdown b = new LeNetBreakdown();
        Rng rng = new Rng(42);
        Module model = LeNet5.create(10, rng);
        Sgd sgd = new Sgd(model.parameters(), 0.01, 0.9);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        // Several batches with random labels, so that the loss stays away from zero (see LeNetBench).
        Tensor[] batches = new Tensor[LeNetBench.TRAIN_BATCHES];
        int[][] batchLabels = new int[batches.length][BATCH];
        for (int i = 0; i < batches.length; i++) {
            batches[i] = Tensor.randn(Shape.of(BATCH, 1, 28, 28), rng, 1.0);
            for (int j = 0; j < BATCH; j++) {
                batchLabels[i][j] = rng.nextInt(10);
            }
        }
        Tensor images = batches[0];
        int[] labels = batchLabels[0];
        int[] next = {0};
        Tensor batch1000 = Tensor.randn(Shape.of(1000, 1, 28, 28), rng, 1.0);
        Tensor one = Tensor.randn(Shape.of(1, 1, 28, 28), rng, 1.0);
        Runnable forward = () -> blackhole(model.forward(Variable.of(images)));
        Runnable forwardLoss = () -> blackhole(loss.forward(model.forward(Variable.of(images)), labels));
        Runnable step = () -> {
            int i = next[0];
            next[0] = (i + 1) % batches.length;
            sgd.zeroGrad();
            Variable l = loss.forward(model.forward(Variable.of(batches[i])), batchLabels[i]);
            l.backward();
            sgd.step();
        };
        Runnable sgdStep = sgd::step;
        Runnable infer = () -> blackhole(model.predict(batch1000));
        Runnable latency = () -> blackhole(model.predict(one));
        // Warm everything once so that the compiler has seen each op before any is timed.
        for (int i = 0; i < 3; i++) {
            for (Runnable op : b.ops.values()) {
                medianMicros(op, 1);
            }
            medianMicros(step, 1);
        }
        System.out.println("threads " + conv4j.kernels.Parallel.threads() + ", GEMM " + Gemm.kernelName());
        double[] kernels = new double[2];
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Runnable> e : b.ops.entrySet()) {
            double[] us = medianMicros(e.getValue(), rounds);
            if (!e.getKey().startsWith("allocate")) {
                kernels[0] += us[0];
                kernels[1] += us[1];
            }
            lines.add(row(e.getKey(), us));
        }
        lines.forEach(System.out::println);
        System.out.println(row("sum of kernels", kernels));
        System.out.println(row("sgd step alone", medianMicros(sgdStep, rounds)));
        System.out.println(row("forward (graph)", medianMicros(forward, rounds)));
        System.out.println(row("forward + loss (graph)", medianMicros(forwardLoss, rounds)));
        double[] stepUs = medianMicros(step, rounds);
        System.out.printf("%s = %.0f img/s%n", row("training step", stepUs), BATCH * 1e6 / stepUs[0]);
        double[] inferUs = medianMicros(infer, rounds);
        System.out.printf("%s = %.0f img/s%n", row("inference batch 1000", inferUs), 1000 * 1e6 / inferUs[0]);
        System.out.println(row("latency batch 1", medianMicros(latency, rounds)));
    }
}
