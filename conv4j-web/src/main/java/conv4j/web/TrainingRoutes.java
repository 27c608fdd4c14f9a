package conv4j.web;

import com.fasterxml.jackson.databind.JsonNode;
import conv4j.vision.models.ModelRegistry;
import conv4j.vision.training.TrainingPlan;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The training dashboard's API. {@code GET /api/train/options}: the models, datasets and optimizers to choose from,
 * and the defaults. {@code POST /api/train} with {@code {"model", "dataset", "epochs", "optimizer", "lr",
 * "batchSize"}} (all optional but none unknown) starts a run (202; 409 while one is going).
 * {@code POST /api/train/stop} stops it. {@code GET /api/train/events}: the runs as server-sent events.
 * {@code GET /api/train}: the state of the latest run.
 */
final class TrainingRoutes {
    static final int MAX_EPOCHS = 100;
    static final int MAX_BATCH = 1024;
    private static final Set<String> FIELDS = Set.of("model", "dataset", "epochs", "optimizer", "lr", "batchSize");

    record Defaults(String model, String dataset, int epochs, String optimizer, double sgdLearningRate,
                    double adamLearningRate, int batchSize) {
    }

    record Options(List<String> models, List<String> datasets, List<String> optimizers, Defaults defaults) {
    }

    record Started(int run) {
    }

    private final TrainingSession session;
    private final EventStream events;
    private final WebDatasets datasets;
    private final ModelRegistry zoo;
    private final long maxBodyBytes;
    private final Uploads uploads;

    TrainingRoutes(TrainingSession session, EventStream events, WebDatasets datasets, ModelRegistry zoo,
                   long maxBodyBytes, Uploads uploads) {
        this.session = session;
        this.events = events;
        this.datasets = datasets;
        this.zoo = zoo;
        this.maxBodyBytes = maxBodyBytes;
        this.uploads = uploads;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/train/options", this::options);
        routes.get("/api/train", ctx -> Json.send(ctx, session.status()));
        routes.post("/api/train", this::start);
        routes.post("/api/train/stop", ctx -> {
            session.stop();
            Json.send(ctx, session.status());
        });
        routes.sse("/api/train/events", events::connect);
    }

    /**
     * The models the dashboard offers: those of the zoo made for one-channel pictures, since its datasets are digits
     * and clothes of 28 x 28 (the ImageNet networks would be hours an epoch here; `conv4j train` takes them).
     */
    private List<String> digitModels() {
        List<String> names = new ArrayList<>();
        zoo.entries().forEach((name, entry) -> {
            if (entry.inputShape().dim(0) == 1) {
                names.add(name);
            }
        });
        return names;
    }

    private void options(Context ctx) {
        TrainingPlan d = TrainingPlan.defaults();
        Json.send(ctx, new Options(digitModels(), datasets.names(),
                TrainingPlan.OPTIMIZERS, new Defaults(d.model(), "mnist", d.epochs(), d.optimizer(),
                TrainingPlan.defaultLearningRate("sgd"), TrainingPlan.defaultLearningRate("adam"), d.batchSize())));
    }

    private void start(Context ctx) {
        JsonNode json = Json.parse(RequestBody.read(ctx, maxBodyBytes, List.of(Json.TYPE), uploads).bytes());
        if (!json.isObject()) {
            throw ApiError.badRequest("expected a JSON object such as {\"model\": \"lenet5\", \"dataset\": \"mnist\","
                    + " \"epochs\": 2}");
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw ApiError.badRequest("unknown field '" + field + "'; the fields are " + String.join(", ",
                        List.of("model", "dataset", "epochs", "optimizer", "lr", "batchSize")));
            }
        }
        TrainingPlan d = TrainingPlan.defaults();
        String model = text(json, "model", d.model());
        if (!digitModels().contains(model)) {
            throw ApiError.notFound("unknown model '" + model + "'; the dashboard trains " + String.join(", ",
                    digitModels()));
        }
        String dataset = text(json, "dataset", "mnist");
        List<String> offered = datasets.names();
        if (!offered.contains(dataset)) {
            throw ApiError.notFound("unknown dataset '" + dataset + "'; the datasets are " + String.join(", ",
                    offered));
        }
        int epochs = whole(json, "epochs", d.epochs(), MAX_EPOCHS);
        String optimizer = text(json, "optimizer", d.optimizer());
        int batchSize = whole(json, "batchSize", d.batchSize(), MAX_BATCH);
        double lr = json.hasNonNull("lr") ? number(json, "lr") : TrainingPlan.defaultLearningRate(optimizer);
        TrainingPlan plan;
        try {
            plan = new TrainingPlan(model, epochs, batchSize, optimizer, lr, d.momentum(), d.weightDecay(),
                    d.augment(), d.seed());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage(), e);
        }
        int run = session.start(plan, dataset);
        ctx.status(202);
        Json.send(ctx, new Started(run));
    }

    private static String text(JsonNode json, String field, String absent) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isTextual()) {
            throw ApiError.badRequest(field + " must be a string, received " + v);
        }
        return v.asText();
    }

    private static int whole(JsonNode json, String field, int absent, int max) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > max) {
            throw ApiError.badRequest(field + " must be a whole number from 1 to " + max + ", received " + v);
        }
        return v.asInt();
    }

    private static double number(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw ApiError.badRequest(field + " must be a finite number, received " + v);
        }
        return v.asDouble();
    }
}
