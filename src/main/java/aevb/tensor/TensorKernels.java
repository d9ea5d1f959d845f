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
 * the work is split over threads. Every kernel gives the same bits for any thread count; the
 * fused kernels ("fused forms" below) do in one pass over memory what several basic ones would,
 * and the optimiser updates do a whole Adagrad or Adam step of one parameter in one pass.
 */
public interface TensorKernels {

    // ---- matrix products (the three layouts backprop needs) ----

    /** C (m,n) = [C +] A (m,k) · B (k,n). */
    void gemm(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    /** C (m,n) = [C +] A (m,k) · Bᵀ where B is (n,k): a layer's forward pass x·Wᵀ. */
    void gemmABt(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    /** C (m,n) = [C +] Aᵀ · B where A is (k,m) and B is (k,n): a weight gradient dYᵀ·X. */
    void gemmAtB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    /**
     * Two products with one left operand, C1 (m,n1) = A·B1ᵀ and C2 (m,n2) = A·B2ᵀ: the head pair,
     * two heads on one hidden layer (the encoder's mu and log σ², {@code nn.Mlp}). Independent, so
     * they may run side by side.
     */
    void gemmABtPair(float[] a, float[] b1, float[] c1, int n1, float[] b2, float[] c2, int n2, int m, int k);

    /**
     * The products of a layer's backward step, for y = x·Wᵀ with d (m,out) the gradient of y:
     * dx (m,in) [+]= d·W and dW (out,in) [+]= dᵀ·x, i.e. {@code gemm(d, w, dx, m, out, in, accX)}
     * and {@code gemmAtB(d, x, dw, out, m, in, accW)}; dx null when x needs no gradient. The two
     * are independent (and equal in work), so they may run side by side.
     */
    void linearBackward(float[] d, float[] x, float[] w, float[] dx, float[] dw, int m, int in, int out,
                        boolean accX, boolean accW);

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

    /** True when every x[0, n) is finite (no NaN, no infinity). */
    boolean allFinite(float[] x, int n);

    /**
     * The index of the first array of xs (each checked whole) that holds a NaN or an infinity,
     * or -1 when all are finite: every gradient of a step at once, which the kernels may share
     * out over the threads as one piece of work.
     */
    default int firstNonFinite(float[][] xs) {
        for (int i = 0; i < xs.length; i++) {
            if (!allFinite(xs[i], xs[i].length)) {
                return i;
            }
        }
        return -1;
    }

    // ---- fused forms for the paper's model: one pass over memory instead of several ----

    /**
     * out (rows,cols) = tanh(x + bias), bias (1,cols) added to every row: a tanh layer's
     * activation after its product x·Wᵀ. out may alias x.
     */
    void biasTanh(float[] x, float[] bias, float[] out, int rows, int cols);

    /**
     * The backward step of {@link #biasTanh} from its output y: d = g ⊙ (1 - y²) (written), and
     * db (1,cols) += the column sums of d, the bias gradient. Column sums run in row order.
     */
    void tanhBackward(float[] g, float[] y, float[] d, float[] db, int rows, int cols);

    /**
     * The Bernoulli log-likelihood from the logits a, per row:
     * out[r] = Σ_c x_rc a_rc - softplus(a_rc), which is Σ x log σ(a) + (1 - x) log(1 - σ(a)).
     * Unless {@code mean} is null it also receives y = σ(a), the decoder's mean, which the
     * backward step needs (the same e^-|a| serves both).
     */
    void bernoulliLogLikelihood(float[] x, float[] a, float[] out, float[] mean, int rows, int cols);

    /** Its backward step from y = σ(a): da [+]= g_r (x - y), with g (rows,1) the gradient of out. */
    void bernoulliLogLikelihoodBackward(float[] x, float[] mean, float[] g, float[] da, int rows, int cols,
                                        boolean accumulate);

    /** -KL(N(mu, e^logVar) || N(0, I)) per row: out[r] = ½ Σ_c (1 + logVar - mu² - e^logVar). */
    void gaussianNegKl(float[] mu, float[] logVar, float[] out, int rows, int cols);

    /** Its backward step: dmu += -g_r mu, dlogVar += ½ g_r (1 - e^logVar). */
    void gaussianNegKlBackward(float[] mu, float[] logVar, float[] g, float[] dmu, float[] dLogVar, int rows, int cols);

    /** The reparameterisation z = mu + e^(logVar/2) ⊙ eps. */
    void reparameterize(float[] mu, float[] logVar, float[] eps, float[] z, int n);

    /** Its backward step: dmu += g, dlogVar += ½ g ⊙ eps ⊙ e^(logVar/2). */
    void reparameterizeBackward(float[] logVar, float[] eps, float[] g, float[] dmu, float[] dLogVar, int n);

    // ---- optimiser updates: one pass over a parameter, its gradient and its state ----

    /**
     * Adagrad with weight decay: g' = g + λ w; G += g'²; w -= lr · g' / (sqrt(G) + δ); g = 0.
     * Every element is independent, so the result does not depend on how the work is split.
     */
    void adagrad(float[] w, float[] g, float[] sumSq, float lr, float lambda, float delta, int n);

    /**
     * {@link #adagrad} on several parameters in one call, parameter p (its arrays whole) with
     * weight decay lambda[p]: the kernels may share all of them out over the threads at once
     * instead of one after the other. The same bits as the calls one by one.
     */
    default void adagrad(float[][] w, float[][] g, float[][] sumSq, float lr, float[] lambda, float delta) {
        for (int p = 0; p < w.length; p++) {
            adagrad(w[p], g[p], sumSq[p], lr, lambda[p], delta, w[p].length);
        }
    }

    /**
     * Adam with weight decay: g' = g + λ w; m = β1 m + (1 - β1) g'; v = β2 v + (1 - β2) g'²;
     * w -= stepSize · m / (sqrt(v) + ε); g = 0 (the bias corrections folded into stepSize and ε).
     */
    void adam(float[] w, float[] g, float[] m, float[] v, float beta1, float beta2, float stepSize, float eps,
              float lambda, int n);

    /** {@link #adam} on several parameters in one call, as {@link #adagrad(float[][], float[][], float[][], float, float[], float)}. */
    default void adam(float[][] w, float[][] g, float[][] m, float[][] v, float beta1, float beta2, float stepSize,
                      float eps, float[] lambda) {
        for (int p = 0; p < w.length; p++) {
            adam(w[p], g[p], m[p], v[p], beta1, beta2, stepSize, eps, lambda[p], w[p].length);
        }
    }
}
