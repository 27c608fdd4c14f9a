package conv4j.kernels;

/**
 * PyTorch's local response normalisation in double: b_c = a_c / (k + alpha / size * sum a_c'^2)^beta over
 * c' = c - size/2 .. c + (size-1)/2 inside [0, C). The backward pass sums the Jacobian
 * d b_c / d a_j = delta_cj s_c^-beta - 2 beta alpha / size * a_c a_j s_c^(-beta-1) over the channels c whose window
 * holds j. The oracle for {@link LocalResponseNormKernel}.
 */
final class LocalResponseNormReference {
    private LocalResponseNormReference() {
    }

    static double[] forward(LocalResponseNormKernel p, int batch, int channels, int spatial, double[] a) {
        double[] b = new double[a.length];
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                for (int s = 0; s < spatial; s++) {
                    double scale = scale(p, channels, spatial, a, n, c, s);
                    b[index(channels, spatial, n, c, s)] = a[index(channels, spatial, n, c, s)]
                            / Math.pow(scale, p.beta());
                }
            }
        }
        return b;
    }

    static double[] backward(LocalResponseNormKernel p, int batch, int channels, int spatial, double[] a,
                             double[] dy) {
        double[] dx = new double[a.length];
        for (int n = 0; n < batch; n++) {
            for (int s = 0; s < spatial; s++) {
                for (int c = 0; c < channels; c++) {
                    double scale = scale(p, channels, spatial, a, n, c, s);
                    double ac = a[index(channels, spatial, n, c, s)];
                    double g = dy[index(channels, spatial, n, c, s)];
                    for (int j = 0; j < channels; j++) {
                        double jacobian = 0;
                        if (j == c) {
                            jacobian += Math.pow(scale, -p.beta());
                        }
                        if (j >= c - p.size() / 2 && j <= c + (p.size() - 1) / 2) {
                            double aj = a[index(channels, spatial, n, j, s)];
                            jacobian -= 2 * p.beta() * p.alpha() / p.size() * ac * aj
                                    * Math.pow(scale, -p.beta() - 1);
                        }
                        dx[index(channels, spatial, n, j, s)] += g * jacobian;
                    }
                }
            }
        }
        return dx;
    }

    private static double scale(LocalResponseNormKernel p, int channels, int spatial, double[] a, int n, int c,
                                int s) {
        double sum = 0;
        for (int j = c - p.size() / 2; j <= c + (p.size() - 1) / 2; j++) {
            if (j >= 0 && j < channels) {
                double v = a[index(channels, spatial, n, j, s)];
                sum += v * v;
            }
        }
        return p.k() + p.alpha() / p.size() * sum;
    }

    private static int index(int channels, int spatial, int n, int c, int s) {
        return (n * channels + c) * spatial + s;
    }
}
