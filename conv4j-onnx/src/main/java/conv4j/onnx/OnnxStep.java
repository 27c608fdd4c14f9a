package conv4j.onnx;

import conv4j.autograd.Variable;
import conv4j.nn.Module;
import conv4j.tensor.Shape;

/**
 * One ONNX node made runnable: its value from its inputs' values and its output shape from theirs, so that the model
 * can check an input shape without computing. Inputs arrive in the node's order; an absent optional input is null.
 */
interface OnnxStep {
    Variable apply(Variable[] inputs);

    Shape shape(Shape[] inputs);

    /**
     * How many of the node's leading inputs flow at run time; the rest (weights, a constant shape) were read when the
     * step was built, and the model does not keep them as values.
     */
    default int runtimeInputs() {
        return Integer.MAX_VALUE;
    }

    /** The layer that holds this node's weights, to be registered in the model, or null for a weightless node. */
    default Module layer() {
        return null;
    }
}
