package conv4j.web;

import conv4j.nn.Linear;
import conv4j.nn.Module;
import conv4j.nn.Softmax;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.vision.image.ImageLoader;
import conv4j.vision.models.ModelRegistry;
import conv4j.vision.visual.FeatureMaps;
import conv4j.vision.visual.LayerMaps;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code POST /api/predict}: the top classes of a picture (PNG or JPEG body, a form's {@code image} part, or a JSON
 * array of the model's input) with their probabilities. With {@code ?layers=true}, also the picture as the model
 * took it and what every convolution, pooling and dense layer made of it, for the digit lab. Query parameters:
 * {@code model} (default: the lab's), {@code top} (default 3).
 */
final class PredictRoutes {
    /** Enough for LeNet-5's widest layer (C5, 120 maps); wider layers send their first maps. */
    static final int MAX_MAPS = 128;
    private static final Softmax SOFTMAX = new Softmax();

    record ClassProbability(String label, int index, float probability) {
    }

    /**
     * One layer's output: its values row-major, each rounded to 4 decimals (the page draws them, not a model); its
     * name in the lecture ({@code C1}) where the model's definition gives one, else empty.
     */
    record LayerValues(String name, String lectureName, String description, Shape shape, int kept, float[] values) {
    }

    record Prediction(String model, List<ClassProbability> top, LayerValues input, List<LayerValues> layers) {
    }

    private final ModelStore models;
    private final WorkQueue queue;
    private final ImageLoader loader;
    private final long maxBodyBytes;
    private final Uploads uploads;
    private final ModelRegistry zoo;

    PredictRoutes(ModelStore models, WorkQueue queue, ImageLoader loader, long maxBodyBytes, Uploads uploads,
                  ModelRegistry zoo) {
        this.models = models;
        this.queue = queue;
        this.loader = loader;
        this.maxBodyBytes = maxBodyBytes;
        this.uploads = uploads;
        this.zoo = zoo;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/predict", this::predict);
    }

    private void predict(Context ctx) {
        ServedModel model = models.get(ctx.queryParam("model"));
        int top = Params.intParam(ctx.queryParam("top"), "top", 3, 1, Integer.MAX_VALUE);
        boolean layers = Params.flag(ctx.queryParam("layers"), "layers");
        RequestBody body = RequestBody.read(ctx, maxBodyBytes, PredictionInput.TYPES, uploads);
        Prediction p = queue.run(() -> {
            PredictionInput in = PredictionInput.of(body, model, loader);
            return layers ? withLayers(model, in, top) : plain(model, in, top);
        });
        Json.send(ctx, p);
    }

    private static Prediction plain(ServedModel model, PredictionInput in, int top) {
        Tensor x = in.normalised();
        Tensor scores = model.run(net -> net.predict(x.reshape(x.shape().withBatch(1))));
        return new Prediction(model.name(), top(model, SOFTMAX.predict(scores).data(), top), null, null);
    }

    private Prediction withLayers(ServedModel model, PredictionInput in, int top) {
        FeatureMaps.Capture capture = model.run(net -> FeatureMaps.capture(net, in.normalised(),
                PredictRoutes::drawn, MAX_MAPS).withLectureNames(zoo.lectureNames(model.info().name(), net)));
        List<LayerValues> layers = new ArrayList<>();
        for (LayerMaps m : capture.layers()) {
            layers.add(new LayerValues(m.name(), m.lectureName(), m.description(), m.shape(), m.kept(),
                    rounded(m.maps().data())));
        }
        Tensor picture = in.picture();
        LayerValues input = new LayerValues("input", "", "the picture as the model takes it", picture.shape(),
                picture.dim(0), rounded(picture.data()));
        return new Prediction(model.name(), top(model, SOFTMAX.predict(capture.output()).data(), top), input,
                layers);
    }

    /** Convolutions and pooling (the feature maps) and dense layers (their activations). */
    private static boolean drawn(Module m) {
        return FeatureMaps.isConvOrPool(m) || m instanceof Linear;
    }

    static List<ClassProbability> top(ServedModel model, float[] probabilities, int k) {
        Integer[] order = new Integer[probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(probabilities[b], probabilities[a]));
        List<ClassProbability> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, order.length); i++) {
            int c = order[i];
            out.add(new ClassProbability(model.label(c), c, probabilities[c]));
        }
        return out;
    }

    private static float[] rounded(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.round(values[i] * 1e4f) / 1e4f;
        }
        return out;
    }
}
