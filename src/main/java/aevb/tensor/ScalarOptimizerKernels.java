package aevb.tensor;

/**
 * The scalar twin of {@link OptimizerKernels}: Adagrad and Adam one element at a time, and the
 * finiteness check. (The all-parameters forms are the contract's defaults, one call per array.)
 */
final class ScalarOptimizerKernels {
    private ScalarOptimizerKernels() {}

    static void adagrad(float[] w, float[] g, float[] sumSq, float lr, float lambda, float delta, int n) {
        for (int i = 0; i < n; i++) {
            float gi = g[i] + lambda * w[i];
            sumSq[i] = sumSq[i] + gi * gi;
            w[i] = w[i] - lr * gi / ((float) Math.sqrt(sumSq[i]) + delta);
            g[i] = 0f;
        }
    }

    static void adam(float[] w, float[] g, float[] m, float[] v, float beta1, float beta2, float stepSize, float eps,
                     float lambda, int n) {
        for (int i = 0; i < n; i++) {
            float gi = g[i] + lambda * w[i];
            m[i] = beta1 * m[i] + (1 - beta1) * gi;
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
            w[i] = w[i] - stepSize * m[i] / ((float) Math.sqrt(v[i]) + eps);
            g[i] = 0f;
        }
    }

    static boolean allFinite(float[] x, int n) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }
}
