package conv4j.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The whole content of a safetensors file: its tensors by name (in data order) and its string metadata. */
public record SafeTensorsFile(Map<String, TensorData> tensors, Map<String, String> metadata) {
    public SafeTensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
