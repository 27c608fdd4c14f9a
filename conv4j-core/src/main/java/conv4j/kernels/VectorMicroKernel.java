package conv4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API micro-kernels: a tile of {@code rows} x ({@code vectors} x V) of C held in vector registers while the
 * depth loop runs, one load per vector of B and one broadcast per row of A feeding rows x vectors fused multiply-adds
 * per step. C2 keeps a vector in a register only while it is a local that nothing lets escape, so each tile shape is a
 * class of its own with its accumulators spelled out; {@link GemmKernelShapes} says which shape suits which vector
 * unit. The tile fits the register file with one B vector per column of vectors and the A broadcast to spare: a
 * tile that does not fit spills to the stack at every step.
 *
 * <p>A kernel writes its sums as they are, or adds them to C; scaling by alpha and beta is {@link #update}'s job.
 * Keeping that arithmetic out of the kernels keeps them small enough for C2 to inline every store as an intrinsic:
 * with the write-back spelled out there, some stores fell back to boxed vectors, an allocation per store. For the
 * same reason each kernel method holds one tile and one way of writing it (a store, or an add and a store): C1 gives
 * up on a method with both ("out of virtual registers in linear scan"), and a method C1 gave up on can stay in
 * C1's code, a box per vector operation, for good when C2 is busy at that moment.
 *
 * <p>Loaded only by name, after checking that the incubator module is present (see {@link GemmMicroKernels}).
 */
abstract class VectorMicroKernel implements GemmMicroKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int V = SPECIES.length();

    private final int mr;
    private final int nr;

    VectorMicroKernel(int rows, int vectors) {
        this.mr = rows;
        this.nr = vectors * V;
    }

    @Override
    public final int mr() {
        return mr;
    }

    @Override
    public final int nr() {
        return nr;
    }

    /** "vector 8x48 (512-bit, 32 registers)": the tile in floats, and the vector unit it was chosen for. */
    @Override
    public final String name() {
        return "vector " + mr + "x" + nr + " (" + SPECIES.vectorBitSize() + "-bit, " + Simd.registers()
                + " registers)";
    }

    @Override
    public final void update(float[] tile, int rows, int cols, float alpha, float beta, float[] c, int cOffset,
                             int ldc) {
        if (cols != nr) {
            GemmMicroKernel.super.update(tile, rows, cols, alpha, beta, c, cOffset, ldc);
            return;
        }
        for (int i = 0; i < rows; i++) {
            int t = i * nr;
            int r = cOffset + i * ldc;
            for (int j = 0; j < nr; j += V) {
                FloatVector s = FloatVector.fromArray(SPECIES, tile, t + j).mul(alpha);
                if (beta == 0f) {
                    // + 0, as the scalar rule adds it: alpha * sum may be -0
                    s.add(0f).intoArray(c, r + j);
                } else {
                    s.add(FloatVector.fromArray(SPECIES, c, r + j).mul(beta)).intoArray(c, r + j);
                }
            }
        }
    }
}
