package aevb.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector width every SIMD kernel uses, chosen once: {@code FloatVector.SPECIES_PREFERRED}
 * (16 floats with AVX-512), or {@code -Daevb.vector.bits=128|256|512}. The kernels of all rooms
 * ({@code gemm/}, {@link Maps}, {@link Reductions}, {@link FusedKernels}, {@link OptimizerKernels},
 * {@link ExactMath}) read {@link #F} and {@link #L} from here, so they agree on it; as static
 * finals the JIT folds them into the code as constants.
 */
public final class Simd {
    /** The float species of every kernel. */
    public static final VectorSpecies<Float> F = floatSpecies();
    /** Lanes per vector. */
    public static final int L = F.length();
    /** Half as many floats, widened to doubles: the sums that accumulate in double. */
    static final VectorSpecies<Float> FH =
            VectorSpecies.of(float.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
    static final VectorSpecies<Double> D =
            VectorSpecies.of(double.class, VectorShape.forBitSize(F.vectorBitSize()));

    private Simd() {}

    private static VectorSpecies<Float> floatSpecies() {
        String bits = System.getProperty("aevb.vector.bits");
        if (bits == null || bits.isBlank()) {
            return FloatVector.SPECIES_PREFERRED;
        }
        return switch (bits.trim()) {
            case "128" -> FloatVector.SPECIES_128;
            case "256" -> FloatVector.SPECIES_256;
            case "512" -> FloatVector.SPECIES_512;
            default -> throw new IllegalArgumentException(
                    "-Daevb.vector.bits=" + bits + ": expected 128, 256 or 512");
        };
    }

    /** One vector of x from x[off]. */
    public static FloatVector load(float[] x, int off) {
        return FloatVector.fromArray(F, x, off);
    }
}
