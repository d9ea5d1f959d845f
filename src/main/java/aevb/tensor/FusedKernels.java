package aevb.tensor;

import static aevb.tensor.ExactMath.expPass;
import static aevb.tensor.ExactMath.log1pUnitPass;
import static aevb.tensor.ExactMath.sumOf;
import static aevb.tensor.ExactMath.tanhPass;
import static aevb.tensor.Simd.F;
import static aevb.tensor.Simd.L;
import static aevb.tensor.Simd.load;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The fused kernels of the paper's model, each one pass over memory where the basic kernels
 * would take several, each with its backward step: a tanh layer's activation after its product,
 * tanh(x + b) on (rows,cols) with the bias (1,cols), and its backward step with the bias
 * gradient; the Bernoulli log-likelihood from the logits a (rows,cols) into out (rows,1), with
 * the decoder's mean σ(a), and its backward step; -KL(q(z|x) || p(z)) per row of (mu, log σ²)
 * (rows, Nz) (Appendix B); the reparameterisation z = mu + σ ⊙ eps (eq. 4) over n elements.
 * Their oracle is {@link ScalarFusedKernels}, beside this file.
 *
 * <p>Each computes, element by element, what its twin's loop computes; the maps built from exp,
 * log1p and tanh ({@link ExactMath}) differ from the twin's double-precision ones by a few ulps,
 * the sums per row by the order of their terms (lanes, then the lanes added up). Why they are
 * shaped so: a row of the decoder's output (784 floats) stays in L1 across the two or three
 * passes of a kernel. Big inputs are split over the threads ({@link RangeJob}) by rows (or
 * column blocks for the bias gradient, whose column sums must run in row order), each part one
 * thread's in a fixed order, so the results do not depend on the thread count. The Gaussian
 * rows are short (Nz values) and stay on the calling thread.
 */
final class FusedKernels {
    private FusedKernels() {}

    private static final ThreadLocal<FusedJob> JOBS = ThreadLocal.withInitial(FusedJob::new);

    /** The kernels {@link FusedJob} can split: their serial bodies over a range. */
    private enum Op { BIAS_TANH, TANH_BACKWARD, BERNOULLI, BERNOULLI_BACKWARD }

    /** One fused kernel over a range, with its arguments. Reused per calling thread: a call allocates nothing. */
    private static final class FusedJob extends RangeJob {
        Op op;
        float[] a, b, c, d;
        int rows, cols;
        boolean acc;

        @Override
        void clear() {
            a = b = c = d = null;
        }

        @Override
        void body(int from, int to) {
            switch (op) {
                case BIAS_TANH -> biasTanhRows(a, b, c, cols, from, to);
                case TANH_BACKWARD -> tanhBackwardColumns(a, b, c, d, rows, cols, from, to);
                case BERNOULLI -> bernoulliRows(a, b, c, d, cols, from, to);
                case BERNOULLI_BACKWARD -> bernoulliBackwardRows(a, b, c, d, cols, acc, from, to);
            }
        }
    }

    private static FusedJob job(Op op) {
        FusedJob j = JOBS.get();
        j.op = op;
        return j;
    }

    static void biasTanh(float[] x, float[] bias, float[] out, int rows, int cols) {
        FusedJob j = job(Op.BIAS_TANH);
        j.a = x; j.b = bias; j.c = out; j.cols = cols;
        j.start(rows, 1, (long) rows * cols);
    }

    /** Per row: pre = x + b (into out), e = e^2|pre|, then tanh from pre and e (in place). */
    private static void biasTanhRows(float[] x, float[] bias, float[] out, int cols, int r0, int r1) {
        float[] e = Scratch.get().row(cols);
        for (int r = r0; r < r1; r++) {
            int o = r * cols;
            addRow(x, o, bias, out, cols);
            expPass(out, o, e, 0, cols, 2f, true);
            tanhPass(out, o, e, 0, out, o, cols);
        }
    }

    /** out[o + c] = x[o + c] + bias[c]. */
    private static void addRow(float[] x, int o, float[] bias, float[] out, int cols) {
        int bound = F.loopBound(cols);
        int c = 0;
        for (; c < bound; c += L) {
            load(x, o + c).add(load(bias, c)).intoArray(out, o + c);
        }
        for (; c < cols; c++) {
            out[o + c] = x[o + c] + bias[c];
        }
    }

    /** Split by columns (L at a time): each bias gradient is one column's sum, in row order. */
    static void tanhBackward(float[] g, float[] y, float[] d, float[] db, int rows, int cols) {
        FusedJob j = job(Op.TANH_BACKWARD);
        j.a = g; j.b = y; j.c = d; j.d = db; j.rows = rows; j.cols = cols;
        j.start(cols, 4 * L, (long) rows * cols / 8);   // arithmetic only: 50K elements take ~8 µs
    }

    private static void tanhBackwardColumns(float[] g, float[] y, float[] d, float[] db, int rows, int cols,
                                            int c0, int c1) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int c = c0;
        // Four vectors of columns at a time, walking the rows: each row's 4L values are
        // contiguous (a strided walk down single columns defeats the prefetchers).
        for (; c + 4 * L <= c1; c += 4 * L) {
            FloatVector s0 = load(db, c), s1 = load(db, c + L), s2 = load(db, c + 2 * L), s3 = load(db, c + 3 * L);
            for (int r = 0; r < rows; r++) {
                int i = r * cols + c;
                FloatVector y0 = load(y, i), y1 = load(y, i + L), y2 = load(y, i + 2 * L), y3 = load(y, i + 3 * L);
                FloatVector d0 = load(g, i).mul(one.sub(y0.mul(y0)));
                FloatVector d1 = load(g, i + L).mul(one.sub(y1.mul(y1)));
                FloatVector d2 = load(g, i + 2 * L).mul(one.sub(y2.mul(y2)));
                FloatVector d3 = load(g, i + 3 * L).mul(one.sub(y3.mul(y3)));
                d0.intoArray(d, i);
                d1.intoArray(d, i + L);
                d2.intoArray(d, i + 2 * L);
                d3.intoArray(d, i + 3 * L);
                s0 = s0.add(d0);
                s1 = s1.add(d1);
                s2 = s2.add(d2);
                s3 = s3.add(d3);
            }
            s0.intoArray(db, c);
            s1.intoArray(db, c + L);
            s2.intoArray(db, c + 2 * L);
            s3.intoArray(db, c + 3 * L);
        }
        for (; c + L <= c1; c += L) {
            FloatVector sum = load(db, c);
            for (int r = 0; r < rows; r++) {
                int i = r * cols + c;
                FloatVector yv = load(y, i);
                FloatVector dv = load(g, i).mul(one.sub(yv.mul(yv)));
                dv.intoArray(d, i);
                sum = sum.add(dv);
            }
            sum.intoArray(db, c);
        }
        for (; c < c1; c++) {
            float sum = db[c];
            for (int r = 0; r < rows; r++) {
                int i = r * cols + c;
                d[i] = g[i] * (1f - y[i] * y[i]);
                sum += d[i];
            }
            db[c] = sum;
        }
    }

    static void bernoulliLogLikelihood(float[] x, float[] a, float[] out, float[] mean, int rows, int cols) {
        FusedJob j = job(Op.BERNOULLI);
        j.a = x; j.b = a; j.c = out; j.d = mean; j.cols = cols;
        j.start(rows, 1, 4L * rows * cols);
    }

    /**
     * Σ x a - softplus(a) per row, with e = e^-|a|: softplus(a) = max(a, 0) + log(1 + e), and
     * σ(a) = 1/(1 + e) (a >= 0) or e/(1 + e) (a < 0), so one exp serves both. Each row takes
     * three passes while it is in L1: e (into the mean's place, or a scratch row), log(1 + e),
     * then the sum and σ.
     */
    private static void bernoulliRows(float[] x, float[] a, float[] out, float[] mean, int cols, int r0, int r1) {
        Scratch s = Scratch.get();
        float[] e = mean != null ? mean : s.row(cols);
        float[] log1p = s.row2(cols);
        for (int r = r0; r < r1; r++) {
            int o = r * cols, eo = mean != null ? o : 0;
            expPass(a, o, e, eo, cols, -1f, true);
            log1pUnitPass(e, eo, log1p, 0, cols);
            out[r] = bernoulliRow(x, a, o, e, eo, log1p, mean != null, cols, s.lanes);
        }
    }

    /** One row's Σ x a - max(a, 0) - log(1 + e); e becomes σ(a) when keepMean. */
    private static float bernoulliRow(float[] x, float[] a, int o, float[] e, int eo, float[] log1p,
                                      boolean keepMean, int cols, float[] lanes) {
        int bound = F.loopBound(cols);
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector acc = FloatVector.zero(F);
        int c = 0;
        for (; c < bound; c += L) {
            FloatVector av = load(a, o + c);
            FloatVector softplus = av.max(0f).add(load(log1p, c));
            acc = acc.add(load(x, o + c).mul(av).sub(softplus));
            if (keepMean) {
                FloatVector ev = load(e, eo + c);
                one.blend(ev, av.compare(VectorOperators.LT, 0f)).div(ev.add(1f)).intoArray(e, eo + c);
            }
        }
        acc.intoArray(lanes, 0);
        float s = sumOf(lanes);
        for (; c < cols; c++) {
            s += x[o + c] * a[o + c] - ScalarMaps.softplus(a[o + c]);
            if (keepMean) {
                e[eo + c] = ScalarMaps.sigmoid(a[o + c]);
            }
        }
        return s;
    }

    static void bernoulliLogLikelihoodBackward(float[] x, float[] mean, float[] g, float[] da, int rows, int cols,
                                               boolean accumulate) {
        FusedJob j = job(Op.BERNOULLI_BACKWARD);
        j.a = x; j.b = mean; j.c = g; j.d = da; j.cols = cols; j.acc = accumulate;
        j.start(rows, 1, (long) rows * cols / 8);   // arithmetic only
    }

    /** da [+]= g_r (x - y) with y = σ(a) from the forward pass. */
    private static void bernoulliBackwardRows(float[] x, float[] mean, float[] g, float[] da, int cols, boolean acc,
                                              int r0, int r1) {
        int bound = F.loopBound(cols);
        for (int r = r0; r < r1; r++) {
            int o = r * cols;
            FloatVector gr = FloatVector.broadcast(F, g[r]);
            int c = 0;
            for (; c < bound; c += L) {
                FloatVector v = gr.mul(load(x, o + c).sub(load(mean, o + c)));
                (acc ? load(da, o + c).add(v) : v).intoArray(da, o + c);
            }
            for (; c < cols; c++) {
                float v = g[r] * (x[o + c] - mean[o + c]);
                da[o + c] = acc ? da[o + c] + v : v;
            }
        }
    }

    /**
     * Rows are short (Nz values): e^logVar for all of them first, then each row as one vector or
     * a few, the last one masked.
     */
    static void gaussianNegKl(float[] mu, float[] logVar, float[] out, int rows, int cols) {
        Scratch s = Scratch.get();
        float[] ex = s.row(rows * cols);
        expPass(logVar, 0, ex, 0, rows * cols, 1f, false);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            FloatVector acc = FloatVector.zero(F);
            for (int c = 0; c < cols; c += L) {
                VectorMask<Float> m = F.indexInRange(c, cols);
                FloatVector lv = FloatVector.fromArray(F, logVar, o + c, m);
                FloatVector mv = FloatVector.fromArray(F, mu, o + c, m);
                FloatVector t = one.add(lv).sub(mv.mul(mv)).sub(FloatVector.fromArray(F, ex, o + c, m));
                acc = acc.add(t, m);
            }
            acc.intoArray(s.lanes, 0);
            out[r] = 0.5f * sumOf(s.lanes);
        }
    }

    static void gaussianNegKlBackward(float[] mu, float[] logVar, float[] g, float[] dmu, float[] dLogVar,
                                      int rows, int cols) {
        float[] ex = Scratch.get().row(rows * cols);
        expPass(logVar, 0, ex, 0, rows * cols, 1f, false);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            FloatVector gr = FloatVector.broadcast(F, g[r]);
            FloatVector half = FloatVector.broadcast(F, 0.5f * g[r]);
            for (int c = 0; c < cols; c += L) {
                VectorMask<Float> m = F.indexInRange(c, cols);
                FloatVector mv = FloatVector.fromArray(F, mu, o + c, m);
                FloatVector.fromArray(F, dmu, o + c, m).sub(gr.mul(mv)).intoArray(dmu, o + c, m);
                FloatVector.fromArray(F, dLogVar, o + c, m)
                        .add(half.mul(one.sub(FloatVector.fromArray(F, ex, o + c, m))))
                        .intoArray(dLogVar, o + c, m);
            }
        }
    }

    /** σ = e^(logVar/2) into z first, then z = mu + σ ⊙ eps in place. */
    static void reparameterize(float[] mu, float[] logVar, float[] eps, float[] z, int n) {
        expPass(logVar, 0, z, 0, n, 0.5f, false);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector sigma = FloatVector.fromArray(F, z, i, m);
            FloatVector.fromArray(F, mu, i, m).add(sigma.mul(FloatVector.fromArray(F, eps, i, m))).intoArray(z, i, m);
        }
    }

    static void reparameterizeBackward(float[] logVar, float[] eps, float[] g, float[] dmu, float[] dLogVar, int n) {
        float[] sig = Scratch.get().row(n);
        expPass(logVar, 0, sig, 0, n, 0.5f, false);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector gv = FloatVector.fromArray(F, g, i, m);
            FloatVector.fromArray(F, dmu, i, m).add(gv).intoArray(dmu, i, m);
            FloatVector.fromArray(F, dLogVar, i, m)
                    .add(gv.mul(0.5f).mul(FloatVector.fromArray(F, eps, i, m)).mul(FloatVector.fromArray(F, sig, i, m)))
                    .intoArray(dLogVar, i, m);
        }
    }
}
