package aevb.tensor;

import static aevb.tensor.Simd.F;
import static aevb.tensor.Simd.L;
import static aevb.tensor.Simd.load;

import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The kernels of an optimiser step: Adagrad and Adam with weight decay (section 5), each one pass
 * over a parameter w, its gradient g and the optimiser's state (n floats each), and the check
 * that a step's gradients are finite. Each comes for one array and for all the parameters of a
 * model at once ({@code float[][]}), seen end to end as one range, so a training step makes one
 * dispatch over the threads instead of ten. Their oracle is {@link ScalarOptimizerKernels}.
 *
 * <p>The twin's arithmetic lane by lane (sqrt and division are correctly rounded in both), so
 * bit-identical to it; every element is independent, so the work is split over the threads by
 * element ranges ({@link RangeJob}) and where the cuts fall changes no bit.
 */
final class OptimizerKernels {
    private OptimizerKernels() {}

    private static final ThreadLocal<ElementsJob> JOBS = ThreadLocal.withInitial(ElementsJob::new);

    /** The kernels {@link ElementsJob} can split over one array. */
    private enum Op { ADAGRAD, ADAM, ALL_FINITE }

    /** One kernel over a range of one array, with its arguments. Reused per calling thread: allocates nothing. */
    private static final class ElementsJob extends RangeJob {
        Op op;
        float[] a, b, c, d;
        float s0, s1, s2, s3, s4;
        /** Set by any chunk of ALL_FINITE that meets a NaN or an infinity. */
        volatile boolean nonFinite;

        @Override
        void clear() {
            a = b = c = d = null;
        }

        @Override
        void body(int from, int to) {
            switch (op) {
                case ADAGRAD -> adagradRange(a, b, c, s0, s1, s2, from, to);
                case ADAM -> adamRange(a, b, c, d, s0, s1, s2, s3, s4, from, to);
                case ALL_FINITE -> {
                    if (!allFiniteRange(a, from, to)) {
                        nonFinite = true;
                    }
                }
            }
        }
    }

    private static ElementsJob job(Op op) {
        ElementsJob j = JOBS.get();
        j.op = op;
        return j;
    }

    static void adagrad(float[] w, float[] g, float[] sumSq, float lr, float lambda, float delta, int n) {
        ElementsJob j = job(Op.ADAGRAD);
        j.a = w; j.b = g; j.c = sumSq; j.s0 = lr; j.s1 = lambda; j.s2 = delta;
        j.start(n, L, n);
    }

    /** All parameters as one range of elements, split over the threads: one dispatch, not one per parameter. */
    static void adagrad(float[][] w, float[][] g, float[][] sumSq, float lr, float[] lambda, float delta) {
        ArraysJob j = ARRAYS_JOBS.get();
        j.op = ArraysJob.ADAGRAD;
        j.w = w; j.g = g; j.s1 = sumSq; j.lambda = lambda; j.f0 = lr; j.f1 = delta;
        j.start();
    }

    /** All parameters as one range of elements, split over the threads: one dispatch, not one per parameter. */
    static void adam(float[][] w, float[][] g, float[][] m, float[][] v, float beta1, float beta2, float stepSize,
                     float eps, float[] lambda) {
        ArraysJob j = ARRAYS_JOBS.get();
        j.op = ArraysJob.ADAM;
        j.w = w; j.g = g; j.s1 = m; j.s2 = v; j.lambda = lambda;
        j.f0 = beta1; j.f1 = beta2; j.f2 = stepSize; j.f3 = eps;
        j.start();
    }

    private static final ThreadLocal<ArraysJob> ARRAYS_JOBS = ThreadLocal.withInitial(ArraysJob::new);

    /**
     * A kernel over several arrays seen end to end as one range of elements (the parameters of
     * a model, or their gradients), cut in chunks of whole vectors. Element-wise work, so where
     * the cuts fall changes no bit. Reused per calling thread.
     */
    private static final class ArraysJob extends RangeJob {
        static final int CHECK = 0, ADAGRAD = 1, ADAM = 2;
        int op;
        /** The parameters, or the arrays to check; their gradients and the optimiser's state (s1, s2). */
        float[][] w, g, s1, s2;
        float[] lambda;
        /** The optimiser's scalars: Adagrad's lr and δ, Adam's β1, β2, step size and ε. */
        float f0, f1, f2, f3;
        int[] starts = new int[1];
        /** The lowest index of an array found non-finite, MAX_VALUE while none is. */
        final AtomicInteger firstBad = new AtomicInteger();

        void start() {
            if (starts.length < w.length + 1) {
                starts = new int[w.length + 1];
            }
            for (int p = 0; p < w.length; p++) {
                starts[p + 1] = starts[p] + w[p].length;
            }
            int total = starts[w.length];
            firstBad.set(Integer.MAX_VALUE);
            start(total, L, op == CHECK ? total / 4 : total);
        }

        @Override
        void clear() {
            w = g = s1 = s2 = null;
            lambda = null;
        }

        /** Elements [from, to) of the whole range, array by array. */
        @Override
        void body(int from, int to) {
            for (int p = 0; p < w.length; p++) {
                int lo = Math.max(from, starts[p]) - starts[p], hi = Math.min(to, starts[p + 1]) - starts[p];
                if (lo >= hi) {
                    continue;
                }
                switch (op) {
                    case ADAGRAD -> adagradRange(w[p], g[p], s1[p], f0, lambda[p], f1, lo, hi);
                    case ADAM -> adamRange(w[p], g[p], s1[p], s2[p], f0, f1, f2, f3, lambda[p], lo, hi);
                    default -> {
                        if (!allFiniteRange(w[p], lo, hi)) {
                            firstBad.accumulateAndGet(p, Math::min);
                        }
                    }
                }
            }
        }
    }

    private static void adagradRange(float[] w, float[] g, float[] sumSq, float lr, float lambda, float delta,
                                     int from, int to) {
        FloatVector zero = FloatVector.zero(F);
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector wv = load(w, i);
            FloatVector gi = load(g, i).add(wv.mul(lambda));
            FloatVector ss = load(sumSq, i).add(gi.mul(gi));
            ss.intoArray(sumSq, i);
            wv.sub(gi.mul(lr).div(ss.sqrt().add(delta))).intoArray(w, i);
            zero.intoArray(g, i);
        }
        for (; i < to; i++) {
            float gi = g[i] + lambda * w[i];
            sumSq[i] = sumSq[i] + gi * gi;
            w[i] = w[i] - lr * gi / ((float) Math.sqrt(sumSq[i]) + delta);
            g[i] = 0f;
        }
    }

    static void adam(float[] w, float[] g, float[] m, float[] v, float beta1, float beta2, float stepSize, float eps,
                     float lambda, int n) {
        ElementsJob j = job(Op.ADAM);
        j.a = w; j.b = g; j.c = m; j.d = v; j.s0 = beta1; j.s1 = beta2; j.s2 = stepSize; j.s3 = eps; j.s4 = lambda;
        j.start(n, L, n);
    }

    private static void adamRange(float[] w, float[] g, float[] m, float[] v, float beta1, float beta2,
                                  float stepSize, float eps, float lambda, int from, int to) {
        FloatVector zero = FloatVector.zero(F);
        float c1 = 1 - beta1, c2 = 1 - beta2;
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector wv = load(w, i);
            FloatVector gi = load(g, i).add(wv.mul(lambda));
            FloatVector mv = load(m, i).mul(beta1).add(gi.mul(c1));
            FloatVector vv = load(v, i).mul(beta2).add(gi.mul(c2).mul(gi));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            wv.sub(mv.mul(stepSize).div(vv.sqrt().add(eps))).intoArray(w, i);
            zero.intoArray(g, i);
        }
        for (; i < to; i++) {
            float gi = g[i] + lambda * w[i];
            m[i] = beta1 * m[i] + c1 * gi;
            v[i] = beta2 * v[i] + c2 * gi * gi;
            w[i] = w[i] - stepSize * m[i] / ((float) Math.sqrt(v[i]) + eps);
            g[i] = 0f;
        }
    }

    // ---- the finiteness check of a step's gradients ----

    /** Split by elements over the threads: it reads a whole gradient every training step. */
    static boolean allFinite(float[] x, int n) {
        ElementsJob j = job(Op.ALL_FINITE);
        j.a = x;
        j.nonFinite = false;
        j.start(n, L, n / 4);
        return !j.nonFinite;
    }

    /** All arrays as one range of elements, split over the threads: one dispatch, not one per array. */
    static int firstNonFinite(float[][] xs) {
        ArraysJob j = ARRAYS_JOBS.get();
        j.op = ArraysJob.CHECK;
        j.w = xs;
        j.start();
        return j.firstBad.get() == Integer.MAX_VALUE ? -1 : j.firstBad.get();
    }

    private static boolean allFiniteRange(float[] x, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            if (!load(x, i).test(VectorOperators.IS_FINITE).allTrue()) {
                return false;
            }
        }
        for (; i < to; i++) {
            if (!Float.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }
}
