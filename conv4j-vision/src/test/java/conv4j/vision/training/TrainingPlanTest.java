package conv4j.vision.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.Module;
import conv4j.optim.Adam;
import conv4j.optim.Optimizer;
import conv4j.optim.Sgd;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.DataLoader;
import conv4j.train.TensorDataset;
import conv4j.vision.models.Models;
import conv4j.vision.transforms.Normalize;
import org.junit.jupiter.api.Test;

class TrainingPlanTest {
    private static TensorDataset data(int n) {
        float[] x = new float[n * 28 * 28];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[i * 784 + i % 784] = 1;
            labels[i] = i % 10;
        }
        return new TensorDataset(new Tensor(Shape.of(n, 1, 28, 28), x), labels, TensorDataset.numberedClasses(10));
    }

    @Test
    void theDefaultsAreConv4jTrainsWithNoOptions() {
        TrainingPlan d = TrainingPlan.defaults();
        assertEquals(new TrainingPlan("lenet5", 10, 64, "sgd", 0.02, 0.9, 0, true, 1), d);
        assertEquals(0.002, TrainingPlan.defaultLearningRate("ADAM"));
    }

    @Test
    void theOptimizerAndTheLoadersFollowThePlan() {
        Module net = Models.create("lenet5", new Rng(1));
        Optimizer sgd = TrainingPlan.defaults().optimizer(net);
        assertTrue(sgd instanceof Sgd);
        assertEquals(0.02, sgd.learningRate());
        TrainingPlan adam = new TrainingPlan("lenet5", 2, 32, "Adam", 0.001, 0.9, 1e-4, true, 7);
        assertEquals("adam", adam.optimizer());
        assertTrue(adam.optimizer(net) instanceof Adam);
        Normalize normalize = new Normalize(new float[] {0.5f}, new float[] {0.25f});
        DataLoader train = adam.trainLoader(data(100), normalize);
        assertEquals(32, train.batchSize());
        assertEquals(4, train.batchesPerEpoch()); // the last, short batch is kept
        assertEquals(7, train.seed());
        DataLoader test = adam.testLoader(data(100), normalize);
        assertEquals(TrainingPlan.TEST_BATCH, test.batchSize());
        // in order, normalised: sample 0 has its one lit pixel first
        assertEquals((1 - 0.5f) / 0.25f, test.batch(0, test.order(0), 0).inputs().data()[0], 1e-6);
    }

    @Test
    void theScheduleIsACosineOverEveryStepOfTheRun() {
        Module net = Models.create("lenet5", new Rng(2));
        TrainingPlan plan = new TrainingPlan("lenet5", 2, 50, "sgd", 0.1, 0.9, 0, false, 3);
        Optimizer opt = plan.optimizer(net);
        DataLoader train = plan.trainLoader(data(100), new Normalize(new float[] {0}, new float[] {1}));
        plan.trainer(net, opt, train).build().fit(train, null, plan.epochs());
        // 2 epochs x 2 batches: the last step (t = 3 of the 4) ran at lr0 (1 + cos(pi t / T)) / 2
        assertEquals(0.1 * (1 + Math.cos(Math.PI * 3 / 4)) / 2, opt.learningRate(), 1e-12);
    }

    @Test
    void badSettingsAreRefusedTogetherByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingPlan("lenet5", 0, 0, "rmsprop", -1, 1, -1, false, 1));
        assertEquals("epochs must be at least 1, received 0; the batch size must be at least 1, received 0; the"
                + " optimizer must be sgd or adam, received 'rmsprop'; the learning rate must be a positive number,"
                + " received -1.0; the momentum must be in [0, 1), received 1.0; the weight decay must be >= 0,"
                + " received -1.0", e.getMessage());
    }
}
