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
 * at data[r * cols + c]. This program multiplies A (100, 784) by B (784, 500) five ways:
 *   1. scalar, by hand: each C[i][j] is the dot product of row i of A with column j of B;
 *   2. SIMD, by hand, with the Vector API (jdk.incubator.vector): for each row i and each k,
 *      broadcast A[i][k] into every lane of a vector and add A[i][k] * B[k][j..j+L-1] into L
 *      elements of row i of C at once, one fused multiply-add (FMA) instruction for L floats;
 *   3. a register tile, by hand: the micro-kernel, the one piece of the GEMM that matters. Way 2
 *      loads and stores a vector of C for every FMA; here a tile of 4 rows by 2 vectors of C (8
 *      accumulators) stays in registers while k runs, and each k step loads 2 vectors of B and
 *      uses each for 4 rows: 8 FMAs for 2 loads and 4 broadcasts, no store until k is done;
 *   4. aevb's ScalarKernels.SCALAR.gemm, the plain loop that is the oracle of
 *   5. aevb's Kernels.SIMD.gemm, which is way 3 grown up. Its room is src/main/java/aevb/tensor/gemm/:
 *      MicroKernels.micro8x3 is the tile of 8 rows by 3 vectors (24 accumulators, 28 of the 32
 *      AVX-512 registers; per k step 3 loads, 8 broadcasts, 24 FMAs); with 256-bit vectors and 16
 *      registers (AVX2) Gemm picks micro4x2 instead, way 3's tile, since 8x3 would spill. The
 *      tiles are written out by a generator
 *      (GenerateMicroKernels, in the tests) because the JIT keeps separate variables in registers
 *      and an array it does not; Packing copies A and B so that the tile reads them contiguously
 *      and from L1; Gemm shares the tiles out over the threads. ScalarGemm is its twin.
 *
 * All five add the k products of each C[i][j] in increasing k, one FMA per term. Same operations
 * in the same order give the same result to the last bit, not just approximately: that is how
 * aevb's tests hold every fast kernel to its scalar twin.
 *
 * Check: the products are bit-identical, and the SIMD loop is several times faster than the
 * scalar one (how many depends on the vector width: 16 floats with AVX-512, 8 with AVX2).
 * Try next: AEVB_SIMD=false ./aevb train ... trains with the scalar twins, for comparison.
 */
import aevb.random.Randomness;
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
 * The same product with a register tile: C[i..i+3][j..j+2L-1] in 8 vector variables while p runs
 * over k, then stored once. The columns past the last whole tile (and rows past the last 4) are
 * done element by element, in the same order, so every element is still one FMA chain over k.
 */
static void gemmTile(float[] a, float[] b, float[] c, int m, int k, int n) {
    int lanes = F.length(), jEnd = n - n % (2 * lanes), iEnd = m - m % 4;
    for (int i = 0; i < iEnd; i += 4) {
        int a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;       // rows i..i+3 of A
        for (int j = 0; j < jEnd; j += 2 * lanes) {
            FloatVector c00 = FloatVector.zero(F), c01 = c00, c10 = c00, c11 = c00;
            FloatVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
            for (int p = 0; p < k; p++) {
                FloatVector b0 = FloatVector.fromArray(F, b, p * n + j);          // B[p][j..j+L-1]
                FloatVector b1 = FloatVector.fromArray(F, b, p * n + j + lanes);  // B[p][j+L..j+2L-1]
                FloatVector x = FloatVector.broadcast(F, a[a0 + p]);
                c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);                      // row i
                x = FloatVector.broadcast(F, a[a1 + p]);
                c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);                      // row i + 1
                x = FloatVector.broadcast(F, a[a2 + p]);
                c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(F, a[a3 + p]);
                c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            }
            int o = i * n + j;
            c00.intoArray(c, o); c01.intoArray(c, o + lanes);
            c10.intoArray(c, o + n); c11.intoArray(c, o + n + lanes);
            c20.intoArray(c, o + 2 * n); c21.intoArray(c, o + 2 * n + lanes);
            c30.intoArray(c, o + 3 * n); c31.intoArray(c, o + 3 * n + lanes);
        }
    }
    for (int i = 0; i < m; i++) {                    // the edges, as gemmScalar
        for (int j = i < iEnd ? jEnd : 0; j < n; j++) {
            float s = 0f;
            for (int p = 0; p < k; p++) {
                s = Math.fma(a[i * k + p], b[p * n + j], s);
            }
            c[i * n + j] = s;
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
    Tensor[] c = {new Tensor(m, n), new Tensor(m, n), new Tensor(m, n), new Tensor(m, n), new Tensor(m, n)};
    String[] names = {"scalar, by hand", "SIMD, by hand (" + F.length() + " lanes)",
            "register tile 4 x 2 vectors, by hand",
            "aevb ScalarKernels.SCALAR", "aevb Kernels.SIMD (" + Parallel.threads() + " threads)"};
    Runnable[] products = {
            () -> gemmScalar(a.data, b.data, c[0].data, m, k, n),
            () -> gemmSimd(a.data, b.data, c[1].data, m, k, n),
            () -> gemmTile(a.data, b.data, c[2].data, m, k, n),
            () -> ScalarKernels.SCALAR.gemm(a.data, b.data, c[3].data, m, k, n, false),
            () -> Kernels.SIMD.gemm(a.data, b.data, c[4].data, m, k, n, false)};

    double flops = 2.0 * m * k * n;                  // one multiply and one add per term
    System.out.printf("A (%d, %d) · B (%d, %d) = C (%d, %d): %.1f million multiply-adds%n%n", m, k, k, n, m, n,
            flops / 2e6);
    double seconds = quick ? 0.3 : 1.0;              // at least, per kernel
    double[] ms = new double[products.length];
    for (int i = 0; i < products.length; i++) {
        ms[i] = bestMillis(products[i], seconds);
        System.out.printf("  %-34s %7.2f ms  %6.1f GFLOP/s  %6.1fx the scalar loop%n", names[i], ms[i],
                flops / ms[i] / 1e6, ms[0] / ms[i]);
    }

    float maxDiff = 0f, tileDiff = 0f;
    for (int e = 0; e < c[0].size(); e++) {
        for (int i : new int[] {1, 3, 4}) {          // ways 2, 4 and 5 against way 1
            maxDiff = Math.max(maxDiff, Math.abs(c[i].data[e] - c[0].data[e]));
        }
        tileDiff = Math.max(tileDiff, Math.abs(c[2].data[e] - c[0].data[e]));
    }
    System.out.println();
    check(maxDiff == 0f, "all four products are equal bit for bit (largest difference " + maxDiff + ")");
    check(tileDiff == 0f, "the register tile by hand (way 3) equals them bit for bit (largest difference " + tileDiff + ")");
    double speedup = ms[0] / ms[1];
    check(speedup > 1, String.format("the SIMD loop is %.1f times as fast as the scalar loop (> 1)", speedup));
    System.out.printf("the register tile is %.1f times as fast as the SIMD loop of way 2: the loads and stores"
            + " of C it saves%n", ms[1] / ms[2]);
}

/** Prints a line the reader (and the tests) can check; a check that fails stops the step. */
static void check(boolean ok, String what) {
    System.out.println("CHECK " + what + ": " + (ok ? "passed" : "FAILED"));
    if (!ok) {
        throw new IllegalStateException("check failed: " + what);
    }
}
