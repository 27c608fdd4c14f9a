package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code summary vgg --paper} and {@code summary resnet --paper}: a family's networks side by side, as the papers'
 * tables print them. Every expected cell below is typed from the papers (Simonyan and Zisserman 2014, tables 1 and
 * 2; He et al. 2015, table 1), not from the code.
 */
class PaperTablesCommandTest {
    private static final int TERMINAL = 120;
    private static final Set<String> VGG_SPANS = Set.of("input (224 x 224 RGB image)", "maxpool", "FC-4096",
            "FC-1000", "soft-max");
    private static CliRun vgg;
    private static CliRun resnet;

    @BeforeAll
    static void printTheTables() {
        vgg = CliRun.of("summary", "vgg", "--paper");
        resnet = CliRun.of("summary", "resnet", "--paper");
    }

    /** The paper's table 1, column by column from the input to the soft-max; a row across all columns in each. */
    private static Map<String, List<String>> vggTable1() {
        Map<String, List<String>> t = new LinkedHashMap<>();
        t.put("A", vggColumn(List.of("conv3-64"), List.of("conv3-128"), List.of("conv3-256", "conv3-256"),
                List.of("conv3-512", "conv3-512"), List.of("conv3-512", "conv3-512")));
        t.put("A-LRN", vggColumn(List.of("conv3-64", "LRN"), List.of("conv3-128"), List.of("conv3-256", "conv3-256"),
                List.of("conv3-512", "conv3-512"), List.of("conv3-512", "conv3-512")));
        t.put("B", vggColumn(List.of("conv3-64", "conv3-64"), List.of("conv3-128", "conv3-128"),
                List.of("conv3-256", "conv3-256"), List.of("conv3-512", "conv3-512"),
                List.of("conv3-512", "conv3-512")));
        t.put("C", vggColumn(List.of("conv3-64", "conv3-64"), List.of("conv3-128", "conv3-128"),
                List.of("conv3-256", "conv3-256", "conv1-256"), List.of("conv3-512", "conv3-512", "conv1-512"),
                List.of("conv3-512", "conv3-512", "conv1-512")));
        t.put("D", vggColumn(List.of("conv3-64", "conv3-64"), List.of("conv3-128", "conv3-128"),
                List.of("conv3-256", "conv3-256", "conv3-256"), List.of("conv3-512", "conv3-512", "conv3-512"),
                List.of("conv3-512", "conv3-512", "conv3-512")));
        t.put("E", vggColumn(List.of("conv3-64", "conv3-64"), List.of("conv3-128", "conv3-128"),
                List.of("conv3-256", "conv3-256", "conv3-256", "conv3-256"),
                List.of("conv3-512", "conv3-512", "conv3-512", "conv3-512"),
                List.of("conv3-512", "conv3-512", "conv3-512", "conv3-512")));
        return t;
    }

    @SafeVarargs
    private static List<String> vggColumn(List<String>... stages) {
        List<String> c = new ArrayList<>(List.of("input (224 x 224 RGB image)"));
        for (List<String> stage : stages) {
            c.addAll(stage);
            c.add("maxpool");
        }
        c.addAll(List.of("FC-4096", "FC-4096", "FC-1000", "soft-max"));
        return c;
    }

    @Test
    void vggsSixConfigurationsStandSideBySideAsInThePapersTable1() {
        assertEquals(0, vgg.exitCode(), vgg.err());
        List<String> lines = vgg.out().lines().toList();
        int header = indexOf(lines, l -> l.startsWith("A "));
        Map<String, Integer> starts = columnStarts(lines.get(header));
        assertEquals(List.of("A", "A-LRN", "B", "C", "D", "E"), List.copyOf(starts.keySet()));
        // the second heading line: the weight layers of each configuration
        String weights = lines.get(header + 1);
        List<String> counts = List.of("11", "11", "13", "16", "16", "19");
        int i = 0;
        for (int start : starts.values()) {
            assertTrue(weights.startsWith(counts.get(i++) + " weight layers", start), weights);
        }
        assertTrue(lines.get(header + 2).matches("-+"), lines.get(header + 2));

        Map<String, List<String>> columns = new LinkedHashMap<>();
        starts.keySet().forEach(c -> columns.put(c, new ArrayList<>()));
        int lrnLine = -1;
        for (int l = header + 3; !lines.get(l).matches("-+"); l++) {
            String line = lines.get(l);
            if (VGG_SPANS.contains(line.strip())) {
                assertTrue(line.indexOf(line.strip()) > 0, "a row across the columns is centred: '" + line + "'");
                columns.values().forEach(c -> c.add(line.strip()));
                continue;
            }
            Matcher cell = Pattern.compile("\\S+").matcher(line);
            while (cell.find()) {
                String column = columnAt(starts, cell.start(), line);
                columns.get(column).add(cell.group());
            }
            if (line.contains("LRN")) {
                lrnLine = l;
            }
        }
        assertEquals(vggTable1(), columns);
        // A has no layer where A-LRN has its LRN: that cell is blank
        String lrn = lines.get(lrnLine);
        assertTrue(lrn.substring(0, starts.get("A-LRN")).isBlank(), lrn);
        assertFits(vgg.out());
    }

    @Test
    void vggsTable2CountsTheParametersOfTheModelsInMillions() {
        assertEquals(0, vgg.exitCode(), vgg.err());
        List<String> lines = vgg.out().lines().toList();
        int table2 = indexOf(lines, l -> l.startsWith("Table 2"));
        String header = lines.get(indexOf(lines.subList(table2, lines.size()), l -> l.startsWith("Network")) + table2);
        assertEquals(List.of("Network", "A", "A-LRN", "B", "C", "D", "E"), List.of(header.split("\\s+")));
        String millions = lines.stream().filter(l -> l.startsWith("Number of parameters")).findFirst().orElseThrow();
        // the paper: A and A-LRN 133, B 133, C 134, D 138, E 144
        assertEquals(List.of("133", "133", "133", "134", "138", "144"),
                List.of(millions.substring("Number of parameters".length()).strip().split("\\s+")));
        Map<String, Integer> starts = columnStarts(header.substring("Network".length()));
        int offset = "Network".length();
        Matcher cell = Pattern.compile("\\S+").matcher(millions);
        cell.find(); // Number
        cell.find(); // of
        cell.find(); // parameters
        while (cell.find()) {
            columnAt(starts, cell.start() - offset, millions); // each count under its configuration
        }
    }

    @Test
    void resNetsFiveDepthsStandSideBySideAsInThePapersTable1() {
        assertEquals(0, resnet.exitCode(), resnet.err());
        List<String> lines = resnet.out().lines().toList();
        int header = indexOf(lines, l -> l.startsWith("layer name"));
        String head = lines.get(header);
        assertTrue(head.matches("layer name\\s+output size\\s+18-layer.*"), head);
        int size = head.indexOf("output size");
        Map<String, Integer> starts = columnStarts(head.substring(head.indexOf("18-layer")));
        int offset = head.indexOf("18-layer");
        assertEquals(List.of("18-layer", "34-layer", "50-layer", "101-layer", "152-layer"),
                List.copyOf(starts.keySet()));

        assertTrue(stageLines(lines, "conv1").get(0).matches("conv1\\s+112x112\\s+7x7, 64, stride 2"),
                stageLines(lines, "conv1").get(0));
        List<String> conv2 = stageLines(lines, "conv2_x");
        assertTrue(conv2.get(0).matches("conv2_x\\s+56x56\\s+3x3 max pool, stride 2"), conv2.get(0));
        // the paper's brackets, one line a layer, the number of blocks beside them
        Map<String, List<String>> conv2Blocks = new LinkedHashMap<>();
        conv2Blocks.put("18-layer", List.of("[3x3, 64] x 2", "[3x3, 64]"));
        conv2Blocks.put("34-layer", List.of("[3x3, 64] x 3", "[3x3, 64]"));
        conv2Blocks.put("50-layer", List.of("[1x1, 64]", "[3x3, 64] x 3", "[1x1, 256]"));
        conv2Blocks.put("101-layer", List.of("[1x1, 64]", "[3x3, 64] x 3", "[1x1, 256]"));
        conv2Blocks.put("152-layer", List.of("[1x1, 64]", "[3x3, 64] x 3", "[1x1, 256]"));
        assertEquals(conv2Blocks, cellsByColumn(conv2.subList(1, conv2.size()), starts, offset));
        Map<String, List<String>> conv4Blocks = new LinkedHashMap<>();
        conv4Blocks.put("18-layer", List.of("[3x3, 256] x 2", "[3x3, 256]"));
        conv4Blocks.put("34-layer", List.of("[3x3, 256] x 6", "[3x3, 256]"));
        conv4Blocks.put("50-layer", List.of("[1x1, 256]", "[3x3, 256] x 6", "[1x1, 1024]"));
        conv4Blocks.put("101-layer", List.of("[1x1, 256]", "[3x3, 256] x 23", "[1x1, 1024]"));
        conv4Blocks.put("152-layer", List.of("[1x1, 256]", "[3x3, 256] x 36", "[1x1, 1024]"));
        List<String> conv4 = stageLines(lines, "conv4_x");
        assertTrue(conv4.get(0).startsWith("conv4_x ") && conv4.get(0).startsWith("14x14 ", size), conv4.get(0));
        assertEquals(conv4Blocks, cellsByColumn(conv4, starts, offset));
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+1x1\\s+average pool, 1000-d fc, softmax")),
                resnet.out());

        // FLOPs, the multiply-adds counted in the models; the paper prints them to a tenth of 10^9
        String flops = lines.stream().filter(l -> l.startsWith("FLOPs")).findFirst().orElseThrow();
        Map<String, List<String>> cells = cellsByColumn(List.of(flops), starts, offset);
        double[] paper = {1.8, 3.6, 3.8, 7.6, 11.3};
        int i = 0;
        for (List<String> cell : cells.values()) {
            assertTrue(cell.get(0).matches("\\d+\\.\\d\\d x 10\\^9"), cell.get(0));
            double computed = Double.parseDouble(cell.get(0).substring(0, cell.get(0).indexOf(' ')));
            assertTrue(Math.abs(computed - paper[i]) < 0.1, computed + " x 10^9, the paper " + paper[i]);
            i++;
        }
        assertFits(resnet.out());
    }

    @Test
    void jsonGivesTheSameTablesAsData() throws Exception {
        JsonNode resnetJson = json("summary", "resnet", "--paper", "--json");
        assertEquals("resnet", resnetJson.get("family").asText());
        JsonNode table = resnetJson.get("tables").get(0);
        assertEquals(List.of("resnet18", "resnet34", "resnet50-v1", "resnet101-v1", "resnet152-v1"),
                texts(table.get("columns"), "model"));
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        for (JsonNode row : table.get("rows")) {
            if (!row.get("spanning").asBoolean() && row.get("lead").get(0).asText().endsWith("_x")) {
                blocks.put(row.get("lead").get(0).asText(), texts(row.get("cells"), null));
            }
        }
        Map<String, List<String>> paper = new LinkedHashMap<>();
        paper.put("conv2_x", List.of("[3x3, 64; 3x3, 64] x 2", "[3x3, 64; 3x3, 64] x 3",
                "[1x1, 64; 3x3, 64; 1x1, 256] x 3", "[1x1, 64; 3x3, 64; 1x1, 256] x 3",
                "[1x1, 64; 3x3, 64; 1x1, 256] x 3"));
        paper.put("conv3_x", List.of("[3x3, 128; 3x3, 128] x 2", "[3x3, 128; 3x3, 128] x 4",
                "[1x1, 128; 3x3, 128; 1x1, 512] x 4", "[1x1, 128; 3x3, 128; 1x1, 512] x 4",
                "[1x1, 128; 3x3, 128; 1x1, 512] x 8"));
        paper.put("conv4_x", List.of("[3x3, 256; 3x3, 256] x 2", "[3x3, 256; 3x3, 256] x 6",
                "[1x1, 256; 3x3, 256; 1x1, 1024] x 6", "[1x1, 256; 3x3, 256; 1x1, 1024] x 23",
                "[1x1, 256; 3x3, 256; 1x1, 1024] x 36"));
        paper.put("conv5_x", List.of("[3x3, 512; 3x3, 512] x 2", "[3x3, 512; 3x3, 512] x 3",
                "[1x1, 512; 3x3, 512; 1x1, 2048] x 3", "[1x1, 512; 3x3, 512; 1x1, 2048] x 3",
                "[1x1, 512; 3x3, 512; 1x1, 2048] x 3"));
        assertEquals(paper, blocks);

        JsonNode vggJson = json("summary", "vgg", "--paper", "--json");
        assertEquals(2, vggJson.get("tables").size());
        JsonNode configurations = vggJson.get("tables").get(0);
        assertEquals(List.of("A", "A-LRN", "B", "C", "D", "E"), texts(configurations.get("columns"), "name"));
        assertEquals(List.of("vgg-a", "vgg-a-lrn", "vgg-b", "vgg-c", "vgg-d", "vgg-e"),
                texts(configurations.get("columns"), "model"));
        JsonNode oneByOne = null;
        for (JsonNode row : configurations.get("rows")) {
            if (row.get("cells").get(3).asText().equals("conv1-256")) {
                oneByOne = row;
            }
        }
        assertEquals(List.of("", "", "", "conv1-256", "conv3-256", "conv3-256"), texts(oneByOne.get("cells"), null));
        JsonNode millions = vggJson.get("tables").get(1).get("rows").get(0);
        assertEquals(List.of("133", "133", "133", "134", "138", "144"), texts(millions.get("cells"), null));
    }

    @Test
    void aListOfConfigurationsGivesThoseColumnsInItsOrder() {
        CliRun r = CliRun.of("summary", "vgg-e,vgg-a", "--paper");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of("E", "A"), List.copyOf(columnStarts(lines.get(indexOf(lines, l -> l.startsWith("E "))))
                .keySet()));
        String millions = lines.stream().filter(l -> l.startsWith("Number of parameters")).findFirst().orElseThrow();
        assertTrue(millions.matches("Number of parameters\\s+144\\s+133"), millions);

        CliRun torchvisionsResNet50 = CliRun.of("summary", "resnet18,resnet50", "--paper");
        assertEquals(0, torchvisionsResNet50.exitCode(), torchvisionsResNet50.err());
        assertTrue(torchvisionsResNet50.out().contains("resnet50-v1"), "--paper's layout of resnet50");
    }

    @Test
    void aFamilyWithoutPaperOrAnUnknownOneIsOneLineNamingTheFamilies() {
        CliRun noPaper = CliRun.of("summary", "vgg");
        assertEquals(2, noPaper.exitCode());
        assertTrue(noPaper.errorLine().contains("--paper"), noPaper.err());
        assertTrue(noPaper.errorLine().contains("vgg-a"), noPaper.err());

        CliRun unknown = CliRun.of("summary", "inception", "--paper");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.errorLine().contains("'inception'"), unknown.err());
        assertTrue(unknown.errorLine().contains("families with a paper table: vgg, resnet"), unknown.err());

        CliRun mixed = CliRun.of("summary", "vgg-a,resnet18", "--paper");
        assertEquals(2, mixed.exitCode());
        assertTrue(mixed.errorLine().contains("vgg-a") && mixed.errorLine().contains("resnet18"), mixed.err());

        CliRun notInThePaper = CliRun.of("summary", "vgg-a,vgg-a-bn", "--paper");
        assertEquals(2, notInThePaper.exitCode());
        assertTrue(notInThePaper.errorLine().contains("'vgg-a-bn'"), notInThePaper.err());

        CliRun listWithoutPaper = CliRun.of("summary", "vgg-a,vgg-b");
        assertEquals(2, listWithoutPaper.exitCode());
        assertTrue(listWithoutPaper.errorLine().contains("--paper"), listWithoutPaper.err());

        CliRun input = CliRun.of("summary", "vgg", "--paper", "--input", "3x32x32");
        assertEquals(2, input.exitCode());
        assertTrue(input.errorLine().contains("--input"), input.err());
    }

    private static JsonNode json(String... args) throws Exception {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exitCode(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.get(field).asText()));
        return out;
    }

    private static int indexOf(List<String> lines, java.util.function.Predicate<String> p) {
        for (int i = 0; i < lines.size(); i++) {
            if (p.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such line in\n" + String.join("\n", lines));
    }

    /** Each word of a heading line and where it starts. */
    private static Map<String, Integer> columnStarts(String header) {
        Map<String, Integer> starts = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\\S+").matcher(header);
        while (m.find()) {
            starts.put(m.group(), m.start());
        }
        return starts;
    }

    /** The column a cell starting at {@code position} is in; it must start exactly where the column does. */
    private static String columnAt(Map<String, Integer> starts, int position, String line) {
        for (Map.Entry<String, Integer> e : starts.entrySet()) {
            if (e.getValue() == position) {
                return e.getKey();
            }
        }
        throw new AssertionError("a cell at " + position + " is under no column start " + starts + ": '" + line
                + "'");
    }

    /** The lines of a stage: its own and those after it with a blank layer name. */
    private static List<String> stageLines(List<String> lines, String stage) {
        int first = indexOf(lines, l -> l.startsWith(stage + " "));
        int end = first + 1;
        while (end < lines.size() && lines.get(end).startsWith(" ") && !lines.get(end).strip().startsWith("1x1")) {
            end++;
        }
        return lines.subList(first, end);
    }

    /** The text under each column, line by line, blanks dropped; spaces before a closing bracket taken out. */
    private static Map<String, List<String>> cellsByColumn(List<String> lines, Map<String, Integer> starts,
                                                           int offset) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<Map.Entry<String, Integer>> columns = List.copyOf(starts.entrySet());
        for (int c = 0; c < columns.size(); c++) {
            List<String> cells = new ArrayList<>();
            int from = offset + columns.get(c).getValue();
            int to = c + 1 < columns.size() ? offset + columns.get(c + 1).getValue() : Integer.MAX_VALUE;
            for (String line : lines) {
                if (line.length() > from) {
                    assertTrue(line.charAt(from - 1) == ' ', "a cell runs into the column at " + from + ": " + line);
                    String cell = line.substring(from, Math.min(to, line.length())).strip();
                    if (!cell.isEmpty()) {
                        cells.add(cell.replaceAll(" +]", "]"));
                    }
                }
            }
            out.put(columns.get(c).getKey(), cells);
        }
        return out;
    }

    private static void assertFits(String text) {
        text.lines().forEach(l -> assertTrue(l.length() <= TERMINAL, l.length() + " columns: '" + l + "'"));
    }
}
