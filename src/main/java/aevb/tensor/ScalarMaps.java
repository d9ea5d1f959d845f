package aevb.tensor;

/**
 * The scalar twin of {@link Maps}: every element-wise kernel as the plainest loop. The maps
 * compute in double and round once (within 0.5 ulp of the exact result), the yardstick for
 * {@link ExactMath}; {@link #sigmoid(float)} and {@link #softplus(float)} are the stable scalar
 * forms the SIMD kernels' tails use too.
 */
final class ScalarMaps {
    private ScalarMaps() {}

    static void addRowVector(float[] x, float[] bias, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = x[r * cols + c] + bias[c];
            }
        }
    }

    static void add(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] + b[i];
        }
    }

    static void sub(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] - b[i];
        }
    }

    static void mul(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] * b[i];
        }
    }

    static void scale(float[] a, float s, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = s * a[i];
        }
    }

    static void axpy(float alpha, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = Math.fma(alpha, x[i], y[i]);
        }
    }

    static void mulAdd(float[] a, float[] b, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = Math.fma(a[i], b[i], y[i]);
        }
    }

    static void tanh(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.tanh(x[i]);
        }
    }

    static void sigmoid(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = sigmoid(x[i]);
        }
    }

    /** σ(x) without overflow: e^-|x| never exceeds 1. */
    static float sigmoid(float x) {
        double e = Math.exp(-Math.abs(x));
        return (float) (x >= 0 ? 1 / (1 + e) : e / (1 + e));
    }

    static void exp(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.exp(x[i]);
        }
    }

    static void log(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.log(x[i]);
        }
    }

    static void softplus(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = softplus(x[i]);
        }
    }

    /** log(1 + e^x) = max(x, 0) + log1p(e^-|x|): no overflow for large x, no loss for small. */
    static float softplus(float x) {
        return (float) (Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x))));
    }

    static void logSigmoid(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = -softplus(-x[i]);
        }
    }

    static void square(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] * x[i];
        }
    }
}
