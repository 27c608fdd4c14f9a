package conv4j.bench;

import conv4j.autograd.Variable;
import conv4j.nn.ConvPlans;
import conv4j.nn.CrossEntropyLoss;
import conv4j.nn.Module;
import conv4j.optim.Sgd;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.vision.models.LeNet5;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * LeNet-5 end to end on random MNIST-shaped data: one SGD training step at batch 64 (zero the gradients, forward,
 * softmax cross-entropy, backward, momentum update), inference on a batch of 1000 with no graph, and the latency of
 * one image. Run through {@link #main} to get images per second and milliseconds besides JMH's ms/op; each figure is
 * the median of the measurement iterations.
 *
 * <p>Training cycles through {@value #TRAIN_BATCHES} batches with random labels, and every iteration starts from a
 * fresh model: thousands of steps on one batch drive its loss towards zero and the gradients into subnormal floats,
 * which the CPU handles dozens of times slower, and which real training never sees.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 7, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class LeNetBench {
    static final int TRAIN_BATCH = 64;
    static final int TRAIN_BATCHES = 32;
    static final int INFERENCE_BATCH = 1000;
    private static final Shape IMAGE = Shape.of(1, 28, 28);

    private Module model;
    private Sgd sgd;
    private final CrossEntropyLoss loss = new CrossEntropyLoss();
    private Tensor[] trainImages;
    private int[][] trainLabels;
    private int next;
    private Tensor inferenceImages;
    private Tensor oneImage;

    @Setup(Level.Trial)
    public void setUpData() {
        Rng rng = new Rng(7);
        trainImages = new Tensor[TRAIN_BATCHES];
        trainLabels = new int[TRAIN_BATCHES][TRAIN_BATCH];
        for (int b = 0; b < TRAIN_BATCHES; b++) {
            trainImages[b] = Tensor.randn(IMAGE.withBatch(TRAIN_BATCH), rng, 1.0);
            for (int i = 0; i < TRAIN_BATCH; i++) {
                trainLabels[b][i] = rng.nextInt(10);
            }
        }
        inferenceImages = Tensor.randn(IMAGE.withBatch(INFERENCE_BATCH), rng, 1.0);
        oneImage = Tensor.randn(IMAGE.withBatch(1), rng, 1.0);
        System.out.print("\n" + Machine.describe());
        Module lenet = LeNet5.create(10, new Rng(42));
        System.out.print(ConvPlans.of(lenet, IMAGE, TRAIN_BATCH).render());
        System.out.print(ConvPlans.of(lenet, IMAGE, 1).render());
    }

    @Setup(Level.Iteration)
    public void setUpModel() {
        model = LeNet5.create(10, new Rng(42));
        sgd = new Sgd(model.parameters(), 0.01, 0.9);
        next = 0;
    }

    @Benchmark
    public float trainStep() {
        int b = next;
        next = (b + 1) % TRAIN_BATCHES;
        sgd.zeroGrad();
        Variable scores = model.forward(Variable.of(trainImages[b]));
        Variable l = loss.forward(scores, trainLabels[b]);
        l.backward();
        sgd.step();
        return l.value().item();
    }

    @Benchmark
    public Tensor inference() {
        return model.predict(inferenceImages);
    }

    @Benchmark
    public Tensor latency() {
        return model.predict(oneImage);
    }

    /** Runs the benchmarks (accepting JMH's command-line options) and prints the three LeNet figures. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            builder.include(LeNetBench.class.getName());
        }
        Options options = builder.build();
        Collection<RunResult> results = new Runner(options).run();
        String threads = System.getenv().getOrDefault("CONV4J_THREADS", "all cores");
        System.out.println();
        System.out.println("lenet5 on " + threads + " threads (medians of the measurement iterations)");
        double train = medianMs(results, "trainStep");
        double infer = medianMs(results, "inference");
        double latency = medianMs(results, "latency");
        if (!Double.isNaN(train)) {
            System.out.printf("lenet conv4j train: %.0f img/s (batch %d, %.3f ms/step)%n",
                    TRAIN_BATCH * 1000 / train, TRAIN_BATCH, train);
        }
        if (!Double.isNaN(infer)) {
            System.out.printf("lenet conv4j inference: %.0f img/s (batch %d)%n", INFERENCE_BATCH * 1000 / infer,
                    INFERENCE_BATCH);
        }
        if (!Double.isNaN(latency)) {
            System.out.printf("lenet conv4j latency: %.4f ms (batch 1)%n", latency);
        }
    }

    private static double medianMs(Collection<RunResult> results, String benchmark) {
        for (RunResult r : results) {
            if (!r.getParams().getBenchmark().endsWith("." + benchmark)) {
                continue;
            }
            if (!"ms/op".equals(r.getPrimaryResult().getScoreUnit())) {
                throw new IllegalStateException("expected ms/op, got " + r.getPrimaryResult().getScoreUnit());
            }
            List<Double> raw = new ArrayList<>();
            r.getBenchmarkResults().forEach(b -> b.getIterationResults()
                    .forEach(it -> raw.add(it.getPrimaryResult().getScore())));
            Collections.sort(raw);
            int n = raw.size();
            return n % 2 == 1 ? raw.get(n / 2) : (raw.get(n / 2 - 1) + raw.get(n / 2)) / 2;
        }
        return Double.NaN;
    }
}
