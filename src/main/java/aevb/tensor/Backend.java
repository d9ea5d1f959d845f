package aevb.tensor;

/**
 * Chooses the kernels: the Vector API ones unless {@code -Daevb.simd=false} (or the environment
 * variable {@code AEVB_SIMD=false}) asks for the scalar twins, which is useful for comparison.
 */
public final class Backend {
    private static volatile TensorKernels current = choose();

    private Backend() {}

    public static TensorKernels kernels() {
        return current;
    }

    /** Switches between the SIMD kernels and their scalar twins (tests, benchmarks). */
    public static void useSimd(boolean simd) {
        current = simd ? Kernels.SIMD : ScalarKernels.SCALAR;
    }

    public static boolean simd() {
        return current != ScalarKernels.SCALAR;
    }

    private static TensorKernels choose() {
        String p = System.getProperty("aevb.simd", System.getenv().getOrDefault("AEVB_SIMD", "true"));
        return Boolean.parseBoolean(p) ? Kernels.SIMD : ScalarKernels.SCALAR;
    }
}
