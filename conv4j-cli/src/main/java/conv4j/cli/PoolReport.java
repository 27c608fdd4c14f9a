package conv4j.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code conv4j pool} shows: the input, the output the engine's pooling layer computed, the sizes, and on request
 * each window with its values and, for max pooling, where the winner stands (row and column from 1).
 */
record PoolReport(String kind, int size, int stride, List<float[][]> input, List<float[][]> output, Sizes sizes,
                  @JsonInclude(JsonInclude.Include.NON_NULL) List<Step> steps) {

    /** Pooling learns nothing and keeps the channels: D' = D, parameters 0. */
    record Sizes(int height, int width, int depth, int outputHeight, int outputWidth, int outputDepth,
                 long parameters) {
    }

    record Step(int channel, int step, int steps, int[] rows, int[] cols, float[] values,
                @JsonInclude(JsonInclude.Include.NON_NULL) int[] winner, float value) {
    }

    static PoolReport of(String kind, int size, int stride, Tensor x, Tensor y, long parameters, boolean withSteps) {
        List<float[][]> input = ConvReport.planes(x, 0);
        Sizes sizes = new Sizes(x.dim(2), x.dim(3), x.dim(1), y.dim(2), y.dim(3), y.dim(1), parameters);
        return new PoolReport(kind, size, stride, input, ConvReport.planes(y, 0), sizes,
                withSteps ? steps(kind.equals("max"), size, stride, input, y) : null);
    }

    private static List<Step> steps(boolean max, int size, int stride, List<float[][]> input, Tensor y) {
        List<Step> steps = new ArrayList<>();
        int outH = y.dim(2);
        int outW = y.dim(3);
        for (int c = 0; c < input.size(); c++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int top = oy * stride;
                    int left = ox * stride;
                    float[] values = new float[size * size];
                    int best = 0;
                    for (int i = 0; i < size * size; i++) {
                        values[i] = input.get(c)[top + i / size][left + i % size];
                        best = values[i] > values[best] ? i : best;
                    }
                    int[] winner = max ? new int[] {top + best / size + 1, left + best % size + 1} : null;
                    steps.add(new Step(c + 1, oy * outW + ox + 1, outH * outW, new int[] {top + 1, top + size},
                            new int[] {left + 1, left + size}, values, winner, y.get(0, c, oy, ox)));
                }
            }
        }
        return steps;
    }
}
