package conv4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/** ONNX Runtime as the independent reference for exported models: CPU, two intra-op threads. */
final class OrtReference {
    private static final int THREADS = 2;

    private OrtReference() {
    }

    /** Runs the model file's bytes on {@code input} (fed as "input") and returns its "output". */
    static Tensor run(byte[] model, Tensor input) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(THREADS);
            options.setInterOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options);
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input.data()),
                         Arrays.stream(input.shape().dims()).asLongStream().toArray());
                 OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, x))) {
                OnnxTensor y = (OnnxTensor) result.get(OnnxExport.OUTPUT).orElseThrow();
                long[] dims = y.getInfo().getShape();
                FloatBuffer values = y.getFloatBuffer();
                float[] out = new float[values.remaining()];
                values.get(out);
                return new Tensor(Shape.of(Arrays.stream(dims).mapToInt(Math::toIntExact).toArray()), out);
            }
        }
    }

    /** max |actual - expected| / max |expected|: the error relative to the output's scale. */
    static double relativeDifference(Tensor expected, Tensor actual) {
        if (!expected.shape().equals(actual.shape())) {
            throw new AssertionError("shape " + actual.shape() + ", expected " + expected.shape());
        }
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < expected.size(); i++) {
            float e = expected.data()[i];
            float a = actual.data()[i];
            if (Float.isNaN(a) || Float.isNaN(e)) {
                return Double.POSITIVE_INFINITY;
            }
            maxDiff = Math.max(maxDiff, Math.abs((double) a - e));
            maxRef = Math.max(maxRef, Math.abs((double) e));
        }
        return maxRef == 0 ? maxDiff : maxDiff / maxRef;
    }
}
