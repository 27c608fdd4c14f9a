package conv4j.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import conv4j.tensor.Shape;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The validated header of a safetensors file: each tensor's dtype, shape and byte range, and the string metadata.
 * {@link #parse} accepts a header only if the data section it describes is exactly covered: ranges in bounds, each
 * the size its dtype and shape need, no gaps, no overlaps, nothing after the last tensor. So once a header is parsed,
 * reading the data cannot go wrong, and nothing has been allocated for a file that lies.
 */
public record SafeTensorsHeader(List<TensorInfo> tensors, Map<String, String> metadata) {
    /** The largest header read: the limit of Hugging Face's reference reader. */
    public static final long MAX_HEADER_LENGTH = 100_000_000L;
    static final String METADATA = "__metadata__";
    private static final Set<String> ENTRY_FIELDS = Set.of("dtype", "shape", "data_offsets");

    public SafeTensorsHeader {
        tensors = List.copyOf(tensors);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The tensors by name, in data order. */
    public Map<String, TensorInfo> byName() {
        Map<String, TensorInfo> out = new LinkedHashMap<>();
        tensors.forEach(t -> out.put(t.name(), t));
        return out;
    }

    /** Checks and parses the {@code header} bytes of {@code file}, whose data section is {@code dataLength} bytes. */
    static SafeTensorsHeader parse(byte[] header, String file, long dataLength) throws ModelFileException {
        requireUtf8(header, file);
        if (header.length == 0 || header[0] != '{') {
            throw fail(file, "header must be a JSON object starting with '{'");
        }
        JsonNode root;
        try {
            root = Json.parse(new InputStreamReader(new ByteArrayInputStream(header), UTF_8));
        } catch (IllegalArgumentException e) {
            throw fail(file, "header is " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading an array failed", e);
        }
        if (!root.isObject()) {
            throw fail(file, "header must be a JSON object, found " + Json.describe(root));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<TensorInfo> tensors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getKey().equals(METADATA)) {
                metadata = metadata(e.getValue(), file);
            } else {
                tensors.add(entry(e.getKey(), e.getValue(), file, dataLength));
            }
        }
        tensors.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        requireContiguous(tensors, file, dataLength);
        return new SafeTensorsHeader(tensors, metadata);
    }

    private static void requireUtf8(byte[] header, String file) throws ModelFileException {
        CharsetDecoder decoder = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(header);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                throw fail(file, "header byte " + in.position() + " (file offset " + (8 + in.position())
                        + ") is not valid UTF-8");
            }
            if (r.isUnderflow()) {
                return;
            }
            out.clear();
        }
    }

    private static Map<String, String> metadata(JsonNode node, String file) throws ModelFileException {
        if (!node.isObject()) {
            throw fail(file, METADATA + " must be an object of strings, found " + Json.describe(node));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw fail(file, METADATA + " value '" + e.getKey() + "' must be a string, found "
                        + Json.describe(e.getValue()));
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    private static TensorInfo entry(String name, JsonNode node, String file, long dataLength)
            throws ModelFileException {
        String where = "tensor " + quote(name) + ": ";
        if (!node.isObject()) {
            throw fail(file, where + "expected an object with dtype, shape and data_offsets, found "
                    + Json.describe(node));
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!ENTRY_FIELDS.contains(field.getKey())) {
                throw fail(file, where + "unknown field " + quote(field.getKey()));
            }
        }
        for (String field : List.of("dtype", "shape", "data_offsets")) {
            if (!node.has(field)) {
                throw fail(file, where + "missing field '" + field + "'");
            }
        }
        JsonNode dtypeNode = node.get("dtype");
        DType dtype = dtypeNode.isTextual() ? DType.named(dtypeNode.textValue()).orElse(null) : null;
        if (dtype == null) {
            throw fail(file, where + "unknown dtype " + (dtypeNode.isTextual() ? quote(dtypeNode.textValue())
                    : Json.describe(dtypeNode)) + " (conv4j reads " + List.of(DType.values()) + ")");
        }
        Shape shape = shape(node.get("shape"), where, file);
        long[] offsets = offsets(node.get("data_offsets"), where, file);
        String range = "data_offsets [" + offsets[0] + ", " + offsets[1] + "]";
        if (offsets[0] > offsets[1]) {
            throw fail(file, where + range + " end before they begin");
        }
        if (offsets[1] > dataLength) {
            throw fail(file, where + range + " reach past the end of the data section (" + dataLength + " bytes)");
        }
        long needed = (long) shape.size() * dtype.size();
        if (offsets[1] - offsets[0] != needed) {
            throw fail(file, where + range + " hold " + (offsets[1] - offsets[0]) + " bytes, " + dtype + " shape "
                    + shape + " needs " + needed);
        }
        return new TensorInfo(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static Shape shape(JsonNode node, String where, String file) throws ModelFileException {
        if (!node.isArray()) {
            throw fail(file, where + "shape must be an array of whole numbers, found " + Json.describe(node));
        }
        int[] dims = new int[node.size()];
        long elements = 1;
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = node.get(i);
            if (!d.isIntegralNumber()) {
                throw fail(file, where + "shape dimension " + i + " must be a whole number, found "
                        + Json.describe(d));
            }
            BigInteger value = d.bigIntegerValue();
            if (value.signum() < 0) {
                throw fail(file, where + "shape dimension " + i + " is negative: " + value);
            }
            if (value.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
                throw fail(file, where + "shape dimension " + i + " is " + value + ", more than " + Integer.MAX_VALUE);
            }
            dims[i] = value.intValue();
            // Multiplying in longs of factors below 2^31 overflows only past 2^62: stop before that.
            elements *= dims[i];
            if (elements > Integer.MAX_VALUE) {
                throw fail(file, where + "shape " + Json.brief(node) + " has more elements than one Java array holds ("
                        + Integer.MAX_VALUE + ")");
            }
        }
        return new Shape(dims);
    }

    private static long[] offsets(JsonNode node, String where, String file) throws ModelFileException {
        if (!node.isArray() || node.size() != 2) {
            throw fail(file, where + "data_offsets must be [begin, end], found " + Json.brief(node));
        }
        long[] out = new long[2];
        for (int i = 0; i < 2; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || v.bigIntegerValue().signum() < 0
                    || v.bigIntegerValue().bitLength() > 63) {
                throw fail(file, where + "data_offsets must be two whole numbers in [0, 2^63), found "
                        + Json.write(node));
            }
            out[i] = v.longValue();
        }
        return out;
    }

    /** Tensors sorted by offset must tile [0, dataLength) exactly. */
    private static void requireContiguous(List<TensorInfo> sorted, String file, long dataLength)
            throws ModelFileException {
        long covered = 0;
        TensorInfo previous = null;
        for (TensorInfo t : sorted) {
            if (t.begin() > covered) {
                throw fail(file, "data bytes [" + covered + ", " + t.begin() + ") belong to no tensor (a gap "
                        + (previous == null ? "before " : "between " + quote(previous.name()) + " and ")
                        + quote(t.name()) + ")");
            }
            if (t.begin() < covered) {
                throw fail(file, "tensor " + quote(t.name()) + ": data_offsets [" + t.begin() + ", " + t.end()
                        + "] overlap tensor " + quote(previous.name()) + " [" + previous.begin() + ", "
                        + previous.end() + "]");
            }
            covered = t.end();
            previous = t;
        }
        if (covered != dataLength) {
            throw fail(file, (dataLength - covered) + " trailing bytes after the last tensor's data (the file must "
                    + "end where the data of its tensors ends)");
        }
    }

    /** A name in quotes, with control characters escaped so that a message stays on one line. */
    static String quote(String name) {
        String shown = name.length() > 200 ? name.substring(0, 200) + "..." : name;
        return "'" + shown.chars().mapToObj(c -> c < 0x20 || c == 0x7F ? String.format("\\u%04x", c)
                : String.valueOf((char) c)).collect(Collectors.joining()) + "'";
    }

    static ModelFileException fail(String file, String message) {
        return new ModelFileException(file + ": " + message);
    }
}
