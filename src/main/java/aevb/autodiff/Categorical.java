package aevb.autodiff;

/**
 * Ops for a categorical variable y over K classes, one distribution per row: the classifier
 * q_φ(y|x) of the semi-supervised model M2 (Kingma, Rezende, Mohamed &amp; Welling 2014, eq. 7),
 * and the reshaping its enumeration over y needs. Each op has its derivative beside its formula.
 */
public final class Categorical {
    private Categorical() {}

    /**
     * log softmax over each row, {@code l_k = a_k - log Σ_j e^(a_j)}: a (R, K) -> (R, K), computed
     * with the row's maximum subtracted first so that no e^a overflows.
     * With p = e^l: da_k += g_k - p_k Σ_j g_j.
     */
    public static Var logSoftmax(Var a) {
        int rows = a.rows(), k = a.cols();
        Var y = a.tape.result(rows, k, a.requiresGrad);
        float[] x = a.data(), l = y.data();
        for (int r = 0; r < rows; r++) {
            int o = r * k;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, x[o + j]);
            }
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += Math.exp(x[o + j] - max);
            }
            float logZ = max + (float) Math.log(s);
            for (int j = 0; j < k; j++) {
                l[o + j] = x[o + j] - logZ;
            }
        }
        if (y.requiresGrad) {
            y.backward = () -> {
                float[] g = y.grad.data, ga = a.gradData();
                for (int r = 0; r < rows; r++) {
                    int o = r * k;
                    double gs = 0;
                    for (int j = 0; j < k; j++) {
                        gs += g[o + j];
                    }
                    for (int j = 0; j < k; j++) {
                        ga[o + j] += g[o + j] - (float) (Math.exp(l[o + j]) * gs);
                    }
                }
            };
        }
        return y;
    }

    /**
     * The entropy of each row's distribution from its log-probabilities,
     * {@code H = -Σ_k p_k l_k} with p = e^l: l (R, K) -> (R, 1).
     * dl_k += -g p_k (l_k + 1).
     */
    public static Var entropy(Var logP) {
        int rows = logP.rows(), k = logP.cols();
        Var h = logP.tape.result(rows, 1, logP.requiresGrad);
        float[] l = logP.data(), out = h.data();
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                float lj = l[r * k + j];
                s -= Math.exp(lj) * lj;
            }
            out[r] = (float) s;
        }
        if (h.requiresGrad) {
            h.backward = () -> {
                float[] g = h.grad.data, gl = logP.gradData();
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < k; j++) {
                        float lj = l[r * k + j];
                        gl[r * k + j] -= g[r] * (float) Math.exp(lj) * (lj + 1f);
                    }
                }
            };
        }
        return h;
    }

    /**
     * Undoes {@link Matrices#repeatRows}'s stacking for one value per row: a (K·M, 1), whose row
     * t·M + i belongs to data point i and class t, -> (M, K) with y[i, t] = a[t·M + i]. The bound
     * of all K labels of a minibatch is computed as one batch of K·M rows, then laid out as one row
     * per data point and one column per label.
     * da[t·M + i] += g[i, t].
     */
    public static Var blocksToColumns(Var a, int k) {
        if (a.cols() != 1 || k < 1 || a.rows() % k != 0) {
            throw new IllegalArgumentException("blocksToColumns: needs a (K·M, 1) column and K >= 1 dividing its rows, got "
                    + a.shape() + " and K = " + k);
        }
        int m = a.rows() / k;
        Var y = a.tape.result(m, k, a.requiresGrad);
        float[] x = a.data(), out = y.data();
        for (int t = 0; t < k; t++) {
            for (int i = 0; i < m; i++) {
                out[i * k + t] = x[t * m + i];
            }
        }
        if (y.requiresGrad) {
            y.backward = () -> {
                float[] g = y.grad.data, ga = a.gradData();
                for (int t = 0; t < k; t++) {
                    for (int i = 0; i < m; i++) {
                        ga[t * m + i] += g[i * k + t];
                    }
                }
            };
        }
        return y;
    }
}
