package aevb.tensor;

/**
 * The scalar twin of {@link FusedKernels}: each fused kernel as the loop that says what it
 * means, with the derivative beside the line it differentiates; the maps in double, rounded once.
 */
final class ScalarFusedKernels {
    private ScalarFusedKernels() {}

    static void biasTanh(float[] x, float[] bias, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = (float) Math.tanh(x[r * cols + c] + bias[c]);
            }
        }
    }

    static void tanhBackward(float[] g, float[] y, float[] d, float[] db, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                d[i] = g[i] * (1f - y[i] * y[i]);   // d tanh(u) / du = 1 - tanh²(u)
                db[c] += d[i];
            }
        }
    }

    static void bernoulliLogLikelihood(float[] x, float[] a, float[] out, float[] mean, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            float s = 0f;
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                s += x[i] * a[i] - ScalarMaps.softplus(a[i]);
                if (mean != null) {
                    mean[i] = ScalarMaps.sigmoid(a[i]);
                }
            }
            out[r] = s;
        }
    }

    static void bernoulliLogLikelihoodBackward(float[] x, float[] mean, float[] g, float[] da, int rows, int cols,
                                               boolean accumulate) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                float v = g[r] * (x[i] - mean[i]);   // d/da [x a - softplus(a)] = x - σ(a)
                da[i] = accumulate ? da[i] + v : v;
            }
        }
    }

    static void gaussianNegKl(float[] mu, float[] logVar, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            float s = 0f;
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                s += 1f + logVar[i] - mu[i] * mu[i] - (float) Math.exp(logVar[i]);
            }
            out[r] = 0.5f * s;
        }
    }

    static void gaussianNegKlBackward(float[] mu, float[] logVar, float[] g, float[] dmu, float[] dLogVar,
                                      int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                dmu[i] = dmu[i] - g[r] * mu[i];
                dLogVar[i] = dLogVar[i] + 0.5f * g[r] * (1f - (float) Math.exp(logVar[i]));
            }
        }
    }

    static void reparameterize(float[] mu, float[] logVar, float[] eps, float[] z, int n) {
        for (int i = 0; i < n; i++) {
            float sigma = (float) Math.exp(0.5f * logVar[i]);
            z[i] = mu[i] + sigma * eps[i];
        }
    }

    static void reparameterizeBackward(float[] logVar, float[] eps, float[] g, float[] dmu, float[] dLogVar, int n) {
        for (int i = 0; i < n; i++) {
            float sigma = (float) Math.exp(0.5f * logVar[i]);
            dmu[i] = dmu[i] + g[i];
            dLogVar[i] = dLogVar[i] + 0.5f * g[i] * eps[i] * sigma;   // dσ/dlogVar = σ/2
        }
    }
}
