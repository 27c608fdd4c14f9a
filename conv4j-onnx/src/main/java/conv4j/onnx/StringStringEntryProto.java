package conv4j.onnx;

import java.util.Objects;

/** A key and its value, the form ONNX gives maps such as a tensor's external data location. */
public record StringStringEntryProto(String key, String value) {
    public StringStringEntryProto {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
