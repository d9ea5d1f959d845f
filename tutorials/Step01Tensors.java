/*
 * Step 1. Tensors and the Vector API: a GEMM by hand, scalar against SIMD (the cost of every layer)
 *
 * Every layer of the paper's MLPs (Appendix C) is a matrix product. A minibatch of M = 100 MNIST
 * images, x (100, 784), times the transposed weights of the encoder's hidden layer, W3 (500, 784),
 * gives the layer's pre-activations (100, 500). A training step does a dozen such products,
 * forward and backward, and they take most of its time. So the first step is one question: how
 * fast can plain Java compute C = A·B?
 *
 * aevb keeps a matrix as a Tensor: rows, cols and one float[] in row-major order, element (r, c)
 * at data[r * cols + c]. This program multiplies A (100, 784) by B (784, 500) four ways:
 *   1. scalar, by hand: each C[i][j] is the dot product of row i of A with column j of B;
 *   2. SIMD, by hand, with the Vector API (jdk.incubator.vector): for each row i and each k,
 *      broadcast A[i][k] into every lane of a vector and add A[i][k] * B[k][j..j+L-1] into L
 *      elements of row i of C at once, one fused multiply-add (FMA) instruction for L floats;
 *   3. aevb's ScalarKernels.SCALAR.gemm, the plain loop that is the oracle of
 *   4. aevb's Kernels.SIMD.gemm: the idea of 2, plus register blocking (a tile of C stays in
 *      registers while k runs) and threads (tensor/Kernels.java explains it).
 *
 * All four add the k products of each C[i][j] in increasing k, one FMA per term. Same operations
 * in the same order give the same result to the last bit, not just approximately: that is how
 * aevb's tests hold every fast kernel to its scalar twin.
 *
 * Check: the four products are bit-identical, and the SIMD loop is several times faster than the
 * scalar one (how many depends on the vector width: 16 floats with AVX-512, 8 with AVX2).
 * Try next: AEVB_SIMD=false ./aevb train ... trains with the scalar twins, for comparison.
 */
import aevb.prob.Randomness;
import aevb.tensor.Kernels;
import aevb.tensor.Parallel;
import aevb.tensor.ScalarKernels;
import aevb.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

/** C (m,n) = A (m,k) · B (k,n): one dot product per element, as the formula reads. */
static void gemmScalar(float[] a, float[] b, float[] c, int m, int k, int n) {
    for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
            float s = 0f;
            for (int p = 0; p < k; p++) {
                s = Math.fma(a[i * k + p], b[p * n + j], s);   // s += A[i][p] * B[p][j]
            }
            c[i * n + j] = s;
        }
    }
}

/** The same product, L columns of C at a time: row i of C += A[i][p] * row p of B. */
static void gemmSimd(float[] a, float[] b, float[] c, int m, int k, int n) {
    int bound = F.loopBound(n);                       // the last multiple of L below n
    java.util.Arrays.fill(c, 0, m * n, 0f);
    for (int i = 0; i < m; i++) {
        for (int p = 0; p < k; p++) {
            float aip = a[i * k + p];
            FloatVector av = FloatVector.broadcast(F, aip);
            int j = 0;
            for (; j < bound; j += F.length()) {         // L lanes per instruction
                FloatVector bv = FloatVector.fromArray(F, b, p * n + j);
                FloatVector cv = FloatVector.fromArray(F, c, i * n + j);
                av.fma(bv, cv).intoArray(c, i * n + j);  // c = a * b + c, lane by lane
            }
            for (; j < n; j++) {                          // the tail: n need not be a multiple of L
                c[i * n + j] = Math.fma(aip, b[p * n + j], c[i * n + j]);
            }
        }
    }
}

/**
 * The fastest of many runs of `product`, in milliseconds. The first runs are slow: the JIT compiles
 * a method only after it has run a while, and the Vector API interpreted is far slower than scalar
 * code. So it runs until `seconds` have passed and 10 runs in a row brought no new best.
 */
static double bestMillis(Runnable product, double seconds) {
    double best = Double.POSITIVE_INFINITY;
    int sinceBest = 0;
    long start = System.nanoTime();
    while (sinceBest < 10 || System.nanoTime() - start < seconds * 1e9) {
        long t0 = System.nanoTime();
        product.run();
        double ms = (System.nanoTime() - t0) / 1e6;
        sinceBest = ms < 0.97 * best ? 0 : sinceBest + 1;
        best = Math.min(best, ms);
        if (System.nanoTime() - start > 10e9) {
            break;                                    // a very busy machine: report what we have
        }
    }
    return best;
}

void main() {
    boolean quick = Boolean.getBoolean("aevb.tutorial.quick");
    int m = 100, k = 784, n = 500;                   // x (M, 784) times W3ᵀ (784, 500)
    Tensor a = new Tensor(m, k), b = new Tensor(k, n);
    Randomness.gaussian(1, Randomness.Stream.INIT, 0, a.data, a.size());
    Randomness.gaussian(1, Randomness.Stream.INIT, 1, b.data, b.size());
    Tensor[] c = {new Tensor(m, n), new Tensor(m, n), new Tensor(m, n), new Tensor(m, n)};
    String[] names = {"scalar, by hand", "SIMD, by hand (" + F.length() + " lanes)",
            "aevb ScalarKernels.SCALAR", "aevb Kernels.SIMD (" + Parallel.threads() + " threads)"};
    Runnable[] products = {
            () -> gemmScalar(a.data, b.data, c[0].data, m, k, n),
            () -> gemmSimd(a.data, b.data, c[1].data, m, k, n),
            () -> ScalarKernels.SCALAR.gemm(a.data, b.data, c[2].data, m, k, n, false),
            () -> Kernels.SIMD.gemm(a.data, b.data, c[3].data, m, k, n, false)};

    double flops = 2.0 * m * k * n;                  // one multiply and one add per term
    System.out.printf("A (%d, %d) · B (%d, %d) = C (%d, %d): %.1f million multiply-adds%n%n", m, k, k, n, m, n,
            flops / 2e6);
    double seconds = quick ? 0.3 : 1.0;              // at least, per kernel
    double[] ms = new double[4];
    for (int i = 0; i < 4; i++) {
        ms[i] = bestMillis(products[i], seconds);
        System.out.printf("  %-34s %7.2f ms  %6.1f GFLOP/s  %6.1fx the scalar loop%n", names[i], ms[i],
                flops / ms[i] / 1e6, ms[0] / ms[i]);
    }

    float maxDiff = 0f;
    for (int i = 1; i < 4; i++) {
        for (int e = 0; e < c[0].size(); e++) {
            maxDiff = Math.max(maxDiff, Math.abs(c[i].data[e] - c[0].data[e]));
        }
    }
    System.out.println();
    check(maxDiff == 0f, "all four products are equal bit for bit (largest difference " + maxDiff + ")");
    double speedup = ms[0] / ms[1];
    check(speedup > 1, String.format("the SIMD loop is %.1f times as fast as the scalar loop (> 1)", speedup));
}

/** Prints a line the reader (and the tests) can check; a check that fails stops the step. */
static void check(boolean ok, String what) {
    System.out.println("CHECK " + what + ": " + (ok ? "passed" : "FAILED"));
    if (!ok) {
        throw new IllegalStateException("check failed: " + what);
    }
}
