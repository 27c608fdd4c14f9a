package conv4j.kernels;

/**
 * How the weight gradient of one chunk of images is accumulated. By channels: every output position broadcasts
 * its input taps against a vector of channel gradients ({@link ConvTiles#weightTile}), best when the channels fill
 * a vector (C3's 16). By rows: a vector of output columns of one row at a time ({@link ConvTiles#rowTile}), the
 * columns summed at the end, best for few channels and wide rows (C1's 6 channels, 28 columns).
 */
abstract class WeightGradientLayout {
    final int accumulators;
    final int gradientLength;

    WeightGradientLayout(int accumulators, int gradientLength) {
        this.accumulators = accumulators;
        this.gradientLength = gradientLength;
    }

    static WeightGradientLayout of(ConvTiles tiles, Conv2dGeometry g, PaddedPlanes in) {
        return byRows(g) ? new ByRows(tiles, g, in) : new ByChannels(tiles, g, in);
    }

    /**
     * Whether the weight gradient goes by rows: the layout with fewer lane operations for 16-lane vectors and 8-tap
     * tiles, whichever tiles run. The two layouts sum in different orders, so the choice must depend on the geometry
     * alone.
     */
    static boolean byRows(Conv2dGeometry g) {
        int lanes = 16;
        long byChannels = (long) g.outHeight() * g.outWidth() * DirectConv.roundUp(g.columnRows(), 8)
                * DirectConv.roundUp(g.outChannels(), lanes);
        long byRows = (long) g.outHeight() * DirectConv.roundUp(g.outWidth(), lanes)
                * DirectConv.roundUp(g.columnRows(), 4) * DirectConv.roundUp(g.outChannels(), 4);
        return byRows < byChannels;
    }

    /**
     * Adds image {@code from}'s products into the chunk's slice. The gradient buffer starts each chunk zeroed,
     * and only the channels and columns that exist are written.
     */
    abstract void accumulate(ConvTiles tiles, PaddedPlanes in, float[] padded, float[] dy, int from,
                             float[] gradient, float[] partials, int slice);

    /** The chunk's sum for weight (k, p). */
    abstract float total(float[] partials, int slice, int k, int p);

    /**
     * Accumulators taps x channelStride, the taps rounded up to whole tiles; the gradient as positions x
     * channelStride.
     */
    static final class ByChannels extends WeightGradientLayout {
        private final int channels;
        private final int channelStride;
        private final int taps;
        private final int positions;
        /** Output position q = oh * outW + ow sits at oh * Wp + ow in the padded layout. */
        private final int[] paddedPositions;

        ByChannels(ConvTiles tiles, Conv2dGeometry g, PaddedPlanes in) {
            this(g, in, DirectConv.roundUp(g.outChannels(), tiles.channelBlock()),
                    DirectConv.roundUp(g.columnRows(), tiles.weightTaps()), g.outHeight() * g.outWidth());
        }

        private ByChannels(Conv2dGeometry g, PaddedPlanes in, int channelStride, int taps, int positions) {
            super(taps * channelStride, positions * channelStride);
            this.channels = g.outChannels();
            this.channelStride = channelStride;
            this.taps = taps;
            this.positions = positions;
            this.paddedPositions = new int[positions];
            for (int oh = 0, q = 0; oh < g.outHeight(); oh++) {
                for (int ow = 0; ow < g.outWidth(); ow++, q++) {
                    paddedPositions[q] = oh * in.paddedW + ow;
                }
            }
        }

        @Override
        void accumulate(ConvTiles tiles, PaddedPlanes in, float[] padded, float[] dy, int from, float[] gradient,
                        float[] partials, int slice) {
            for (int q = 0; q < positions; q++) {
                int row = q * channelStride;
                for (int k = 0; k < channels; k++) {
                    gradient[row + k] = dy[from + k * positions + q];
                }
            }
            for (int k0 = 0; k0 < channelStride; k0 += tiles.channelBlock()) {
                for (int p0 = 0; p0 < taps; p0 += tiles.weightTaps()) {
                    tiles.weightTile(positions, paddedPositions, padded, 0, in.offsets, p0, gradient, k0,
                            channelStride, partials, slice + p0 * channelStride + k0, channelStride);
                }
            }
        }

        @Override
        float total(float[] partials, int slice, int k, int p) {
            return partials[slice + p * channelStride + k];
        }
    }

    /**
     * Accumulators channelRows x tapRows x rowWidth (channels and taps rounded up to whole row tiles), one per output
     * column; the gradient as channelRows x outH x rowWidth with zeros past the last column and channel, so the
     * columns read past a row's end add nothing to the columns kept. The columns are summed in order at the end.
     */
    static final class ByRows extends WeightGradientLayout {
        private final int channels;
        private final int channelRows;
        private final int tapRows;
        private final int outH;
        private final int outW;
        private final int rowWidth;

        ByRows(ConvTiles tiles, Conv2dGeometry g, PaddedPlanes in) {
            this(g, DirectConv.roundUp(g.outChannels(), tiles.rowChannels()),
                    DirectConv.roundUp(g.columnRows(), tiles.rowTaps()), DirectConv.roundUp(g.outWidth(),
                    tiles.rowLanes()));
        }

        private ByRows(Conv2dGeometry g, int channelRows, int tapRows, int rowWidth) {
            super(channelRows * tapRows * rowWidth, channelRows * g.outHeight() * rowWidth);
            this.channels = g.outChannels();
            this.channelRows = channelRows;
            this.tapRows = tapRows;
            this.outH = g.outHeight();
            this.outW = g.outWidth();
            this.rowWidth = rowWidth;
        }

        @Override
        void accumulate(ConvTiles tiles, PaddedPlanes in, float[] padded, float[] dy, int from, float[] gradient,
                        float[] partials, int slice) {
            int plane = outH * rowWidth;
            for (int k = 0; k < channels; k++) {
                for (int oh = 0; oh < outH; oh++) {
                    System.arraycopy(dy, from + (k * outH + oh) * outW, gradient, k * plane + oh * rowWidth, outW);
                }
            }
            int lanes = tiles.rowLanes();
            for (int k0 = 0; k0 < channelRows; k0 += tiles.rowChannels()) {
                for (int p0 = 0; p0 < tapRows; p0 += tiles.rowTaps()) {
                    for (int l0 = 0; l0 < rowWidth; l0 += lanes) {
                        tiles.rowTile(outH, padded, l0, in.paddedW, in.offsets, p0, gradient, k0 * plane + l0,
                                plane, rowWidth, partials, slice + (k0 * tapRows + p0) * rowWidth + l0,
                                tapRows * rowWidth, rowWidth);
                    }
                }
            }
        }

        @Override
        float total(float[] partials, int slice, int k, int p) {
            int at = slice + (k * tapRows + p) * rowWidth;
            float sum = partials[at];
            for (int ow = 1; ow < outW; ow++) {
                sum += partials[at + ow];
            }
            return sum;
        }
    }
}
