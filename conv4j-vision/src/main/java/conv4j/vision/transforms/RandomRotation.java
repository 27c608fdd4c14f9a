package conv4j.vision.transforms;

import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.SampleTransform;

/**
 * Rotates the image about its centre by an angle drawn uniformly from [-maxDegrees, maxDegrees], with bilinear
 * interpolation and zeros where the rotated image does not reach. Positive angles turn counter-clockwise, as in
 * torchvision.
 */
public record RandomRotation(double maxDegrees) implements SampleTransform {
    /** Source coordinates this close to a whole pixel are taken as whole, so right angles rotate exactly. */
    private static final double SNAP = 1e-9;

    public RandomRotation {
        if (!(maxDegrees >= 0 && maxDegrees <= 180)) {
            throw new IllegalArgumentException("RandomRotation maxDegrees must be in [0, 180], received " + maxDegrees);
        }
    }

    @Override
    public Tensor apply(Tensor input, Rng rng) {
        Images.checkImage("RandomRotation", input.shape());
        double degrees = (2 * rng.nextDouble() - 1) * maxDegrees;
        return rotate(input, degrees);
    }

    @Override
    public Shape outputShape(Shape input) {
        Images.checkImage("RandomRotation", input);
        return input;
    }

    /** The C x H x W image turned counter-clockwise by {@code degrees} about its centre; a new tensor. */
    public static Tensor rotate(Tensor input, double degrees) {
        Images.checkImage("rotate", input.shape());
        int channels = input.dim(0);
        int h = input.dim(1);
        int w = input.dim(2);
        double radians = Math.toRadians(degrees);
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        double cy = (h - 1) / 2.0;
        double cx = (w - 1) / 2.0;
        float[] x = input.data();
        float[] y = new float[x.length];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                // Each output pixel reads the input at the point that the rotation carries onto it (the inverse
                // rotation). Rows grow downwards, so a counter-clockwise turn on screen is a clockwise one in (x, y).
                double dx = c - cx;
                double dy = r - cy;
                double sx = snap(cx + dx * cos - dy * sin);
                double sy = snap(cy + dx * sin + dy * cos);
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                for (int ch = 0; ch < channels; ch++) {
                    int plane = ch * h * w;
                    double v = (1 - fy) * ((1 - fx) * at(x, plane, h, w, y0, x0) + fx * at(x, plane, h, w, y0, x0 + 1))
                            + fy * ((1 - fx) * at(x, plane, h, w, y0 + 1, x0) + fx * at(x, plane, h, w, y0 + 1, x0 + 1));
                    y[plane + r * w + c] = (float) v;
                }
            }
        }
        return new Tensor(input.shape(), y);
    }

    private static double snap(double v) {
        double whole = Math.rint(v);
        return Math.abs(v - whole) < SNAP ? whole : v;
    }

    private static float at(float[] x, int plane, int h, int w, int row, int col) {
        return row < 0 || row >= h || col < 0 || col >= w ? 0f : x[plane + row * w + col];
    }
}
