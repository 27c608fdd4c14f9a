package conv4j.nn;

import conv4j.tensor.Shape;

/** A layer applied to each value on its own: the output has the input's shape. */
abstract class Pointwise extends Module {
    @Override
    public Shape outputShape(Shape input) {
        if (input.rank() < 1) {
            throw inputError("an input with a batch dimension", input);
        }
        return input;
    }
}
