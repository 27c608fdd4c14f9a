package conv4j.vision.training;

import conv4j.nn.Module;
import conv4j.optim.Adam;
import conv4j.optim.LrSchedule;
import conv4j.optim.Optimizer;
import conv4j.optim.Penalty;
import conv4j.optim.Sgd;
import conv4j.train.DataLoader;
import conv4j.train.Dataset;
import conv4j.train.SampleTransform;
import conv4j.train.ScheduleUnit;
import conv4j.train.Trainer;
import conv4j.vision.transforms.Normalize;
import conv4j.vision.transforms.RandomRotation;
import conv4j.vision.transforms.RandomShift;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a classifier of the zoo is trained, as {@code conv4j train} and the web lab's dashboard both do it: the
 * optimizer (SGD with momentum or Adam, L2 penalty on weights only), the learning rate annealed to 0 on a cosine over
 * every step of the run, a seeded shuffled loader for training (with random shifts of up to 2 pixels and rotations of
 * up to 10 degrees when {@code augment}) and an in-order loader for testing, both normalised.
 */
public record TrainingPlan(String model, int epochs, int batchSize, String optimizer, double learningRate,
                           double momentum, double weightDecay, boolean augment, long seed) {
    /** The test split is evaluated in batches of this size: large batches are fastest and need no gradients. */
    public static final int TEST_BATCH = 1000;
    public static final List<String> OPTIMIZERS = List.of("sgd", "adam");

    public TrainingPlan {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        optimizer = optimizer.toLowerCase(Locale.ROOT);
        List<String> bad = new ArrayList<>();
        if (epochs < 1) {
            bad.add("epochs must be at least 1, received " + epochs);
        }
        if (batchSize < 1) {
            bad.add("the batch size must be at least 1, received " + batchSize);
        }
        if (!OPTIMIZERS.contains(optimizer)) {
            bad.add("the optimizer must be sgd or adam, received '" + optimizer + "'");
        }
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            bad.add("the learning rate must be a positive number, received " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            bad.add("the momentum must be in [0, 1), received " + momentum);
        }
        if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
            bad.add("the weight decay must be >= 0, received " + weightDecay);
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", bad));
        }
    }

    /**
     * What {@code conv4j train} does with no options: LeNet-5, 10 epochs of batches of 64, SGD at 0.02 with momentum
     * 0.9, augmented, seed 1 (99.17% on MNIST).
     */
    public static TrainingPlan defaults() {
        return new TrainingPlan("lenet5", 10, 64, "sgd", defaultLearningRate("sgd"), 0.9, 0, true, 1);
    }

    /** 0.02 for SGD with momentum, 0.002 for Adam. */
    public static double defaultLearningRate(String optimizer) {
        return optimizer.toLowerCase(Locale.ROOT).equals("adam") ? 0.002 : 0.02;
    }

    public Optimizer optimizer(Module network) {
        Penalty penalty = Penalty.ofWeightDecay(weightDecay);
        return optimizer.equals("adam")
                ? new Adam(network.parameters(), learningRate, 0.9, 0.999, 1e-8, penalty)
                : new Sgd(network.parameters(), learningRate, momentum, false, penalty);
    }

    /** Shuffled with the plan's seed; augmented (before normalising) when the plan says so. */
    public DataLoader trainLoader(Dataset train, Normalize normalize) {
        return new DataLoader(train, batchSize, true, false, digitTransform(augment, normalize), seed);
    }

    /** Random shifts of up to 2 pixels and rotations of up to 10 degrees when {@code augment}, then normalising. */
    public static SampleTransform digitTransform(boolean augment, Normalize normalize) {
        return augment ? new RandomShift(2).andThen(new RandomRotation(10)).andThen(normalize) : normalize;
    }

    public DataLoader testLoader(Dataset test, Normalize normalize) {
        return DataLoader.inOrder(test, TEST_BATCH, normalize);
    }

    /** A trainer with the cosine schedule over all the steps of {@code trainLoader}'s epochs; add listeners to it. */
    public Trainer.Builder trainer(Module network, Optimizer optimizer, DataLoader trainLoader) {
        int totalSteps = epochs * trainLoader.batchesPerEpoch();
        return Trainer.builder(network, optimizer)
                .schedule(LrSchedule.cosine(learningRate, 0, totalSteps), ScheduleUnit.STEP);
    }
}
