package aevb.tensor;

/**
 * The scalar twin of {@link Kernels}: every kernel as the plainest loop that computes it.
 *
 * <p>It is the oracle the SIMD kernels are tested against and the place to read what a kernel
 * means. exp, log, tanh, sigmoid and softplus come from {@link ScalarMath}, which computes them
 * with the same operations as the SIMD kernels, so those agree exactly too. The matrix products sum over k in increasing order with one fused multiply-add per
 * term, the same order the SIMD kernels use, so the two agree to the last bit.
 */
public final class ScalarKernels implements TensorKernels {
    public static final ScalarKernels SCALAR = new ScalarKernels();

    private ScalarKernels() {}

    @Override
    public void gemm(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = accumulate ? c[i * n + j] : 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[i * k + p], b[p * n + j], s);
                }
                c[i * n + j] = s;
            }
        }
    }

    @Override
    public void gemmABt(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = accumulate ? c[i * n + j] : 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[i * k + p], b[j * k + p], s);
                }
                c[i * n + j] = s;
            }
        }
    }

    @Override
    public void gemmAtB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = accumulate ? c[i * n + j] : 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[p * m + i], b[p * n + j], s);
                }
                c[i * n + j] = s;
            }
        }
    }

    @Override
    public void addRowVector(float[] x, float[] bias, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = x[r * cols + c] + bias[c];
            }
        }
    }

    @Override
    public void add(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] + b[i];
        }
    }

    @Override
    public void sub(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] - b[i];
        }
    }

    @Override
    public void mul(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] * b[i];
        }
    }

    @Override
    public void scale(float[] a, float s, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = s * a[i];
        }
    }

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = Math.fma(alpha, x[i], y[i]);
        }
    }

    @Override
    public void mulAdd(float[] a, float[] b, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = Math.fma(a[i], b[i], y[i]);
        }
    }

    @Override
    public void tanh(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = ScalarMath.tanh(x[i]);
        }
    }

    @Override
    public void sigmoid(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = sigmoid(x[i]);
        }
    }

    /** σ(x) without overflow: e^-|x| never exceeds 1. */
    public static float sigmoid(float x) {
        return ScalarMath.sigmoid(x);
    }

    @Override
    public void exp(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = ScalarMath.exp(x[i]);
        }
    }

    @Override
    public void log(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = ScalarMath.log(x[i]);
        }
    }

    @Override
    public void softplus(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = softplus(x[i]);
        }
    }

    /** log(1 + e^x) = max(x, 0) + log1p(e^-|x|): no overflow for large x, no loss for small. */
    public static float softplus(float x) {
        return ScalarMath.softplus(x);
    }

    @Override
    public void logSigmoid(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = -softplus(-x[i]);
        }
    }

    @Override
    public void square(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] * x[i];
        }
    }

    @Override
    public double sum(float[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s;
    }

    @Override
    public double dot(float[] a, float[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Override
    public void rowSums(float[] x, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            float s = 0f;
            for (int c = 0; c < cols; c++) {
                s += x[r * cols + c];
            }
            out[r] = s;
        }
    }

    @Override
    public void colSums(float[] x, float[] out, int rows, int cols, boolean accumulate) {
        for (int c = 0; c < cols; c++) {
            float s = accumulate ? out[c] : 0f;
            for (int r = 0; r < rows; r++) {
                s += x[r * cols + c];
            }
            out[c] = s;
        }
    }
}
