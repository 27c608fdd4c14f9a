package conv4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import conv4j.autograd.Variable;
import conv4j.tensor.Rng;
import conv4j.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    /** LeNet-5's layout on a 32x32 input without padding: 5x5 conv, 2x2/2 pool, 5x5, 2x2/2, 5x5, then 120-84-10. */
    private static Sequential lenetLike() {
        Rng rng = new Rng(7);
        Sequential features = new Sequential(
                FakeWindowLayer.conv(1, 6, 5), FakeWindowLayer.pool(6, 2, 2),
                FakeWindowLayer.conv(6, 16, 5), FakeWindowLayer.pool(16, 2, 2),
                FakeWindowLayer.conv(16, 120, 5));
        Sequential classifier = new Sequential(new Linear(120, 84, rng), new Linear(84, 10, rng));
        return new Sequential().add("features", features).add("flatten", new Flatten()).add("classifier", classifier);
    }

    private static Summary lenetSummary() {
        return Summary.of(lenetLike(), Shape.of(1, 32, 32));
    }

    @Test
    void walksNestedSequentialsInOrderWithStateDictNames() {
        List<String> names = lenetSummary().rows().stream().map(Summary.Row::name).toList();
        assertEquals(List.of("features.0", "features.1", "features.2", "features.3", "features.4", "flatten",
                "classifier.0", "classifier.1"), names);
    }

    @Test
    void outputShapesFollowTheChain() {
        List<Shape> shapes = lenetSummary().rows().stream().map(Summary.Row::outputShape).toList();
        assertEquals(List.of(Shape.of(1, 6, 28, 28), Shape.of(1, 6, 14, 14), Shape.of(1, 16, 10, 10),
                Shape.of(1, 16, 5, 5), Shape.of(1, 120, 1, 1), Shape.of(1, 120), Shape.of(1, 84), Shape.of(1, 10)),
                shapes);
    }

    @Test
    void receptiveFieldsAndJumpsOfTheLenetChain() {
        // r_out = r_in + (k - 1) * j_in, j_out = j_in * s, from r = 1, j = 1:
        // 5x5/1: 1 + 4*1 = 5, j 1; 2x2/2: 5 + 1*1 = 6, j 2; 5x5/1: 6 + 4*2 = 14, j 2; 2x2/2: 14 + 1*2 = 16, j 4;
        // 5x5/1: 16 + 4*4 = 32, j 4.
        int[] fields = {5, 6, 14, 16, 32};
        int[] jumps = {1, 2, 2, 4, 4};
        List<Summary.Row> rows = lenetSummary().rows();
        for (int i = 0; i < fields.length; i++) {
            ReceptiveField f = rows.get(i).receptiveField();
            assertEquals(new ReceptiveField(fields[i], fields[i], jumps[i], jumps[i], false), f, rows.get(i).name());
        }
    }

    @Test
    void receptiveFieldIsTheWholeInputOnceTheOutputIsFlat() {
        List<Summary.Row> rows = lenetSummary().rows();
        for (Summary.Row r : rows.subList(5, rows.size())) {
            assertEquals(ReceptiveField.wholeInput(32, 32), r.receptiveField(), r.name());
        }
    }

    @Test
    void parametersPerLayerAndTotal() {
        // conv (5*5*D + 1) * K: 26*6 = 156, 151*16 = 2,416, 401*120 = 48,120; linear 120*84 + 84 = 10,164,
        // 84*10 + 10 = 850; LeNet-5's 61,706 in all.
        Summary s = lenetSummary();
        assertEquals(List.of(156L, 0L, 2_416L, 0L, 48_120L, 0L, 10_164L, 850L),
                s.rows().stream().map(Summary.Row::parameters).toList());
        assertEquals(61_706, s.totals().parameters());
        assertEquals(61_706L * 4, s.totals().parameterBytes());
    }

    @Test
    void multiplyAddsPerLayerAndTotal() {
        // conv: output elements * D * k * k: 6*28*28*25 = 117,600; 16*10*10*150 = 240,000; 120*400 = 48,000;
        // linear in * out: 10,080 and 840.
        Summary s = lenetSummary();
        assertEquals(List.of(117_600L, 0L, 240_000L, 0L, 48_000L, 0L, 10_080L, 840L),
                s.rows().stream().map(Summary.Row::multiplyAdds).toList());
        assertEquals(416_520, s.totals().multiplyAdds());
    }

    @Test
    void activationMemoryIsFourBytesPerOutputValue() {
        // 4704, 1176, 1600, 400, 120, 120, 84, 10 values
        Summary s = lenetSummary();
        assertEquals(List.of(18_816L, 4_704L, 6_400L, 1_600L, 480L, 480L, 336L, 40L),
                s.rows().stream().map(Summary.Row::activationBytes).toList());
        assertEquals(32_856, s.totals().activationBytes());
    }

    @Test
    void aBlockWithChildrenIsOneRowCountedByItself() {
        Rng rng = new Rng(3);
        Module model = new Sequential().add("block", new TwoLinear(rng)).add("head", new Linear(3, 2, rng));
        Summary s = Summary.of(model, Shape.of(1, 1, 4));
        assertEquals(List.of("block", "head"), s.rows().stream().map(Summary.Row::name).toList());
        Summary.Row block = s.rows().get(0);
        assertEquals("TwoLinear", block.layer());
        assertEquals(Shape.of(1, 3), block.outputShape());
        assertEquals((4 * 5 + 5) + (5 * 3 + 3), block.parameters());
        assertEquals(4 * 5 + 5 * 3, block.multiplyAdds());
        assertEquals((4 * 5 + 5) + (5 * 3 + 3) + (3 * 2 + 2), s.totals().parameters());
    }

    @Test
    void aLeafModelIsOneRowWithAnEmptyName() {
        Summary s = Summary.of(FakeWindowLayer.pool(3, 2, 2), Shape.of(3, 8, 6));
        assertEquals(1, s.rows().size());
        assertEquals("", s.rows().get(0).name());
        assertEquals(Shape.of(1, 3, 4, 3), s.rows().get(0).outputShape());
        assertEquals(new ReceptiveField(2, 2, 2, 2, false), s.rows().get(0).receptiveField());
    }

    @Test
    void aShapeErrorNamesTheLayer() {
        // 16 -> 12 -> 6 -> 2 -> 1, and the third 5x5 convolution no longer fits
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Summary.of(lenetLike(), Shape.of(1, 16, 16)));
        assertTrue(e.getMessage().contains("'features.4'"), e.getMessage());
        assertTrue(e.getMessage().contains("1x16x1x1"), e.getMessage());
    }

    @Test
    void refusesAnInputThatIsNotChannelsHeightWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Summary.of(lenetLike(), Shape.of(1024)));
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
    }

    @Test
    void fullyConnectedCostIsForTheSummarysSampleShape() {
        FullyConnectedCost c = lenetSummary().fullyConnectedCost();
        assertEquals(Shape.of(1, 32, 32), c.input());
        assertEquals(102_400, c.weights());
    }

    @Test
    void tableHasAlignedColumnsAndThousandsSeparators() {
        String text = SummaryTable.render(lenetSummary());
        List<String> lines = text.lines().toList();
        int top = lines.indexOf(lines.stream().filter(l -> l.startsWith("=")).findFirst().orElseThrow());
        int bottom = lines.subList(top + 1, lines.size()).indexOf(lines.get(top)) + top + 1;
        assertTrue(bottom > top + 2, text);
        List<String> table = lines.subList(top, bottom + 1);
        for (String l : table) {
            assertEquals(lines.get(top).length(), l.length(), "ragged line: '" + l + "'");
        }
        String header = table.get(1);
        String conv1 = table.stream().filter(l -> l.startsWith("features.0 ")).findFirst().orElseThrow();
        // right-aligned numbers end where their headers end
        assertEquals(header.indexOf("Params") + "Params".length(), conv1.indexOf("156") + 3);
        assertEquals(header.indexOf("Mult-adds") + "Mult-adds".length(), conv1.indexOf("117,600") + 7);
        assertTrue(conv1.contains("FakeConv(1, 6, 5x5, stride 1)"), conv1);
        assertTrue(conv1.contains("1x6x28x28"), conv1);
        assertTrue(conv1.endsWith("18.8 kB"), conv1);
        String linear = table.stream().filter(l -> l.startsWith("classifier.0")).findFirst().orElseThrow();
        assertTrue(linear.contains("10,164"), linear);
        assertTrue(linear.contains("whole input"), linear);
        assertTrue(text.contains("Total parameters:     61,706\n"), text);
        assertTrue(text.contains("Total multiply-adds:  416,520\n"), text);
        assertTrue(text.contains("Parameter memory:     246.8 kB\n"), text);
        assertTrue(text.contains("1x32x32 input (1,024 values) would need 102,400 weights"), text);
        assertFalse(text.contains("\t"), text);
    }

    @Test
    void lectureNamesAreAColumnAfterTheLayersPath() {
        Summary named = lenetSummary().withLectureNames(java.util.Map.of("features.0", "C1", "classifier.1",
                "output"));
        assertEquals(List.of("C1", "", "", "", "", "", "", "output"),
                named.rows().stream().map(Summary.Row::lectureName).toList());
        List<String> lines = SummaryTable.render(named).lines().toList();
        String header = lines.stream().filter(l -> l.startsWith("Name ")).findFirst().orElseThrow();
        assertTrue(header.matches("Name\\s+Lecture\\s+Layer\\s+Output shape.*"), header);
        String conv1 = lines.stream().filter(l -> l.startsWith("features.0 ")).findFirst().orElseThrow();
        assertEquals(header.indexOf("Lecture"), conv1.indexOf("C1"), conv1);
        assertEquals(header.indexOf("Layer"), conv1.indexOf("FakeConv"), conv1);
        String pool = lines.stream().filter(l -> l.startsWith("features.1 ")).findFirst().orElseThrow();
        assertEquals(header.indexOf("Layer"), pool.indexOf("FakePool"), "no name, a blank cell: " + pool);
        assertFalse(SummaryTable.render(lenetSummary()).contains("Lecture"), "no names, no column");
    }

    @Test
    void aLectureNameForALayerTheModelLacksIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lenetSummary().withLectureNames(java.util.Map.of("features.9", "C7")));
        assertTrue(e.getMessage().contains("'features.9'"), e.getMessage());
    }

    /** A block that is not a Sequential: two linear layers, counted by the block itself. */
    private static final class TwoLinear extends Module {
        private final Linear first;
        private final Linear second;

        TwoLinear(Rng rng) {
            first = addChild("first", new Linear(4, 5, rng));
            second = addChild("second", new Linear(5, 3, rng));
        }

        @Override
        public Variable forward(Variable input) {
            return second.forward(first.forward(input));
        }

        @Override
        public Shape outputShape(Shape input) {
            return second.outputShape(first.outputShape(Shape.of(input.dim(0), input.sizeFrom(1))));
        }

        @Override
        public long multiplyAdds(Shape input) {
            Shape flat = Shape.of(input.dim(0), input.sizeFrom(1));
            return first.multiplyAdds(flat) + second.multiplyAdds(first.outputShape(flat));
        }
    }

    @Test
    void auxiliaryClassifiersAreRowsOfTheirOwnOutsideTheInferenceCost() {
        Rng rng = new Rng(4);
        SequentialWithAux model = new SequentialWithAux()
                .add("features", new Sequential(Conv2d.builder(1, 2, 3).padding(1).build(rng), new ReLU()))
                .add("flatten", new Flatten())
                .addAux("aux", "features", new Sequential(new Flatten(), new Linear(2 * 4 * 4, 3, rng)))
                .add("fc", new Linear(2 * 4 * 4, 5, rng));
        Summary s = Summary.of(model, Shape.of(1, 4, 4));
        assertEquals(List.of("features.0", "features.1", "flatten", "fc"),
                s.rows().stream().map(Summary.Row::name).toList());
        assertEquals(1, s.auxiliary().size());
        Summary.Row aux = s.auxiliary().get(0);
        assertEquals("aux", aux.name());
        assertEquals(Shape.of(1, 3), aux.outputShape());
        assertEquals(32 * 3 + 3, aux.parameters());
        assertEquals(32 * 3, aux.multiplyAdds());
        long conv = (9 + 1) * 2;
        assertEquals(conv + (32 * 5 + 5) + (32 * 3 + 3), s.totals().parameters(), "a model file holds the aux too");
        assertEquals(16 * 9 * 2 + 32 * 5, s.totals().multiplyAdds(), "inference does not run the aux");
        String table = SummaryTable.render(s);
        assertTrue(table.contains("Auxiliary classifiers, in training only"), table);
        assertTrue(table.indexOf("aux ") > table.indexOf("fc "), table);
    }

    @Test
    void aResidualBlockRowSeesThroughBothOfItsConvolutions() {
        Rng rng = new Rng(5);
        Sequential model = new Sequential(Conv2d.builder(1, 4, 3).stride(2).padding(1).build(rng),
                new BasicBlock(4, 4, 2, rng));
        Summary s = Summary.of(model, Shape.of(1, 16, 16));
        // conv 3x3/2: field 3, jump 2; the block's 3x3/2: 3 + 2 * 2 = 7, jump 4; its second 3x3: 7 + 2 * 4 = 15
        assertEquals(new ReceptiveField(15, 15, 4, 4, false), s.rows().get(1).receptiveField());
        assertEquals(Shape.of(1, 4, 4, 4), s.rows().get(1).outputShape());
    }
}
