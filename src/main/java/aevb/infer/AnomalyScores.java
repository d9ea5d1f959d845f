package aevb.infer;

import aevb.eval.ImportanceSampledLikelihood;
import aevb.eval.SplitBound;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;

/**
 * How unlikely the model finds each image: three anomaly scores, higher meaning more anomalous.
 * <ul>
 *   <li>the negative bound, -L̃^B(x) (estimator B, eq. 7 and eq. 10, with L samples);</li>
 *   <li>the negative marginal likelihood, -log p_θ(x) by importance sampling with K samples
 *       ({@code eval.ImportanceSampledLikelihood}): section 2.1's third use, "marginal inference
 *       of the variable x", as a detector;</li>
 *   <li>the reconstruction error |x - E_θ[x | z = mu(x)]|², what a plain autoencoder offers.</li>
 * </ul>
 * A likelihood is not a typicality test: Nalisnick et al. (2019, "Do deep generative models know
 * what they don't know?") found models that give out-of-distribution images higher likelihood
 * than their own test data, e.g. simple images with few "on" pixels, which any Bernoulli decoder
 * codes cheaply. {@link RocAuc} below 0.5 on such a set is that effect.
 */
public record AnomalyScores(double[] negBound, double[] negLogPx, double[] reconstructionError) {

    public static final String[] NAMES = {"-bound", "-log p(x)", "recon. error"};

    /** The three scores of each row of x (N, D): the bound with L samples, log p(x) with K, from one seed. */
    public static AnomalyScores of(Vae vae, Tensor x, int boundSamples, int importanceSamples, long seed) {
        double[] bound = new SplitBound(vae, new EstimatorB(), boundSamples, seed).evaluate(x).perPoint();
        double[] logPx = new ImportanceSampledLikelihood(vae, importanceSamples, seed).evaluate(x).logPx();
        double[] err = new double[x.rows];
        for (int from = 0; from < x.rows; from += 1000) {
            Tensor part = x.rowSlice(from, Math.min(x.rows, from + 1000));
            Tensor r = Codes.reconstruction(vae, part);
            for (int i = 0; i < part.rows; i++) {
                double s = 0;
                for (int j = i * x.cols; j < (i + 1) * x.cols; j++) {
                    double d = part.data[j] - r.data[j];
                    s += d * d;
                }
                err[from + i] = s;
            }
        }
        for (int i = 0; i < x.rows; i++) {
            bound[i] = -bound[i];
            logPx[i] = -logPx[i];
        }
        return new AnomalyScores(bound, logPx, err);
    }

    /** Score k (0: -bound, 1: -log p(x), 2: reconstruction error). */
    public double[] score(int k) {
        return switch (k) {
            case 0 -> negBound;
            case 1 -> negLogPx;
            case 2 -> reconstructionError;
            default -> throw new IllegalArgumentException("no score " + k);
        };
    }

    /** The AUC of each score for the given anomalies: {-bound, -log p(x), recon. error}. */
    public double[] auc(boolean[] anomaly) {
        return new double[] {RocAuc.of(negBound, anomaly), RocAuc.of(negLogPx, anomaly), RocAuc.of(reconstructionError, anomaly)};
    }

    /** The scores of this set followed by those of another (normal data, then the anomalies). */
    public AnomalyScores concat(AnomalyScores o) {
        return new AnomalyScores(cat(negBound, o.negBound), cat(negLogPx, o.negLogPx),
                cat(reconstructionError, o.reconstructionError));
    }

    private static double[] cat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
