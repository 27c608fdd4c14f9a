package conv4j.autograd;

import conv4j.kernels.BatchNorm;
import conv4j.kernels.LocalResponseNormKernel;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/** Batch normalisation and local response normalisation over N x C x H x W (or N x C) inputs. */
public final class NormOps {
    private NormOps() {
    }

    /**
     * Batch normalisation per channel. In training it normalises with the batch's statistics and updates the running
     * ones in place (momentum as in PyTorch); in evaluation it uses the running statistics.
     */
    public static Variable batchNorm(Variable x, Variable gamma, Variable beta, Tensor runningMean,
                                     Tensor runningVar, float eps, float momentum, boolean training) {
        Shape s = x.shape();
        if (s.rank() != 2 && s.rank() != 4) {
            throw new IllegalArgumentException("batchNorm needs an N x C or N x C x H x W input, received " + s);
        }
        int n = s.dim(0);
        int c = s.dim(1);
        int spatial = s.rank() == 4 ? s.dim(2) * s.dim(3) : 1;
        Tensor out = Tensor.zeros(s);
        float[] g = gamma.value().data();
        float[] b = beta.value().data();
        if (!training) {
            BatchNorm.forwardEval(n, c, spatial, x.value().data(), g, b, eps, runningMean.data(),
                    runningVar.data(), out.data());
            // The statistics are fixed here, so the backward is the affine map's; copies keep it valid even if the
            // running statistics change before backward runs.
            float[] mean = runningMean.data().clone();
            float[] var = runningVar.data().clone();
            return Variable.result("batchNorm", out, new Variable[] {x, gamma, beta}, grad -> {
                Tensor dx = Tensor.zeros(s);
                Tensor dg = Tensor.zeros(c);
                Tensor db = Tensor.zeros(c);
                BatchNorm.backwardEval(n, c, spatial, x.value().data(), grad.data(), g, eps, mean, var, dx.data(),
                        dg.data(), db.data());
                addGrads(x, gamma, beta, dx, dg, db);
            });
        }
        float[] saveMean = new float[c];
        float[] saveInvStd = new float[c];
        BatchNorm.forwardTrain(n, c, spatial, x.value().data(), g, b, eps, momentum, runningMean.data(),
                runningVar.data(), out.data(), saveMean, saveInvStd);
        return Variable.result("batchNorm", out, new Variable[] {x, gamma, beta}, grad -> {
            Tensor dx = Tensor.zeros(s);
            Tensor dg = Tensor.zeros(c);
            Tensor db = Tensor.zeros(c);
            BatchNorm.backwardTrain(n, c, spatial, x.value().data(), grad.data(), g, saveMean, saveInvStd,
                    dx.data(), dg.data(), db.data());
            addGrads(x, gamma, beta, dx, dg, db);
        });
    }

    private static void addGrads(Variable x, Variable gamma, Variable beta, Tensor dx, Tensor dg, Tensor db) {
        x.addOwnedGrad(dx);
        gamma.addOwnedGrad(dg);
        beta.addOwnedGrad(db);
    }

    /** Local response normalisation across channels (AlexNet's), PyTorch's definition. */
    public static Variable localResponseNorm(Variable x, LocalResponseNormKernel lrn) {
        Shape s = x.shape();
        if (s.rank() != 4) {
            throw new IllegalArgumentException("localResponseNorm needs an N x C x H x W input, received " + s);
        }
        int n = s.dim(0);
        int c = s.dim(1);
        int spatial = s.dim(2) * s.dim(3);
        Tensor out = Tensor.zeros(s);
        float[] scale = new float[s.size()];
        lrn.forward(n, c, spatial, x.value().data(), out.data(), scale);
        return Variable.result("localResponseNorm", out, new Variable[] {x}, grad -> {
            Tensor dx = Tensor.zeros(s);
            lrn.backward(n, c, spatial, x.value().data(), out.data(), scale, grad.data(), dx.data());
            x.addOwnedGrad(dx);
        });
    }
}
