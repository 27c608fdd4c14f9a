package conv4j.web;

import conv4j.io.ModelInfo;
import conv4j.nn.Module;
import conv4j.optim.Optimizer;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.train.DataLoader;
import conv4j.train.EpochMetrics;
import conv4j.train.EvaluationResult;
import conv4j.train.StopReason;
import conv4j.train.Trainer;
import conv4j.train.TrainingListener;
import conv4j.train.TrainingResult;
import conv4j.vision.models.ModelRegistry;
import conv4j.vision.training.TrainingPlan;
import conv4j.vision.transforms.Normalize;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One training run of a model of the zoo on a dataset, set up by the same {@link TrainingPlan} as
 * {@code conv4j train}: the digit lab's first model and every run of the dashboard. Listeners see the run; any thread
 * may {@link #stop} it at the next step.
 */
final class TrainingJob {
    private final TrainingPlan plan;
    private final WebDatasets.Loaded data;
    private final Module network;
    private final Trainer trainer;
    private final DataLoader trainLoader;
    private final DataLoader testLoader;
    private final ModelInfo info;

    /** What the run left: the trained network, its model-file information (with the test accuracy) and the result. */
    record Outcome(Module network, ModelInfo info, TrainingResult result, EvaluationResult test) {
    }

    TrainingJob(TrainingPlan plan, WebDatasets.Loaded data, ModelRegistry zoo, List<TrainingListener> listeners) {
        this.plan = plan;
        this.data = data;
        Shape sample = data.train().sampleShape();
        // A model that does not fit the data fails here, naming the layer.
        this.network = zoo.create(plan.model(), data.train().classes(), sample, new Rng(plan.seed()));
        Normalize normalize = new Normalize(new float[] {(float) data.statistics().mean()},
                new float[] {(float) data.statistics().std()});
        this.trainLoader = plan.trainLoader(data.train(), normalize);
        this.testLoader = plan.testLoader(data.test(), normalize);
        Optimizer optimizer = plan.optimizer(network);
        Trainer.Builder builder = plan.trainer(network, optimizer, trainLoader);
        listeners.forEach(builder::listener);
        this.trainer = builder.build();
        this.info = new ModelInfo(plan.model(), sample, List.of(data.statistics().mean()),
                List.of(data.statistics().std()), data.train().classNames(), Map.of("dataset", data.name()));
    }

    Module network() {
        return network;
    }

    int batchesPerEpoch() {
        return trainLoader.batchesPerEpoch();
    }

    void stop(String why) {
        trainer.requestStop(StopReason.REQUESTED, why);
    }

    /** Trains on the calling thread until the plan's epochs are done, a stop, or a divergence. */
    Outcome run() {
        TrainingResult result = trainer.fit(trainLoader, testLoader, plan.epochs());
        EpochMetrics last = result.lastEpoch();
        EvaluationResult test = last != null && last.step() == result.finalState().step() && last.validation() != null
                ? last.validation() : result.reason() == StopReason.DIVERGED ? null : trainer.evaluate(testLoader);
        ModelInfo trained = info;
        if (test != null) {
            trained = trained.withFact("testAccuracy", String.format(Locale.ROOT, "%.4f", test.accuracy()));
        }
        trained = trained.withFact("epochs", Integer.toString(result.finalState().epoch()))
                .withFact("steps", Long.toString(result.finalState().step()));
        return new Outcome(network, trained, result, test);
    }
}
