package aevb.tensor;

import aevb.tensor.gemm.ScalarGemm;

/**
 * The scalar twin of {@link Kernels}: every kernel as the plainest loop that computes it, split
 * into the same rooms ({@link ScalarGemm}, {@link ScalarMaps}, {@link ScalarReductions},
 * {@link ScalarFusedKernels}, {@link ScalarOptimizerKernels}), each beside the fast file it is
 * the oracle of.
 *
 * <p>It is the oracle the SIMD kernels are tested against and the place to read what a kernel
 * means. The matrix products sum over k in increasing order with one fused multiply-add per
 * term, the same order the SIMD kernels use, so the two agree to the last bit.
 */
public final class ScalarKernels implements TensorKernels {
    public static final ScalarKernels SCALAR = new ScalarKernels();

    private ScalarKernels() {}

    /** σ(x) without overflow: e^-|x| never exceeds 1. */
    public static float sigmoid(float x) {
        return ScalarMaps.sigmoid(x);
    }

    /** log(1 + e^x) = max(x, 0) + log1p(e^-|x|): no overflow for large x, no loss for small. */
    public static float softplus(float x) {
        return ScalarMaps.softplus(x);
    }

    @Override
    public void gemm(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        ScalarGemm.gemm(a, b, c, m, k, n, accumulate);
    }

    @Override
    public void gemmABt(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        ScalarGemm.gemmABt(a, b, c, m, k, n, accumulate);
    }

    @Override
    public void gemmAtB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        ScalarGemm.gemmAtB(a, b, c, m, k, n, accumulate);
    }

    @Override
    public void gemmABtPair(float[] a, float[] b1, float[] c1, int n1, float[] b2, float[] c2, int n2, int m, int k) {
        ScalarGemm.gemmABtPair(a, b1, c1, n1, b2, c2, n2, m, k);
    }

    @Override
    public void linearBackward(float[] d, float[] x, float[] w, float[] dx, float[] dw, int m, int in, int out,
                               boolean accX, boolean accW) {
        ScalarGemm.linearBackward(d, x, w, dx, dw, m, in, out, accX, accW);
    }

    @Override
    public void addRowVector(float[] x, float[] bias, float[] out, int rows, int cols) {
        ScalarMaps.addRowVector(x, bias, out, rows, cols);
    }

    @Override
    public void add(float[] a, float[] b, float[] out, int n) {
        ScalarMaps.add(a, b, out, n);
    }

    @Override
    public void sub(float[] a, float[] b, float[] out, int n) {
        ScalarMaps.sub(a, b, out, n);
    }

    @Override
    public void mul(float[] a, float[] b, float[] out, int n) {
        ScalarMaps.mul(a, b, out, n);
    }

    @Override
    public void scale(float[] a, float s, float[] out, int n) {
        ScalarMaps.scale(a, s, out, n);
    }

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        ScalarMaps.axpy(alpha, x, y, n);
    }

    @Override
    public void mulAdd(float[] a, float[] b, float[] y, int n) {
        ScalarMaps.mulAdd(a, b, y, n);
    }

    @Override
    public void tanh(float[] x, float[] out, int n) {
        ScalarMaps.tanh(x, out, n);
    }

    @Override
    public void sigmoid(float[] x, float[] out, int n) {
        ScalarMaps.sigmoid(x, out, n);
    }

    @Override
    public void exp(float[] x, float[] out, int n) {
        ScalarMaps.exp(x, out, n);
    }

    @Override
    public void log(float[] x, float[] out, int n) {
        ScalarMaps.log(x, out, n);
    }

    @Override
    public void softplus(float[] x, float[] out, int n) {
        ScalarMaps.softplus(x, out, n);
    }

    @Override
    public void logSigmoid(float[] x, float[] out, int n) {
        ScalarMaps.logSigmoid(x, out, n);
    }

    @Override
    public void square(float[] x, float[] out, int n) {
        ScalarMaps.square(x, out, n);
    }

    @Override
    public double sum(float[] x, int n) {
        return ScalarReductions.sum(x, n);
    }

    @Override
    public double dot(float[] a, float[] b, int n) {
        return ScalarReductions.dot(a, b, n);
    }

    @Override
    public void rowSums(float[] x, float[] out, int rows, int cols) {
        ScalarReductions.rowSums(x, out, rows, cols);
    }

    @Override
    public void colSums(float[] x, float[] out, int rows, int cols, boolean accumulate) {
        ScalarReductions.colSums(x, out, rows, cols, accumulate);
    }

    @Override
    public boolean allFinite(float[] x, int n) {
        return ScalarOptimizerKernels.allFinite(x, n);
    }

    @Override
    public void biasTanh(float[] x, float[] bias, float[] out, int rows, int cols) {
        ScalarFusedKernels.biasTanh(x, bias, out, rows, cols);
    }

    @Override
    public void tanhBackward(float[] g, float[] y, float[] d, float[] db, int rows, int cols) {
        ScalarFusedKernels.tanhBackward(g, y, d, db, rows, cols);
    }

    @Override
    public void bernoulliLogLikelihood(float[] x, float[] a, float[] out, float[] mean, int rows, int cols) {
        ScalarFusedKernels.bernoulliLogLikelihood(x, a, out, mean, rows, cols);
    }

    @Override
    public void bernoulliLogLikelihoodBackward(float[] x, float[] mean, float[] g, float[] da, int rows, int cols,
                                               boolean accumulate) {
        ScalarFusedKernels.bernoulliLogLikelihoodBackward(x, mean, g, da, rows, cols, accumulate);
    }

    @Override
    public void gaussianNegKl(float[] mu, float[] logVar, float[] out, int rows, int cols) {
        ScalarFusedKernels.gaussianNegKl(mu, logVar, out, rows, cols);
    }

    @Override
    public void gaussianNegKlBackward(float[] mu, float[] logVar, float[] g, float[] dmu, float[] dLogVar, int rows,
                                      int cols) {
        ScalarFusedKernels.gaussianNegKlBackward(mu, logVar, g, dmu, dLogVar, rows, cols);
    }

    @Override
    public void reparameterize(float[] mu, float[] logVar, float[] eps, float[] z, int n) {
        ScalarFusedKernels.reparameterize(mu, logVar, eps, z, n);
    }

    @Override
    public void reparameterizeBackward(float[] logVar, float[] eps, float[] g, float[] dmu, float[] dLogVar, int n) {
        ScalarFusedKernels.reparameterizeBackward(logVar, eps, g, dmu, dLogVar, n);
    }

    @Override
    public void adagrad(float[] w, float[] g, float[] sumSq, float lr, float lambda, float delta, int n) {
        ScalarOptimizerKernels.adagrad(w, g, sumSq, lr, lambda, delta, n);
    }

    @Override
    public void adam(float[] w, float[] g, float[] m, float[] v, float beta1, float beta2, float stepSize, float eps,
                     float lambda, int n) {
        ScalarOptimizerKernels.adam(w, g, m, v, beta1, beta2, stepSize, eps, lambda, n);
    }}
