package aevb.infer;

import aevb.baselines.Autoencoder;
import aevb.eval.ImportanceSampledLikelihood;
import aevb.eval.Summary;
import aevb.random.Randomness;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;

/**
 * What the KL term of the bound buys, measured: decode the same draws z ~ N(0, I) through the
 * VAE's decoder and through a plain {@link Autoencoder}'s, and ask how much the pictures look like
 * data, by two judges:
 * <ul>
 *   <li>log p(x) of the pictures under the VAE itself (importance sampling, K samples): a
 *       model's own samples are typical for it; an autoencoder's are not, unless its codes happen
 *       to fill N(0, I);</li>
 *   <li>the mean squared distance from each picture to its nearest training image: a judge that
 *       favours neither model.</li>
 * </ul>
 * The autoencoder's codes are also summarised (their mean squared length and per-dimension
 * spread), which shows how far from N(0, I) a code that no KL pulls ends up.
 */
public final class WhatTheKlBuys {
    /** The two judges' verdicts on n decoded draws of each model. */
    public record Result(Summary vaeLogPx, Summary aeLogPx, Summary vaeNearest, Summary aeNearest,
                         double aeCodeMeanSquare, double vaeCodeMeanSquare) {}

    private WhatTheKlBuys() {}

    /** n draws z ~ N(0, I) from the seed, decoded through each; judged against the training images. */
    public static Result measure(Vae vae, Autoencoder ae, Tensor train, Tensor heldOut, int n, int k, long seed) {
        Tensor z = new Tensor(n, vae.config.latent());
        Randomness.gaussian(seed, Randomness.Stream.SAMPLE, 5_000_000L, z.data, z.data.length);
        Tensor fromVae = vae.decoder.mean(z), fromAe = ae.decode(z);
        ImportanceSampledLikelihood is = new ImportanceSampledLikelihood(vae, k, seed);
        return new Result(Summary.of(is.evaluate(fromVae).logPx()), Summary.of(is.evaluate(fromAe).logPx()),
                Summary.of(nearestDistance(fromVae, train)), Summary.of(nearestDistance(fromAe, train)),
                meanSquare(ae.encode(heldOut)), meanSquare(Codes.mean(vae, heldOut)));
    }

    /** For each row of x, the mean squared pixel difference to its nearest row of the reference set. */
    public static double[] nearestDistance(Tensor x, Tensor reference) {
        double[] best = new double[x.rows];
        int d = x.cols;
        for (int i = 0; i < x.rows; i++) {
            double min = Double.POSITIVE_INFINITY;
            for (int r = 0; r < reference.rows; r++) {
                double s = 0;
                for (int j = 0; j < d && s < min * d; j++) {
                    double diff = x.data[i * d + j] - reference.data[r * d + j];
                    s += diff * diff;
                }
                min = Math.min(min, s / d);
            }
            best[i] = min;
        }
        return best;
    }

    /** The mean over rows of |z|² / Nz: 1 for codes distributed as N(0, I). */
    static double meanSquare(Tensor z) {
        double s = 0;
        for (float v : z.data) {
            s += (double) v * v;
        }
        return s / z.data.length;
    }
}
