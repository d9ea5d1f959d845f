package aevb.infer;

import aevb.sgvb.Vae;
import aevb.tensor.Tensor;

/**
 * Denoising, section 2.1's first-named application of the third use: map a noisy image y back
 * to the clean x by the posterior over z under a likelihood that matches the noise
 * ({@link SaltAndPepper}, {@link GaussianNoise}), then E[x | y] ({@link PosteriorPredictive}) or
 * the MAP code's picture. The baselines: y itself (clipped), a 3x3 median filter, and one pass
 * through the encoder and decoder (which treats the noise as data and so keeps some of it).
 */
public final class Denoising {
    public enum Noise { SALT_AND_PEPPER, GAUSSIAN }

    public enum Method { NOISY, MEDIAN, ENCODE_DECODE, MAP, HMC }

    private Denoising() {}

    /** The likelihood p(y | z) of noise of the given kind and level (ρ, or s). */
    public static Observation likelihood(Noise noise, Tensor y, double level) {
        return noise == Noise.SALT_AND_PEPPER ? new SaltAndPepper(y, level) : new GaussianNoise(y, level);
    }

    public static Tensor corrupt(Noise noise, Tensor x, double level, long seed) {
        return noise == Noise.SALT_AND_PEPPER ? Corruptions.saltAndPepper(x, level, seed)
                : Corruptions.gaussianNoise(x, level, seed);
    }

    /** The clean images (R, D) as each method estimates them; the model's methods start from the median filter. */
    public static Tensor denoise(Method method, Vae vae, Tensor y, Noise noise, double level, int height, int width,
                                 int mapSteps, PosteriorPredictive.Settings hmc) {
        Tensor median = Baselines.clip01(Baselines.median3x3(y, height, width));
        return switch (method) {
            case NOISY -> Baselines.clip01(y);
            case MEDIAN -> median;
            case ENCODE_DECODE -> Restoration.encodeDecode(vae, y);
            case MAP -> Restoration.mapPicture(vae, likelihood(noise, y, level), median, mapSteps);
            case HMC -> Restoration.posteriorMean(vae, likelihood(noise, y, level), median, hmc).mean();
        };
    }
}
