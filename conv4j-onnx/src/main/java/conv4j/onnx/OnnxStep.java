package conv4j.onnx;

import conv4j.autograd.Variable;
import conv4j.nn.Module;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/**
 * One ONNX node made runnable: its outputs from its inputs' values and, where that needs no values, its output shape
 * from theirs, so that the model can check an input shape without computing. Inputs arrive in the node's order; an
 * absent optional input is null.
 */
interface OnnxStep {
    Variable apply(Variable[] inputs);

    /**
     * The first output's shape, or null where it depends on input values (Reshape to a computed shape): the model
     * then runs the graph on zeros to learn it.
     */
    default Shape shape(Shape[] inputs) {
        return null;
    }

    /** How many of the node's outputs the step makes; reading a later one is refused at import. */
    default int outputs() {
        return 1;
    }

    /** All {@link #outputs()} values; only steps with several outputs override it. */
    default Variable[] applyAll(Variable[] inputs) {
        return new Variable[] {apply(inputs)};
    }

    /**
     * How many of the node's leading inputs flow at run time; the rest (weights) were read when the step was built,
     * and the model does not keep them as values.
     */
    default int runtimeInputs() {
        return Integer.MAX_VALUE;
    }

    /** The layer that holds this node's weights, to be registered in the model, or null for a weightless node. */
    default Module layer() {
        return null;
    }

    /** A value computed on tensors, recording no gradient: shape ops and the small elementwise ops. */
    @FunctionalInterface
    interface TensorFunction {
        Tensor apply(Tensor[] inputs);
    }

    /** A step of {@code f}, its shape known only from values. */
    static OnnxStep of(TensorFunction f) {
        return of(f, s -> null);
    }

    /** A step of {@code f} whose output shape {@code shape} tells from the input shapes. */
    static OnnxStep of(TensorFunction f, java.util.function.Function<Shape[], Shape> shape) {
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                Tensor[] t = new Tensor[in.length];
                for (int k = 0; k < in.length; k++) {
                    t[k] = in[k] == null ? null : in[k].value();
                }
                return Variable.of(f.apply(t));
            }

            @Override
            public Shape shape(Shape[] in) {
                return shape.apply(in);
            }
        };
    }
}
