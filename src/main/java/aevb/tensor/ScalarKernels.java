package aevb.tensor;

/**
 * The scalar twin of {@link Kernels}: every kernel as the plainest loop that computes it.
 *
 * <p>It is the oracle the SIMD kernels are tested against and the place to read what a kernel
 * means. The matrix products sum over k in increasing order with one fused multiply-add per
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
    public void gemmABtPair(float[] a, float[] b1, float[] c1, int n1, float[] b2, float[] c2, int n2, int m, int k) {
        gemmABt(a, b1, c1, m, k, n1, false);
        gemmABt(a, b2, c2, m, k, n2, false);
    }

    @Override
    public void linearBackward(float[] d, float[] x, float[] w, float[] dx, float[] dw, int m, int in, int out,
                               boolean accX, boolean accW) {
        if (dx != null) {
            gemm(d, w, dx, m, out, in, accX);
        }
        gemmAtB(d, x, dw, out, m, in, accW);
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
            out[i] = (float) Math.tanh(x[i]);
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
        double e = Math.exp(-Math.abs(x));
        return (float) (x >= 0 ? 1 / (1 + e) : e / (1 + e));
    }

    @Override
    public void exp(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.exp(x[i]);
        }
    }

    @Override
    public void log(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.log(x[i]);
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
        return (float) (Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x))));
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

    @Override
    public boolean allFinite(float[] x, int n) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }

    // ---- fused forms ----

    @Override
    public void biasTanh(float[] x, float[] bias, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = (float) Math.tanh(x[r * cols + c] + bias[c]);
            }
        }
    }

    @Override
    public void tanhBackward(float[] g, float[] y, float[] d, float[] db, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                d[i] = g[i] * (1f - y[i] * y[i]);   // d tanh(u) / du = 1 - tanh²(u)
                db[c] += d[i];
            }
        }
    }

    @Override
    public void bernoulliLogLikelihood(float[] x, float[] a, float[] out, float[] mean, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            float s = 0f;
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                s += x[i] * a[i] - softplus(a[i]);
                if (mean != null) {
                    mean[i] = sigmoid(a[i]);
                }
            }
            out[r] = s;
        }
    }

    @Override
    public void bernoulliLogLikelihoodBackward(float[] x, float[] mean, float[] g, float[] da, int rows, int cols,
                                               boolean accumulate) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                float v = g[r] * (x[i] - mean[i]);   // d/da [x a - softplus(a)] = x - σ(a)
                da[i] = accumulate ? da[i] + v : v;
            }
        }
    }

    @Override
    public void gaussianNegKl(float[] mu, float[] logVar, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            float s = 0f;
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                s += 1f + logVar[i] - mu[i] * mu[i] - (float) Math.exp(logVar[i]);
            }
            out[r] = 0.5f * s;
        }
    }

    @Override
    public void gaussianNegKlBackward(float[] mu, float[] logVar, float[] g, float[] dmu, float[] dLogVar,
                                      int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                dmu[i] = dmu[i] - g[r] * mu[i];
                dLogVar[i] = dLogVar[i] + 0.5f * g[r] * (1f - (float) Math.exp(logVar[i]));
            }
        }
    }

    @Override
    public void reparameterize(float[] mu, float[] logVar, float[] eps, float[] z, int n) {
        for (int i = 0; i < n; i++) {
            float sigma = (float) Math.exp(0.5f * logVar[i]);
            z[i] = mu[i] + sigma * eps[i];
        }
    }

    @Override
    public void reparameterizeBackward(float[] logVar, float[] eps, float[] g, float[] dmu, float[] dLogVar, int n) {
        for (int i = 0; i < n; i++) {
            float sigma = (float) Math.exp(0.5f * logVar[i]);
            dmu[i] = dmu[i] + g[i];
            dLogVar[i] = dLogVar[i] + 0.5f * g[i] * eps[i] * sigma;   // dσ/dlogVar = σ/2
        }
    }

    // ---- optimiser updates ----

    @Override
    public void adagrad(float[] w, float[] g, float[] sumSq, float lr, float lambda, float delta, int n) {
        for (int i = 0; i < n; i++) {
            float gi = g[i] + lambda * w[i];
            sumSq[i] = sumSq[i] + gi * gi;
            w[i] = w[i] - lr * gi / ((float) Math.sqrt(sumSq[i]) + delta);
            g[i] = 0f;
        }
    }

    @Override
    public void adam(float[] w, float[] g, float[] m, float[] v, float beta1, float beta2, float stepSize, float eps,
                     float lambda, int n) {
        for (int i = 0; i < n; i++) {
            float gi = g[i] + lambda * w[i];
            m[i] = beta1 * m[i] + (1 - beta1) * gi;
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
            w[i] = w[i] - stepSize * m[i] / ((float) Math.sqrt(v[i]) + eps);
            g[i] = 0f;
        }
    }
}
