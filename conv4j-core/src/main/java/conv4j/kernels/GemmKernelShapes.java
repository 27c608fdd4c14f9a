package conv4j.kernels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which register tile the GEMM's vector micro-kernel takes on each vector unit, one row per (width, register file)
 * with the measurement that chose it. A tile of {@code rows} x {@code vectors} needs rows x vectors accumulators, one
 * register per vector of B and one for the broadcast of A; the shapes tried were those that fit, plus the old 8 x 2
 * vectors. Figures: GFLOP/s on Zen 5, 2 threads, every shape timed in turn in one JVM: 1024^3, the im2col product of
 * a 3x3 convolution of 64 channels over 32 x 28 x 28 (64 x 576 x 25088), and the narrow products of
 * bench/gemm.sh (MxKxN). Where 6 x 4 vectors loses at 512 bits (1024^3 by 3%, 256 x 2304 x 1568 by 7%) it wins by
 * 15 to 30% elsewhere.
 *
 * <p>Loads no vector class, so it can be asked which shape runs without the incubator module.
 */
final class GemmKernelShapes {

    /** A row of the table: the vector unit it serves (bits 0 for any width), the tile, and why. */
    record Shape(int bits, int registers, int rows, int vectors, String reason) {
        /** The class that holds this tile's accumulators. */
        String className() {
            return "conv4j.kernels.VectorMicroKernel" + rows + "x" + vectors;
        }

        boolean serves(int bits, int registers) {
            return this.registers == registers && (this.bits == 0 || this.bits == bits);
        }
    }

    private static final List<Shape> TABLE = List.of(
            new Shape(512, 32, 6, 4, "AVX-512: 6 x 4 vectors against 8 x 2 (the old tile), 8 x 3, 12 x 2: 1024^3 282,"
                    + " 291, 282, 273; im2col 226, 196, 245, 183; 2048 x 512 x 49 250, 223, 174, 227; 512 x 4608 x 64"
                    + " 328, 282, 206, 276; 256 x 2304 x 1568 259, 278, 272, 273"),
            new Shape(256, 32, 6, 4, "-XX:MaxVectorSize=32: 6 x 4 vectors against 8 x 2, 8 x 3, 12 x 2: 1024^3 186,"
                    + " 153, 167, 118; im2col 131, 109, 127, 106; 2048 x 512 x 49 134, 101, 110, 102; 512 x 4608 x 64"
                    + " 159, 123, 123, 121"),
            new Shape(128, 32, 6, 4, "-XX:MaxVectorSize=16, NEON's width: 6 x 4 vectors against 8 x 2, 8 x 3, 12 x 2:"
                    + " 1024^3 97, 92, 94, 93; im2col 86, 86, 86, 77; 2048 x 512 x 49 77, 71, 68, 71; 512 x 4608 x 64"
                    + " 101, 84, 76, 81"),
            new Shape(0, 16, 6, 2, "AVX2 (-XX:UseAVX=2): 6 x 2 vectors against 8 x 2, which spills: 1024^3 162"
                    + " against 100, im2col 114 against 82, the kernel alone 101 against 58 on one core; 5 x 2 and"
                    + " 4 x 2 1 to 10% slower; three vectors wide spill"));

    /** Twelve accumulators fit any register file the Vector API runs on (x86 has 16, AArch64 32). */
    private static final Shape FALLBACK = TABLE.get(TABLE.size() - 1);

    private GemmKernelShapes() {
    }

    /** The tile for a vector unit of {@code bits}-bit vectors and {@code registers} registers. */
    static Shape forVectorUnit(int bits, int registers) {
        for (Shape shape : TABLE) {
            if (shape.serves(bits, registers)) {
                return shape;
            }
        }
        return FALLBACK;
    }

    /** Every tile in the table, once each: the kernels a test runs at any width. */
    static List<Shape> everyTile() {
        Map<List<Integer>, Shape> tiles = new LinkedHashMap<>();
        for (Shape shape : TABLE) {
            tiles.putIfAbsent(List.of(shape.rows(), shape.vectors()), shape);
        }
        return List.copyOf(tiles.values());
    }
}
