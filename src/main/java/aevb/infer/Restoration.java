package aevb.infer;

import aevb.sgvb.Vae;
import aevb.tensor.Tensor;

/**
 * The two ways of conditioning the trained model on a corrupted image y that inpainting,
 * denoising and super-resolution share (section 2.1, third use): the posterior-predictive mean
 * E[x | y] by HMC over z ({@link PosteriorPredictive}), and the decoder's picture of the MAP
 * code ({@link MapEstimate}). Both start from the encoder's code of a first guess at x (the
 * baseline's answer), since the encoder was trained on clean images, not on y.
 */
public final class Restoration {
    private Restoration() {}

    /** E[x | y] by HMC, chains starting at mu(firstGuess). */
    public static PosteriorPredictive.Result posteriorMean(Vae vae, Observation y, Tensor firstGuess,
                                                           PosteriorPredictive.Settings settings) {
        LatentPosterior target = new LatentPosterior(vae.decoder, y);
        return PosteriorPredictive.of(target, Codes.mean(vae, firstGuess), settings);
    }

    /** E[x | y, z*], z* = argmax p(z | y), ascent from mu(firstGuess). */
    public static Tensor mapPicture(Vae vae, Observation y, Tensor firstGuess, int steps) {
        LatentPosterior target = new LatentPosterior(vae.decoder, y);
        Tensor z = MapEstimate.of(target, Codes.mean(vae, firstGuess), steps, MapEstimate.DEFAULT_STEP_SIZE);
        return y.cleanMean(vae.decoder.mean(z));
    }

    /** One pass through the encoder and decoder, E_θ[x | z = mu(y)]: what a plain autoencoder does. */
    public static Tensor encodeDecode(Vae vae, Tensor y) {
        return Codes.reconstruction(vae, Baselines.clip01(y));
    }
}
