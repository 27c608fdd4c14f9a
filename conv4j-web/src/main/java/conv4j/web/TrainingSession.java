package conv4j.web;

import conv4j.nn.Conv2d;
import conv4j.nn.Module;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.EpochMetrics;
import conv4j.train.StepInfo;
import conv4j.train.StopReason;
import conv4j.train.Trainer;
import conv4j.train.TrainingListener;
import conv4j.train.TrainingResult;
import conv4j.train.TrainingStart;
import conv4j.vision.data.FetchListener;
import conv4j.vision.image.ImageLoader;
import conv4j.vision.models.ModelRegistry;
import conv4j.vision.training.TrainingPlan;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The dashboard's training runs, one at a time, on a thread of their own. Each run is told to the pages as events:
 * {@code run} (its settings), {@code status} (fetching, loading, training), {@code batch} (running loss and accuracy, a
 * few times a second), {@code epoch} (training and test figures), {@code filters} (the first convolution's weights,
 * about once a second) and {@code end}. A finished or stopped run's model joins the served models as
 * {@value #MODEL_NAME}, so the digit lab can try it.
 */
final class TrainingSession implements AutoCloseable {
    static final String MODEL_NAME = "dashboard";
    private static final long BATCH_EVERY_NANOS = 200_000_000L;
    private static final long FILTERS_EVERY_NANOS = 1_000_000_000L;
    /** Filters past this many are not sent: the page draws 64 at most. */
    private static final int MAX_FILTERS = 64;

    enum State { IDLE, PREPARING, RUNNING, STOPPING, FINISHED, FAILED }

    record RunEvent(int run, String model, String dataset, int epochs, String optimizer, double learningRate,
                    int batchSize) {
    }

    record StatusEvent(int run, State state, String message) {
    }

    record BatchEvent(int run, long step, int epoch, int batch, int batchesPerEpoch, double loss, double runningLoss,
                      double runningAccuracy, double imagesPerSecond, double learningRate) {
    }

    record EpochEvent(int run, int epoch, long step, double trainLoss, double trainAccuracy, Double testLoss,
                      Double testAccuracy, double seconds) {
    }

    record FiltersEvent(int run, long step, String layer, Shape shape, float[] values) {
    }

    record EndEvent(int run, String reason, String message, Double testAccuracy, String model) {
    }

    /** What {@code GET /api/train} answers. */
    record Status(int run, State state, String message) {
    }

    private final WebDatasets datasets;
    private final ModelRegistry zoo;
    private final ModelStore store;
    private final ImageLoader loader;
    private final EventStream events;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "conv4j-dashboard-training");
        t.setDaemon(true);
        return t;
    });
    private int run;
    private State state = State.IDLE;
    private String message = "no run yet";
    private TrainingJob job;
    private boolean stopRequested;

    TrainingSession(WebDatasets datasets, ModelRegistry zoo, ModelStore store, ImageLoader loader,
                    EventStream events) {
        this.datasets = datasets;
        this.zoo = zoo;
        this.store = store;
        this.loader = loader;
        this.events = events;
    }

    synchronized Status status() {
        return new Status(run, state, message);
    }

    /** Starts a run of {@code plan} on {@code dataset}; 409 while another one is going. */
    synchronized int start(TrainingPlan plan, String dataset) {
        if (state == State.PREPARING || state == State.RUNNING || state == State.STOPPING) {
            throw ApiError.conflict("run " + run + " is still going (" + state.name().toLowerCase(Locale.ROOT)
                    + "); stop it first (POST /api/train/stop): one run at a time");
        }
        int id = ++run;
        stopRequested = false;
        job = null;
        events.reset();
        events.publish("run", new RunEvent(id, plan.model(), dataset, plan.epochs(), plan.optimizer(),
                plan.learningRate(), plan.batchSize()));
        set(id, State.PREPARING, "getting " + dataset);
        worker.execute(() -> train(id, plan, dataset));
        return id;
    }

    /** Asks the current run to stop at the next step; 409 when none is going. */
    synchronized void stop() {
        if (state != State.PREPARING && state != State.RUNNING) {
            throw ApiError.conflict("no run is going (" + (run == 0 ? "none was started" : "run " + run + " is "
                    + state.name().toLowerCase(Locale.ROOT)) + ")");
        }
        stopRequested = true;
        if (job != null) {
            job.stop("stopped from the dashboard");
        }
        set(run, State.STOPPING, "stopping at the next step");
    }

    private void train(int id, TrainingPlan plan, String dataset) {
        try {
            WebDatasets.Loaded data = datasets.load(dataset, new FetchProgress(id, dataset));
            TrainingJob j = new TrainingJob(plan, data, zoo, List.of(new Publisher(id)));
            synchronized (this) {
                if (stopRequested) {
                    end(id, "stopped", "stopped from the dashboard before training began", null, null);
                    return;
                }
                job = j;
                set(id, State.RUNNING, "training " + plan.model() + " on " + dataset);
            }
            TrainingJob.Outcome outcome = j.run();
            TrainingResult result = outcome.result();
            String model = null;
            if (result.reason() != StopReason.DIVERGED) {
                String source = "trained in the dashboard, run " + id + " (" + plan.model() + " on " + dataset + ")";
                store.put(new ServedModel(MODEL_NAME, outcome.network(), outcome.info(), source, loader));
                model = MODEL_NAME;
            }
            end(id, result.reason().name().toLowerCase(Locale.ROOT), result.message(),
                    outcome.test() == null ? null : outcome.test().accuracy(), model);
        } catch (Exception e) {
            end(id, "failed", e.getMessage() == null ? e.toString() : e.getMessage(), null, null);
        }
    }

    private synchronized void end(int id, String reason, String why, Double accuracy, String model) {
        job = null;
        set(id, reason.equals("failed") || reason.equals("diverged") ? State.FAILED : State.FINISHED,
                reason + ": " + why);
        events.publish("end", new EndEvent(id, reason, why, accuracy, model));
    }

    private synchronized void set(int id, State s, String text) {
        state = s;
        message = text;
        events.publish("status", new StatusEvent(id, s, text));
    }

    @Override
    public void close() {
        synchronized (this) {
            if (job != null) {
                job.stop("the server is stopping");
            }
        }
        worker.shutdownNow();
    }

    /** The first convolution's weights, the first 64 filters, as the page draws them. */
    static FiltersEvent filters(int id, long step, Module network) {
        for (Module m : network.modules()) {
            if (m instanceof Conv2d conv) {
                Tensor w = conv.weight().value();
                int k = Math.min(w.dim(0), MAX_FILTERS);
                int per = w.size() / w.dim(0);
                float[] values = new float[k * per];
                System.arraycopy(w.data(), 0, values, 0, values.length);
                String name = m.path().isEmpty() ? m.typeName() : m.path();
                return new FiltersEvent(id, step, name, Shape.of(k, w.dim(1), w.dim(2), w.dim(3)), values);
            }
        }
        return null;
    }

    private final class FetchProgress implements FetchListener {
        private final int id;
        private final String dataset;
        private long last;

        FetchProgress(int id, String dataset) {
            this.id = id;
            this.dataset = dataset;
        }

        @Override
        public void progress(String file, long received, long total) {
            long now = System.nanoTime();
            if (now - last > BATCH_EVERY_NANOS) {
                last = now;
                events.publish("status", new StatusEvent(id, State.PREPARING, String.format(Locale.ROOT,
                        "fetching %s: %s, %.1f MB%s", dataset, file, received / 1e6,
                        total > 0 ? String.format(Locale.ROOT, " of %.1f MB", total / 1e6) : "")));
            }
        }
    }

    /** Turns the trainer's events into the page's, throttled. Runs on the training thread. */
    private final class Publisher implements TrainingListener {
        private final int id;
        private long lastBatch;
        private long lastFilters;

        Publisher(int id) {
            this.id = id;
        }

        @Override
        public void onTrainBegin(Trainer trainer, TrainingStart start) {
            publishFilters(trainer, 0);
        }

        @Override
        public void onBatchEnd(Trainer trainer, StepInfo s) {
            long now = System.nanoTime();
            boolean last = s.batch() + 1 == s.batchesPerEpoch();
            if (now - lastBatch >= BATCH_EVERY_NANOS || last || s.step() == 1) {
                lastBatch = now;
                events.publish("batch", new BatchEvent(id, s.step(), s.epoch(), s.batch(), s.batchesPerEpoch(),
                        s.loss(), s.runningLoss(), s.runningAccuracy(), s.imagesPerSecond(), s.learningRate()));
            }
            if (now - lastFilters >= FILTERS_EVERY_NANOS) {
                publishFilters(trainer, s.step());
            }
        }

        @Override
        public void onEpochEnd(Trainer trainer, EpochMetrics m) {
            events.publish("epoch", new EpochEvent(id, m.epoch(), m.step(), m.trainLoss(), m.trainAccuracy(),
                    finite(m.validationLoss()), finite(m.validationAccuracy()), m.seconds()));
            publishFilters(trainer, m.step());
        }

        private void publishFilters(Trainer trainer, long step) {
            lastFilters = System.nanoTime();
            FiltersEvent f = filters(id, step, trainer.model());
            if (f != null) {
                events.publish("filters", f);
            }
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
