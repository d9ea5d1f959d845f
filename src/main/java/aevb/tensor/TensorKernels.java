package aevb.tensor;

/**
 * The numerical kernels everything above the tensor layer is built from: plain loops over
 * {@code float[]} arrays holding row-major matrices.
 *
 * <p>Two implementations keep each other honest (as Jlama and llama2.java do): {@link Kernels}
 * is the fast one (Vector API, register blocking, threads), {@link ScalarKernels} is the plain
 * scalar twin that serves as its test oracle and as its explanation. {@link Backend#kernels()}
 * picks one; {@code -Daevb.simd=false} switches the SIMD path off for comparison.
 *
 * <p>Conventions: {@code n} is an element count; matrices are given with their sizes;
 * {@code out} may alias an input for the element-wise maps; sums of many terms are returned in
 * double. GEMM sums over k in increasing k order, so each output element does not depend on how
 * the work is split over threads.
 */
public interface TensorKernels {

    // ---- matrix products (the three layouts backprop needs) ----

    /** C (m,n) = [C +] A (m,k) · B (k,n). */
    void gemm(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    /** C (m,n) = [C +] A (m,k) · Bᵀ where B is (n,k): a layer's forward pass x·Wᵀ. */
    void gemmABt(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    /** C (m,n) = [C +] Aᵀ · B where A is (k,m) and B is (k,n): a weight gradient dYᵀ·X. */
    void gemmAtB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    // ---- broadcasting and element-wise arithmetic ----

    /** out (rows,cols) = x (rows,cols) + bias (1,cols) added to every row. */
    void addRowVector(float[] x, float[] bias, float[] out, int rows, int cols);

    /** out = a + b. */
    void add(float[] a, float[] b, float[] out, int n);

    /** out = a - b. */
    void sub(float[] a, float[] b, float[] out, int n);

    /** out = a ⊙ b. */
    void mul(float[] a, float[] b, float[] out, int n);

    /** out = s · a. */
    void scale(float[] a, float s, float[] out, int n);

    /** y += alpha · x. */
    void axpy(float alpha, float[] x, float[] y, int n);

    /** y += a ⊙ b. */
    void mulAdd(float[] a, float[] b, float[] y, int n);

    // ---- element-wise maps ----

    void tanh(float[] x, float[] out, int n);

    /** σ(x) = 1 / (1 + e^-x), stable for large |x|. */
    void sigmoid(float[] x, float[] out, int n);

    void exp(float[] x, float[] out, int n);

    void log(float[] x, float[] out, int n);

    /** softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^-|x|), stable for large |x|. */
    void softplus(float[] x, float[] out, int n);

    /** log σ(x) = -softplus(-x). */
    void logSigmoid(float[] x, float[] out, int n);

    void square(float[] x, float[] out, int n);

    // ---- reductions ----

    /** Σ x, accumulated in double. */
    double sum(float[] x, int n);

    /** Σ a ⊙ b, accumulated in double. */
    double dot(float[] a, float[] b, int n);

    /** out (rows,1) = the sum of each row of x (rows,cols). */
    void rowSums(float[] x, float[] out, int rows, int cols);

    /** out (1,cols) = [out +] the sum over rows of x (rows,cols): a bias gradient. */
    void colSums(float[] x, float[] out, int rows, int cols, boolean accumulate);
}
