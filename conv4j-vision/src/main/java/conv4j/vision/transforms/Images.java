package conv4j.vision.transforms;

import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;

/** What the image transforms share: the C x H x W check and a zero-padded crop. */
final class Images {

    private Images() {
    }

    static void checkImage(String transform, Shape input) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException(transform + " expects one C x H x W image, received " + input);
        }
    }

    /**
     * An outH x outW window of the input zero-padded by {@code padding} on every side, its top-left corner at
     * ({@code top}, {@code left}) in padded coordinates: {@code top = padding} and {@code left = padding} is no shift.
     */
    static Tensor paddedCrop(Tensor input, int top, int left, int outH, int outW, int padding) {
        int channels = input.dim(0);
        int h = input.dim(1);
        int w = input.dim(2);
        float[] x = input.data();
        float[] y = new float[channels * outH * outW];
        int dy = top - padding;
        int dx = left - padding;
        // only the rows and columns that fall inside the input are copied; the rest stays zero
        int rowStart = Math.max(0, -dy);
        int rowEnd = Math.min(outH, h - dy);
        int colStart = Math.max(0, -dx);
        int colEnd = Math.min(outW, w - dx);
        if (colEnd > colStart) {
            for (int c = 0; c < channels; c++) {
                for (int r = rowStart; r < rowEnd; r++) {
                    System.arraycopy(x, (c * h + r + dy) * w + colStart + dx, y, (c * outH + r) * outW + colStart,
                            colEnd - colStart);
                }
            }
        }
        return new Tensor(Shape.of(channels, outH, outW), y);
    }
}
