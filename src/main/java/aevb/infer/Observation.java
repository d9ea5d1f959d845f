package aevb.infer;

import aevb.autodiff.Var;
import aevb.tensor.Tensor;

/**
 * How an observed image y arose from the clean image x the decoder draws: the likelihood
 * log p(y | z) = log ∫ p(y | x) p_θ(x | z) dx that section 2.1's third use, "efficient
 * approximate marginal inference of the variable x", needs for "image denoising, inpainting and
 * super-resolution". Conditioning on y means sampling or maximising
 * <pre>  log p(z | y) = log p(z) + log p(y | z) + const</pre>
 * ({@link LatentPosterior}). Each kind of corruption has its own p(y | x), so a corruption is
 * undone by the likelihood that matches it: observing only some pixels ({@link MaskedPixels}),
 * salt-and-pepper noise ({@link SaltAndPepper}), Gaussian noise ({@link GaussianNoise}), or an
 * average-pooled low-resolution image ({@link Downsampled}).
 *
 * <p>All of them sit on the Bernoulli decoder of Appendix C.1: x_j ~ Bernoulli(σ(a_j)) with
 * a = the decoder's logits, so each likelihood is written as a function of a on the tape, and
 * its gradient with respect to z comes from the tape as well.
 */
public interface Observation {
    /** log p(y_i | z_i) per row, from the decoder's logits a (R, D) of the rows' z: (R, 1). */
    Var logLikelihood(Var logits);

    /**
     * E[x | y, z] per pixel, from the decoder's means μ = E_θ[x | z] (R, D): the clean image given
     * the code and the evidence of y about each pixel. The decoder's picture μ alone would throw
     * away what y says pixel by pixel (an observed pixel, a pixel the noise left alone); the
     * posterior-predictive mean E[x | y] is the average of this over z ~ p(z | y).
     */
    Tensor cleanMean(Tensor mu);

    /** R, the number of observed images. */
    int rows();

    /** D, the pixels of the clean image the decoder draws. */
    int dataDim();
}
