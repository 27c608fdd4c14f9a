package conv4j.onnx;

import static conv4j.onnx.OnnxGraphBuilder.ints;

import conv4j.onnx.ExportScope.Value;
import conv4j.tensor.Tensor;
import java.util.List;

/**
 * Adaptive average pooling, whose windows follow the input size, written for the input size of the export: global
 * pooling for a 1x1 output, one AveragePool where the sizes divide evenly (every window then has the same size and
 * stride), and otherwise two MatMuls with averaging matrices: a window is a range of rows times a range of columns,
 * so its mean is rows x X x columns, with row i of {@code rows} holding 1/len over the rows of window i.
 */
final class AdaptivePoolExport {
    private AdaptivePoolExport() {
    }

    /** The output of pooling {@code input} to outH x outW; {@code suffix} names the nodes within the layer. */
    static String export(ExportScope s, String suffix, Value input, int outH, int outW) {
        int h = input.shape().dim(2);
        int w = input.shape().dim(3);
        if (outH == 1 && outW == 1) {
            return s.node("GlobalAveragePool", suffix, List.of(input.name()));
        }
        if (h % outH == 0 && w % outW == 0) {
            int kh = h / outH;
            int kw = w / outW;
            return s.node("AveragePool", suffix, List.of(input.name()), ints("kernel_shape", kh, kw),
                    ints("strides", kh, kw));
        }
        String prefix = suffix == null ? "" : suffix + "/";
        String rows = s.constant(prefix + "rows", averaging(outH, h, false));
        String columns = s.constant(prefix + "columns", averaging(outW, w, true));
        String pooledRows = s.node("MatMul", prefix + "pool_rows", List.of(rows, input.name()));
        return s.node("MatMul", suffix == null ? "pool_columns" : prefix + "pool_columns",
                List.of(pooledRows, columns));
    }

    /** out x in (or in x out, {@code transposed}): PyTorch's windows, floor(i in / out) to ceil((i + 1) in / out). */
    private static Tensor averaging(int out, int in, boolean transposed) {
        float[] m = new float[out * in];
        for (int i = 0; i < out; i++) {
            int start = (int) ((long) i * in / out);
            int end = (int) (((long) (i + 1) * in + out - 1) / out);
            for (int j = start; j < end; j++) {
                m[transposed ? j * out + i : i * in + j] = 1f / (end - start);
            }
        }
        return transposed ? Tensor.of(m, in, out) : Tensor.of(m, out, in);
    }
}
