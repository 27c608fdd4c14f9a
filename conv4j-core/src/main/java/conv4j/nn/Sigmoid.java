package conv4j.nn;

import conv4j.autograd.ActivationOps;
import conv4j.autograd.Variable;

/** 1 / (1 + e^-x). */
public final class Sigmoid extends Pointwise {
    @Override
    public Variable forward(Variable input) {
        return ActivationOps.sigmoid(input);
    }
}
