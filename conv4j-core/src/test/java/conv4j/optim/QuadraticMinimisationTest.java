package conv4j.optim;

import static conv4j.optim.TestParams.param;

import conv4j.autograd.Ops;
import conv4j.autograd.Variable;
import conv4j.nn.Param;
import conv4j.tensor.Tensor;
import conv4j.testkit.Close;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each optimizer, driven through autograd, finds the minimum of sum (w - target)^2. */
class QuadraticMinimisationTest {
    private static final float[] TARGET = {1f, -2f, 0.5f, 3f, -0.7f};

    private static float[] minimise(Optimizer opt, Param w, LrSchedule schedule, int steps) {
        Variable target = Variable.of(Tensor.of(TARGET, TARGET.length));
        for (int t = 0; t < steps; t++) {
            opt.setLearningRate(schedule.learningRate(t));
            opt.zeroGrad();
            Variable loss = Ops.sum(Ops.square(Ops.sub(w.variable(), target)));
            loss.backward();
            opt.step();
        }
        return w.value().data();
    }

    @Test
    void sgdWithMomentumFindsTheMinimum() {
        Param w = param(new float[TARGET.length], 1.0);
        Sgd sgd = new Sgd(List.of(w), 0.05, 0.9);
        Close.assertClose(TARGET, minimise(sgd, w, LrSchedule.constant(0.05), 300), 0, 1e-3, "SGD momentum");
    }

    @Test
    void nesterovFindsTheMinimum() {
        Param w = param(new float[TARGET.length], 1.0);
        Sgd sgd = new Sgd(List.of(w), 0.05, 0.9, true, Penalty.none());
        Close.assertClose(TARGET, minimise(sgd, w, LrSchedule.constant(0.05), 300), 0, 1e-3, "Nesterov");
    }

    @Test
    void adamFindsTheMinimum() {
        // Adam's steps stay near lr in size however small the gradient, so the rate is annealed to settle.
        Param w = param(new float[TARGET.length], 1.0);
        Adam adam = new Adam(List.of(w), 0.1);
        LrSchedule schedule = LrSchedule.cosine(0.1, 1e-5, 600).withWarmup(0.1, 20);
        Close.assertClose(TARGET, minimise(adam, w, schedule, 600), 0, 1e-3, "Adam");
    }
}
