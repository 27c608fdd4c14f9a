package conv4j.kernels;

import java.util.List;
import java.util.function.Supplier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API tiles of {@link DirectConv}, shaped for the register file they run on. Forward: output channels x a
 * few vectors of output positions held in accumulators, as in the GEMM micro-kernel, but each depth step loads its
 * vectors from the padded image at {@code offsets[p]} instead of from a packed panel, so nothing is unfolded. Weight
 * gradient: taps x one vector of output channels; each output position broadcasts one input value per tap against
 * that position's vector of channel gradients, so every sum runs along the output positions in order, with no
 * reduction across lanes. Rows: channels x taps, each a vector of output columns of one row.
 *
 * <p>Every tile loop is a do-while (a window has at least two taps, a plane at least one position and one row), so
 * the vectors leaving it are the last step's results, whose class C2 knows, and it stores them with vector stores.
 * Leaving a for loop they are loop phis, typed FloatVector: C2 then stores them without boxing only where its type
 * profile names the class, which varies from one JVM to the next (ResNet 4x256x14x14 forward at AVX2 took 16 or
 * 8 ms from one JVM to the next, and always 16 with -XX:-TieredCompilation; 8 as a do-while).
 *
 * <p>A tile whose accumulators, operands and broadcast value outgrow the register file spills in its inner loop, so
 * each register file has its own tile shapes ({@link #forVectorUnit}); every set gives the same bits (see
 * {@link ConvTiles}). Loaded only by name, after checking that the incubator module is present (see
 * {@link DirectConv}).
 */
abstract class VectorConvTiles implements ConvTiles {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int V = SPECIES.length();

    /** A register file of at least {@code minRegisters} vectors of at most {@code maxBits} takes these tiles. */
    private record Row(int minRegisters, int maxBits, Supplier<VectorConvTiles> tiles) {
    }

    /**
     * The first row that fits the vector unit wins. Measured with Conv2dBench on 2 threads of a Zen 5 (medians, ms,
     * today's tiles against these; the JVM flags make the vector unit):
     * <ul>
     * <li>32 registers of 128 bits (NEON; {@code -XX:MaxVectorSize=16}) take the 8 x 2 tiles too. Tiles of 8 x 3
     *     vectors (12 columns, each weight loaded for 3 products) were 12 % faster there (ResNet 8x64x56x56 forward
     *     27.9 -> 24.6 ms, LeNet C3 0.68 -> 0.61), but in two test runs of four at that width a warm call of theirs
     *     allocated as the uncompiled Vector API does (130 to 180 MB per 32x32x32 convolution), which the other tiles
     *     never did: they wait until that is understood.</li>
     * <li>32 registers (AVX-512, and 256-bit vectors on it): 8 x 2 vectors; 8 x 3 was 5 to 10 % faster on 28x28 and
     *     56x56 maps but 15 % slower on 7x7 (64 positions become 96 at 48 columns).</li>
     * <li>16 registers (AVX2): everything from 6 x 2 vectors down, which fit with their two loads and one broadcast;
     *     8 x 2 vectors (19 registers) spilled: ResNet 8x64x56x56 forward 18.0 -> 10.8, LeNet C3 0.47 -> 0.32.</li>
     * </ul>
     */
    private static final List<Row> TABLE = List.of(
            new Row(32, Integer.MAX_VALUE, VectorConvTiles32::new),
            new Row(0, Integer.MAX_VALUE, VectorConvTiles16::new));

    /** Taps of a weight-gradient tile: 8 accumulators fit every register file (see {@link VectorConvTiles32}). */
    static final int WEIGHT_TAPS = 8;

    private final int registers;

    VectorConvTiles(int registers) {
        this.registers = registers;
    }

    /** The tiles for {@code registers} vector registers of {@code bits} bits: {@link Simd}'s at run time. */
    static ConvTiles forVectorUnit(int bits, int registers) {
        for (Row row : TABLE) {
            if (registers >= row.minRegisters && bits <= row.maxBits) {
                return row.tiles.get();
            }
        }
        throw new IllegalStateException("no tiles for " + registers + " registers of " + bits + " bits");
    }

    /** Every tile set of the table, at this JVM's vector width: tests run them all against the scalar twin. */
    static List<ConvTiles> all() {
        return TABLE.stream().<ConvTiles>map(row -> row.tiles.get()).toList();
    }

    @Override
    public final int weightTaps() {
        return WEIGHT_TAPS;
    }

    @Override
    public final void weightTile(int count, int[] positions, float[] x, int xBase, int[] offsets, int p0, float[] dy,
                                 int dyOffset, int dyStride, float[] acc, int accOffset, int accStride) {
        int t0 = xBase + offsets[p0];
        int t1 = xBase + offsets[p0 + 1];
        int t2 = xBase + offsets[p0 + 2];
        int t3 = xBase + offsets[p0 + 3];
        int t4 = xBase + offsets[p0 + 4];
        int t5 = xBase + offsets[p0 + 5];
        int t6 = xBase + offsets[p0 + 6];
        int t7 = xBase + offsets[p0 + 7];
        FloatVector a0 = FloatVector.fromArray(SPECIES, acc, accOffset);
        FloatVector a1 = FloatVector.fromArray(SPECIES, acc, accOffset + accStride);
        FloatVector a2 = FloatVector.fromArray(SPECIES, acc, accOffset + 2 * accStride);
        FloatVector a3 = FloatVector.fromArray(SPECIES, acc, accOffset + 3 * accStride);
        FloatVector a4 = FloatVector.fromArray(SPECIES, acc, accOffset + 4 * accStride);
        FloatVector a5 = FloatVector.fromArray(SPECIES, acc, accOffset + 5 * accStride);
        FloatVector a6 = FloatVector.fromArray(SPECIES, acc, accOffset + 6 * accStride);
        FloatVector a7 = FloatVector.fromArray(SPECIES, acc, accOffset + 7 * accStride);
        // One flat loop over the positions: C2 keeps vectors in registers through a single loop, but boxes them
        // (an allocation per operation) where they pass through the phis of nested loops.
        int i = 0;
        int d = dyOffset;
        do {
            FloatVector g = FloatVector.fromArray(SPECIES, dy, d);
            int q = positions[i];
            a0 = FloatVector.broadcast(SPECIES, x[t0 + q]).fma(g, a0);
            a1 = FloatVector.broadcast(SPECIES, x[t1 + q]).fma(g, a1);
            a2 = FloatVector.broadcast(SPECIES, x[t2 + q]).fma(g, a2);
            a3 = FloatVector.broadcast(SPECIES, x[t3 + q]).fma(g, a3);
            a4 = FloatVector.broadcast(SPECIES, x[t4 + q]).fma(g, a4);
            a5 = FloatVector.broadcast(SPECIES, x[t5 + q]).fma(g, a5);
            a6 = FloatVector.broadcast(SPECIES, x[t6 + q]).fma(g, a6);
            a7 = FloatVector.broadcast(SPECIES, x[t7 + q]).fma(g, a7);
            d += dyStride;
        } while (++i < count);
        a0.intoArray(acc, accOffset);
        a1.intoArray(acc, accOffset + accStride);
        a2.intoArray(acc, accOffset + 2 * accStride);
        a3.intoArray(acc, accOffset + 3 * accStride);
        a4.intoArray(acc, accOffset + 4 * accStride);
        a5.intoArray(acc, accOffset + 5 * accStride);
        a6.intoArray(acc, accOffset + 6 * accStride);
        a7.intoArray(acc, accOffset + 7 * accStride);
    }


    @Override
    public final int channelBlock() {
        return V;
    }

    @Override
    public final int rowLanes() {
        return V;
    }

    @Override
    public final String name() {
        return "vector " + mr() + "x" + nr() / V + ", " + wideMr() + "x" + wideNr() / V + " vectors, weights "
                + weightTaps() + "x1, rows " + rowChannels() + "x" + rowTaps() + " (" + SPECIES.vectorBitSize()
                + "-bit, shaped for " + registers + " registers)";
    }

    // Whole vectors where they fit before the end of the destination: one that runs past a row's end spills into
    // the next rows, which are written after it.
    @Override
    public final void storeRows(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int rows,
                                int width, boolean addBias, float bias) {
        int end = dstOffset + rows * width;
        for (int r = 0; r < rows; r++) {
            int s = srcOffset + r * srcStride;
            int d = dstOffset + r * width;
            int j = 0;
            if (addBias) {
                for (; j < width && d + j + V <= end; j += V) {
                    FloatVector.fromArray(SPECIES, src, s + j).add(bias).intoArray(dst, d + j);
                }
                for (; j < width; j++) {
                    dst[d + j] = src[s + j] + bias;
                }
            } else {
                for (; j < width && d + j + V <= end; j += V) {
                    FloatVector.fromArray(SPECIES, src, s + j).intoArray(dst, d + j);
                }
                for (; j < width; j++) {
                    dst[d + j] = src[s + j];
                }
            }
        }
    }
}
