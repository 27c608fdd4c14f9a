package conv4j.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The models the server answers with, by name, in the order they arrived; one of them answers by default. */
final class ModelStore {
    private final Map<String, ServedModel> models = new LinkedHashMap<>();
    private String defaultName;

    /** Adds or replaces a model; the first one added answers by default until {@link #makeDefault}. */
    synchronized void put(ServedModel model) {
        models.put(model.name(), model);
        if (defaultName == null) {
            defaultName = model.name();
        }
    }

    synchronized void makeDefault(String name) {
        get(name);
        defaultName = name;
    }

    /** The model of that name, or the default one for null; 404 naming the models there are. */
    synchronized ServedModel get(String name) {
        if (name == null || name.isEmpty()) {
            if (defaultName == null) {
                throw new ApiError(503, "no model is ready yet; the lab's model is still being prepared (GET /api/lab"
                        + " tells how far it is)", Map.of("Retry-After", "5"), null);
            }
            return models.get(defaultName);
        }
        ServedModel m = models.get(name);
        if (m == null) {
            throw ApiError.notFound("unknown model '" + name + "'; " + (models.isEmpty() ? "no model is loaded yet"
                    : "the models are " + String.join(", ", models.keySet())));
        }
        return m;
    }

    synchronized boolean contains(String name) {
        return models.containsKey(name);
    }

    synchronized String defaultName() {
        return defaultName;
    }

    synchronized List<ServedModel> all() {
        return new ArrayList<>(models.values());
    }
}
