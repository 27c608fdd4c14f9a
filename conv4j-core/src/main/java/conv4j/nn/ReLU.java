package conv4j.nn;

import conv4j.autograd.ActivationOps;
import conv4j.autograd.Variable;

/** max(0, x): cheap, and its gradient does not vanish for positive inputs. */
public final class ReLU extends Pointwise {
    @Override
    public Variable forward(Variable input) {
        return ActivationOps.relu(input);
    }
}
