package conv4j.vision.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.io.Architecture;
import conv4j.nn.Module;
import conv4j.nn.Summary;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VggTest {

    @Test
    void everyConfigurationHasThePapersExactParameterCount() {
        // SEED-EXAMPLES section 12: with biases, 224 x 224 input, FC-4096/4096/1000 (A-LRN = A: LRN has no weights)
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("vgg-a", 132_863_336L);
        expected.put("vgg-a-lrn", 132_863_336L);
        expected.put("vgg-b", 133_047_848L);
        expected.put("vgg-c", 133_638_952L);
        expected.put("vgg-d", 138_357_544L);
        expected.put("vgg-e", 143_667_240L);
        Map<String, Long> actual = new LinkedHashMap<>();
        for (String name : expected.keySet()) {
            Module m = Models.create(name, new Rng(0));
            Summary s = Summary.of(m, Shape.of(3, 224, 224));
            actual.put(name, s.totals().parameters());
            assertEquals(Shape.of(1, 1000), s.rows().get(s.rows().size() - 1).outputShape());
            if (name.equals("vgg-c")) {
                // C puts a 1x1 convolution third in each of the last three stages
                List<String> oneByOne = s.rows().stream().filter(r -> r.layer().contains("kernel 1x1"))
                        .map(r -> r.layer() + " -> " + r.outputShape()).toList();
                assertEquals(List.of("Conv2d(256, 256, kernel 1x1) -> 1x256x56x56",
                        "Conv2d(512, 512, kernel 1x1) -> 1x512x28x28", "Conv2d(512, 512, kernel 1x1) -> 1x512x14x14"),
                        oneByOne);
            }
            if (name.equals("vgg-a-lrn")) {
                assertTrue(s.rows().get(2).layer().startsWith("LocalResponseNorm"), s.rows().get(2).layer());
            }
        }
        assertEquals(expected, actual);
    }

    @Test
    void thePaperTablesCountWeightLayersAndParametersInTheModels() {
        PaperTables.Family vgg = PaperTables.of("vgg");
        PaperTable configurations = vgg.tables().get(0);
        // The paper's table 1 heads its columns with the weight layers: 11, 11, 13, 16, 16, 19
        assertEquals(List.of("A 11 weight layers", "A-LRN 11 weight layers", "B 13 weight layers",
                "C 16 weight layers", "D 16 weight layers", "E 19 weight layers"),
                configurations.columns().stream().map(c -> c.name() + " " + c.note()).toList());
        // Its table 2, in millions: A and A-LRN 133, B 133, C 134, D 138, E 144
        PaperTable parameters = vgg.tables().get(1);
        assertEquals(List.of("133", "133", "133", "134", "138", "144"), parameters.rows().get(0).cells());
        assertEquals(List.of("Number of parameters"), parameters.rows().get(0).lead());
    }

    @Test
    void batchNormAddsAScaleAndAShiftPerFilter() {
        // A's filters: 64 + 128 + 2 x 256 + 4 x 512 = 2752; torchvision's vgg11_bn has 132,868,840 parameters
        Module m = Models.create("vgg-a-bn", new Rng(0));
        assertEquals(132_863_336L + 2 * 2752, m.parameterCount());
        assertEquals(132_868_840L, m.parameterCount());
        assertTrue(m.stateDict().containsKey("features.1.running_var"));
        assertTrue(m.stateDict().containsKey("classifier.6.bias"));
    }

    @Test
    void torchvisionsNamesBuildTheSameNetworksAndTakeCifarSizedInputs() {
        Shape cifar = Shape.of(3, 32, 32);
        Module vgg16 = Models.create("vgg16", 10, cifar, new Rng(1));
        Module d = Models.create("vgg-d", 10, cifar, new Rng(1));
        assertEquals(Architecture.toJson(d), Architecture.toJson(vgg16));
        Tensor out = vgg16.eval().predict(Tensor.randn(cifar.withBatch(2), new Rng(2), 1));
        assertEquals(Shape.of(2, 10), out.shape());
    }
}
