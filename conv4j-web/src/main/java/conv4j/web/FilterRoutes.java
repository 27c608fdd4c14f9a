package conv4j.web;

import com.fasterxml.jackson.databind.JsonNode;
import conv4j.tensor.Tensor;
import conv4j.vision.filters.BorderMode;
import conv4j.vision.filters.FilterPadding;
import conv4j.vision.filters.ImageFilter;
import conv4j.vision.filters.ImageKernel;
import conv4j.vision.filters.KernelParser;
import conv4j.vision.filters.Kernels;
import conv4j.vision.filters.NamedKernel;
import conv4j.vision.image.ImageException;
import conv4j.vision.image.ImageLoader;
import conv4j.vision.image.ImageTensors;
import conv4j.vision.samples.SampleImages;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/**
 * The kernel playground's API, through the same engine code as {@code conv4j filter} ({@link ImageFilter}: each
 * colour channel through conv2d, clamped, alpha kept). {@code POST /api/filter} answers the filtered picture as a PNG;
 * the picture is a bundled sample ({@code sample}), the body (PNG or JPEG) or a form's {@code image} part; the kernel
 * is a name ({@code kernel}) or rows ({@code rows}: {@code "0,-1,0;-1,5,-1;0,-1,0"}, or an array of arrays in JSON);
 * {@code border} (zero, replicate, reflect), {@code stride} and {@code padding} as in {@code conv4j filter}.
 * {@code GET /api/kernels} lists the named kernels, {@code GET /api/samples/{name}} sends a sample photo.
 */
final class FilterRoutes {
    /** Larger kernels are for the command line: on a big photo they keep a worker busy for seconds. */
    static final int MAX_KERNEL_SIDE = 15;
    static final int MAX_STRIDE = 16;
    /**
     * The most pixels a channel of the padded picture may have (the output, strided from it, is never larger): a
     * 12-megapixel photo (the picture limit) with same padding for the largest kernel is 12.02 MP and passes, while
     * padding 9999 on the 256 x 170 sample (408 MP, 4.9 GB of floats, 14 s of a worker) is refused before any buffer
     * exists. 16 MP is 256 MB a buffer at four channels.
     */
    static final long MAX_PLANE_PIXELS = 16_000_000L;
    static final List<String> TYPES = List.of("image/png", "image/jpeg", MultipartForm.TYPE, Json.TYPE);

    record ListedKernel(String name, List<String> aliases, String description, double[][] rows) {
    }

    record Samples(List<String> samples) {
    }

    private record Filtered(byte[] png, String geometry) {
    }

    static final String GEOMETRY_HEADER = "Conv4j-Geometry";

    private final WorkQueue queue;
    private final ImageLoader loader;
    private final long maxBodyBytes;
    private final Uploads uploads;
    private final Map<String, byte[]> samplePngs = new ConcurrentHashMap<>();

    FilterRoutes(WorkQueue queue, ImageLoader loader, long maxBodyBytes, Uploads uploads) {
        this.queue = queue;
        this.loader = loader;
        this.maxBodyBytes = maxBodyBytes;
        this.uploads = uploads;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/kernels", this::kernels);
        routes.get("/api/samples", ctx -> Json.send(ctx, new Samples(SampleImages.names())));
        routes.get("/api/samples/{name}", this::sample);
        routes.post("/api/filter", this::filter);
    }

    private void kernels(Context ctx) {
        List<ListedKernel> out = new ArrayList<>();
        for (NamedKernel k : Kernels.all()) {
            out.add(new ListedKernel(k.name(), k.aliases(), k.description(), rows(k.kernel())));
        }
        Json.send(ctx, out);
    }

    private void sample(Context ctx) {
        String name = ctx.pathParam("name");
        if (name.endsWith(".png")) {
            name = name.substring(0, name.length() - 4);
        }
        if (!SampleImages.names().contains(name)) {
            throw ApiError.notFound("unknown sample '" + name + "'; the samples are "
                    + String.join(", ", SampleImages.names()));
        }
        byte[] png = samplePngs.computeIfAbsent(name, n -> png(SampleImages.image(n)));
        ctx.contentType("image/png").header("Cache-Control", "max-age=3600").result(png);
    }

    private void filter(Context ctx) {
        RequestBody body = RequestBody.read(ctx, maxBodyBytes, TYPES, uploads);
        Map<String, String> fields = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> fields.put(k, v.isEmpty() ? "" : v.get(0)));
        byte[] image = null;
        String source = "the image";
        JsonNode rowsJson = null;
        if (body.isJson()) {
            JsonNode json = Json.parse(body.bytes());
            if (!json.isObject()) {
                throw ApiError.badRequest("expected a JSON object such as {\"sample\": \"chelsea\", \"kernel\":"
                        + " \"sharpen\"}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("rows") && e.getValue().isArray()) {
                    rowsJson = e.getValue();
                } else if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    fields.put(e.getKey(), e.getValue().asText());
                } else {
                    throw ApiError.badRequest("field '" + e.getKey() + "' must be a string or a number");
                }
            }
        } else if (body.isMultipart()) {
            MultipartForm form = MultipartForm.parse(body);
            fields.putAll(form.fields());
            MultipartForm.Part part = form.part("image");
            if (part != null) {
                image = part.bytes();
                source = part.fileName() == null || part.fileName().isBlank() ? source : part.fileName();
            }
        } else {
            image = body.bytes();
        }
        String sample = fields.get("sample");
        if (image == null && sample == null) {
            throw ApiError.badRequest("no picture: name a sample (" + String.join(", ", SampleImages.names())
                    + ") or send a PNG or JPEG");
        }
        if (image != null && sample != null) {
            throw ApiError.badRequest("send a picture or name a sample, not both");
        }
        ImageFilter filter = filter(fields, rowsJson);
        byte[] picture = image;
        String name = source;
        Filtered out = queue.run(() -> {
            Tensor in = picture != null ? decode(picture, name) : sample(sample);
            filter.requireWithin(in.dim(1), in.dim(2), MAX_PLANE_PIXELS);
            return new Filtered(png(ImageTensors.toImage(filter.apply(in))), filter.describe(in.dim(1), in.dim(2)));
        });
        // The lecture's size formula with this picture's numbers, for the page to show under the result.
        ctx.contentType("image/png").header(GEOMETRY_HEADER, out.geometry()).result(out.png());
    }

    private Tensor decode(byte[] image, String source) {
        try {
            return loader.load(image, source);
        } catch (ImageException e) {
            throw new ApiError(e.tooLarge() ? 413 : 400, e.getMessage(), Map.of(), e);
        }
    }

    private static Tensor sample(String name) {
        try {
            return SampleImages.load(name);
        } catch (IllegalArgumentException e) {
            throw ApiError.notFound(e.getMessage());
        }
    }

    static ImageFilter filter(Map<String, String> fields, JsonNode rowsJson) {
        String name = fields.get("kernel");
        String rowsText = fields.get("rows");
        boolean hasRows = rowsJson != null || rowsText != null;
        if ((name == null) == !hasRows) {
            throw ApiError.badRequest(name == null ? "no kernel: give 'kernel' (a name from GET /api/kernels) or"
                    + " 'rows' (e.g. \"0,-1,0;-1,5,-1;0,-1,0\")" : "give 'kernel' or 'rows', not both");
        }
        ImageKernel kernel;
        try {
            if (name != null) {
                kernel = Kernels.named(name).kernel();
            } else if (rowsJson != null) {
                kernel = ImageKernel.of(rows(rowsJson));
            } else {
                kernel = KernelParser.parse(rowsText);
            }
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage(), e);
        }
        if (kernel.height() > MAX_KERNEL_SIDE || kernel.width() > MAX_KERNEL_SIDE) {
            throw ApiError.badRequest("the kernel is " + kernel.height() + " x " + kernel.width() + "; the server"
                    + " takes kernels up to " + MAX_KERNEL_SIDE + " x " + MAX_KERNEL_SIDE);
        }
        try {
            BorderMode border = BorderMode.parse(fields.getOrDefault("border", "replicate"));
            int stride = Params.intParam(fields.get("stride"), "stride", 1, 1, MAX_STRIDE);
            FilterPadding padding = FilterPadding.parse(fields.getOrDefault("padding", "same"));
            return new ImageFilter(kernel, border, stride, padding);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage(), e);
        }
    }

    private static double[][] rows(JsonNode json) {
        if (json.size() == 0) {
            throw ApiError.badRequest("rows is an empty array; a kernel has at least one row");
        }
        if (json.size() > MAX_KERNEL_SIDE) {
            throw ApiError.badRequest("rows has " + json.size() + " rows; the server takes kernels up to "
                    + MAX_KERNEL_SIDE + " x " + MAX_KERNEL_SIDE);
        }
        double[][] rows = new double[json.size()][];
        for (int r = 0; r < rows.length; r++) {
            JsonNode row = json.get(r);
            if (!row.isArray() || row.size() > MAX_KERNEL_SIDE) {
                throw ApiError.badRequest("row " + (r + 1) + " of the kernel must be an array of at most "
                        + MAX_KERNEL_SIDE + " numbers, received " + row);
            }
            rows[r] = new double[row.size()];
            for (int c = 0; c < row.size(); c++) {
                JsonNode v = row.get(c);
                if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                    throw ApiError.badRequest("row " + (r + 1) + ", column " + (c + 1) + " of the kernel is " + v
                            + ", not a finite number");
                }
                rows[r][c] = v.asDouble();
            }
        }
        return rows;
    }

    private static double[][] rows(ImageKernel k) {
        double[][] rows = new double[k.height()][k.width()];
        for (int r = 0; r < k.height(); r++) {
            for (int c = 0; c < k.width(); c++) {
                rows[r][c] = k.get(r, c);
            }
        }
        return rows;
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
