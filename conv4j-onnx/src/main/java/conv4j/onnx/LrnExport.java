package conv4j.onnx;

import static conv4j.onnx.OnnxGraphBuilder.integer;
import static conv4j.onnx.OnnxGraphBuilder.ints;
import static conv4j.onnx.OnnxGraphBuilder.real;

import conv4j.nn.LocalResponseNorm;
import conv4j.onnx.ExportScope.Value;
import conv4j.tensor.Tensor;
import java.util.List;

/**
 * Local response normalisation. ONNX's LRN computes conv4j's formula, alpha divided by the size included
 * (x / (bias + alpha / size * sum x^2)^beta), over the channels c - floor((size-1)/2) .. c + ceil((size-1)/2);
 * conv4j's (and PyTorch's) window is c - size/2 .. c + (size-1)/2. For an odd size these are the same window. For an
 * even size the window sits one channel lower, which LRN cannot express, so the sum of squares is written as a 1x1
 * convolution with a banded 0/1 weight (channel c sums exactly its window) and the rest as elementwise operators.
 */
final class LrnExport {
    private LrnExport() {
    }

    static String export(LocalResponseNorm l, ExportScope s, Value in) {
        if (l.size() % 2 == 1) {
            return s.node("LRN", null, List.of(in.name()), integer("size", l.size()), real("alpha", (float) l.alpha()),
                    real("beta", (float) l.beta()), real("bias", (float) l.k()));
        }
        int channels = in.shape().dim(1);
        float[] band = new float[channels * channels];
        for (int c = 0; c < channels; c++) {
            for (int j = Math.max(0, c - l.size() / 2); j <= Math.min(channels - 1, c + (l.size() - 1) / 2); j++) {
                band[c * channels + j] = 1f;
            }
        }
        String squares = s.node("Mul", "square", List.of(in.name(), in.name()));
        String sums = s.node("Conv", "window_sum", List.of(squares,
                s.constant("window", Tensor.of(band, channels, channels, 1, 1))), ints("kernel_shape", 1, 1));
        String scaled = s.node("Mul", "scale", List.of(sums, s.constant("alpha_over_size",
                Tensor.of(new float[] {(float) (l.alpha() / l.size())}, 1))));
        String shifted = s.node("Add", "shift", List.of(scaled, s.constant("k",
                Tensor.of(new float[] {(float) l.k()}, 1))));
        String power = s.node("Pow", "power", List.of(shifted, s.constant("beta",
                Tensor.of(new float[] {(float) l.beta()}, 1))));
        return s.node("Div", "divide", List.of(in.name(), power));
    }
}
