package conv4j.web;

import conv4j.io.LoadedModel;
import conv4j.io.ModelFile;
import conv4j.io.ModelFiles;
import conv4j.train.StepInfo;
import conv4j.train.StopReason;
import conv4j.train.Trainer;
import conv4j.train.TrainingListener;
import conv4j.train.TrainingStart;
import conv4j.vision.data.FetchListener;
import conv4j.vision.image.ImageLoader;
import conv4j.vision.models.ModelRegistry;
import conv4j.vision.training.TrainingPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The digit lab's model. Given a file, the server answers with it; else with the LeNet-5 that {@code conv4j train}
 * leaves in the working folder ({@code lenet5-mnist.safetensors}); else it trains that model first, on a thread of its
 * own, fetching MNIST as {@code conv4j train} does and saving the result where {@code conv4j train} would, while the
 * page shows how far it has come (so a fresh clone never opens on an empty page).
 */
final class LabModel {
    enum State { READY, PREPARING, FAILED }

    /** What {@code GET /api/lab} answers: the state, the model once ready, and the phase with its progress (0..1). */
    record Status(State state, String model, String phase, double progress, String message) {
    }

    private final ModelStore store;
    private final WebSettings settings;
    private final WebDatasets datasets;
    private final ModelRegistry zoo;
    private final ImageLoader loader;
    private final Consumer<String> log;
    private volatile Status status = new Status(State.PREPARING, null, "starting", 0, "starting");
    private volatile TrainingJob job;
    private Thread thread;

    LabModel(ModelStore store, WebSettings settings, WebDatasets datasets, ModelRegistry zoo, ImageLoader loader,
             Consumer<String> log) {
        this.store = store;
        this.settings = settings;
        this.datasets = datasets;
        this.zoo = zoo;
        this.loader = loader;
        this.log = log;
    }

    Status status() {
        return status;
    }

    /**
     * Loads the model file given, or the default one if it exists (a file that cannot be read fails here, before the
     * server listens); else starts training one.
     */
    void start() throws IOException {
        Path file = settings.model() != null ? settings.model() : settings.defaultModel();
        if (settings.model() != null || Files.isRegularFile(file)) {
            LoadedModel loaded = ModelFiles.load(file); // an ONNX file too, where conv4j-onnx is on the class path
            // The API names the file, never the folders of the machine it is on.
            ServedModel served = new ServedModel(name(file), loaded.model(), loaded.info(), fileName(file), loader);
            store.put(served);
            store.makeDefault(served.name());
            status = new Status(State.READY, served.name(), "ready", 1, "answering with " + fileName(file));
            return;
        }
        thread = new Thread(this::train, "conv4j-lab-model");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        TrainingJob j = job;
        if (j != null) {
            j.stop("the server is stopping");
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** The model's name in the API: the file's name without {@code .safetensors} or {@code .onnx}. */
    static String name(Path file) {
        String n = file.getFileName().toString();
        for (String extension : new String[] {".safetensors", ".onnx"}) {
            if (n.endsWith(extension)) {
                return n.substring(0, n.length() - extension.length());
            }
        }
        return n;
    }

    private void train() {
        Path file = settings.defaultModel();
        TrainingPlan plan = settings.labPlan();
        String dataset = settings.labDataset();
        try {
            progress("fetching", 0, "getting " + dataset + " (" + datasets.cache().folder(dataset) + ")");
            log.accept("no " + file + " here: training " + plan.model() + " on " + dataset
                    + " first (the page shows the progress)");
            WebDatasets.Loaded data = datasets.load(dataset, new FetchProgress());
            TrainingJob j = new TrainingJob(plan, data, zoo, List.of(new TrainProgress(plan)));
            job = j;
            TrainingJob.Outcome outcome = j.run();
            if (outcome.result().reason() == StopReason.DIVERGED || outcome.result().reason() == StopReason.REQUESTED
                    && Thread.currentThread().isInterrupted()) {
                fail(outcome.result().message());
                return;
            }
            String accuracy = outcome.test() == null ? "" : String.format(Locale.ROOT, ", %.2f%% on the test set",
                    100 * outcome.test().accuracy());
            String saved;
            try {
                progress("saving", 1, "saving " + fileName(file));
                ModelFile.save(file, outcome.network(), outcome.info());
                saved = "saved to " + fileName(file);
            } catch (IOException | RuntimeException e) {
                saved = "not saved (" + e.getMessage() + ")";
            }
            ServedModel served = new ServedModel(name(file), outcome.network(), outcome.info(),
                    "trained at start-up, " + saved, loader);
            store.put(served);
            store.makeDefault(served.name());
            status = new Status(State.READY, served.name(), "ready", 1, "trained" + accuracy + "; " + saved);
            log.accept(plan.model() + " trained" + accuracy + "; " + (saved.startsWith("saved") ? "saved to " + file
                    : saved));
        } catch (IOException | RuntimeException e) {
            fail(e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            job = null;
        }
    }

    private void fail(String why) {
        String message = "could not prepare the lab's model: " + why + ". Fetch the data with 'conv4j data fetch "
                + settings.labDataset() + "' or start with --model FILE";
        status = new Status(State.FAILED, null, "failed", 0, message);
        log.accept(message);
    }

    private void progress(String phase, double fraction, String message) {
        status = new Status(State.PREPARING, null, phase, fraction, message);
    }

    private final class FetchProgress implements FetchListener {
        @Override
        public void progress(String file, long received, long total) {
            double fraction = total > 0 ? (double) received / total : 0;
            LabModel.this.progress("fetching", fraction, String.format(Locale.ROOT, "downloading %s: %.1f MB%s", file,
                    received / 1e6, total > 0 ? String.format(Locale.ROOT, " of %.1f MB", total / 1e6) : ""));
        }
    }

    private final class TrainProgress implements TrainingListener {
        private final String model;
        private final int epochs;
        private long totalSteps;

        TrainProgress(TrainingPlan plan) {
            this.model = plan.model();
            this.epochs = plan.epochs();
        }

        @Override
        public void onTrainBegin(Trainer trainer, TrainingStart start) {
            totalSteps = (long) start.epochs() * start.batchesPerEpoch();
            progress("training", 0, "training " + model + ": epoch 1 of " + epochs);
        }

        @Override
        public void onBatchEnd(Trainer trainer, StepInfo s) {
            progress("training", (double) s.step() / totalSteps, String.format(Locale.ROOT,
                    "training %s: epoch %d of %d, batch %d of %d, loss %.3f, accuracy %.1f%%", model, s.epoch() + 1,
                    epochs, s.batch() + 1, s.batchesPerEpoch(), s.runningLoss(), 100 * s.runningAccuracy()));
        }
    }

    private static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
