package conv4j.kernels;

import conv4j.tensor.Shape;
import java.util.Arrays;

/**
 * Float32 NCHW convolution as im2col + GEMM, per image and group: y_g (K/groups x P) = w_g (K/groups x CKK) *
 * col (CKK x P), with CKK = C/groups*kH*kW and P = outH*outW. The backward passes are the two other products of the
 * same three matrices: dcol = w_g^T * dy_g (then col2im), and dw_g += dy_g * col^T.
 *
 * <p>A 1x1 kernel at stride 1 without padding skips im2col: the image itself is the column matrix. Cheaper methods
 * take the layers where per-image products are tiny: a window covering the whole input is one product for the whole
 * batch ({@link FullWindowConv}); a map smaller than the window is one dense matrix for the batch ({@link DenseConv});
 * small maps of several images put the images' columns side by side ({@link BatchColumnConv}); and stride-1 layers of
 * up to a few hundred channels read a padded copy of each image in place of a column matrix ({@link DirectConv}).
 * Before any of them, kernel rows and columns that only ever read padding are cut off ({@link KernelCrop}). Each method
 * is deterministic on its own; which one runs depends only on the geometry and the pass.
 */
public final class Conv2dKernel {
    /** Column buffers hold at most this many floats (8 MB); larger images are unfolded a band of rows at a time. */
    static final int MAX_COLUMN_FLOATS = 1 << 21;

    private static final Scratch COLUMNS = new Scratch();
    private static final Scratch PARTIALS = new Scratch();
    private static final Scratch CROPPED_WEIGHTS = new Scratch();

    private Conv2dKernel() {
    }

    /** How a pass is computed; see the class comment. */
    enum Method { IM2COL, DIRECT, FULL_WINDOW, BATCH_COLUMNS, DENSE }

    static Method forwardMethod(Conv2dGeometry g) {
        if (FullWindowConv.applies(g)) {
            return Method.FULL_WINDOW;
        }
        if (DenseConv.applies(g)) {
            return Method.DENSE;
        }
        if (BatchColumnConv.applies(g)) {
            return Method.BATCH_COLUMNS;
        }
        return DirectConv.applies(g) ? Method.DIRECT : Method.IM2COL;
    }

    static Method backwardWeightMethod(Conv2dGeometry g) {
        if (FullWindowConv.applies(g)) {
            return Method.FULL_WINDOW;
        }
        if (DenseConv.applies(g)) {
            return Method.DENSE;
        }
        if (BatchColumnConv.applies(g)) {
            return Method.BATCH_COLUMNS;
        }
        return DirectConv.appliesToWeightGradient(g) ? Method.DIRECT : Method.IM2COL;
    }

    static Method backwardInputMethod(Conv2dGeometry g) {
        if (FullWindowConv.applies(g)) {
            return Method.FULL_WINDOW;
        }
        if (DenseConv.applies(g)) {
            return Method.DENSE;
        }
        if (BatchColumnConv.applies(g)) {
            return Method.BATCH_COLUMNS;
        }
        return DirectConv.appliesToInputGradient(g) ? Method.DIRECT : Method.IM2COL;
    }

    /** y = conv(x, weight) + bias; {@code bias} may be null. y is overwritten. */
    public static void forward(Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y) {
        checkForward(g, x, weight, bias, y);
        KernelCrop crop = KernelCrop.of(g);
        if (crop == null) {
            computeForward(forwardMethod(g), g, x, weight, bias, y);
        } else {
            Conv2dGeometry c = crop.cropped();
            float[] cropped = CROPPED_WEIGHTS.get(c.weightLength());
            crop.cropWeights(g, weight, cropped);
            computeForward(forwardMethod(c), c, x, cropped, bias, y);
        }
    }

    /** dx = the gradient of sum(y * dy) with respect to x; dx is overwritten. */
    public static void backwardInput(Conv2dGeometry g, float[] dy, float[] weight, float[] dx) {
        checkBackwardInput(g, dy, weight, dx);
        KernelCrop crop = KernelCrop.of(g);
        if (crop == null) {
            computeBackwardInput(backwardInputMethod(g), g, dy, weight, dx);
        } else {
            Conv2dGeometry c = crop.cropped();
            float[] cropped = CROPPED_WEIGHTS.get(c.weightLength());
            crop.cropWeights(g, weight, cropped);
            computeBackwardInput(backwardInputMethod(c), c, dy, cropped, dx);
        }
    }

    /** dWeight (and dBias unless null) = the gradients of sum(y * dy); both are overwritten. */
    public static void backwardWeight(Conv2dGeometry g, float[] x, float[] dy, float[] dWeight, float[] dBias) {
        checkBackwardWeight(g, x, dy, dWeight, dBias);
        KernelCrop crop = KernelCrop.of(g);
        if (crop == null) {
            computeBackwardWeight(backwardWeightMethod(g), g, x, dy, dWeight, dBias);
        } else {
            Conv2dGeometry c = crop.cropped();
            float[] cropped = CROPPED_WEIGHTS.get(c.weightLength());
            computeBackwardWeight(backwardWeightMethod(c), c, x, dy, cropped, dBias);
            crop.expandGradient(g, cropped, dWeight);
        }
    }

    /** One method on the whole kernel, for tests and benchmarks that compare methods. */
    static void forward(Method method, Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y) {
        checkForward(g, x, weight, bias, y);
        computeForward(method, g, x, weight, bias, y);
    }

    static void backwardInput(Method method, Conv2dGeometry g, float[] dy, float[] weight, float[] dx) {
        checkBackwardInput(g, dy, weight, dx);
        computeBackwardInput(method, g, dy, weight, dx);
    }

    static void backwardWeight(Method method, Conv2dGeometry g, float[] x, float[] dy, float[] dWeight,
                               float[] dBias) {
        checkBackwardWeight(g, x, dy, dWeight, dBias);
        computeBackwardWeight(method, g, x, dy, dWeight, dBias);
    }

    // The compute methods trust their arguments: weights may sit at the start of a longer scratch array.
    private static void computeForward(Method method, Conv2dGeometry g, float[] x, float[] weight, float[] bias,
                                       float[] y) {
        switch (method) {
            case IM2COL -> im2colForward(g, x, weight, bias, y, MAX_COLUMN_FLOATS);
            case DIRECT -> DirectConv.forward(g, x, weight, bias, y);
            case FULL_WINDOW -> FullWindowConv.forward(g, x, weight, bias, y);
            case BATCH_COLUMNS -> BatchColumnConv.forward(g, x, weight, bias, y, MAX_COLUMN_FLOATS);
            case DENSE -> DenseConv.forward(g, x, weight, bias, y);
        }
    }

    private static void computeBackwardInput(Method method, Conv2dGeometry g, float[] dy, float[] weight,
                                             float[] dx) {
        switch (method) {
            case IM2COL -> im2colBackwardInput(g, dy, weight, dx, MAX_COLUMN_FLOATS);
            case DIRECT -> DirectConv.backwardInput(g, dy, weight, dx);
            case FULL_WINDOW -> FullWindowConv.backwardInput(g, dy, weight, dx);
            case BATCH_COLUMNS -> BatchColumnConv.backwardInput(g, dy, weight, dx, MAX_COLUMN_FLOATS);
            case DENSE -> DenseConv.backwardInput(g, dy, weight, dx);
        }
    }

    private static void computeBackwardWeight(Method method, Conv2dGeometry g, float[] x, float[] dy,
                                              float[] dWeight, float[] dBias) {
        switch (method) {
            case IM2COL -> im2colBackwardWeight(g, x, dy, dWeight, dBias, MAX_COLUMN_FLOATS);
            case DIRECT -> DirectConv.backwardWeight(g, x, dy, dWeight, dBias);
            case FULL_WINDOW -> FullWindowConv.backwardWeight(g, x, dy, dWeight, dBias);
            case BATCH_COLUMNS -> BatchColumnConv.backwardWeight(g, x, dy, dWeight, dBias, MAX_COLUMN_FLOATS);
            case DENSE -> DenseConv.backwardWeight(g, x, dy, dWeight, dBias);
        }
    }

    static void checkForward(Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y) {
        requireLength("forward", "x", x, g.inputShape());
        requireLength("forward", "weight", weight, g.weightShape());
        if (bias != null) {
            requireLength("forward", "bias", bias, Shape.of(g.outChannels()));
        }
        requireLength("forward", "y", y, g.outputShape());
    }

    static void checkBackwardInput(Conv2dGeometry g, float[] dy, float[] weight, float[] dx) {
        requireLength("backwardInput", "dy", dy, g.outputShape());
        requireLength("backwardInput", "weight", weight, g.weightShape());
        requireLength("backwardInput", "dx", dx, g.inputShape());
    }

    static void checkBackwardWeight(Conv2dGeometry g, float[] x, float[] dy, float[] dWeight, float[] dBias) {
        requireLength("backwardWeight", "x", x, g.inputShape());
        requireLength("backwardWeight", "dy", dy, g.outputShape());
        requireLength("backwardWeight", "dWeight", dWeight, g.weightShape());
        if (dBias != null) {
            requireLength("backwardWeight", "dBias", dBias, Shape.of(g.outChannels()));
        }
    }

    /** im2col + GEMM per image, unfolding at most {@code maxColumnFloats} at a time. */
    static void forward(Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y, int maxColumnFloats) {
        checkForward(g, x, weight, bias, y);
        im2colForward(g, x, weight, bias, y, maxColumnFloats);
    }

    private static void im2colForward(Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y,
                                      int maxColumnFloats) {
        Bands bands = new Bands(g, maxColumnFloats);
        if (batchParallel(g)) {
            forImageChunks(g, (chunk, start, end) -> {
                float[] col = COLUMNS.get(bands.columnFloats);
                for (int n = start; n < end; n++) {
                    forwardImage(g, bands, n, x, weight, bias, y, col);
                }
            });
        } else {
            float[] col = COLUMNS.get(bands.columnFloats);
            for (int n = 0; n < g.batch(); n++) {
                forwardImage(g, bands, n, x, weight, bias, y, col);
            }
        }
    }

    static void backwardInput(Conv2dGeometry g, float[] dy, float[] weight, float[] dx, int maxColumnFloats) {
        checkBackwardInput(g, dy, weight, dx);
        im2colBackwardInput(g, dy, weight, dx, maxColumnFloats);
    }

    private static void im2colBackwardInput(Conv2dGeometry g, float[] dy, float[] weight, float[] dx,
                                            int maxColumnFloats) {
        Bands bands = new Bands(g, maxColumnFloats);
        if (batchParallel(g)) {
            forImageChunks(g, (chunk, start, end) -> {
                float[] col = COLUMNS.get(bands.columnFloats);
                for (int n = start; n < end; n++) {
                    backwardInputImage(g, bands, n, dy, weight, dx, col);
                }
            });
        } else {
            float[] col = COLUMNS.get(bands.columnFloats);
            for (int n = 0; n < g.batch(); n++) {
                backwardInputImage(g, bands, n, dy, weight, dx, col);
            }
        }
    }

    static void backwardWeight(Conv2dGeometry g, float[] x, float[] dy, float[] dWeight, float[] dBias,
                               int maxColumnFloats) {
        checkBackwardWeight(g, x, dy, dWeight, dBias);
        im2colBackwardWeight(g, x, dy, dWeight, dBias, maxColumnFloats);
    }

    private static void im2colBackwardWeight(Conv2dGeometry g, float[] x, float[] dy, float[] dWeight,
                                             float[] dBias, int maxColumnFloats) {
        Bands bands = new Bands(g, maxColumnFloats);
        int weightLength = g.weightLength();
        if (!batchParallel(g)) {
            Arrays.fill(dWeight, 0, weightLength, 0f);
            if (dBias != null) {
                Arrays.fill(dBias, 0f);
            }
            float[] col = COLUMNS.get(bands.columnFloats);
            for (int n = 0; n < g.batch(); n++) {
                accumulateWeightGradient(g, bands, n, x, dy, dWeight, 0, dBias, 0, col);
            }
            return;
        }
        // Each chunk of images sums into its own slice of one buffer (weight gradient, then bias gradient); the
        // slices are added in chunk order afterwards, so the result does not depend on which thread ran what.
        int sliceLength = weightLength + (dBias == null ? 0 : g.outChannels());
        int chunks = imageChunks(g);
        float[] partials = PARTIALS.get(chunks * sliceLength);
        forImageChunks(g, (chunk, start, end) -> {
            int slice = chunk * sliceLength;
            Arrays.fill(partials, slice, slice + sliceLength, 0f);
            float[] col = COLUMNS.get(bands.columnFloats);
            for (int n = start; n < end; n++) {
                accumulateWeightGradient(g, bands, n, x, dy, partials, slice, dBias == null ? null : partials,
                        slice + weightLength, col);
            }
        });
        sumSlices(partials, chunks, sliceLength, 0, dWeight, weightLength);
        if (dBias != null) {
            sumSlices(partials, chunks, sliceLength, weightLength, dBias, g.outChannels());
        }
    }

    /*
     * Batch parallelism (one chunk of whole images per thread, GEMM inline inside it) whenever every thread gets an
     * image: im2col and col2im then run in parallel too, and there is one fork-join per call instead of one per
     * image, group and band. With fewer images than threads, the images run one after another on the calling
     * thread and each GEMM splits itself over the pool. A batch of threads+1 images leaves one thread idle for the
     * last image; training batches are multiples of the thread count in practice.
     */
    static boolean batchParallel(Conv2dGeometry g) {
        return Parallel.threads() > 1 && g.batch() >= Parallel.threads();
    }

    private static int imageChunks(Conv2dGeometry g) {
        return Math.min(Parallel.threads(), g.batch());
    }

    private static void forImageChunks(Conv2dGeometry g, Parallel.RangeBody body) {
        int chunks = imageChunks(g);
        int batch = g.batch();
        Parallel.forChunks(chunks, chunk -> {
            int start = (int) ((long) batch * chunk / chunks);
            int end = (int) ((long) batch * (chunk + 1) / chunks);
            body.run(chunk, start, end);
        });
    }

    private static void forwardImage(Conv2dGeometry g, Bands bands, int n, float[] x, float[] weight,
                                     float[] bias, float[] y, float[] col) {
        int outPixels = g.columnCols();
        int outW = g.outWidth();
        int ckk = g.columnRows();
        int kPerGroup = g.outChannelsPerGroup();
        for (int group = 0; group < g.groups(); group++) {
            int xOffset = imageGroupOffset(g, n, group);
            int yOffset = (n * g.outChannels() + group * kPerGroup) * outPixels;
            int wOffset = group * kPerGroup * ckk;
            if (g.isPointwise()) {
                Gemm.sgemm(false, false, kPerGroup, outPixels, ckk, 1f, weight, wOffset, ckk,
                        x, xOffset, outPixels, 0f, y, yOffset, outPixels);
                continue;
            }
            for (int row = 0; row < g.outHeight(); row += bands.rows) {
                int rowEnd = Math.min(g.outHeight(), row + bands.rows);
                int cols = (rowEnd - row) * outW;
                unfold(g, x, xOffset, row, rowEnd, col);
                Gemm.sgemm(false, false, kPerGroup, cols, ckk, 1f, weight, wOffset, ckk,
                        col, 0, cols, 0f, y, yOffset + row * outW, outPixels);
            }
        }
        if (bias != null) {
            for (int k = 0; k < g.outChannels(); k++) {
                int start = (n * g.outChannels() + k) * outPixels;
                float b = bias[k];
                for (int p = start; p < start + outPixels; p++) {
                    y[p] += b;
                }
            }
        }
    }

    private static void backwardInputImage(Conv2dGeometry g, Bands bands, int n, float[] dy, float[] weight,
                                           float[] dx, float[] col) {
        int outPixels = g.columnCols();
        int outW = g.outWidth();
        int ckk = g.columnRows();
        int kPerGroup = g.outChannelsPerGroup();
        int groupInput = g.inChannelsPerGroup() * g.inHeight() * g.inWidth();
        for (int group = 0; group < g.groups(); group++) {
            int dxOffset = imageGroupOffset(g, n, group);
            int dyOffset = (n * g.outChannels() + group * kPerGroup) * outPixels;
            int wOffset = group * kPerGroup * ckk;
            if (g.isPointwise()) {
                Gemm.sgemm(true, false, ckk, outPixels, kPerGroup, 1f, weight, wOffset, ckk,
                        dy, dyOffset, outPixels, 0f, dx, dxOffset, outPixels);
                continue;
            }
            Arrays.fill(dx, dxOffset, dxOffset + groupInput, 0f);
            for (int row = 0; row < g.outHeight(); row += bands.rows) {
                int rowEnd = Math.min(g.outHeight(), row + bands.rows);
                int cols = (rowEnd - row) * outW;
                Gemm.sgemm(true, false, ckk, cols, kPerGroup, 1f, weight, wOffset, ckk,
                        dy, dyOffset + row * outW, outPixels, 0f, col, 0, cols);
                Im2col.col2im(g, col, 0, row, rowEnd, dx, dxOffset);
            }
        }
    }

    private static void accumulateWeightGradient(Conv2dGeometry g, Bands bands, int n, float[] x, float[] dy,
                                                 float[] dWeight, int dwStart, float[] dBias, int dbStart,
                                                 float[] col) {
        int outPixels = g.columnCols();
        int outW = g.outWidth();
        int ckk = g.columnRows();
        int kPerGroup = g.outChannelsPerGroup();
        for (int group = 0; group < g.groups(); group++) {
            int xOffset = imageGroupOffset(g, n, group);
            int dyOffset = (n * g.outChannels() + group * kPerGroup) * outPixels;
            int dwOffset = dwStart + group * kPerGroup * ckk;
            if (g.isPointwise()) {
                Gemm.sgemm(false, true, kPerGroup, ckk, outPixels, 1f, dy, dyOffset, outPixels,
                        x, xOffset, outPixels, 1f, dWeight, dwOffset, ckk);
                continue;
            }
            for (int row = 0; row < g.outHeight(); row += bands.rows) {
                int rowEnd = Math.min(g.outHeight(), row + bands.rows);
                int cols = (rowEnd - row) * outW;
                unfold(g, x, xOffset, row, rowEnd, col);
                Gemm.sgemm(false, true, kPerGroup, ckk, cols, 1f, dy, dyOffset + row * outW, outPixels,
                        col, 0, cols, 1f, dWeight, dwOffset, ckk);
            }
        }
        if (dBias != null) {
            for (int k = 0; k < g.outChannels(); k++) {
                int start = (n * g.outChannels() + k) * outPixels;
                double sum = 0; // one image's plane can hold 10^5 values: sum them in double
                for (int p = start; p < start + outPixels; p++) {
                    sum += dy[p];
                }
                dBias[dbStart + k] += (float) sum;
            }
        }
    }

    /** Below this many floats a share of the unfolding does not pay for waking a thread. */
    private static final int UNFOLD_GRAIN = 1 << 14;

    /**
     * im2col of output rows {@code [row, rowEnd)}, split by output rows over the pool when it is free (one image at
     * a time, as at inference): each thread writes its own columns of the same matrix.
     */
    private static void unfold(Conv2dGeometry g, float[] x, int xOffset, int row, int rowEnd, float[] col) {
        int outW = g.outWidth();
        int cols = (rowEnd - row) * outW;
        int grain = Math.max(1, UNFOLD_GRAIN / Math.max(1, g.columnRows() * outW));
        Parallel.forRange(rowEnd - row, grain, (chunk, start, end) ->
                Im2col.im2col(g, x, xOffset, row + start, row + end, col, start * outW, cols));
    }

    // Every entry is summed in chunk order whichever thread does it, so splitting this loop keeps the result exact.
    private static void sumSlices(float[] partials, int chunks, int sliceLength, int from, float[] out, int length) {
        Parallel.forRange(length, 1 << 14, (part, start, end) -> {
            for (int i = start; i < end; i++) {
                float sum = partials[from + i];
                for (int c = 1; c < chunks; c++) {
                    sum += partials[c * sliceLength + from + i];
                }
                out[i] = sum;
            }
        });
    }

    // Offset of channel group*C/groups of image n in an N x C x H x W array.
    private static int imageGroupOffset(Conv2dGeometry g, int n, int group) {
        return (n * g.inChannels() + group * g.inChannelsPerGroup()) * g.inHeight() * g.inWidth();
    }

    private static void requireLength(String op, String name, float[] values, Shape shape) {
        if (values == null) {
            throw new IllegalArgumentException(op + ": " + name + " is null, expected " + shape + " values");
        }
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(op + ": " + name + " has " + values.length + " values, the geometry"
                    + " needs " + shape + " = " + shape.size());
        }
    }

    /** Output rows unfolded at a time, so a column buffer stays within the cap (at least one row). */
    private static final class Bands {
        final int rows;
        final int columnFloats;

        Bands(Conv2dGeometry g, int maxColumnFloats) {
            if (g.isPointwise()) {
                rows = g.outHeight();
                columnFloats = 0;
            } else {
                long rowFloats = (long) g.columnRows() * g.outWidth();
                rows = (int) Math.max(1, Math.min(g.outHeight(), maxColumnFloats / rowFloats));
                columnFloats = (int) (rowFloats * rows);
            }
        }
    }
}
