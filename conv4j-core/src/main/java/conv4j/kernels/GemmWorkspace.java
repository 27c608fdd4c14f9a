package conv4j.kernels;

/**
 * Per-thread packing buffers for the GEMM. They only grow, to at most one A block and one B block, so a warmed-up
 * thread packs without allocating.
 */
final class GemmWorkspace {
    private static final ThreadLocal<GemmWorkspace> CURRENT = ThreadLocal.withInitial(GemmWorkspace::new);

    private float[] packedA = new float[0];
    private float[] packedB = new float[0];
    private float[] edgeTile = new float[0];

    private GemmWorkspace() {
    }

    static GemmWorkspace current() {
        return CURRENT.get();
    }

    float[] packedA(int size) {
        if (packedA.length < size) {
            packedA = new float[size];
        }
        return packedA;
    }

    float[] packedB(int size) {
        if (packedB.length < size) {
            packedB = new float[size];
        }
        return packedB;
    }

    float[] edgeTile(int size) {
        if (edgeTile.length < size) {
            edgeTile = new float[size];
        }
        return edgeTile;
    }
}
