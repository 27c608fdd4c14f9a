package conv4j.onnx;

import conv4j.autograd.Variable;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/** ONNX Concat along any axis of inputs that agree on every other dimension; no gradient is recorded. */
final class OnnxConcat {
    private OnnxConcat() {
    }

    static OnnxStep step(OnnxAttributes a) {
        long axisAttr = a.i("axis", Long.MIN_VALUE);
        if (axisAttr == Long.MIN_VALUE) {
            throw a.error("has no axis attribute");
        }
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                Shape[] shapes = new Shape[in.length];
                for (int k = 0; k < in.length; k++) {
                    shapes[k] = in[k].shape();
                }
                Shape outShape = shape(shapes);
                int axis = axis(shapes[0]);
                // Each input contributes one contiguous block of dim(axis) x inner values per outer index.
                int outer = 1;
                for (int k = 0; k < axis; k++) {
                    outer *= outShape.dim(k);
                }
                int inner = outShape.sizeFrom(axis + 1);
                Tensor out = Tensor.zeros(outShape);
                float[] o = out.data();
                int outBlock = outShape.dim(axis) * inner;
                int offset = 0;
                for (Variable v : in) {
                    int block = v.shape().dim(axis) * inner;
                    float[] x = v.value().data();
                    for (int i = 0; i < outer; i++) {
                        System.arraycopy(x, i * block, o, i * outBlock + offset, block);
                    }
                    offset += block;
                }
                return Variable.of(out);
            }

            @Override
            public Shape shape(Shape[] in) {
                int axis = axis(in[0]);
                int[] d = in[0].dims();
                int total = 0;
                for (Shape s : in) {
                    if (s.rank() != d.length) {
                        throw a.error("inputs of shapes " + in[0] + " and " + s + " differ in rank");
                    }
                    for (int k = 0; k < d.length; k++) {
                        if (k != axis && s.dim(k) != d[k]) {
                            throw a.error("inputs of shapes " + in[0] + " and " + s + " differ outside axis " + axis);
                        }
                    }
                    total += s.dim(axis);
                }
                d[axis] = total;
                return Shape.of(d);
            }

            private int axis(Shape s) {
                int axis = (int) (axisAttr < 0 ? axisAttr + s.rank() : axisAttr);
                if (axis < 0 || axis >= s.rank()) {
                    throw a.error("axis " + axisAttr + " is outside the inputs' rank " + s.rank());
                }
                return axis;
            }
        };
    }
}
