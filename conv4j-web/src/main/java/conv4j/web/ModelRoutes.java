package conv4j.web;

import conv4j.nn.Module;
import conv4j.nn.Summary;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.vision.models.ModelEntry;
import conv4j.vision.models.ModelRegistry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/models}: the trained models the server answers with (and which answers by default), and the
 * architectures of the zoo that the dashboard can train. {@code GET /api/summary/{model}}: a model's layers, shapes
 * and costs, as {@code conv4j summary} prints them, for a trained model or a model of the zoo.
 */
final class ModelRoutes {
    record Served(String name, String architecture, Shape inputShape, List<String> classes, long parameters,
                  String source, Map<String, String> facts) {
    }

    record Architecture(String name, String description, Shape inputShape, int classes) {
    }

    record Listing(String defaultModel, List<Served> models, List<Architecture> zoo) {
    }

    record SummaryReport(String model, String description, Shape input, List<Summary.Row> rows,
                         Summary.Totals totals) {
    }

    private final ModelStore models;
    private final ModelRegistry zoo;
    private final Map<String, SummaryReport> zooSummaries = new HashMap<>();

    ModelRoutes(ModelStore models, ModelRegistry zoo) {
        this.models = models;
        this.zoo = zoo;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/models", this::list);
        routes.get("/api/summary/{model}", this::summary);
    }

    private void list(Context ctx) {
        List<Served> served = new ArrayList<>();
        for (ServedModel m : models.all()) {
            served.add(new Served(m.name(), m.info().name(), m.info().inputShape(), m.info().classNames(),
                    m.parameterCount(), m.source(), m.info().facts()));
        }
        List<Architecture> architectures = new ArrayList<>();
        zoo.entries().forEach((name, e) -> architectures.add(new Architecture(name, e.description(),
                e.inputShape(), e.classes())));
        Json.send(ctx, new Listing(models.defaultName(), served, architectures));
    }

    private void summary(Context ctx) {
        String name = ctx.pathParam("model");
        if (models.contains(name)) {
            ServedModel m = models.get(name);
            Summary s = m.run(net -> Summary.of(net, m.info().inputShape())
                    .withLectureNames(zoo.lectureNames(m.info().name(), net)));
            Json.send(ctx, new SummaryReport(name, "trained " + m.info().name() + " from " + m.source(),
                    s.input().dropFirst(), s.rows(), s.totals()));
            return;
        }
        ModelEntry entry = zoo.entries().get(name);
        if (entry == null) {
            List<String> known = new ArrayList<>();
            models.all().forEach(m -> known.add(m.name()));
            known.addAll(zoo.entries().keySet());
            throw ApiError.notFound("unknown model '" + name + "'; the models are " + String.join(", ", known));
        }
        Json.send(ctx, zooSummary(name, entry));
    }

    /**
     * A zoo model's summary, built once: building VGG allocates half a gigabyte of weights, so builds go one at a
     * time and the answer is kept.
     */
    private synchronized SummaryReport zooSummary(String name, ModelEntry entry) {
        SummaryReport known = zooSummaries.get(name);
        if (known != null) {
            return known;
        }
        // The weights do not matter for a summary; a fixed seed keeps it reproducible.
        Module network = zoo.create(name, entry.classes(), entry.inputShape(), new Rng(0));
        Summary s = Summary.of(network, entry.inputShape()).withLectureNames(zoo.lectureNames(name, network));
        SummaryReport report = new SummaryReport(name, entry.description(), entry.inputShape(), s.rows(), s.totals());
        zooSummaries.put(name, report);
        return report;
    }
}
