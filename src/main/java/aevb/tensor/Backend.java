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

    /**
     * Installs any implementation, e.g. a profiler wrapping the current one
     * ({@code aevb.bench.TimedKernels}); returns the one it replaces, to put back afterwards.
     */
    public static TensorKernels install(TensorKernels kernels) {
        TensorKernels old = current;
        current = java.util.Objects.requireNonNull(kernels);
        return old;
    }

    public static boolean simd() {
        return current != ScalarKernels.SCALAR;
    }

    private static TensorKernels choose() {
        String p = System.getProperty("aevb.simd", System.getenv().getOrDefault("AEVB_SIMD", "true"));
        return Boolean.parseBoolean(p) ? Kernels.SIMD : ScalarKernels.SCALAR;
    }
}
