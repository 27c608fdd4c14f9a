package conv4j.vision.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.nn.Bottleneck;
import conv4j.nn.Conv2d;
import conv4j.nn.Module;
import conv4j.nn.Sequential;
import conv4j.nn.Summary;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResNetTest {
    private static final Shape IMAGENET = Shape.of(3, 224, 224);

    @Test
    void everyDepthHasTorchvisionsParameterCount() {
        // SEED-EXAMPLES section 12
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("resnet18", 11_689_512L);
        expected.put("resnet34", 21_797_672L);
        expected.put("resnet50", 25_557_032L);
        expected.put("resnet101", 44_549_160L);
        expected.put("resnet152", 60_192_808L);
        Map<String, Long> actual = new LinkedHashMap<>();
        expected.keySet().forEach(name -> actual.put(name, Summary.of(Models.create(name, new Rng(0)), IMAGENET)
                .totals().parameters()));
        assertEquals(expected, actual);
    }

    @Test
    void thePapersMultiplyAddsWithinThreePercent() {
        // The paper's table 1: 1.8, 3.6, 3.8, 7.6 and 11.3 x 10^9 FLOPs (multiply-adds), stride in the first 1x1
        Map<String, Double> paper = new LinkedHashMap<>();
        paper.put("resnet18", 1.8e9);
        paper.put("resnet34", 3.6e9);
        paper.put("resnet50-v1", 3.8e9);
        paper.put("resnet101-v1", 7.6e9);
        paper.put("resnet152-v1", 11.3e9);
        paper.put("resnet50", 4.1e9); // torchvision's stride in the 3x3 costs more (SEED-EXAMPLES section 12)
        paper.forEach((name, flops) -> {
            long macs = Summary.of(Models.create(name, new Rng(0)), IMAGENET).totals().multiplyAdds();
            assertTrue(Math.abs(macs / flops - 1) < 0.03, name + ": " + macs + " multiply-adds, the paper " + flops);
        });
    }

    @Test
    void thePaperTableHasTheFiveDepthsAndTheirFlops() {
        PaperTable table = PaperTables.of("resnet").tables().get(0);
        assertEquals(List.of("18-layer", "34-layer", "50-layer", "101-layer", "152-layer"),
                table.columns().stream().map(PaperTable.Column::name).toList());
        PaperTable.Row flops = table.rows().stream().filter(r -> r.lead().get(0).equals("FLOPs")).findFirst()
                .orElseThrow();
        // The paper's FLOPs, to a tenth of 10^9: 1.8, 3.6, 3.8, 7.6 and 11.3
        double[] paper = {1.8, 3.6, 3.8, 7.6, 11.3};
        for (int i = 0; i < paper.length; i++) {
            String cell = flops.cells().get(i);
            double computed = Double.parseDouble(cell.substring(0, cell.indexOf(" x 10^9")));
            assertTrue(Math.abs(computed - paper[i]) < 0.1, cell + ", the paper " + paper[i]);
        }
        // conv4_x of the 152-layer net: [1x1, 256; 3x3, 256; 1x1, 1024] x 36, at 14x14
        PaperTable.Row conv4 = table.rows().stream().filter(r -> r.lead().get(0).equals("conv4_x")).findFirst()
                .orElseThrow();
        assertEquals(List.of("conv4_x", "14x14"), conv4.lead());
        assertEquals("[1x1, 256; 3x3, 256; 1x1, 1024] x 36", conv4.cells().get(4));
    }

    @Test
    void theStrideOfADownsamplingBottleneckSitsWhereTheLayoutSays() {
        Module torchvision = Models.create("resnet50", 10, Shape.of(3, 32, 32), new Rng(0));
        Module paper = Models.create("resnet50-v1", 10, Shape.of(3, 32, 32), new Rng(0));
        assertEquals(List.of(1, 2), strides(torchvision, "layer2.0"));
        assertEquals(List.of(2, 1), strides(paper, "layer2.0"));
        assertEquals(List.of(1, 1), strides(paper, "layer1.0"), "the first stage keeps the size");
        assertEquals(torchvision.stateDict().keySet(), paper.stateDict().keySet(), "same names, same shapes");
        assertEquals(Shape.of(512, 256, 1, 1), torchvision.stateDict().get("layer2.0.downsample.0.weight").shape());
        assertTrue(torchvision.stateDict().containsKey("layer4.2.bn3.running_var"));
    }

    private static List<Integer> strides(Module net, String block) {
        Bottleneck b = (Bottleneck) net.modules().stream().filter(m -> m.path().equals(block)).findFirst()
                .orElseThrow();
        return List.of(((Conv2d) b.children().get("conv1")).strideH(), ((Conv2d) b.children().get("conv2")).strideH());
    }

    @Test
    void takesCifarSizedInputs() {
        Module net = Models.create("resnet18", 10, Shape.of(3, 32, 32), new Rng(3));
        Tensor out = net.eval().predict(Tensor.randn(Shape.of(2, 3, 32, 32), new Rng(4), 1));
        assertEquals(Shape.of(2, 10), out.shape());
    }

    @Test
    void theLectureTableHasThePapersStages() {
        Sequential net = (Sequential) Models.create("resnet50-v1", new Rng(0));
        List<ResNetTable.Row> rows = ResNetTable.rows(net, IMAGENET);
        assertEquals(List.of("conv1", "conv2_x", "conv3_x", "conv4_x", "conv5_x", ""),
                rows.stream().map(ResNetTable.Row::name).toList());
        assertEquals(List.of("7x7, 64, stride 2", "3x3 max pool, stride 2; [1x1, 64; 3x3, 64; 1x1, 256] x 3",
                "[1x1, 128; 3x3, 128; 1x1, 512] x 4", "[1x1, 256; 3x3, 256; 1x1, 1024] x 6",
                "[1x1, 512; 3x3, 512; 1x1, 2048] x 3", "average pool, 1000-d fc"),
                rows.stream().map(ResNetTable.Row::describe).toList());
        assertEquals(List.of(112, 56, 28, 14, 7), rows.subList(0, 5).stream().map(r -> r.output().dim(2)).toList());
        long total = rows.stream().mapToLong(ResNetTable.Row::multiplyAdds).sum();
        assertEquals(Summary.of(net, IMAGENET).totals().multiplyAdds(), total);
        String table = ResNetTable.render(net, IMAGENET);
        assertTrue(table.contains("3.86 x 10^9"), table);
        assertTrue(table.contains("stride in the first 1x1, as in the paper"), table);
    }
}
