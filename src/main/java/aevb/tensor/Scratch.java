package aevb.tensor;

/**
 * Per-thread scratch rows of the element-wise and fused kernels, grown on demand and kept, so
 * steady state allocates nothing. (The GEMM keeps its own, {@code gemm.Packing.Scratch}.)
 */
final class Scratch {
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    float[] row = new float[0];
    float[] row2 = new float[0];
    /** One vector's lanes, for a lane sum in a fixed order ({@link ExactMath#sumOf(float[])}). */
    final float[] lanes = new float[Simd.L];
    final double[] doubleLanes = new double[Simd.D.length()];

    /** The calling thread's scratch. */
    static Scratch get() {
        return SCRATCH.get();
    }

    /** A scratch row. */
    float[] row(int size) {
        if (row.length < size) {
            row = new float[size];
        }
        return row;
    }

    /** A second scratch row, for kernels that need two. */
    float[] row2(int size) {
        if (row2.length < size) {
            row2 = new float[size];
        }
        return row2;
    }
}
