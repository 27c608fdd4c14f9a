package conv4j.nn;

import conv4j.autograd.ActivationOps;
import conv4j.autograd.Variable;

/** tanh x = (e^x - e^-x) / (e^x + e^-x). */
public final class Tanh extends Pointwise {
    @Override
    public Variable forward(Variable input) {
        return ActivationOps.tanh(input);
    }
}
