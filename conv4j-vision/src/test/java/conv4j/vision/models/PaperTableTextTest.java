package conv4j.vision.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaperTableTextTest {

    private static PaperTable twoNets() {
        List<PaperTable.Column> columns = List.of(new PaperTable.Column("18-layer", "a", ""),
                new PaperTable.Column("50-layer", "b", ""));
        return new PaperTable("Table 1: two networks", List.of("layer name"), columns, List.of(
                PaperTable.Row.across(List.of("conv2_x"), "3x3 max pool, stride 2", 2),
                new PaperTable.Row(List.of("conv2_x"), List.of("[3x3, 64; 3x3, 64] x 2",
                        "[1x1, 64; 3x3, 64; 1x1, 256] x 3"), false),
                new PaperTable.Row(List.of("FLOPs"), List.of("1.81 x 10^9", ""), false)),
                List.of("A note."));
    }

    @Test
    void blocksStackOneLayerALineAndSpanningRowsAreCentred() {
        // 18-layer is as wide as its widest line "[3x3, 64] x 2" (13), 50-layer as "[3x3, 64 ] x 3" (14)
        assertEquals(String.join("\n",
                "Table 1: two networks",
                "layer name  18-layer       50-layer",
                "-----------------------------------------",
                "conv2_x        3x3 max pool, stride 2",
                "            [3x3, 64] x 2  [1x1, 64 ]",
                "            [3x3, 64]      [3x3, 64 ] x 3",
                "                           [1x1, 256]",
                "FLOPs       1.81 x 10^9",
                "-----------------------------------------",
                "A note.", ""), PaperTableText.render(twoNets()));
    }

    @Test
    void rowsMustFitTheColumns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PaperTable("T",
                List.of(), List.of(new PaperTable.Column("A", "a", "")),
                List.of(new PaperTable.Row(List.of(), List.of("x", "y"), false)), List.of()));
        assertTrue(e.getMessage().contains("1 columns, received 0 and 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PaperTable.Row(List.of(), List.of("x", "y"), true));
    }
}
