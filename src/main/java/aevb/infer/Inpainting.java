package aevb.infer;

import aevb.sgvb.Vae;
import aevb.tensor.Tensor;

/**
 * Inpainting, one of the "common applications in computer vision" section 2.1 names for the
 * third use ("efficient approximate marginal inference of the variable x"): given an image y
 * whose pixels are observed where the mask m is 1, fill the others. Every method keeps the
 * observed pixels and differs in what it writes into the missing ones:
 * <ul>
 *   <li>{@link Method#MEAN_FILL}: the training mean (the baseline);</li>
 *   <li>{@link Method#ITERATIVE}: Rezende et al.'s encode-decode rounds ({@link IterativeInpainting});</li>
 *   <li>{@link Method#MAP}: the decoder's picture of argmax_z p(z | y_obs) ({@link MapEstimate});</li>
 *   <li>{@link Method#HMC}: the posterior-predictive mean under HMC over z with the likelihood of the
 *       observed pixels only ({@link MaskedPixels}, {@link PosteriorPredictive}).</li>
 * </ul>
 */
public final class Inpainting {
    public enum Method { MEAN_FILL, ITERATIVE, MAP, HMC }

    /** The settings of every method: encode-decode rounds, MAP steps, HMC, and the seed. */
    public record Settings(int rounds, int mapSteps, PosteriorPredictive.Settings hmc) {
        public static Settings defaults(long seed) {
            return new Settings(2, MapEstimate.DEFAULT_STEPS, PosteriorPredictive.Settings.defaults(seed));
        }
    }

    private Inpainting() {}

    /** The filled images (R, D): observed pixels of y, missing ones from the method. */
    public static Tensor fill(Method method, Vae vae, Tensor y, Tensor mask, Tensor pixelMean, Settings s) {
        Tensor guess = Baselines.meanFill(y, mask, pixelMean);
        Tensor filled = switch (method) {
            case MEAN_FILL -> guess;
            case ITERATIVE -> IterativeInpainting.fill(vae, y, mask, guess, s.rounds(), true, s.hmc().seed());
            case MAP -> Restoration.mapPicture(vae, new MaskedPixels(y, mask), guess, s.mapSteps());
            case HMC -> Restoration.posteriorMean(vae, new MaskedPixels(y, mask), guess, s.hmc()).mean();
        };
        return IterativeInpainting.keepObserved(filled, y, mask);
    }
}
