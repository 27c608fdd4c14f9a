package conv4j.kernels;

import java.util.function.DoubleUnaryOperator;

/** The activations and their derivatives as textbook formulas in double: the oracle for {@link Activations}. */
final class ActivationsReference {
    private ActivationsReference() {
    }

    static double relu(double x) {
        return x > 0 ? x : 0;
    }

    static double reluDerivative(double x) {
        return x > 0 ? 1 : 0;
    }

    static double leakyRelu(double alpha, double x) {
        return x > 0 ? x : alpha * x;
    }

    static double leakyReluDerivative(double alpha, double x) {
        return x > 0 ? 1 : alpha;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double sigmoidDerivative(double x) {
        double s = sigmoid(x);
        return s * (1 - s);
    }

    static double tanh(double x) {
        return Math.tanh(x);
    }

    static double tanhDerivative(double x) {
        double t = Math.tanh(x);
        return 1 - t * t;
    }

    static double[] map(DoubleUnaryOperator f, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f.applyAsDouble(x[i]);
        }
        return y;
    }

    /** dx = f'(x) * dy, elementwise. */
    static double[] backward(DoubleUnaryOperator derivative, double[] x, double[] dy) {
        double[] dx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            dx[i] = derivative.applyAsDouble(x[i]) * dy[i];
        }
        return dx;
    }
}
