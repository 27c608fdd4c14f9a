package conv4j.web;

import com.fasterxml.jackson.databind.JsonNode;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.vision.image.ImageException;
import conv4j.vision.image.ImageLoader;
import conv4j.vision.image.ModelInput;
import java.util.List;

/**
 * What {@code POST /api/predict} received, as the model sees it: a PNG or JPEG (the body itself, or the {@code image}
 * part of a form) is read and prepared exactly as {@code conv4j predict} prepares a file (for a digit model: grey,
 * inverted if light, cropped, scaled into 20 x 20, centred by mass in 28 x 28); a JSON array is taken as the model's
 * input already prepared, H x W (one channel) or C x H x W, values in [0, 1], as an MNIST image is (ink 1, paper 0).
 * The model's normalisation is applied to both.
 */
record PredictionInput(Tensor picture, Tensor normalised) {
    static final List<String> TYPES = List.of("image/png", "image/jpeg", MultipartForm.TYPE, Json.TYPE);

    static PredictionInput of(RequestBody body, ServedModel model, ImageLoader loader) {
        ModelInput input = model.input();
        Tensor picture;
        if (body.isJson()) {
            picture = fromJson(Json.parse(body.bytes()), model.info().inputShape());
        } else {
            byte[] image = body.bytes();
            String source = "the image";
            if (body.isMultipart()) {
                MultipartForm.Part part = MultipartForm.parse(body).part("image");
                if (part == null) {
                    throw ApiError.badRequest("the form has no 'image' part; send the picture as image=@file.png");
                }
                image = part.bytes();
                source = part.fileName() == null || part.fileName().isBlank() ? "the image part" : part.fileName();
            }
            picture = decode(input, loader, image, source);
        }
        return new PredictionInput(picture, input.normalise(picture.copy()));
    }

    /** The picture as the model sees it before normalisation; a 400 (413 for its size) saying what is wrong. */
    static Tensor decode(ModelInput input, ImageLoader loader, byte[] image, String source) {
        try {
            return input.shape(loader.load(image, source, input.mode()), source);
        } catch (ImageException e) {
            throw new ApiError(e.tooLarge() ? 413 : 400, e.getMessage(), java.util.Map.of(), e);
        }
    }

    /** A JSON array of the model's input shape (the channel may be left out for one channel), values in [0, 1]. */
    static Tensor fromJson(JsonNode json, Shape shape) {
        int channels = shape.dim(0);
        int height = shape.dim(1);
        int width = shape.dim(2);
        String expected = (channels == 1 ? height + " x " + width + " (or 1 x " + height + " x " + width + ")"
                : channels + " x " + height + " x " + width) + " array of numbers in [0, 1]";
        if (!json.isArray()) {
            throw ApiError.badRequest("expected a " + expected + ", received " + kind(json));
        }
        boolean withChannels = json.size() > 0 && json.get(0).isArray() && json.get(0).size() > 0
                && json.get(0).get(0).isArray();
        if (!withChannels && channels != 1) {
            throw ApiError.badRequest("expected a " + expected + "; the channels are missing");
        }
        float[] values = new float[shape.size()];
        if (withChannels) {
            if (json.size() != channels) {
                throw ApiError.badRequest("expected a " + expected + ", received " + json.size() + " channels");
            }
            for (int c = 0; c < channels; c++) {
                plane(json.get(c), height, width, values, c * height * width, expected, "channel " + c + ", ");
            }
        } else {
            plane(json, height, width, values, 0, expected, "");
        }
        return new Tensor(shape, values);
    }

    private static void plane(JsonNode rows, int height, int width, float[] out, int offset, String expected,
                              String where) {
        if (!rows.isArray() || rows.size() != height) {
            throw ApiError.badRequest("expected a " + expected + ", received " + where + (rows.isArray()
                    ? rows.size() + " rows" : kind(rows)));
        }
        for (int y = 0; y < height; y++) {
            JsonNode row = rows.get(y);
            if (!row.isArray() || row.size() != width) {
                throw ApiError.badRequest("expected a " + expected + ", received " + where + "row " + y + " with "
                        + (row.isArray() ? row.size() + " values" : kind(row)));
            }
            for (int x = 0; x < width; x++) {
                JsonNode v = row.get(x);
                double d = v.isNumber() ? v.asDouble() : Double.NaN;
                if (!v.isNumber() || !(d >= 0 && d <= 1)) {
                    throw ApiError.badRequest(where + "row " + y + ", column " + x + " is " + v
                            + "; values are numbers in [0, 1]");
                }
                out[offset + y * width + x] = (float) d;
            }
        }
    }

    private static String kind(JsonNode node) {
        return node.isObject() ? "an object" : node.isTextual() ? "a string" : node.isNumber() ? "a number"
                : node.isNull() ? "null" : node.isBoolean() ? "a boolean" : "an array";
    }
}
