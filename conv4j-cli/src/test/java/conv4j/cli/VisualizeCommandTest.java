package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import conv4j.io.ModelFile;
import conv4j.io.ModelInfo;
import conv4j.nn.Conv2d;
import conv4j.nn.Flatten;
import conv4j.nn.Linear;
import conv4j.nn.MaxPool2d;
import conv4j.nn.ReLU;
import conv4j.nn.Sequential;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.vision.models.Models;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisualizeCommandTest {
    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @TempDir
    static Path shared;
    static Path lenet;
    static Path seven;

    @TempDir
    Path dir;

    @BeforeAll
    static void modelAndDigit() throws IOException {
        lenet = shared.resolve("lenet5.safetensors");
        ModelFile.save(lenet, Models.create("lenet5", 10, new Rng(4)), new ModelInfo("lenet5", Shape.of(1, 28, 28),
                List.of(0.1307), List.of(0.3081), DIGITS, Map.of("testAccuracy", "0.9900")));
        seven = drawSeven(shared.resolve("seven.png"));
    }

    /** A dark 7 on white paper, 120 x 160, as a user might draw it. */
    private static Path drawSeven(Path file) throws IOException {
        BufferedImage img = new BufferedImage(120, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 120, 160);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(30, 30, 40));
        g.setStroke(new BasicStroke(12, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.drawLine(25, 30, 95, 30);
        g.drawLine(95, 30, 50, 135);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    private static Set<String> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static Set<String> references(String html) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void writesAPictureOfEveryConvAndPoolLayerTheFiltersAndAPageThatShowsThem() throws Exception {
        Path report = dir.resolve("report");
        CliRun r = CliRun.of("visualize", lenet.toString(), seven.toString(), "--out", report.toString());
        assertEquals(0, r.exitCode(), r.err());

        // LeNet-5's conv and pool layers: C1 features.0, S2 features.2, C3 features.3, S4 features.5, C5 features.6
        Set<String> pictures = new TreeSet<>(List.of("input.png", "filters-features.0.png",
                "maps-01-features.0.png", "maps-02-features.2.png", "maps-03-features.3.png",
                "maps-04-features.5.png", "maps-05-features.6.png"));
        Set<String> expected = new TreeSet<>(pictures);
        expected.add("index.html");
        assertEquals(expected, files(report));

        String html = Files.readString(report.resolve("index.html"));
        assertEquals(pictures, references(html), "the page shows exactly the pictures written");
        assertFalse(html.contains("http"), "nothing from the net");
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("<link"), "no style sheets from elsewhere");
        // in the order the layers ran
        assertTrue(html.indexOf("maps-01-features.0.png") < html.indexOf("maps-05-features.6.png"));
        assertTrue(html.contains("Top classes"), html);

        BufferedImage input = ImageIO.read(report.resolve("input.png").toFile());
        assertEquals(224, input.getWidth(), "28 x 28 enlarged 8 times");
        BufferedImage c1 = ImageIO.read(report.resolve("maps-01-features.0.png").toFile());
        assertTrue(c1.getWidth() > 28 * 3 && c1.getHeight() > 28 * 2, c1.getWidth() + " x " + c1.getHeight());

        String first = r.out().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith(seven + ": "), r.out());
        assertEquals(5, first.split("%\\)").length - (first.endsWith("%)") ? 0 : 1), first);
        assertTrue(r.out().contains("wrote 7 pictures and index.html to " + report), r.out());
    }

    @Test
    void thePageSaysWhatTheAccuracyWasMeasuredOn() throws Exception {
        Path test = dir.resolve("test-report");
        assertEquals(0, CliRun.of("visualize", lenet.toString(), seven.toString(), "--out", test.toString())
                .exitCode());
        assertTrue(Files.readString(test.resolve("index.html")).contains("10 classes, test accuracy 0.9900"));

        Path folderModel = dir.resolve("folder.safetensors");
        ModelFile.save(folderModel, Models.create("lenet5", 10, new Rng(4)), new ModelInfo("lenet5",
                Shape.of(1, 28, 28), List.of(0.1307), List.of(0.3081), DIGITS, Map.of("validationAccuracy", "0.9500")));
        Path validation = dir.resolve("validation-report");
        assertEquals(0, CliRun.of("visualize", folderModel.toString(), seven.toString(), "--out",
                validation.toString()).exitCode());
        String html = Files.readString(validation.resolve("index.html"));
        assertTrue(html.contains("10 classes, validation accuracy 0.9500"), html);
    }

    @Test
    void anExistingFolderIsWrittenIntoAndJsonListsTheFiles() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        CliRun r = CliRun.of("visualize", lenet.toString(), seven.toString(), "--out", dir.toString(), "--json",
                "--top", "3", "--max-maps", "4", "--scale", "layer", "--activations");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(3, json.get("top").size());
        Set<String> listed = new TreeSet<>();
        json.get("files").forEach(f -> listed.add(f.asText()));
        listed.add("notes.txt");
        assertEquals(listed, files(dir), "the files listed, and the user's own left alone");
        assertTrue(listed.contains("maps-02-features.1.png"), "the ReLU after C1: " + listed);
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    }

    @Test
    void theLayersOfLeNet5CarryTheLecturesNamesOnThePageAndInTheJson() throws Exception {
        Path report = dir.resolve("named");
        CliRun r = CliRun.of("visualize", lenet.toString(), seven.toString(), "--out", report.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        String html = Files.readString(report.resolve("index.html"));
        // The lecture's names of LeNet-5's convolutions and poolings, each beside the layer's name in the model
        for (String named : new String[] {"C1 (features.0)", "S2 (features.2)", "C3 (features.3)", "S4 (features.5)",
            "C5 (features.6)"}) {
            assertTrue(html.contains(named), named + " in\n" + html);
        }
        JsonNode layers = new ObjectMapper().readTree(r.out()).get("layers");
        List<String> named = new java.util.ArrayList<>();
        layers.forEach(l -> named.add(l.get("name").asText() + " " + l.get("lectureName").asText() + " "
                + l.get("file").asText()));
        assertEquals(List.of("features.0 C1 maps-01-features.0.png", "features.2 S2 maps-02-features.2.png",
                "features.3 C3 maps-03-features.3.png", "features.5 S4 maps-04-features.5.png",
                "features.6 C5 maps-05-features.6.png"), named);
    }

    @Test
    void filtersOfAnRgbModelAreInColour() throws Exception {
        Rng rng = new Rng(9);
        Sequential net = new Sequential(new Conv2d(3, 4, 3, rng), new ReLU(), new MaxPool2d(2), new Flatten(),
                new Linear(4 * 7 * 7, 2, rng));
        Path model = dir.resolve("rgb.safetensors");
        ModelFile.save(model, net, ModelInfo.of("tiny-rgb", Shape.of(3, 16, 16), List.of("cat", "dog")));
        Path photo = dir.resolve("photo.png");
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                img.setRGB(x, y, (x * 6) << 16 | (y * 8) << 8 | 90);
            }
        }
        ImageIO.write(img, "png", photo.toFile());

        Path report = dir.resolve("rgb");
        CliRun r = CliRun.of("visualize", model.toString(), photo.toString(), "--out", report.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(Set.of("index.html", "input.png", "filters-0.png", "maps-01-0.png", "maps-02-2.png"),
                files(report));
        BufferedImage filters = ImageIO.read(report.resolve("filters-0.png").toFile());
        int colourful = 0;
        for (int y = 0; y < filters.getHeight(); y++) {
            for (int x = 0; x < filters.getWidth(); x++) {
                int p = filters.getRGB(x, y);
                int r8 = p >> 16 & 0xff;
                int g8 = p >> 8 & 0xff;
                int b8 = p & 0xff;
                if (Math.max(r8, Math.max(g8, b8)) - Math.min(r8, Math.min(g8, b8)) > 40) {
                    colourful++;
                }
            }
        }
        assertTrue(colourful > 100, "colour pixels in the filters: " + colourful);
        assertTrue(r.out().startsWith(photo + ": "), r.out());
    }

    @Test
    void anEmptyOrNonImageInputFailsOnOneLineAndWritesNothing() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        Path text = Files.writeString(dir.resolve("digit.png"), "not a picture");
        Path blank = dir.resolve("blank.png");
        ImageIO.write(new BufferedImage(50, 50, BufferedImage.TYPE_BYTE_GRAY), "png", blank.toFile());
        Path report = dir.resolve("report");
        CliRun r = CliRun.of("visualize", lenet.toString(), empty.toString(), "--out", report.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLine().contains("empty.png is empty (0 bytes)"), r.err());
        r = CliRun.of("visualize", lenet.toString(), text.toString(), "--out", report.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLine().contains("digit.png is not a PNG, JPEG, BMP or GIF image"), r.err());
        r = CliRun.of("visualize", lenet.toString(), blank.toString(), "--out", report.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLine().contains("blank.png"), r.err());
        assertFalse(Files.exists(report), "no folder for a failed run");
        assertEquals("", r.out());
    }

    @Test
    void anOutputFolderWhoseParentDoesNotExistIsRefused() throws IOException {
        Path report = dir.resolve("missing").resolve("report");
        CliRun r = CliRun.of("visualize", lenet.toString(), seven.toString(), "--out", report.toString());
        assertEquals(1, r.exitCode());
        String line = r.errorLine();
        assertTrue(line.contains("--out " + report + ": the folder " + dir.resolve("missing") + " does not exist"),
                line);
        assertFalse(Files.exists(dir.resolve("missing")));

        Path file = Files.writeString(dir.resolve("taken"), "x");
        r = CliRun.of("visualize", lenet.toString(), seven.toString(), "--out", file.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLine().endsWith("is a file, not a folder"), r.err());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aModelWhoseInputChannelsNoPictureHasIsNamed() throws IOException {
        Rng rng = new Rng(1);
        Sequential net = new Sequential(new Conv2d(2, 4, 3, rng), new Flatten(), new Linear(4 * 6 * 6, 3, rng));
        Path model = dir.resolve("two.safetensors");
        ModelFile.save(model, net, ModelInfo.of("two-channel", Shape.of(2, 8, 8), List.of("a", "b", "c")));
        Path report = dir.resolve("report");
        CliRun r = CliRun.of("visualize", model.toString(), seven.toString(), "--out", report.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLine().contains("the model takes 2-channel inputs; pictures have 1 (grey) or 3 (RGB)"),
                r.err());
        assertFalse(Files.exists(report));
    }

    @Test
    void aMissingModelAndBadOptionsAreNamed() {
        Path report = dir.resolve("report");
        CliRun r = CliRun.of("visualize", dir.resolve("absent.safetensors").toString(), seven.toString(), "--out",
                report.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.errorLine().contains("absent.safetensors"), r.err());
        r = CliRun.of("visualize", lenet.toString(), seven.toString(), "--out", report.toString(), "--scale", "log");
        assertEquals(2, r.exitCode());
        assertTrue(r.errorLine().contains("--scale must be map or layer, received 'log'"), r.err());
        r = CliRun.of("visualize", lenet.toString(), seven.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.errorLine().contains("--out"), r.err());
        assertFalse(Files.exists(report));
    }
}
