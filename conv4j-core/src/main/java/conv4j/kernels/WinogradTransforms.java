package conv4j.kernels;

/**
 * The three transforms of Winograd's F(4x4, 3x3) (Lavin and Gray 2015, interpolation points 0, 1, -1, 2, -2 and
 * infinity) on planes: a tile's 9, 36 or 16 values are not stored together but one value per plane, so that lane
 * {@code l} of every plane belongs to the same tile (or the same pair of channels) and the lanes run in vectors.
 * Plane {@code i} of a transform starts at {@code offset + i * stride}; {@code count} lanes are transformed.
 *
 * <ul>
 *   <li>weights, U = G g G^T: tap (i, j) of a 3x3 kernel in source plane i * 6 + j (18 planes) to 36 planes;</li>
 *   <li>input, V = B^T d B: 36 planes of a 6x6 input tile to 36 planes;</li>
 *   <li>output, Y = A^T M A: 36 planes of products to a 4x4 output tile, value (r, s) in plane r * 6 + s of 36.</li>
 * </ul>
 *
 * <p>The 1-D pass that needs room in between runs in place on the side that is a small buffer of the caller's, which
 * the weight and input transforms overwrite in their source and the output transform uses in its destination: the
 * other side, planes of the GEMMs' operands far apart, is read or written once per value.
 *
 * <p>Each transform applies its 1-D rule to the columns of the tile, then to the rows, with adds, subtracts and
 * multiplications by constants only (no fused multiply-add), in one fixed order: every implementation, and every
 * split of the lanes into vectors and a tail, produces the same bits.
 */
interface WinogradTransforms {
    /** Output values of a tile per axis. */
    int M = 4;
    /** Input values of a tile per axis: M + 3 - 1. */
    int N = 6;

    // G's fractions, rounded once to float
    float QUARTER = 0.25f;
    float MINUS_SIXTH = -1f / 6;
    float TWENTY_FOURTH = 1f / 24;
    float TWELFTH = 1f / 12;
    float SIXTH = 1f / 6;

    String name();

    void weights(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int dstStride, int count);

    void input(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int dstStride, int count);

    void output(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int dstStride, int count);
}
