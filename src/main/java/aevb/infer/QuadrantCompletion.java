package aevb.infer;

import aevb.eval.Summary;
import aevb.sgvb.Condition;
import aevb.sgvb.Cvae;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Completing an image from its lower-left quadrant, two ways. The conditional VAE (Sohn et al.
 * 2015) was trained for exactly this: its prediction is the decoder mean averaged over the prior,
 * <pre>  x̂ = E_{z ~ p(z)}[E[x | z, c]] ≈ (1/S) Σ_s σ(a(z_s, c)),  c = the observed quadrant</pre>
 * (or the single mean at z = 0; with the prior network, z ~ p(z | c) and its mean mu_p(c)). The plain VAE was trained on whole images and completes them by
 * inference, as {@link Inpainting} does with the mask {@link Corruptions#quadrantObserved}: the
 * posterior p(z | x_obs) ∝ p(z) p(x_obs | z) sampled by HMC (the posterior-predictive mean) or
 * maximised (MAP). The training mean fill is the baseline both must beat. Every method keeps the
 * observed quadrant and is scored on the three missing ones ({@link RestorationError}).
 */
public final class QuadrantCompletion {
    private QuadrantCompletion() {}

    /** The prior draws the CVAE's prediction averages over. */
    public static final int DRAWS = 100;

    /**
     * The completed images (R, h·w) of each method, by label, in the order of the table: the CVAE's
     * two predictions when {@code cvae} is not null, the VAE's HMC and MAP when {@code vae} is not
     * null, and the mean fill.
     */
    public static Map<String, Tensor> complete(Cvae cvae, Vae vae, Tensor truth, int height, int width, Tensor pixelMean,
                                               Inpainting.Settings s) {
        Tensor mask = Corruptions.quadrantObserved(truth.rows, height, width);
        Map<String, Tensor> out = new LinkedHashMap<>();
        if (cvae != null) {
            if (cvae.config.condition() != Condition.QUADRANT || cvae.config.height() != height
                    || cvae.config.width() != width) {
                throw new IllegalArgumentException("the CVAE must be conditioned on the quadrant of " + height + "x"
                        + width + " images");
            }
            Tensor c = Condition.QUADRANT.context(truth, null, height, width);
            boolean learned = cvae.config.learnedPrior();
            out.put("CVAE, mean over " + DRAWS + (learned ? " z ~ p(z|c)" : " z ~ p(z)"),
                    Condition.QUADRANT.image(c, cvae.predict(c, DRAWS, s.hmc().seed()), height, width));
            out.put(learned ? "CVAE, mean at z = mu_p(c)" : "CVAE, mean at z = 0",
                    Condition.QUADRANT.image(c, cvae.predict(c, 0, 0), height, width));
        }
        if (vae != null) {
            out.put("VAE, HMC", Inpainting.fill(Inpainting.Method.HMC, vae, truth, mask, pixelMean, s));
            out.put("VAE, MAP", Inpainting.fill(Inpainting.Method.MAP, vae, truth, mask, pixelMean, s));
        }
        out.put("mean fill", Inpainting.fill(Inpainting.Method.MEAN_FILL, vae, truth, mask, pixelMean, s));
        return out;
    }

    /**
     * Method a against method b image by image, on the missing pixels: the mean and standard error
     * of (MSE_a - MSE_b) and of (log p_a - log p_b) over images, {MSE, log p}. Paired, so the
     * spread between images (some digits are harder for every method) cancels.
     */
    public static Summary[] pairedDifference(Tensor a, Tensor b, Tensor truth, int height, int width) {
        Tensor missing = RestorationError.missing(Corruptions.quadrantObserved(1, height, width));
        double[] mse = new double[truth.rows], ll = new double[truth.rows];
        for (int i = 0; i < truth.rows; i++) {
            Tensor t = truth.rowSlice(i, i + 1);
            RestorationError ea = RestorationError.of(a.rowSlice(i, i + 1), t, missing);
            RestorationError eb = RestorationError.of(b.rowSlice(i, i + 1), t, missing);
            mse[i] = ea.mse().mean() - eb.mse().mean();
            ll[i] = ea.logLikelihood().mean() - eb.logLikelihood().mean();
        }
        return new Summary[] {Summary.of(mse), Summary.of(ll)};
    }

    /** Each method's error on the missing pixels. */
    public static Map<String, RestorationError> errors(Map<String, Tensor> completed, Tensor truth, int height, int width) {
        Tensor missing = RestorationError.missing(Corruptions.quadrantObserved(truth.rows, height, width));
        Map<String, RestorationError> e = new LinkedHashMap<>();
        completed.forEach((k, v) -> e.put(k, RestorationError.of(v, truth, missing)));
        return e;
    }
}
