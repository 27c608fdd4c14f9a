package conv4j.kernels;

import java.util.Arrays;

/**
 * Convolution as im2col + GEMM, the lecture's convolution as a dot product, per image and group: y_g (K/groups x P) =
 * w_g (K/groups x CKK) * col (CKK x P), with CKK = C/groups*kH*kW and P = outH*outW. The backward passes are the two
 * other products of the same three matrices: dcol = w_g^T * dy_g (then col2im), and dw_g += dy_g * col^T. A 1x1
 * kernel at stride 1 without padding skips im2col: the image itself is the column matrix. It computes every
 * convolution; {@link ConvMethod}'s table gives it what no cheaper method takes.
 */
final class Im2colConv {
    /** Column buffers hold at most this many floats (8 MB); larger images are unfolded a band of rows at a time. */
    static final int MAX_COLUMN_FLOATS = 1 << 21;

    private static final Scratch COLUMNS = new Scratch();
    private static final Scratch PARTIALS = new Scratch();

    private Im2colConv() {
    }

    static void forward(Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y) {
        forward(g, x, weight, bias, y, MAX_COLUMN_FLOATS);
    }

    static void backwardInput(Conv2dGeometry g, float[] dy, float[] weight, float[] dx) {
        backwardInput(g, dy, weight, dx, MAX_COLUMN_FLOATS);
    }

    static void backwardWeight(Conv2dGeometry g, float[] x, float[] dy, float[] dWeight, float[] dBias) {
        backwardWeight(g, x, dy, dWeight, dBias, MAX_COLUMN_FLOATS);
    }

    /** im2col + GEMM per image, unfolding at most {@code maxColumnFloats} at a time. */
    static void forward(Conv2dGeometry g, float[] x, float[] weight, float[] bias, float[] y,
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

    static void backwardInput(Conv2dGeometry g, float[] dy, float[] weight, float[] dx,
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
