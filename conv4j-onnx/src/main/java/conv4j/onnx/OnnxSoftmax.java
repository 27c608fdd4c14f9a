package conv4j.onnx;

import conv4j.autograd.ActivationOps;
import conv4j.autograd.Ops;
import conv4j.autograd.Variable;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/**
 * Softmax and LogSoftmax, whose meaning changed at opset 13. Before it, the input is coerced to a matrix at
 * {@code axis} (default 1): rows are the axes before it, and one softmax runs over all the axes from it on. From opset
 * 13 the softmax runs along the single {@code axis} (default -1). Both reduce to conv4j's row softmax when the
 * normalised values are contiguous; a single inner axis otherwise takes a strided loop.
 */
final class OnnxSoftmax {
    private OnnxSoftmax() {
    }

    static OnnxStep step(OnnxAttributes a, long opset, boolean log) {
        boolean coerce = opset < 13;
        long axisAttr = a.i("axis", coerce ? 1 : -1);
        return new OnnxStep() {
            @Override
            public Variable apply(Variable[] in) {
                Shape s = in[0].shape();
                int rank = Math.max(1, s.rank());
                int axis = (int) (axisAttr < 0 ? axisAttr + rank : axisAttr);
                if (axis < 0 || axis >= rank) {
                    throw a.error("axis " + axisAttr + " is outside the input's rank " + s.rank());
                }
                int length = coerce ? s.sizeFrom(axis) : (s.rank() == 0 ? 1 : s.dim(axis));
                int inner = coerce ? 1 : s.sizeFrom(axis + 1);
                if (s.size() == 0) {
                    return Variable.of(Tensor.zeros(s));
                }
                if (inner == 1) {
                    Variable m = Ops.reshape(in[0], Shape.of(s.size() / length, length));
                    return Ops.reshape(log ? ActivationOps.logSoftmax(m) : ActivationOps.softmax(m), s);
                }
                return Variable.of(strided(in[0].value(), length, inner, log));
            }

            @Override
            public Shape shape(Shape[] in) {
                return in[0];
            }
        };
    }

    /** Softmax along an axis of {@code length} whose elements lie {@code inner} apart, stable by the maximum. */
    private static Tensor strided(Tensor x, int length, int inner, boolean log) {
        float[] v = x.data();
        Tensor out = Tensor.zeros(x.shape());
        float[] o = out.data();
        int block = length * inner;
        for (int base = 0; base < v.length; base += block) {
            for (int j = 0; j < inner; j++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < length; i++) {
                    max = Math.max(max, v[base + i * inner + j]);
                }
                double sum = 0;
                for (int i = 0; i < length; i++) {
                    sum += Math.exp(v[base + i * inner + j] - max);
                }
                for (int i = 0; i < length; i++) {
                    float z = v[base + i * inner + j] - max;
                    o[base + i * inner + j] = log ? (float) (z - Math.log(sum)) : (float) (Math.exp(z) / sum);
                }
            }
        }
        return out;
    }
}
