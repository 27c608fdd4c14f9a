package conv4j.kernels;

import java.util.Arrays;

/**
 * im2col + GEMM over a group of images at once, for layers whose output maps are small (ResNet's last stages on
 * CIFAR-sized inputs: 4x4, 2x2, 1x1). One image's product there has a handful of columns: the GEMM packs the whole
 * weight matrix to use each weight a few times, and fills a 32-column tile with one or four. Here the column
 * matrices of the images of a group stand side by side, CKK x (images * P) with image i's columns from i * P, so the
 * weights are packed once per group and the product is as wide as the group:
 * <pre>
 *   forward          out (K x GP)   = w (K x CKK) * col (CKK x GP), then scattered to N x K x P
 *   input gradient   dcol (CKK x GP) = w^T * dy (K x GP, gathered), then col2im per image
 *   weight gradient  dw (K x CKK)  += dy (K x GP) * col^T, group after group
 * </pre>
 * Unfolding (through a table of window offsets: small maps have more rows of the column matrix than values per row),
 * gathering and scattering split the images of a group over the pool; the products split themselves.
 * Groups follow from the geometry alone and are summed in order, so results do not depend on the thread count.
 */
final class BatchColumnConv {
    /** Below this many output positions per image, one image's product is too narrow to keep the GEMM busy. */
    static final int MAX_POSITIONS = 64;

    private static final Scratch COLUMNS = new Scratch();
    private static final Scratch ROWS = new Scratch();

    private BatchColumnConv() {
    }

    /** Several images, small output maps, one group of channels. */
    static boolean applies(Conv2dGeometry g) {
        return g.batch() > 1 && g.groups() == 1 && g.columnCols() < MAX_POSITIONS;
    }

    static void forward(Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y, int maxColumnFloats) {
        int k = g.outChannels();
        int depth = g.columnRows();
        int positions = g.columnCols();
        int inputImage = g.inChannels() * g.inHeight() * g.inWidth();
        ImageGroups groups = new ImageGroups(g, maxColumnFloats);
        int[] offsets = Im2col.windowOffsets(g);
        float[] col = COLUMNS.get(depth * groups.maxColumns);
        float[] out = ROWS.get(k * groups.maxColumns);
        for (int group = 0; group < groups.count; group++) {
            int first = groups.first(group);
            int width = groups.columns(group);
            Parallel.forRange(groups.images(group), 1, (chunk, start, end) -> {
                for (int i = start; i < end; i++) {
                    Im2col.im2col(g, offsets, x, (first + i) * inputImage, col, i * positions, width);
                }
            });
            Gemm.sgemm(false, false, k, width, depth, 1f, weight, 0, depth, col, 0, width, 0f, out, 0, width);
            Parallel.forRange(groups.images(group), 1, (chunk, start, end) -> {
                for (int i = start; i < end; i++) {
                    int image = (first + i) * k * positions;
                    for (int c = 0; c < k; c++) {
                        int to = image + c * positions;
                        System.arraycopy(out, c * width + i * positions, y, to, positions);
                        if (bias != null) {
                            float b = bias[c];
                            for (int p = to; p < to + positions; p++) {
                                y[p] += b;
                            }
                        }
                    }
                }
            });
        }
    }

    static void backwardInput(Conv2dGeometry g, float[] dy, float[] weight, float[] dx, int maxColumnFloats) {
        int k = g.outChannels();
        int depth = g.columnRows();
        int inputImage = g.inChannels() * g.inHeight() * g.inWidth();
        ImageGroups groups = new ImageGroups(g, maxColumnFloats);
        int[] offsets = Im2col.windowOffsets(g);
        float[] col = COLUMNS.get(depth * groups.maxColumns);
        float[] rows = ROWS.get(k * groups.maxColumns);
        for (int group = 0; group < groups.count; group++) {
            int first = groups.first(group);
            int width = groups.columns(group);
            gather(g, dy, first, groups.images(group), width, rows);
            Gemm.sgemm(true, false, depth, width, k, 1f, weight, 0, depth, rows, 0, width, 0f, col, 0, width);
            int positions = g.columnCols();
            Parallel.forRange(groups.images(group), 1, (chunk, start, end) -> {
                for (int i = start; i < end; i++) {
                    int image = (first + i) * inputImage;
                    Arrays.fill(dx, image, image + inputImage, 0f);
                    Im2col.col2im(g, offsets, col, i * positions, dx, image, width);
                }
            });
        }
    }

    static void backwardWeight(Conv2dGeometry g, float[] x, float[] dy, float[] dWeight, float[] dBias,
                               int maxColumnFloats) {
        int k = g.outChannels();
        int depth = g.columnRows();
        int positions = g.columnCols();
        int inputImage = g.inChannels() * g.inHeight() * g.inWidth();
        ImageGroups groups = new ImageGroups(g, maxColumnFloats);
        int[] offsets = Im2col.windowOffsets(g);
        float[] col = COLUMNS.get(depth * groups.maxColumns);
        float[] rows = ROWS.get(k * groups.maxColumns);
        for (int group = 0; group < groups.count; group++) {
            int first = groups.first(group);
            int width = groups.columns(group);
            gather(g, dy, first, groups.images(group), width, rows);
            Parallel.forRange(groups.images(group), 1, (chunk, start, end) -> {
                for (int i = start; i < end; i++) {
                    Im2col.im2col(g, offsets, x, (first + i) * inputImage, col, i * positions, width);
                }
            });
            // The first group overwrites, so NaN left in dWeight does not survive.
            Gemm.sgemm(false, true, k, depth, width, 1f, rows, 0, width, col, 0, width, group == 0 ? 0f : 1f,
                    dWeight, 0, depth);
        }
        if (dBias != null) {
            for (int c = 0; c < k; c++) {
                double sum = 0;
                for (int n = 0; n < g.batch(); n++) {
                    int from = (n * k + c) * positions;
                    sum += Loops.sum(dy, from, from + positions);
                }
                dBias[c] = (float) sum;
            }
        }
    }

    /** rows (K x width) = the output gradients of images {@code [first, first + images)}, side by side. */
    private static void gather(Conv2dGeometry g, float[] dy, int first, int images, int width, float[] rows) {
        int k = g.outChannels();
        int positions = g.columnCols();
        Parallel.forRange(images, 1, (chunk, start, end) -> {
            for (int i = start; i < end; i++) {
                int image = (first + i) * k * positions;
                for (int c = 0; c < k; c++) {
                    System.arraycopy(dy, image + c * positions, rows, c * width + i * positions, positions);
                }
            }
        });
    }

    /**
     * The batch cut into groups of nearly equal size, as many images each as keep the column matrix and the output
     * rows within the column cap (at least one image).
     */
    static final class ImageGroups {
        final int count;
        final int maxColumns;
        private final int batch;
        private final int positions;

        ImageGroups(Conv2dGeometry g, int maxColumnFloats) {
            batch = g.batch();
            positions = g.columnCols();
            long imageFloats = (long) Math.max(g.columnRows(), g.outChannels()) * positions;
            int perGroup = (int) Math.max(1, Math.min(batch, maxColumnFloats / imageFloats));
            count = (batch + perGroup - 1) / perGroup;
            maxColumns = (batch + count - 1) / count * positions;
        }

        int first(int group) {
            return (int) ((long) batch * group / count);
        }

        int images(int group) {
            return first(group + 1) - first(group);
        }

        int columns(int group) {
            return images(group) * positions;
        }
    }
}
