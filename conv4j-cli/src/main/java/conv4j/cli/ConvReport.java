package conv4j.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import conv4j.kernels.Conv2dGeometry;
import conv4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code conv4j conv} shows: the input, its padded form, each filter's kernels and bias, the output maps the
 * engine's Conv2d computed, the sizes, and on request each window position in order. Grids are lists of rows; a list
 * of grids is one per channel (input) or one per filter (output). Rows and columns count from 1 in the padded input.
 */
record ConvReport(List<float[][]> input, PaddingReport padding, List<float[][]> paddedInput, int stride,
                  List<FilterReport> filters, List<float[][]> output, Sizes sizes,
                  @JsonInclude(JsonInclude.Include.NON_NULL) List<Step> steps) {

    record PaddingReport(String kind, int top, int bottom, int left, int right) {
        boolean none() {
            return top == 0 && bottom == 0 && left == 0 && right == 0;
        }

        boolean even() {
            return top == bottom && top == left && left == right;
        }
    }

    /** One filter: a kernel per input channel and one bias shared by them. */
    record FilterReport(List<float[][]> kernels, float bias) {
    }

    /** The lecture's H x W x D, F, K and s, and what follows from them; parameters as the layer counts them. */
    record Sizes(int height, int width, int depth, int kernelHeight, int kernelWidth, int filters, int stride,
                 int outputHeight, int outputWidth, int outputDepth, long parameters) {
    }

    /** One window position: input value x kernel weight for every channel, the bias, and the engine's output. */
    record Step(int filter, int step, int steps, int[] rows, int[] cols, List<Term> terms, float bias, float value) {
    }

    record Term(int channel, float input, float weight) {
    }

    static ConvReport of(Tensor x, Tensor weight, float[] bias, Conv2dGeometry g, String paddingKind, Tensor y,
                         long parameters, boolean withSteps) {
        List<float[][]> padded = paddedPlanes(x, g);
        List<FilterReport> filters = new ArrayList<>();
        for (int k = 0; k < g.outChannels(); k++) {
            filters.add(new FilterReport(planes(weight, k), bias[k]));
        }
        Sizes sizes = new Sizes(g.inHeight(), g.inWidth(), g.inChannels(), g.kernelH(), g.kernelW(),
                g.outChannels(), g.strideH(), g.outHeight(), g.outWidth(), g.outChannels(), parameters);
        return new ConvReport(planes(x, 0), new PaddingReport(paddingKind, g.padTop(), g.padBottom(), g.padLeft(),
                g.padRight()), padded, g.strideH(), filters, planes(y, 0), sizes,
                withSteps ? steps(padded, filters, g, y) : null);
    }

    /** The windows in the order the lecture slides them: filter by filter, left to right, top to bottom. */
    private static List<Step> steps(List<float[][]> padded, List<FilterReport> filters, Conv2dGeometry g, Tensor y) {
        List<Step> steps = new ArrayList<>();
        int count = g.outHeight() * g.outWidth();
        for (int k = 0; k < filters.size(); k++) {
            List<float[][]> kernels = filters.get(k).kernels();
            for (int oy = 0; oy < g.outHeight(); oy++) {
                for (int ox = 0; ox < g.outWidth(); ox++) {
                    int top = oy * g.strideH();
                    int left = ox * g.strideW();
                    List<Term> terms = new ArrayList<>();
                    for (int c = 0; c < padded.size(); c++) {
                        for (int i = 0; i < g.kernelH(); i++) {
                            for (int j = 0; j < g.kernelW(); j++) {
                                terms.add(new Term(c + 1, padded.get(c)[top + i][left + j], kernels.get(c)[i][j]));
                            }
                        }
                    }
                    steps.add(new Step(k + 1, oy * g.outWidth() + ox + 1, count,
                            new int[] {top + 1, top + g.kernelH()}, new int[] {left + 1, left + g.kernelW()}, terms,
                            filters.get(k).bias(), y.get(0, k, oy, ox)));
                }
            }
        }
        return steps;
    }

    private static List<float[][]> paddedPlanes(Tensor x, Conv2dGeometry g) {
        List<float[][]> planes = new ArrayList<>();
        for (float[][] plane : planes(x, 0)) {
            float[][] p = new float[g.inHeight() + g.padTop() + g.padBottom()][g.inWidth() + g.padLeft()
                    + g.padRight()];
            for (int r = 0; r < g.inHeight(); r++) {
                System.arraycopy(plane[r], 0, p[r + g.padTop()], g.padLeft(), g.inWidth());
            }
            planes.add(p);
        }
        return planes;
    }

    /** The planes of item {@code n} of a rank-4 tensor (a batch's sample, or a weight's filter) as grids of rows. */
    static List<float[][]> planes(Tensor t, int n) {
        List<float[][]> planes = new ArrayList<>();
        for (int c = 0; c < t.dim(1); c++) {
            float[][] rows = new float[t.dim(2)][t.dim(3)];
            for (int r = 0; r < rows.length; r++) {
                for (int col = 0; col < rows[r].length; col++) {
                    rows[r][col] = t.get(n, c, r, col);
                }
            }
            planes.add(rows);
        }
        return planes;
    }
}
