package conv4j.bench;

import conv4j.autograd.Variable;
import conv4j.nn.CrossEntropyLoss;
import conv4j.nn.Module;
import conv4j.optim.Sgd;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.Batch;
import conv4j.train.DataLoader;
import conv4j.train.DivergenceGuard;
import conv4j.train.TensorDataset;
import conv4j.train.Trainer;
import conv4j.vision.models.LeNet5;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the training loop costs on top of the engine: LeNet-5 training steps on random 1x28x28 data at batch 64,
 * through a bare hand-written loop ({@code zeroGrad; forward; loss; backward; step}) and through {@link Trainer} with
 * each divergence-guard setting, the variants taking turns epoch by epoch in one JVM. Prints the median steps/s,
 * the training thread's CPU time per step (with CONV4J_THREADS=1 that is all the work of a step, and it is not
 * inflated by waiting for a busy machine as wall time is) and the bytes each step allocates on the training thread (the data loader's thread not counted). The order of
 * the variants rotates from round to round.
 * Arguments: [rounds (default 9)] [batches per epoch (default 40)].
 */
public final class TrainerOverhead {
    private static final int BATCH = 64;

    private TrainerOverhead() {
    }

    private interface Variant {
        /** Trains one epoch; returns the steps taken. */
        int epoch(int epoch);
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        Rng rng = new Rng(1);
        int n = batches * BATCH;
        Tensor images = Tensor.uniform(Shape.of(n, 1, 28, 28), rng, 0, 1);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(10);
        }
        TensorDataset data = new TensorDataset(images, labels, TensorDataset.numberedClasses(10));
        DataLoader loader = new DataLoader(data, BATCH, true, true, null, 7);

        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put("bare loop", bare(loader));
        for (DivergenceGuard.Checks checks : DivergenceGuard.Checks.values()) {
            variants.put("Trainer, guard " + checks, trainer(loader, checks));
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<Double>> bytes = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        List<Map.Entry<String, Variant>> order = new ArrayList<>(variants.entrySet());
        for (int round = -2; round < rounds; round++) { // two rounds of warm-up
            Collections.rotate(order, 1); // each variant in each place in turn: load on a shared machine drifts
            for (Map.Entry<String, Variant> v : order) {
                long allocated = threads.getCurrentThreadAllocatedBytes();
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                int steps = v.getValue().epoch(round + 2);
                double seconds = (System.nanoTime() - start) * 1e-9;
                double cpuMs = (threads.getCurrentThreadCpuTime() - cpuStart) * 1e-6;
                allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
                if (round >= 0) {
                    rates.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(steps / seconds);
                    bytes.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add((double) allocated / steps);
                    cpu.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(cpuMs / steps);
                }
            }
        }
        double bare = median(rates.get("bare loop"));
        double bareCpu = median(cpu.get("bare loop"));
        System.out.printf(Locale.ROOT, "LeNet-5, batch %d, %d steps an epoch, median of %d epochs, %s threads%n",
                BATCH, batches, rounds, System.getenv().getOrDefault("CONV4J_THREADS", "all"));
        for (String name : variants.keySet()) {
            double r = median(rates.get(name));
            double c = median(cpu.get(name));
            System.out.printf(Locale.ROOT, "%-34s %7.1f steps/s %7.0f img/s %+6.1f%% | training thread %6.2f ms CPU/step"
                    + " %+6.1f%% | %9.0f bytes/step%n", name, r, r * BATCH, 100 * (r / bare - 1), c,
                    100 * (c / bareCpu - 1), median(bytes.get(name)));
        }
    }

    private static Variant bare(DataLoader loader) {
        Module net = LeNet5.create(10, new Rng(3));
        Sgd sgd = new Sgd(net.parameters(), 0.01, 0.9);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        return epoch -> {
            int steps = 0;
            try (DataLoader.Epoch batches = loader.epoch(epoch)) {
                while (batches.hasNext()) {
                    Batch b = batches.next();
                    sgd.zeroGrad();
                    Variable scores = net.call(Variable.of(b.inputs()));
                    loss.forward(scores, b.labels()).backward();
                    sgd.step();
                    steps++;
                }
            }
            return steps;
        };
    }

    private static Variant trainer(DataLoader loader, DivergenceGuard.Checks checks) {
        Module net = LeNet5.create(10, new Rng(3));
        Trainer trainer = Trainer.builder(net, new Sgd(net.parameters(), 0.01, 0.9)).divergenceGuard(checks).build();
        int[] epochs = {0};
        return epoch -> {
            long before = trainer.currentState().step();
            // One more epoch each call, continuing from where the last call stopped.
            trainer.fit(loader, null, ++epochs[0], epochs[0] == 1 ? null : trainer.currentState());
            return (int) (trainer.currentState().step() - before);
        };
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
