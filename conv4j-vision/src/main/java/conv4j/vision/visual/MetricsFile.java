package conv4j.vision.visual;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the epochs of a metrics log, the JSON Lines file {@code conv4j.train.MetricsLog} writes: one object per line,
 * each with an {@code "event"}; the {@code "epoch"} lines carry {@code epoch} (from 0), {@code train_loss},
 * {@code train_accuracy}, {@code validation_loss} and {@code validation_accuracy} ({@code null} where not finite or
 * absent), and may say what the validation figures were measured on ({@code validation_data}: "test", "validation";
 * logs written before it was recorded lack it). Other events ({@code "step"}, {@code "end"}) and blank lines are
 * skipped.
 *
 * <p>The log is appended to: a resumed run continues its epochs, and a new run in the same file starts again at
 * epoch 0. An epoch that comes again replaces the history from that epoch on, so the result is the latest run, with
 * the epochs a resume repeated taken from the repeat.
 */
public final class MetricsFile {
    /** Far above any real log (a line is about 300 bytes); a larger file is something else. */
    static final long MAX_BYTES = 64L << 20;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private MetricsFile() {
    }

    /**
     * The latest run of a log: its epochs in order, and what its validation figures were measured on, as its last
     * epoch line says ("test", "validation"), or null where the log does not say.
     */
    public record Log(List<EpochPoint> epochs, String validationData) {
        public Log {
            epochs = List.copyOf(epochs);
        }
    }

    private record Line(EpochPoint epoch, String validationData) {
    }

    /** The epochs of the latest run in the file, in order; every problem names the file and the line. */
    public static List<EpochPoint> read(Path file) throws IOException {
        return readLog(file).epochs();
    }

    /** The latest run in the file; every problem names the file and the line. */
    public static Log readLog(Path file) throws IOException {
        long size = Files.size(file); // a missing file: NoSuchFileException naming it
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder, not a metrics file");
        }
        if (size == 0) {
            throw new IllegalArgumentException(file + " is empty: no epochs to show");
        }
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException(file + " has " + size + " bytes, more than a metrics log of "
                    + (MAX_BYTES >> 20) + " MB; is it one?");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text, not a metrics log");
        }
        List<EpochPoint> epochs = new ArrayList<>();
        String validationData = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Line line = parse(file, i + 1, lines[i]);
            if (line == null) {
                continue;
            }
            EpochPoint p = line.epoch();
            validationData = line.validationData();
            while (!epochs.isEmpty() && epochs.get(epochs.size() - 1).epoch() >= p.epoch()) {
                epochs.remove(epochs.size() - 1);
            }
            epochs.add(p);
        }
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException(file + " has no epoch lines (\"event\":\"epoch\"): training wrote "
                    + "none yet, or this is not a metrics log");
        }
        return new Log(epochs, validationData);
    }

    /** The line's epoch, or null for another event. */
    private static Line parse(Path file, int number, String line) {
        String where = file + " line " + number;
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException(where + ": not JSON (" + why + ")");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object, received " + shorten(line));
        }
        JsonNode event = node.get("event");
        if (event == null || !event.isTextual()) {
            throw new IllegalArgumentException(where + ": no \"event\" text field");
        }
        if (!event.textValue().equals("epoch")) {
            return null;
        }
        JsonNode epoch = node.get("epoch");
        if (epoch == null || !epoch.isIntegralNumber() || !epoch.canConvertToInt() || epoch.intValue() < 0
                || epoch.intValue() == Integer.MAX_VALUE) {
            throw new IllegalArgumentException(where + ": \"epoch\" must be a whole number >= 0, received "
                    + (epoch == null ? "nothing" : epoch.toString()));
        }
        JsonNode data = node.get("validation_data");
        if (data != null && !data.isNull() && !data.isTextual()) {
            throw new IllegalArgumentException(where + ": \"validation_data\" must be text, received "
                    + shorten(data.toString()));
        }
        return new Line(new EpochPoint(epoch.intValue() + 1, number(node, "train_loss", true, false, where),
                number(node, "train_accuracy", true, true, where),
                number(node, "validation_loss", false, false, where),
                number(node, "validation_accuracy", false, true, where)),
                data == null || data.isNull() || data.textValue().isBlank() ? null : data.textValue());
    }

    /** A figure: a number, or null (not finite when written) as NaN; an accuracy must lie in [0, 1]. */
    private static double number(JsonNode node, String name, boolean required, boolean accuracy, String where) {
        JsonNode v = node.get(name);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException(where + ": the epoch line has no \"" + name + "\"");
            }
            return Double.NaN;
        }
        if (v.isNull()) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(where + ": \"" + name + "\" must be a number or null, received "
                    + shorten(v.toString()));
        }
        double d = v.doubleValue();
        if (accuracy && !(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException(where + ": \"" + name + "\" must be in [0, 1], received "
                    + String.format(Locale.ROOT, "%s", v));
        }
        return d;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
