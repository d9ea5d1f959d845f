/*
 * Step 13. Inpainting, denoising, super-resolution: conditioning the model on what was observed (section 2.1's third use)
 *
 * Section 2.1 names a third use of AEVB: "efficient approximate marginal inference of the variable
 * x ... all kinds of inference tasks where a prior over x is required. Common applications in
 * computer vision include image denoising, inpainting and super-resolution." The trained model is
 * that prior. A corrupted image y tells us about x only through z, so
 *
 *     p(x | y) = ∫ p_θ(x | z) p(z | y) dz,     log p(z | y) = log p(z) + log p(y | z) + const,
 *
 * and each task is the same posterior over z with its own likelihood p(y | z) (infer/Observation):
 *   inpainting:        only the observed pixels count (infer/MaskedPixels);
 *   salt-and-pepper:   a pixel is the truth with probability 1 - ρ, else 0 or 1 (infer/SaltAndPepper);
 *   super-resolution:  each observed pixel is the mean of a 2x2 block (infer/Downsampled).
 * HMC (eval/Hmc, as in Appendix E) samples z from p(z | y), one chain per image, and the decoder's
 * pictures of the samples are averaged (infer/PosteriorPredictive). The encoder alone is the naive
 * alternative: Rezende et al.'s encode-decode rounds (infer/IterativeInpainting), which keep the
 * observed pixels and redraw the rest, and which the encoder, trained on whole images, was never
 * taught to do.
 *
 * Each estimate is E[x | y] = E_z[E[x | y, z]]: the decoder's picture E[x | z] corrected pixel by
 * pixel by what y says about it (an observed pixel is known; a pixel that is neither 0 nor 1 was
 * not touched by salt-and-pepper noise; a block's mean is known), averaged over the samples of z.
 *
 * Check: on held-out images, HMC fills the missing lower half better than the training mean,
 * removes salt-and-pepper noise better than the noisy image and one encode-decode pass, and
 * upscales 14x14 block means better than bilinear interpolation (mean squared error per pixel).
 * The 3x3 median filter is printed beside them: with the small model of step 12 it wins at
 * denoising, and the README says by how much it wins or loses with a full MNIST model.
 */
import aevb.experiments.UsesModel;
import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.infer.*;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import aevb.viz.ImageGrid;

void main() throws Exception {
    boolean quick = Boolean.getBoolean("aevb.tutorial.quick");
    Path runs = Path.of(System.getProperty("aevb.tutorial.runs", "runs"));
    DataSplits data = Datasets.load("sample", null, false, System.err);
    Vae vae = UsesModel.load(runs.resolve("tutorial-12"), data, quick);
    int n = quick ? 40 : 200;
    Tensor x = data.validation().slice("held-out", 0, n).asTensor();
    Tensor pixelMean = Baselines.pixelMean(data.train().asTensor());
    PosteriorPredictive.Settings hmc = quick ? new PosteriorPredictive.Settings(15, 15, 10, 0.8, 13)
            : PosteriorPredictive.Settings.defaults(13);
    Inpainting.Settings s = new Inpainting.Settings(2, 100, hmc);

    Tensor mask = Corruptions.lowerHalfMissing(n, 28, 28), missing = RestorationError.missing(mask);
    double meanFill = RestorationError.of(Inpainting.fill(Inpainting.Method.MEAN_FILL, vae, x, mask, pixelMean, s), x, missing).mse().mean();
    double iterative = RestorationError.of(Inpainting.fill(Inpainting.Method.ITERATIVE, vae, x, mask, pixelMean, s), x, missing).mse().mean();
    Tensor hmcFill = Inpainting.fill(Inpainting.Method.HMC, vae, x, mask, pixelMean, s);
    double hmcInpaint = RestorationError.of(hmcFill, x, missing).mse().mean();
    System.out.printf("inpainting the lower half of %d held-out images, MSE per missing pixel:%n", n);
    System.out.printf("  training mean %.4f   encode-decode x2 %.4f   HMC %.4f%n", meanFill, iterative, hmcInpaint);

    Tensor noisy = Corruptions.saltAndPepper(x, 0.2, 13);
    double noisyErr = RestorationError.of(Baselines.clip01(noisy), x, null).mse().mean();
    double median = RestorationError.of(Baselines.median3x3(noisy, 28, 28), x, null).mse().mean();
    double once = RestorationError.of(Restoration.encodeDecode(vae, noisy), x, null).mse().mean();
    Tensor clean = Denoising.denoise(Denoising.Method.HMC, vae, noisy, Denoising.Noise.SALT_AND_PEPPER, 0.2, 28, 28, 100, hmc);
    double hmcDenoise = RestorationError.of(clean, x, null).mse().mean();
    System.out.println("denoising salt-and-pepper noise (ρ = 0.2), MSE per pixel:");
    System.out.printf("  noisy %.4f   3x3 median %.4f   encode-decode %.4f   HMC %.4f%n", noisyErr, median, once, hmcDenoise);

    Tensor low = Corruptions.averagePool(x, 28, 28, 2);
    double bilinear = RestorationError.of(Baselines.bilinear(low, 28, 28, 2), x, null).mse().mean();
    Tensor up = SuperResolution.upscale(SuperResolution.Method.HMC, vae, low, 28, 28, 2, 100, hmc);
    double hmcUp = RestorationError.of(up, x, null).mse().mean();
    System.out.println("super-resolution from 14x14 block means, MSE per pixel:");
    System.out.printf("  bilinear %.4f   HMC %.4f%n", bilinear, hmcUp);

    Tensor shown = new Tensor(6 * 8, 784);
    Tensor[] rows = {x, Baselines.meanFill(x, mask, pixelMean), hmcFill, Baselines.clip01(noisy), clean, up};
    for (int r = 0; r < rows.length; r++) {
        System.arraycopy(rows[r].data, 0, shown.data, r * 8 * 784, 8 * 784);
    }
    Path png = runs.resolve("tutorial-13").resolve("uses.png");
    ImageGrid.of(28, 28).columns(8).scale(2).gap(1).title("section 2.1's third use: inpainting, denoising, super-resolution")
            .rowLabels("truth", "lower half: mean", "lower half: HMC", "salt-and-pepper", "denoised: HMC", "from 14x14: HMC")
            .write(png, shown.data, 48);
    System.out.println("wrote " + png);
    System.out.println();
    check(hmcInpaint < meanFill, String.format("HMC inpainting beats the training mean (%.4f < %.4f)", hmcInpaint, meanFill));
    check(hmcDenoise < Math.min(noisyErr, once), String.format("HMC denoising beats the noisy image and one encode-decode pass"
            + " (%.4f < %.4f, %.4f)", hmcDenoise, noisyErr, once));
    System.out.printf("(the 3x3 median filter, %.4f, %s: a model this small and this briefly trained draws blurred digits,"
            + " and the median keeps the sharp edges of the pixels it trusts)%n", median, median < hmcDenoise ? "wins here" : "loses");
    check(hmcUp < bilinear, String.format("HMC super-resolution beats bilinear upsampling (%.4f < %.4f)", hmcUp, bilinear));
}

static void check(boolean ok, String what) {
    System.out.println("CHECK " + what + ": " + (ok ? "passed" : "FAILED"));
    if (!ok) {
        throw new IllegalStateException("check failed: " + what);
    }
}
