package conv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The zoo from the command line: the lecture's tables and the zoo's list. */
class ZooCommandTest {

    @Test
    void summaryOfResNet50WithPaperPrintsThePapersTable() {
        CliRun r = CliRun.of("summary", "resnet50", "--paper");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("resnet50-v1: ResNet-50 as the paper"), r.out());
        assertTrue(r.out().contains("Total multiply-adds:  3,857,973,248 (3.86 x 10^9)\n"), r.out());
        assertTrue(r.out().contains("As the ResNet paper's table 1"), r.out());
        assertTrue(r.out().contains("[1x1, 256; 3x3, 256; 1x1, 1024] x 6"), r.out());
    }

    @Test
    void paperOnANetworkWhoseLayoutIsThePapersSaysSo() {
        CliRun r = CliRun.of("summary", "resnet18", "--paper");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("(--paper: the paper's layout of resnet18 is this one)"), r.out());
        assertTrue(r.out().contains("(1.81 x 10^9)"), r.out());
    }

    @Test
    void summaryOfGoogLeNetWithPaperIsTheNetworkAsPublished() {
        CliRun r = CliRun.of("summary", "googlenet", "--paper");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("googlenet-2014: GoogLeNet as published in 2014"), r.out());
        assertTrue(r.out().contains("Total parameters:     6,998,552\n"), r.out());
        assertTrue(r.out().contains("LocalResponseNorm(size 5, alpha 1.0E-4, beta 0.75"), r.out());
        assertTrue(r.out().contains("As the GoogLeNet paper's table 1"), r.out());
        assertTrue(r.out().contains("159.5K  128M"), r.out());
    }

    @Test
    void summaryWithPlanListsEveryConvolutionAndItsMethods() throws Exception {
        CliRun r = CliRun.of("summary", "resnet18", "--plan", "--batch", "8");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("Convolution plans at input 8x3x224x224\n"), r.out());
        // 20 convolutions: the stem, 16 in the basic blocks, 3 downsampling shortcuts
        String table = r.out().substring(r.out().indexOf("Convolution plans"));
        assertEquals(2 + 20, table.lines().count(), table);
        assertTrue(table.contains("\nlayer4.0.downsample.0  8x256x14x14  1x1 /2  "), table);

        JsonNode plans = new ObjectMapper().readTree(CliRun.of("summary", "resnet18", "--plan", "--json").out())
                .get("plans");
        assertEquals(20, plans.size());
        assertEquals("conv1", plans.get(0).get("name").asText());
        assertEquals(7, plans.get(0).get("kernelH").asInt());
        assertTrue(plans.get(0).get("forward").asText().matches("[a-z0-9 ]+"), plans.get(0).toString());
    }

    @Test
    void summaryOfGoogLeNetPrintsTheInceptionRows() {
        CliRun r = CliRun.of("summary", "googlenet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("As the GoogLeNet paper's table 1"), r.out());
        assertTrue(r.out().contains("inception (5b)"), r.out());
        assertTrue(r.out().contains("159.5K  128M"), r.out());
    }

    @Test
    void summaryOfVggCShowsItsOneByOneConvolutionsAndThePapersCount() {
        CliRun r = CliRun.of("summary", "vgg-c", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = readJson(r.out());
        assertEquals(133_638_952, json.get("totals").get("parameters").asLong());
        long oneByOne = 0;
        for (JsonNode row : json.get("rows")) {
            if (row.get("layer").asText().contains("kernel 1x1")) {
                oneByOne++;
            }
        }
        assertEquals(3, oneByOne);
        assertEquals(0, json.get("auxiliary").size());
    }

    @Test
    void summaryOfLeNet5NamesItsLayersAsTheLectureDoes() throws Exception {
        // The lecture: C1, S2, C3, S4, C5, F6 and the seventh layer, the output; ReLU and flatten have no name there.
        Map<String, String> lecture = new LinkedHashMap<>();
        lecture.put("features.0", "C1");
        lecture.put("features.1", "");
        lecture.put("features.2", "S2");
        lecture.put("features.3", "C3");
        lecture.put("features.4", "");
        lecture.put("features.5", "S4");
        lecture.put("features.6", "C5");
        lecture.put("features.7", "");
        lecture.put("flatten", "");
        lecture.put("classifier.0", "F6");
        lecture.put("classifier.1", "");
        lecture.put("classifier.2", "output");

        CliRun r = CliRun.of("summary", "lenet5");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        String header = lines.stream().filter(l -> l.startsWith("Name ")).findFirst().orElseThrow();
        int column = header.indexOf("Lecture");
        assertTrue(column > 0 && header.indexOf("Layer") > column, header);
        Map<String, String> shown = new LinkedHashMap<>();
        for (String name : lecture.keySet()) {
            String row = lines.stream().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow();
            String cell = row.substring(column, header.indexOf("Layer")).strip();
            shown.put(name, cell);
        }
        assertEquals(lecture, shown);

        JsonNode rows = readJson(CliRun.of("summary", "lenet5", "--json").out()).get("rows");
        Map<String, String> json = new LinkedHashMap<>();
        rows.forEach(row -> json.put(row.get("name").asText(), row.get("lectureName").asText()));
        assertEquals(lecture, json);
    }

    @Test
    void otherModelsHaveNoLectureColumn() {
        CliRun r = CliRun.of("summary", "alexnet");
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.out().contains("Lecture"), r.out());
    }

    @Test
    void anInputTooSmallFailsNamingTheSmallestThatWorks() {
        CliRun small = CliRun.of("summary", "googlenet", "--input", "3x32x32");
        assertEquals(1, small.exitCode(), small.err());
        assertTrue(small.errorLine().endsWith("googlenet takes inputs of at least 3x47x47"), small.err());
    }

    @Test
    void modelsListsTheZoo() {
        CliRun r = CliRun.of("models");
        assertEquals(0, r.exitCode(), r.err());
        for (String name : new String[] {"alexnet-lrn", "vgg-a-lrn", "vgg-e-bn", "vgg19_bn", "googlenet-aux",
            "googlenet-2014", "resnet152-v1"}) {
            assertTrue(r.out().contains("\n" + name + " "), name + " in " + r.out());
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }
}
