package aevb.tensor;

import static aevb.tensor.ExactMath.expPass;
import static aevb.tensor.ExactMath.log1pUnitPass;
import static aevb.tensor.ExactMath.logPass;
import static aevb.tensor.ExactMath.sigmoidPass;
import static aevb.tensor.ExactMath.softplusPass;
import static aevb.tensor.ExactMath.tanhPass;
import static aevb.tensor.Simd.F;
import static aevb.tensor.Simd.L;
import static aevb.tensor.Simd.load;

import jdk.incubator.vector.FloatVector;

/**
 * The element-wise kernels over plain arrays of n floats (or a (rows,cols) matrix and a (1,cols)
 * row): the arithmetic of {@link TensorKernels} (add, sub, mul, scale, axpy, mulAdd, square, the
 * row-broadcast bias add) and its maps (tanh, exp, log, sigmoid, softplus, log σ). Their oracle
 * is {@link ScalarMaps}, beside this file.
 *
 * <p>The arithmetic runs lane by lane with the twin's operations (one fused multiply-add where
 * the twin has one), so its results are the twin's bits; out may alias an input. The maps are
 * built from the passes of {@link ExactMath}: in float, within a few ulps of the twin, which
 * rounds a double result once. Long arrays go through the passes a block at a time, so that each
 * block is still in L1 for the next pass. Every loop is a vector body up to {@code loopBound}
 * and a scalar tail that computes what the twin computes.
 */
final class Maps {
    private Maps() {}

    // ---- broadcasting and element-wise arithmetic: lane by lane, so exactly the twin's results ----

    /** x (rows,cols) + bias (1,cols) -> out (rows,cols). */
    static void addRowVector(float[] x, float[] bias, float[] out, int rows, int cols) {
        int bound = F.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            int c = 0;
            for (; c < bound; c += L) {
                load(x, o + c).add(load(bias, c)).intoArray(out, o + c);
            }
            for (; c < cols; c++) {
                out[o + c] = x[o + c] + bias[c];
            }
        }
    }

    static void add(float[] a, float[] b, float[] out, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            load(a, i).add(load(b, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = a[i] + b[i];
        }
    }

    static void sub(float[] a, float[] b, float[] out, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            load(a, i).sub(load(b, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = a[i] - b[i];
        }
    }

    static void mul(float[] a, float[] b, float[] out, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            load(a, i).mul(load(b, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = a[i] * b[i];
        }
    }

    static void scale(float[] a, float s, float[] out, int n) {
        int bound = F.loopBound(n);
        FloatVector vs = FloatVector.broadcast(F, s);
        int i = 0;
        for (; i < bound; i += L) {
            vs.mul(load(a, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = s * a[i];
        }
    }

    /** y += alpha · x, one fused multiply-add per element like the twin. */
    static void axpy(float alpha, float[] x, float[] y, int n) {
        int bound = F.loopBound(n);
        FloatVector va = FloatVector.broadcast(F, alpha);
        int i = 0;
        for (; i < bound; i += L) {
            va.fma(load(x, i), load(y, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = Math.fma(alpha, x[i], y[i]);
        }
    }

    /** y += a ⊙ b, one fused multiply-add per element like the twin. */
    static void mulAdd(float[] a, float[] b, float[] y, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            load(a, i).fma(load(b, i), load(y, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = Math.fma(a[i], b[i], y[i]);
        }
    }

    static void square(float[] x, float[] out, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector v = load(x, i);
            v.mul(v).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = x[i] * x[i];
        }
    }

    // ---- element-wise maps, from the passes of ExactMath ----

    /** Elements per block of a multi-pass map: 4 KiB, a multiple of every lane count. */
    private static final int BLOCK = 1024;

    /** tanh from e = e^2|x| (into out first), then the odd polynomial or 1 - 2/(e + 1). */
    static void tanh(float[] x, float[] out, int n) {
        float[] e = Scratch.get().row(Math.min(n, BLOCK));
        for (int b = 0; b < n; b += BLOCK) {
            int m = Math.min(BLOCK, n - b);
            expPass(x, b, e, 0, m, 2f, true);
            tanhPass(x, b, e, 0, out, b, m);
        }
    }

    static void exp(float[] x, float[] out, int n) {
        expPass(x, 0, out, 0, n, 1f, false);
    }

    static void log(float[] x, float[] out, int n) {
        logPass(x, out, n);
    }

    /** σ(x) from e = e^-|x| <= 1, so nothing overflows: 1/(1+e) for x >= 0, e/(1+e) below. */
    static void sigmoid(float[] x, float[] out, int n) {
        for (int b = 0; b < n; b += BLOCK) {
            int m = Math.min(BLOCK, n - b);
            expPass(x, b, out, b, m, -1f, true);
            sigmoidPass(x, b, out, b, out, b, m);
        }
    }

    /** softplus(x) = max(x, 0) + log1p(e^-|x|): no overflow, and no cancellation. */
    static void softplus(float[] x, float[] out, int n) {
        softplusOrLogSigmoid(x, out, n, 1f);
    }

    /** log σ(x) = -softplus(-x) = min(x, 0) - log1p(e^-|x|). */
    static void logSigmoid(float[] x, float[] out, int n) {
        softplusOrLogSigmoid(x, out, n, -1f);
    }

    private static void softplusOrLogSigmoid(float[] x, float[] out, int n, float sign) {
        for (int b = 0; b < n; b += BLOCK) {
            int m = Math.min(BLOCK, n - b);
            expPass(x, b, out, b, m, -1f, true);
            log1pUnitPass(out, b, out, b, m);
            softplusPass(x, b, out, b, out, b, m, sign);
        }
    }
}
