package conv4j.train;

import conv4j.autograd.ActivationOps;
import conv4j.autograd.Grad;
import conv4j.autograd.Variable;
import conv4j.nn.Module;
import conv4j.nn.Param;
import conv4j.nn.SequentialWithAux;
import conv4j.optim.LrSchedule;
import conv4j.optim.Optimizer;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Trains a classifier: for each batch, {@code zeroGrad; forward; loss; backward; step}, in training mode; after each
 * epoch, validation in evaluation mode without a graph. Everything else is a {@link TrainingListener}: progress
 * display, metrics log, checkpoints, early stopping, the learning-rate schedule. The trainer writes no files; a
 * checkpoint is the model's state dict, {@code optimizer().state(model().namedParameters())} and
 * {@link #currentState()}, and passing that state back to {@link #fit(DataLoader, DataLoader, int, TrainingState)}
 * continues the run bit for bit.
 *
 * <p>A step adds nothing to the engine's own work but a pass over the gradients for the divergence guard (which can
 * be switched off) and an argmax per example for the running accuracy.
 */
public final class Trainer {
    private final Module model;
    private final Optimizer optimizer;
    private final LossFunction loss;
    private final List<TrainingListener> listeners;
    private final int topK;
    private final Param[] params;
    private final RandomStreams streams;
    private final DivergenceGuard guard; // null when off

    private volatile StopRequest stopRequest;
    private volatile boolean running;
    private int nextEpoch;
    private int nextBatch;
    private long step;
    private long loaderSeed;
    private float lastLoss;
    private Divergence divergence;

    private record StopRequest(StopReason reason, String message) {
    }

    private Trainer(Builder b) {
        this.model = b.model;
        this.optimizer = b.optimizer;
        this.loss = b.loss != null ? b.loss : defaultLoss(model);
        List<TrainingListener> all = new ArrayList<>();
        if (b.scheduler != null) {
            all.add(b.scheduler);
        }
        all.addAll(b.listeners);
        this.listeners = List.copyOf(all);
        this.topK = b.topK;
        this.params = model.parameters().toArray(new Param[0]);
        Set<Param> owned = Collections.newSetFromMap(new IdentityHashMap<>());
        owned.addAll(List.of(params));
        for (Param p : optimizer.parameters()) {
            if (!owned.contains(p)) {
                throw new IllegalArgumentException("the optimizer updates a parameter of shape " + p.shape()
                        + " that is not in the model");
            }
        }
        this.streams = new RandomStreams(model);
        this.guard = b.checks == DivergenceGuard.Checks.OFF ? null : new DivergenceGuard(model, b.checks, streams);
    }

    /**
     * Softmax cross-entropy; for a model with auxiliary classifiers (GoogLeNet's), cross-entropy plus 0.3 times the
     * auxiliary classifiers' cross-entropy, as the paper trains it.
     */
    static LossFunction defaultLoss(Module model) {
        if (model instanceof SequentialWithAux s && !s.auxClassifiers().isEmpty()) {
            return AuxiliaryLoss.googLeNet(s);
        }
        return LossFunction.crossEntropy();
    }

    public static Builder builder(Module model, Optimizer optimizer) {
        return new Builder(model, optimizer);
    }

    public Module model() {
        return model;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Trains from the beginning for {@code epochs} epochs; {@code validation} may be null. */
    public TrainingResult fit(DataLoader train, DataLoader validation, int epochs) {
        return fit(train, validation, epochs, null);
    }

    /**
     * Trains until epoch {@code epochs} (exclusive: the total, not a number of further epochs), continuing from
     * {@code from} when it is not null. The caller has restored the weights and the optimizer state saved with
     * {@code from}; this method restores the dropout streams and checks that {@code train} orders the data as the
     * saved run did (same seed).
     */
    public TrainingResult fit(DataLoader train, DataLoader validation, int epochs, TrainingState from) {
        Objects.requireNonNull(train, "train");
        synchronized (this) {
            if (running) {
                throw new IllegalStateException("this trainer is already running fit");
            }
            running = true;
        }
        try (Module.HookHandle ignored = guard == null ? () -> { } : guard.attach()) {
            int classes = begin(train, validation, epochs, from);
            long start = System.nanoTime();
            TrainingStart begin = new TrainingStart(epochs, nextEpoch, nextBatch, step, train.batchesPerEpoch(),
                    train.dataset().size(), validation != null);
            for (TrainingListener l : listeners) {
                l.onTrainBegin(this, begin);
            }
            List<EpochMetrics> history = new ArrayList<>();
            for (int epoch = nextEpoch; epoch < epochs && stopRequest == null; epoch++) {
                EpochMetrics metrics = runEpoch(train, validation, epoch, classes);
                if (metrics == null) {
                    break; // stopped or diverged within the epoch
                }
                history.add(metrics);
                for (TrainingListener l : listeners) {
                    l.onEpochEnd(this, metrics);
                }
            }
            TrainingResult result = result(epochs, history, (System.nanoTime() - start) * 1e-9);
            for (TrainingListener l : listeners) {
                l.onTrainEnd(this, result);
            }
            return result;
        } finally {
            running = false;
        }
    }

    /** Checks the arguments, restores the dropout streams of a resumed run, and sets the position; the classes. */
    private int begin(DataLoader train, DataLoader validation, int epochs, TrainingState from) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, received " + epochs);
        }
        int classes = classesOf(train, "training");
        if (validation != null) {
            classesOf(validation, "validation");
        }
        if (from != null) {
            if (from.loaderSeed() != train.seed()) {
                throw new IllegalArgumentException("the training state was saved with data order seed "
                        + from.loaderSeed() + " but the training loader has seed " + train.seed()
                        + "; build the loader with the saved seed to continue the run exactly");
            }
            if (from.batch() > train.batchesPerEpoch()) {
                throw new IllegalArgumentException("the training state is at batch " + from.batch() + " of epoch "
                        + from.epoch() + ", but an epoch of this loader has " + train.batchesPerEpoch()
                        + " batches; is it the same data and batch size?");
            }
            streams.restore(from.rngStates());
        }
        stopRequest = null;
        divergence = null;
        nextEpoch = from == null ? 0 : from.epoch();
        nextBatch = from == null ? 0 : from.batch();
        step = from == null ? 0 : from.step();
        loaderSeed = train.seed();
        return classes;
    }

    /**
     * Trains epoch {@code epoch} from batch {@link #nextBatch} and validates; its figures, or null when a stop
     * request or a divergence ended it early.
     */
    private EpochMetrics runEpoch(DataLoader train, DataLoader validation, int epoch, int classes) {
        long epochStart = System.nanoTime();
        model.train();
        for (TrainingListener l : listeners) {
            l.onEpochBegin(this, epoch);
        }
        if (stopRequest != null) {
            return null;
        }
        int samples = 0;
        int correct = 0;
        double lossSum = 0;
        try (DataLoader.Epoch batches = train.epoch(epoch, nextBatch)) {
            while (batches.hasNext()) {
                int b = batches.position();
                Batch batch = batches.next();
                for (TrainingListener l : listeners) {
                    l.onBatchBegin(this, epoch, b, step);
                }
                double lr = optimizer.learningRate();
                Variable scores = trainStep(batch);
                if (scores == null) {
                    divergence = guard.diagnose(batch.inputs(), lastLoss, step + 1, epoch, b);
                    return null;
                }
                nextBatch = b + 1;
                int n = batch.size();
                samples += n;
                lossSum += (double) lastLoss * n;
                correct += correctCount(scores.value().data(), batch.labels(), classes);
                if (!listeners.isEmpty()) {
                    double seconds = (System.nanoTime() - epochStart) * 1e-9;
                    StepInfo info = new StepInfo(step, epoch, b, batches.total(), n, lastLoss, lossSum / samples,
                            (double) correct / samples, samples / seconds, lr, seconds);
                    for (TrainingListener l : listeners) {
                        l.onBatchEnd(this, info);
                    }
                }
                if (stopRequest != null) {
                    return null;
                }
            }
        }
        double trainSeconds = (System.nanoTime() - epochStart) * 1e-9;
        EvaluationResult validated = validation == null ? null : evaluate(validation);
        nextEpoch = epoch + 1;
        nextBatch = 0;
        return new EpochMetrics(epoch, step, samples == 0 ? Double.NaN : lossSum / samples,
                Metrics.ratio(correct, samples), samples, validated, optimizer.learningRate(),
                samples / trainSeconds, (System.nanoTime() - epochStart) * 1e-9);
    }

    /**
     * One optimizer step on a batch; returns the scores, or null when the divergence guard found a NaN or infinity
     * (the step is then not applied). The loss is left in {@link #lastLoss}.
     */
    private Variable trainStep(Batch batch) {
        if (guard != null) {
            guard.beforeStep();
        }
        for (Param p : params) {
            p.zeroGrad();
        }
        Variable scores = model.call(Variable.of(batch.inputs()));
        Variable l = loss.forward(scores, batch.labels());
        lastLoss = l.value().item();
        if (guard != null && guard.suspect(lastLoss)) {
            return null;
        }
        l.backward();
        if (guard != null && !guard.gradientsFinite()) {
            return null;
        }
        optimizer.step();
        step++;
        return scores;
    }

    private static int correctCount(float[] scores, int[] labels, int classes) {
        int n = 0;
        for (int r = 0; r < labels.length; r++) {
            if (Metrics.argmax(scores, r, classes) == labels[r]) {
                n++;
            }
        }
        return n;
    }

    private TrainingResult result(int epochs, List<EpochMetrics> history, double seconds) {
        StopRequest request = stopRequest;
        StopReason reason;
        String message;
        if (divergence != null) {
            reason = StopReason.DIVERGED;
            message = divergence.message();
        } else if (request != null) {
            reason = request.reason();
            message = request.message();
        } else {
            reason = StopReason.COMPLETED;
            message = history.isEmpty()
                    ? "nothing to train: the state is already at epoch " + nextEpoch + " of " + epochs
                    : "trained " + Plural.of(history.size(), "epoch") + " (" + epochs + " in all, "
                            + Plural.of(step, "step") + ")";
        }
        return new TrainingResult(reason, message, history, divergence, currentState(), seconds);
    }

    /**
     * Asks a running fit to stop at the next step boundary: after the current step, or straight away between steps.
     * Safe from any thread (a Ctrl-C handler). The first request of a run wins; {@code reason} is
     * {@link StopReason#REQUESTED} or {@link StopReason#EARLY_STOPPING}.
     */
    public synchronized void requestStop(StopReason reason, String message) {
        if (reason != StopReason.REQUESTED && reason != StopReason.EARLY_STOPPING) {
            throw new IllegalArgumentException("a stop can be requested as REQUESTED or EARLY_STOPPING, received "
                    + reason);
        }
        if (stopRequest == null) {
            stopRequest = new StopRequest(reason, Objects.requireNonNull(message, "message"));
        }
    }

    /** Whether a stop has been requested in the current (or last) run. */
    public boolean stopRequested() {
        return stopRequest != null;
    }

    /**
     * Where the run stands: the next batch to train, the steps taken, the data order seed and the dropout streams.
     * At {@code onBatchEnd}, {@code onEpochEnd} and {@code onTrainEnd} this is a step boundary, to be saved with the
     * weights and the optimizer state.
     */
    public TrainingState currentState() {
        return new TrainingState(nextEpoch, nextBatch, step, loaderSeed, streams.states());
    }

    /** Loss, accuracy, top-k accuracy and confusion matrix over every example of {@code loader}, without a graph. */
    public EvaluationResult evaluate(DataLoader loader) {
        int classes = classesOf(loader, "evaluation");
        boolean wasTraining = model.isTraining();
        model.eval();
        MetricCounter counter = new MetricCounter(classes, topK);
        try (Grad.Scope ignored = Grad.disabled(); DataLoader.Epoch batches = loader.epoch(0)) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                Variable scores = model.call(Variable.of(batch.inputs()));
                float l = loss.forward(scores, batch.labels()).value().item();
                counter.add(scores.value().data(), batch.labels(), l);
            }
        } finally {
            model.setTraining(wasTraining);
        }
        return counter.result(loader.dataset().classNames());
    }

    /** Class probabilities (N x classes, softmax of the scores) for a batch of inputs, in evaluation mode. */
    public Tensor predict(Tensor batch) {
        Shape out = model.outputShape(batch.shape());
        if (out.rank() != 2) {
            throw new IllegalArgumentException("the model outputs " + out + " for a " + batch.shape()
                    + " batch; predict needs N x classes scores");
        }
        boolean wasTraining = model.isTraining();
        model.eval();
        try (Grad.Scope ignored = Grad.disabled()) {
            return ActivationOps.softmax(model.call(Variable.of(batch))).value();
        } finally {
            model.setTraining(wasTraining);
        }
    }

    /** The number of classes, after checking that the model maps one input of the loader to one score per class. */
    private int classesOf(DataLoader loader, String role) {
        int classes = loader.dataset().classes();
        Shape out = model.outputShape(loader.inputShape().withBatch(1));
        if (!out.equals(Shape.of(1, classes))) {
            throw new IllegalArgumentException("the model outputs " + out + " for one " + loader.inputShape()
                    + " input of the " + role + " data, which has " + classes + " classes: expected 1x" + classes);
        }
        return classes;
    }

    /** The model, loss, optimizer, schedule, listeners and checks of a trainer. */
    public static final class Builder {
        private final Module model;
        private final Optimizer optimizer;
        private LossFunction loss; // null: defaultLoss(model)
        private LearningRateScheduler scheduler;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private DivergenceGuard.Checks checks = DivergenceGuard.Checks.LOSS_AND_GRADIENTS;
        private int topK = 5;

        private Builder(Module model, Optimizer optimizer) {
            this.model = Objects.requireNonNull(model, "model");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        }

        /** The loss; softmax cross-entropy by default, plus the auxiliary classifiers' for a GoogLeNet. */
        public Builder loss(LossFunction loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /** Sets the learning rate from {@code schedule} before each epoch or each step; it runs before listeners. */
        public Builder schedule(LrSchedule schedule, ScheduleUnit unit) {
            this.scheduler = new LearningRateScheduler(schedule, unit);
            return this;
        }

        /** Adds a listener; listeners hear events in the order they were added. */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** How much the NaN/Inf guard checks; {@link DivergenceGuard.Checks#LOSS_AND_GRADIENTS} by default. */
        public Builder divergenceGuard(DivergenceGuard.Checks checks) {
            this.checks = Objects.requireNonNull(checks, "checks");
            return this;
        }

        /** The k of the top-k accuracy that evaluation reports (5 by default; at most the number of classes). */
        public Builder topK(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("k of top-k must be at least 1, received " + k);
            }
            this.topK = k;
            return this;
        }

        public Trainer build() {
            return new Trainer(this);
        }
    }
}
