package aevb.infer;

import aevb.sgvb.Vae;
import aevb.tensor.Tensor;

/**
 * Super-resolution, the third application section 2.1 names: observe only the f x f block
 * means y of an image (14x14 from 28x28 for f = 2) and infer the full image, as E[x | y] under
 * HMC over z with the pooling likelihood of {@link Downsampled}, or the MAP code's picture.
 * The baseline is bilinear upsampling of y; the chains start from its code.
 */
public final class SuperResolution {
    public enum Method { BILINEAR, MAP, HMC }

    private SuperResolution() {}

    public static Tensor upscale(Method method, Vae vae, Tensor low, int height, int width, int factor, int mapSteps,
                                 PosteriorPredictive.Settings hmc) {
        Tensor bilinear = Baselines.bilinear(low, height, width, factor);
        return switch (method) {
            case BILINEAR -> bilinear;
            case MAP -> Restoration.mapPicture(vae, new Downsampled(low, height, width, factor), bilinear, mapSteps);
            case HMC -> Restoration.posteriorMean(vae, new Downsampled(low, height, width, factor), bilinear, hmc).mean();
        };
    }
}
