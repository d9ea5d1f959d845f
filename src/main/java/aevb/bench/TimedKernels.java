package aevb.bench;

import aevb.tensor.TensorKernels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profiler for the kernel layer: wraps a {@link TensorKernels} and adds the wall time of every
 * call to a counter named after the kernel and its shape ("gemmABt 100x784x500", "tanh"). Installed
 * with {@code Backend.install}, it shows where a training step spends its time, op by op; what is
 * not in any kernel (plain Java loops, the tape's bookkeeping) is the step time minus the total.
 *
 * <p>Each call pays for two {@code System.nanoTime()} calls and a map lookup (~50 ns), so the
 * profiled step is a little slower than the real one; the shares are what it is for.
 */
public final class TimedKernels implements TensorKernels {
    private final TensorKernels k;
    private final Map<String, long[]> counters = new LinkedHashMap<>();

    public TimedKernels(TensorKernels delegate) {
        this.k = delegate;
    }

    /** One line of the profile since the last reset: total nanoseconds, calls, and FLOPs (GEMMs only). */
    public record Entry(String name, long nanos, long calls, double flops) {}

    public synchronized void reset() {
        counters.clear();
    }

    /** The counters, largest total first. */
    public synchronized List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        counters.forEach((name, c) -> out.add(new Entry(name, c[0], c[1], c[2])));
        out.sort(Comparator.comparingLong(Entry::nanos).reversed());
        return out;
    }

    private void tally(String name, long start) {
        tally(name, start, 0);
    }

    private synchronized void tally(String name, long start, long flops) {
        long[] c = counters.computeIfAbsent(name, n -> new long[3]);
        c[0] += System.nanoTime() - start;
        c[1]++;
        c[2] += flops;
    }

    private static String shape(String op, int m, int k, int n) {
        return op + " " + m + "x" + k + "x" + n;
    }

    private static long flops(int m, int k, int n) {
        return 2L * m * k * n;
    }

    // ---- every kernel, timed ----

    @Override
    public void gemm(float[] a, float[] b, float[] c, int m, int kk, int n, boolean accumulate) {
        long t = System.nanoTime();
        k.gemm(a, b, c, m, kk, n, accumulate);
        tally(shape("gemm    A*B  ", m, kk, n), t, flops(m, kk, n));
    }

    @Override
    public void gemmABt(float[] a, float[] b, float[] c, int m, int kk, int n, boolean accumulate) {
        long t = System.nanoTime();
        k.gemmABt(a, b, c, m, kk, n, accumulate);
        tally(shape("gemmABt A*B^T", m, kk, n), t, flops(m, kk, n));
    }

    @Override
    public void gemmAtB(float[] a, float[] b, float[] c, int m, int kk, int n, boolean accumulate) {
        long t = System.nanoTime();
        k.gemmAtB(a, b, c, m, kk, n, accumulate);
        tally(shape("gemmAtB A^T*B", m, kk, n), t, flops(m, kk, n));
    }

    @Override
    public void gemmABtPair(float[] a, float[] b1, float[] c1, int n1, float[] b2, float[] c2, int n2, int m, int kk) {
        long t = System.nanoTime();
        k.gemmABtPair(a, b1, c1, n1, b2, c2, n2, m, kk);
        tally(shape("gemmABtPair 2 heads", m, kk, n1 + n2), t, flops(m, kk, n1 + n2));
    }

    @Override
    public void linearBackward(float[] d, float[] x, float[] w, float[] dx, float[] dw, int m, int in, int out,
                               boolean accX, boolean accW) {
        long t = System.nanoTime();
        k.linearBackward(d, x, w, dx, dw, m, in, out, accX, accW);
        tally(shape("linearBackward dx,dW", m, in, out), t, (dx == null ? 2L : 4L) * m * in * out);
    }

    @Override
    public void addRowVector(float[] x, float[] bias, float[] out, int rows, int cols) {
        long t = System.nanoTime();
        k.addRowVector(x, bias, out, rows, cols);
        tally("addRowVector", t);
    }

    @Override
    public void add(float[] a, float[] b, float[] out, int n) {
        long t = System.nanoTime();
        k.add(a, b, out, n);
        tally("add", t);
    }

    @Override
    public void sub(float[] a, float[] b, float[] out, int n) {
        long t = System.nanoTime();
        k.sub(a, b, out, n);
        tally("sub", t);
    }

    @Override
    public void mul(float[] a, float[] b, float[] out, int n) {
        long t = System.nanoTime();
        k.mul(a, b, out, n);
        tally("mul", t);
    }

    @Override
    public void scale(float[] a, float s, float[] out, int n) {
        long t = System.nanoTime();
        k.scale(a, s, out, n);
        tally("scale", t);
    }

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        long t = System.nanoTime();
        k.axpy(alpha, x, y, n);
        tally("axpy", t);
    }

    @Override
    public void mulAdd(float[] a, float[] b, float[] y, int n) {
        long t = System.nanoTime();
        k.mulAdd(a, b, y, n);
        tally("mulAdd", t);
    }

    @Override
    public void tanh(float[] x, float[] out, int n) {
        long t = System.nanoTime();
        k.tanh(x, out, n);
        tally("tanh", t);
    }

    @Override
    public void sigmoid(float[] x, float[] out, int n) {
        long t = System.nanoTime();
        k.sigmoid(x, out, n);
        tally("sigmoid", t);
    }

    @Override
    public void exp(float[] x, float[] out, int n) {
        long t = System.nanoTime();
        k.exp(x, out, n);
        tally("exp", t);
    }

    @Override
    public void log(float[] x, float[] out, int n) {
        long t = System.nanoTime();
        k.log(x, out, n);
        tally("log", t);
    }

    @Override
    public void softplus(float[] x, float[] out, int n) {
        long t = System.nanoTime();
        k.softplus(x, out, n);
        tally("softplus", t);
    }

    @Override
    public void logSigmoid(float[] x, float[] out, int n) {
        long t = System.nanoTime();
        k.logSigmoid(x, out, n);
        tally("logSigmoid", t);
    }

    @Override
    public void square(float[] x, float[] out, int n) {
        long t = System.nanoTime();
        k.square(x, out, n);
        tally("square", t);
    }

    @Override
    public double sum(float[] x, int n) {
        long t = System.nanoTime();
        double s = k.sum(x, n);
        tally("sum", t);
        return s;
    }

    @Override
    public double dot(float[] a, float[] b, int n) {
        long t = System.nanoTime();
        double s = k.dot(a, b, n);
        tally("dot", t);
        return s;
    }

    @Override
    public void rowSums(float[] x, float[] out, int rows, int cols) {
        long t = System.nanoTime();
        k.rowSums(x, out, rows, cols);
        tally("rowSums", t);
    }

    @Override
    public void colSums(float[] x, float[] out, int rows, int cols, boolean accumulate) {
        long t = System.nanoTime();
        k.colSums(x, out, rows, cols, accumulate);
        tally("colSums", t);
    }

    @Override
    public int firstNonFinite(float[][] xs) {
        long t = System.nanoTime();
        int r = k.firstNonFinite(xs);
        tally("allFinite", t);
        return r;
    }

    @Override
    public boolean allFinite(float[] x, int n) {
        long t = System.nanoTime();
        boolean r = k.allFinite(x, n);
        tally("allFinite", t);
        return r;
    }

    @Override
    public void biasTanh(float[] x, float[] bias, float[] out, int rows, int cols) {
        long t = System.nanoTime();
        k.biasTanh(x, bias, out, rows, cols);
        tally("biasTanh", t);
    }

    @Override
    public void tanhBackward(float[] g, float[] y, float[] d, float[] db, int rows, int cols) {
        long t = System.nanoTime();
        k.tanhBackward(g, y, d, db, rows, cols);
        tally("tanhBackward", t);
    }

    @Override
    public void bernoulliLogLikelihood(float[] x, float[] a, float[] out, float[] mean, int rows, int cols) {
        long t = System.nanoTime();
        k.bernoulliLogLikelihood(x, a, out, mean, rows, cols);
        tally("bernoulliLogLikelihood", t);
    }

    @Override
    public void bernoulliLogLikelihoodBackward(float[] x, float[] mean, float[] g, float[] da, int rows, int cols, boolean accumulate) {
        long t = System.nanoTime();
        k.bernoulliLogLikelihoodBackward(x, mean, g, da, rows, cols, accumulate);
        tally("bernoulliLogLikelihoodBackward", t);
    }

    @Override
    public void gaussianNegKl(float[] mu, float[] logVar, float[] out, int rows, int cols) {
        long t = System.nanoTime();
        k.gaussianNegKl(mu, logVar, out, rows, cols);
        tally("gaussianNegKl", t);
    }

    @Override
    public void gaussianNegKlBackward(float[] mu, float[] logVar, float[] g, float[] dmu, float[] dLogVar, int rows, int cols) {
        long t = System.nanoTime();
        k.gaussianNegKlBackward(mu, logVar, g, dmu, dLogVar, rows, cols);
        tally("gaussianNegKlBackward", t);
    }

    @Override
    public void reparameterize(float[] mu, float[] logVar, float[] eps, float[] z, int n) {
        long t = System.nanoTime();
        k.reparameterize(mu, logVar, eps, z, n);
        tally("reparameterize", t);
    }

    @Override
    public void reparameterizeBackward(float[] logVar, float[] eps, float[] g, float[] dmu, float[] dLogVar, int n) {
        long t = System.nanoTime();
        k.reparameterizeBackward(logVar, eps, g, dmu, dLogVar, n);
        tally("reparameterizeBackward", t);
    }

    @Override
    public void adagrad(float[][] w, float[][] g, float[][] sumSq, float lr, float[] lambda, float delta) {
        long t = System.nanoTime();
        k.adagrad(w, g, sumSq, lr, lambda, delta);
        tally("adagrad", t);
    }

    @Override
    public void adagrad(float[] w, float[] g, float[] sumSq, float lr, float lambda, float delta, int n) {
        long t = System.nanoTime();
        k.adagrad(w, g, sumSq, lr, lambda, delta, n);
        tally("adagrad", t);
    }

    @Override
    public void adam(float[][] w, float[][] g, float[][] m, float[][] v, float beta1, float beta2, float stepSize,
                     float eps, float[] lambda) {
        long t = System.nanoTime();
        k.adam(w, g, m, v, beta1, beta2, stepSize, eps, lambda);
        tally("adam", t);
    }

    @Override
    public void adam(float[] w, float[] g, float[] m, float[] v, float beta1, float beta2, float stepSize, float eps, float lambda, int n) {
        long t = System.nanoTime();
        k.adam(w, g, m, v, beta1, beta2, stepSize, eps, lambda, n);
        tally("adam", t);
    }
}
