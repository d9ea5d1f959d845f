package aevb.tensor;

import static aevb.tensor.Simd.F;
import static aevb.tensor.Simd.L;

import aevb.tensor.gemm.Gemm;
import jdk.incubator.vector.FloatVector;

/**
 * The fast kernels: the Vector API (SIMD), register-blocked GEMM and {@link Parallel} threads,
 * behind the one contract the layers above use, {@link TensorKernels}. This class is their table
 * of contents; each kernel lives in the room of its family, beside the scalar twin that is its
 * test oracle (and is reached through {@link ScalarKernels}, split the same way):
 *
 * <table>
 * <caption>The rooms of the kernel layer</caption>
 * <tr><th>room</th><th>what it holds</th><th>its twin</th></tr>
 * <tr><td>{@link Gemm tensor.gemm}</td><td>the matrix products: {@code Gemm} (the three layouts,
 *     the pairs run side by side, the split over threads), {@code Packing} (one thread's block:
 *     packed operands, panels, k-blocks, tiles), {@code MicroKernels} (the register tiles,
 *     generated from one template)</td><td>{@code gemm.ScalarGemm}</td></tr>
 * <tr><td>{@link Maps}</td><td>element-wise arithmetic and maps</td><td>{@link ScalarMaps}</td></tr>
 * <tr><td>{@link Reductions}</td><td>sums, dot, row and column sums</td><td>{@link ScalarReductions}</td></tr>
 * <tr><td>{@link FusedKernels}</td><td>the model's fused kernels: bias + tanh, the Bernoulli
 *     log-likelihood, the Gaussian KL, the reparameterisation, and their backward steps</td>
 *     <td>{@link ScalarFusedKernels}</td></tr>
 * <tr><td>{@link OptimizerKernels}</td><td>Adagrad, Adam, the finiteness check</td>
 *     <td>{@link ScalarOptimizerKernels}</td></tr>
 * <tr><td>{@link ExactMath}</td><td>aevb's exactly-rounded exp, log, tanh, sigmoid, softplus
 *     (SVML's last bits differ between JIT tiers)</td><td>{@code java.lang.Math} in double</td></tr>
 * </table>
 *
 * <p>Only the kernel layer ({@code aevb.tensor} and {@code aevb.tensor.gemm}) imports
 * {@code jdk.incubator.vector}. The vector width is {@link Simd#F}; each method computes what its
 * twin computes, and the tests of each room hold the two together: bit for bit where the
 * arithmetic is the twin's lane by lane (the GEMM, the element-wise arithmetic, the optimisers),
 * within stated ulps where a map or a regrouped sum rounds differently. Every kernel gives the
 * same bits on any number of threads.
 */
public final class Kernels implements TensorKernels {
    public static final Kernels SIMD = new Kernels();

    private Kernels() {}

    /**
     * The FMA peak of one core as this JVM reaches it: 12 independent chains of vector fused
     * multiply-adds on registers only (no memory, no dependence a core could not hide), for about
     * {@code millis} ms in short bursts; returns the best burst in GFLOP/s (2 per lane per FMA).
     * A benchmark's yardstick for how close the GEMMs come.
     */
    public static double fmaPeakGflops(int millis) {
        double best = 0;
        float sink = 0;
        long end = System.nanoTime() + millis * 1_000_000L;
        int iterations = 20_000;
        do {
            long t = System.nanoTime();
            sink += fmaBurst(iterations);
            best = Math.max(best, 12.0 * 2 * L * iterations / (System.nanoTime() - t));
        } while (System.nanoTime() < end);
        return sink == 42 ? best + 1e-9 : best;   // keeps the sums alive
    }

    /** One burst of the FMA peak loop (its own method, so that the JIT compiles it early). */
    private static float fmaBurst(int iterations) {
        FloatVector a = FloatVector.broadcast(F, 1.0001f), b = FloatVector.broadcast(F, 0.9999f);
        FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        FloatVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (int i = 0; i < iterations; i++) {
            c0 = a.fma(b, c0); c1 = a.fma(b, c1); c2 = a.fma(b, c2); c3 = a.fma(b, c3);
            c4 = a.fma(b, c4); c5 = a.fma(b, c5); c6 = a.fma(b, c6); c7 = a.fma(b, c7);
            c8 = a.fma(b, c8); c9 = a.fma(b, c9); c10 = a.fma(b, c10); c11 = a.fma(b, c11);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).lane(0);
    }

    /** A one-line description for logs and benchmarks. */
    public static String describe() {
        return F.vectorBitSize() + "-bit vectors (" + L + " floats), " + Parallel.threads() + " threads";
    }

    @Override
    public void gemm(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        Gemm.gemm(a, b, c, m, k, n, accumulate);
    }

    @Override
    public void gemmABt(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        Gemm.gemmABt(a, b, c, m, k, n, accumulate);
    }

    @Override
    public void gemmAtB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        Gemm.gemmAtB(a, b, c, m, k, n, accumulate);
    }

    @Override
    public void gemmABtPair(float[] a, float[] b1, float[] c1, int n1, float[] b2, float[] c2, int n2, int m, int k) {
        Gemm.gemmABtPair(a, b1, c1, n1, b2, c2, n2, m, k);
    }

    @Override
    public void linearBackward(float[] d, float[] x, float[] w, float[] dx, float[] dw, int m, int in, int out,
                               boolean accX, boolean accW) {
        Gemm.linearBackward(d, x, w, dx, dw, m, in, out, accX, accW);
    }

    @Override
    public void addRowVector(float[] x, float[] bias, float[] out, int rows, int cols) {
        Maps.addRowVector(x, bias, out, rows, cols);
    }

    @Override
    public void add(float[] a, float[] b, float[] out, int n) {
        Maps.add(a, b, out, n);
    }

    @Override
    public void sub(float[] a, float[] b, float[] out, int n) {
        Maps.sub(a, b, out, n);
    }

    @Override
    public void mul(float[] a, float[] b, float[] out, int n) {
        Maps.mul(a, b, out, n);
    }

    @Override
    public void scale(float[] a, float s, float[] out, int n) {
        Maps.scale(a, s, out, n);
    }

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        Maps.axpy(alpha, x, y, n);
    }

    @Override
    public void mulAdd(float[] a, float[] b, float[] y, int n) {
        Maps.mulAdd(a, b, y, n);
    }

    @Override
    public void tanh(float[] x, float[] out, int n) {
        Maps.tanh(x, out, n);
    }

    @Override
    public void sigmoid(float[] x, float[] out, int n) {
        Maps.sigmoid(x, out, n);
    }

    @Override
    public void exp(float[] x, float[] out, int n) {
        Maps.exp(x, out, n);
    }

    @Override
    public void log(float[] x, float[] out, int n) {
        Maps.log(x, out, n);
    }

    @Override
    public void softplus(float[] x, float[] out, int n) {
        Maps.softplus(x, out, n);
    }

    @Override
    public void logSigmoid(float[] x, float[] out, int n) {
        Maps.logSigmoid(x, out, n);
    }

    @Override
    public void square(float[] x, float[] out, int n) {
        Maps.square(x, out, n);
    }

    @Override
    public double sum(float[] x, int n) {
        return Reductions.sum(x, n);
    }

    @Override
    public double dot(float[] a, float[] b, int n) {
        return Reductions.dot(a, b, n);
    }

    @Override
    public void rowSums(float[] x, float[] out, int rows, int cols) {
        Reductions.rowSums(x, out, rows, cols);
    }

    @Override
    public void colSums(float[] x, float[] out, int rows, int cols, boolean accumulate) {
        Reductions.colSums(x, out, rows, cols, accumulate);
    }

    @Override
    public boolean allFinite(float[] x, int n) {
        return OptimizerKernels.allFinite(x, n);
    }

    @Override
    public int firstNonFinite(float[][] xs) {
        return OptimizerKernels.firstNonFinite(xs);
    }

    @Override
    public void biasTanh(float[] x, float[] bias, float[] out, int rows, int cols) {
        FusedKernels.biasTanh(x, bias, out, rows, cols);
    }

    @Override
    public void tanhBackward(float[] g, float[] y, float[] d, float[] db, int rows, int cols) {
        FusedKernels.tanhBackward(g, y, d, db, rows, cols);
    }

    @Override
    public void bernoulliLogLikelihood(float[] x, float[] a, float[] out, float[] mean, int rows, int cols) {
        FusedKernels.bernoulliLogLikelihood(x, a, out, mean, rows, cols);
    }

    @Override
    public void bernoulliLogLikelihoodBackward(float[] x, float[] mean, float[] g, float[] da, int rows, int cols,
                                               boolean accumulate) {
        FusedKernels.bernoulliLogLikelihoodBackward(x, mean, g, da, rows, cols, accumulate);
    }

    @Override
    public void gaussianNegKl(float[] mu, float[] logVar, float[] out, int rows, int cols) {
        FusedKernels.gaussianNegKl(mu, logVar, out, rows, cols);
    }

    @Override
    public void gaussianNegKlBackward(float[] mu, float[] logVar, float[] g, float[] dmu, float[] dLogVar, int rows,
                                      int cols) {
        FusedKernels.gaussianNegKlBackward(mu, logVar, g, dmu, dLogVar, rows, cols);
    }

    @Override
    public void reparameterize(float[] mu, float[] logVar, float[] eps, float[] z, int n) {
        FusedKernels.reparameterize(mu, logVar, eps, z, n);
    }

    @Override
    public void reparameterizeBackward(float[] logVar, float[] eps, float[] g, float[] dmu, float[] dLogVar, int n) {
        FusedKernels.reparameterizeBackward(logVar, eps, g, dmu, dLogVar, n);
    }

    @Override
    public void adagrad(float[] w, float[] g, float[] sumSq, float lr, float lambda, float delta, int n) {
        OptimizerKernels.adagrad(w, g, sumSq, lr, lambda, delta, n);
    }

    @Override
    public void adagrad(float[][] w, float[][] g, float[][] sumSq, float lr, float[] lambda, float delta) {
        OptimizerKernels.adagrad(w, g, sumSq, lr, lambda, delta);
    }

    @Override
    public void adam(float[] w, float[] g, float[] m, float[] v, float beta1, float beta2, float stepSize, float eps,
                     float lambda, int n) {
        OptimizerKernels.adam(w, g, m, v, beta1, beta2, stepSize, eps, lambda, n);
    }

    @Override
    public void adam(float[][] w, float[][] g, float[][] m, float[][] v, float beta1, float beta2, float stepSize,
                     float eps, float[] lambda) {
        OptimizerKernels.adam(w, g, m, v, beta1, beta2, stepSize, eps, lambda);
    }}
