package conv4j.vision.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.autograd.Variable;
import conv4j.nn.BatchNorm2d;
import conv4j.nn.Conv2d;
import conv4j.nn.LocalResponseNorm;
import conv4j.nn.Module;
import conv4j.nn.SequentialWithAux;
import conv4j.optim.Sgd;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import conv4j.tensor.Tensor;
import conv4j.train.DataLoader;
import conv4j.train.StopReason;
import conv4j.train.Trainer;
import conv4j.train.TensorDataset;
import conv4j.train.TrainingResult;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoogLeNetTest {
    private static final Shape IMAGENET = Shape.of(3, 224, 224);

    /** The paper's table 1, as printed: params in K (1024 weights), ops in M (multiply-adds). */
    private record Printed(String type, double paramsK, double opsM) {
    }

    private static final List<Printed> PAPER = List.of(
            new Printed("convolution", 2.7, 34), new Printed("convolution", 112, 360),
            new Printed("inception (3a)", 159, 128), new Printed("inception (3b)", 380, 304),
            new Printed("inception (4a)", 364, 73), new Printed("inception (4b)", 437, 88),
            new Printed("inception (4c)", 463, 100), new Printed("inception (4d)", 580, 119),
            new Printed("inception (4e)", 840, 170), new Printed("inception (5a)", 1072, 54),
            new Printed("inception (5b)", 1388, 71), new Printed("linear", 1000, 1));

    /**
     * The paper's rows that disagree with its own widths: conv1 (a 7x7x3x64 layer has 9.2K weights, 118M
     * multiply-adds), 4c (its widths give 497.5K) and 5a (1018K, 51M). Their widths are checked all the same.
     */
    private static final List<String> INCONSISTENT_IN_THE_PAPER = List.of("inception (4c)", "inception (5a)");

    @Test
    void everyRowHasTheWeightsAndMultiplyAddsOfItsWidths() {
        List<GoogLeNetTable.Row> rows = GoogLeNetTable.rows((SequentialWithAux) Models.create("googlenet",
                new Rng(0)), IMAGENET);
        Map<String, GoogLeNetTable.Row> byType = new java.util.LinkedHashMap<>();
        rows.forEach(r -> byType.put(r.type(), r));
        int checked = 0;
        for (GoogLeNet.Row w : GoogLeNet.ROWS) {
            GoogLeNetTable.Row r = byType.get("inception (" + w.name() + ")");
            // one 1x1 per branch on the input, then the 3x3 and the 5x5 on their reductions; weights only
            long weights = (long) w.in() * (w.ch1x1() + w.ch3x3Reduce() + w.ch5x5Reduce() + w.poolProj())
                    + 9L * w.ch3x3Reduce() * w.ch3x3() + 25L * w.ch5x5Reduce() * w.ch5x5();
            int side = w.name().startsWith("3") ? 28 : w.name().startsWith("4") ? 14 : 7;
            assertEquals(weights, r.params(), w.name());
            assertEquals(weights * side * side, r.ops(), w.name());
            assertEquals(List.of(w.ch1x1(), w.ch3x3Reduce(), w.ch3x3(), w.ch5x5Reduce(), w.ch5x5(), w.poolProj()),
                    List.of(r.ch1x1(), r.ch3x3Reduce(), r.ch3x3(), r.ch5x5Reduce(), r.ch5x5(), r.poolProj()));
            assertEquals(Shape.of(1, w.out(), side, side), r.output());
            checked++;
        }
        assertEquals(9, checked);
        assertEquals(159.5, byType.get("inception (3a)").paramsK(), 1e-9); // 163,328 weights
        GoogLeNetTable.Row stem = rows.get(2);
        assertEquals(64 * 64 + 64 * 192 * 9, stem.params(), "the 3x3 row counts its 1x1 reduction");
        assertEquals(Shape.of(1, 192, 56, 56), stem.output());
        assertEquals(1024 * 1000, byType.get("linear").params());
    }

    @Test
    void rowsAgreeWithThePapersPrintedColumns() {
        List<GoogLeNetTable.Row> rows = GoogLeNetTable.rows((SequentialWithAux) Models.create("googlenet",
                new Rng(0)), IMAGENET);
        List<GoogLeNetTable.Row> weighted = rows.stream().filter(r -> r.params() > 0).toList();
        assertEquals(PAPER.stream().map(Printed::type).toList(), weighted.stream().map(GoogLeNetTable.Row::type)
                .toList());
        for (int i = 1; i < PAPER.size(); i++) { // conv1's printed row is not a 7x7x3x64 layer's
            Printed p = PAPER.get(i);
            GoogLeNetTable.Row r = weighted.get(i);
            if (INCONSISTENT_IN_THE_PAPER.contains(p.type())) {
                continue;
            }
            assertTrue(Math.abs(r.paramsK() / p.paramsK() - 1) < 0.02, p.type() + ": " + r.paramsK() + "K");
            assertTrue(Math.abs(r.opsM() / p.opsM() - 1) < 0.03, p.type() + ": " + r.opsM() + "M");
        }
        String table = GoogLeNetTable.render((SequentialWithAux) Models.create("googlenet", new Rng(0)), IMAGENET);
        assertTrue(table.contains("inception (3a)                     28x28x256        2    64           96   128   "
                + "        16    32         32   159.5K  128M"), table);
    }

    @Test
    void torchvisionsLayoutHasItsParameterCounts() {
        // torchvision's trained googlenet has 6,624,904 parameters; its auxiliary classifiers add 2 x ~3.19 million
        Module trained = Models.create("googlenet-torchvision", new Rng(0));
        assertEquals(6_624_904, trained.parameterCount());
        assertEquals(Shape.of(32, 16, 3, 3), trained.stateDict().get("inception3a.branch3.1.conv.weight").shape());
        Module untrained = Models.create("googlenet-torchvision-aux", new Rng(0));
        assertEquals(6_624_904 + (512 * 128 + 256 + 2048 * 1024 + 1024 + 1024 * 1000 + 1000)
                + (528 * 128 + 256 + 2048 * 1024 + 1024 + 1024 * 1000 + 1000), untrained.parameterCount());
        assertEquals(Shape.of(1024, 2048), untrained.stateDict().get("aux1.fc1.weight").shape());
        Module paper = Models.create("googlenet", new Rng(0));
        assertEquals(Shape.of(32, 16, 5, 5), paper.stateDict().get("inception3a.branch3.1.conv.weight").shape());
    }

    /**
     * The paper's table 1 as printed, one row per inception module: (#1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5,
     * pool proj), each module's input the previous one's output.
     */
    private static final int[][] TABLE_1 = {
        {64, 96, 128, 16, 32, 32}, {128, 128, 192, 32, 96, 64},
        {192, 96, 208, 16, 48, 64}, {160, 112, 224, 24, 64, 64}, {128, 128, 256, 24, 64, 64},
        {112, 144, 288, 32, 64, 64}, {256, 160, 320, 32, 128, 128},
        {256, 160, 320, 32, 128, 128}, {384, 192, 384, 48, 128, 128}};

    @Test
    void thePublishedNetworkHasAWeightAndABiasPerFilterOfTheTable() {
        long count = (7 * 7 * 3 * 64 + 64) + (64 * 64 + 64) + (3 * 3 * 64 * 192 + 192); // conv1, conv2's 1x1 and 3x3
        int in = 192;
        for (int[] r : TABLE_1) {
            count += (long) in * r[0] + r[0]
                    + (long) in * r[1] + r[1] + 9L * r[1] * r[2] + r[2]
                    + (long) in * r[3] + r[3] + 25L * r[3] * r[4] + r[4]
                    + (long) in * r[5] + r[5];
            in = r[0] + r[2] + r[4] + r[5];
        }
        count += 1024 * 1000 + 1000;
        // Caffe's bvlc_googlenet without its auxiliary classifiers, built in PyTorch from its deploy.prototxt
        assertEquals(6_998_552, count);
        Module net = Models.create("googlenet-2014", new Rng(0));
        assertEquals(count, net.parameterCount());
        assertTrue(net.modules().stream().noneMatch(m -> m instanceof BatchNorm2d));
        List<Conv2d> convolutions = net.modules().stream().filter(m -> m instanceof Conv2d).map(m -> (Conv2d) m)
                .toList();
        assertEquals(3 + 9 * 6, convolutions.size());
        assertTrue(convolutions.stream().allMatch(c -> c.bias() != null), "each convolution has its bias");
        assertEquals(Shape.of(32, 16, 5, 5), net.stateDict().get("inception3a.branch3.1.conv.weight").shape());
        assertEquals(Shape.of(32), net.stateDict().get("inception3a.branch3.1.conv.bias").shape());
    }

    @Test
    void thePublishedNetworksStagesHaveTheOutputSizesOfTable1() {
        SequentialWithAux net = (SequentialWithAux) Models.create("googlenet-2014", new Rng(0));
        List<String> rows = GoogLeNetTable.rows(net, IMAGENET).stream().map(r -> (r.type() + " " + r.patch() + " "
                + size(r.output())).replace("  ", " ")).toList();
        assertEquals(List.of("convolution 7x7/2 112x112x64", "max pool 3x3/2 56x56x64",
                "convolution 3x3/1 56x56x192", "max pool 3x3/2 28x28x192",
                "inception (3a) 28x28x256", "inception (3b) 28x28x480", "max pool 3x3/2 14x14x480",
                "inception (4a) 14x14x512", "inception (4b) 14x14x512", "inception (4c) 14x14x512",
                "inception (4d) 14x14x528", "inception (4e) 14x14x832", "max pool 3x3/2 7x7x832",
                "inception (5a) 7x7x832", "inception (5b) 7x7x1024", "avg pool 7x7/1 1x1x1024",
                "dropout (40%) 1x1x1024", "linear 1x1x1000"), rows);
        // the paper's figure 3: LRN after the first convolution's pooling, and after conv2 before its pooling
        assertEquals(List.of("conv1", "maxpool1", "norm1", "conv2", "conv3", "norm2", "maxpool2", "inception3a"),
                List.copyOf(net.mainPath().keySet()).subList(0, 8));
        for (String norm : List.of("norm1", "norm2")) {
            LocalResponseNorm lrn = (LocalResponseNorm) net.mainPath().get(norm);
            assertEquals(List.of(5.0, 1e-4, 0.75, 1.0), List.of((double) lrn.size(), lrn.alpha(), lrn.beta(),
                    lrn.k()), "bvlc_googlenet's " + norm);
        }
        assertTrue(net.auxClassifiers().isEmpty());
    }

    private static String size(Shape s) {
        return s.rank() == 4 ? s.dim(2) + "x" + s.dim(3) + "x" + s.dim(1) : "1x1x" + s.dim(1);
    }

    @Test
    void thePublishedNetworkGivesFiniteScoresAndTrains() {
        Shape input = Shape.of(3, 64, 64);
        Module net = Models.create("googlenet-2014", 3, input, new Rng(5));
        Tensor x = Tensor.randn(input.withBatch(4), new Rng(6), 1);
        Tensor scores = net.eval().predict(x);
        assertEquals(Shape.of(4, 3), scores.shape());
        for (float v : scores.data()) {
            assertTrue(Float.isFinite(v), Arrays.toString(scores.data()));
        }
        net.train();
        float[] conv1 = net.stateDict().get("conv1.conv.weight").data().clone();
        float[] bias5b = net.stateDict().get("inception5b.branch1.conv.bias").data().clone();
        TensorDataset data = new TensorDataset(x, new int[] {0, 1, 2, 0}, List.of("a", "b", "c"));
        Trainer trainer = Trainer.builder(net, new Sgd(net.parameters(), 0.01, 0.9)).build();
        TrainingResult result = trainer.fit(new DataLoader(data, 2, true, false, null, 7), null, 1);
        assertEquals(StopReason.COMPLETED, result.reason(), result.message());
        assertTrue(Double.isFinite(result.history().get(0).trainLoss()), result.history().toString());
        assertFalse(Arrays.equals(conv1, net.stateDict().get("conv1.conv.weight").data()));
        assertFalse(Arrays.equals(bias5b, net.stateDict().get("inception5b.branch1.conv.bias").data()));
    }

    @Test
    void eachGoogLeNetSaysWhetherItHasBatchNormOrThePapersLrn() {
        List<String> names = Models.list().keySet().stream().filter(n -> n.startsWith("googlenet")).toList();
        for (String name : names) {
            Module net = Models.create(name, 10, Shape.of(3, 64, 64), new Rng(0));
            String says = Models.list().get(name).description();
            boolean batchNorm = net.modules().stream().anyMatch(m -> m instanceof BatchNorm2d);
            boolean lrn = net.modules().stream().anyMatch(m -> m instanceof LocalResponseNorm);
            assertEquals(batchNorm, says.contains("batch norm") && !says.contains("no batch norm"), name + ": " + says);
            assertEquals(lrn, says.contains("LRN") && !says.contains("no LRN"), name + ": " + says);
        }
        assertTrue(names.contains("googlenet-2014"), names.toString());
    }

    @Test
    void theTrainerTrainsTheAuxiliaryClassifiersToo() {
        Shape input = Shape.of(3, 64, 64);
        SequentialWithAux net = (SequentialWithAux) Models.create("googlenet-aux", 3, input, new Rng(5));
        Tensor x = Tensor.randn(input.withBatch(4), new Rng(6), 1);
        Variable scores = net.call(Variable.of(x));
        assertEquals(2, net.auxOutputs(scores).size());
        assertEquals(Shape.of(4, 3), net.auxOutputs(scores).get(1).shape());
        net.eval();
        assertEquals(List.of(), net.auxOutputs(net.call(Variable.of(x))), "evaluation runs the main path alone");
        net.train();

        float[] aux2 = net.stateDict().get("aux2.fc2.weight").data().clone();
        float[] conv1 = net.stateDict().get("conv1.conv.weight").data().clone();
        TensorDataset data = new TensorDataset(x, new int[] {0, 1, 2, 0}, List.of("a", "b", "c"));
        Trainer trainer = Trainer.builder(net, new Sgd(net.parameters(), 0.01, 0.9)).build();
        TrainingResult result = trainer.fit(new DataLoader(data, 2, true, false, null, 7), null, 1);
        assertEquals(StopReason.COMPLETED, result.reason(), result.message());
        assertFalse(Arrays.equals(aux2, net.stateDict().get("aux2.fc2.weight").data()));
        assertFalse(Arrays.equals(conv1, net.stateDict().get("conv1.conv.weight").data()));
    }
}
