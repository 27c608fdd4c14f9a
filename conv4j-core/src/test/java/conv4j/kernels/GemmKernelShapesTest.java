package conv4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GemmKernelShapesTest {

    /** Accumulators, one register per vector of B and one for the broadcast of A. */
    private static int registersUsed(GemmKernelShapes.Shape shape) {
        return shape.rows() * shape.vectors() + shape.vectors() + 1;
    }

    @Test
    void avx2GetsTheSixBySixteenTileThatFitsItsSixteenRegisters() {
        GemmKernelShapes.Shape avx2 = GemmKernelShapes.forVectorUnit(256, 16);
        assertEquals(List.of(6, 2), List.of(avx2.rows(), avx2.vectors()));
        assertEquals(15, registersUsed(avx2));
    }

    @Test
    void thirtyTwoRegistersGetSixRowsOfFourVectorsAtEveryWidth() {
        for (int bits : new int[] {128, 256, 512}) {
            GemmKernelShapes.Shape shape = GemmKernelShapes.forVectorUnit(bits, 32);
            assertEquals(List.of(6, 4), List.of(shape.rows(), shape.vectors()), bits + " bits");
        }
    }

    @Test
    void everyVectorUnitGetsATileThatFitsItsRegisters() {
        for (int registers : new int[] {16, 32}) {
            for (int bits : new int[] {128, 256, 512}) {
                GemmKernelShapes.Shape shape = GemmKernelShapes.forVectorUnit(bits, registers);
                assertTrue(registersUsed(shape) <= registers, bits + "-bit, " + registers + " registers: " + shape);
                assertFalse(shape.reason().isBlank(), shape.toString());
            }
        }
        // A register file the table does not know gets the smallest tile.
        assertTrue(registersUsed(GemmKernelShapes.forVectorUnit(512, 24)) <= 16);
    }

    @Test
    void everyTileIsListedOnce() {
        Set<List<Integer>> tiles = new HashSet<>();
        for (GemmKernelShapes.Shape shape : GemmKernelShapes.everyTile()) {
            assertTrue(tiles.add(List.of(shape.rows(), shape.vectors())), shape.toString());
        }
        assertEquals(Set.of(List.of(6, 2), List.of(6, 4)), tiles);
    }
}
