package aevb.infer;

import aevb.eval.Summary;
import aevb.tensor.Tensor;

/**
 * How close a restored image x̂ is to the truth x, over the pixels that were to be restored
 * (the missing ones for inpainting, all for denoising and super-resolution): the mean squared
 * error per pixel, and the log-likelihood of the true pixels under x̂ read as Bernoulli means,
 * <pre>  Σ_j x_j log x̂_j + (1 - x_j) log(1 - x̂_j)   (nats per image, x̂ clipped to [10⁻⁴, 1 - 10⁻⁴])</pre>
 * the score the inpainting test asks for: a method that is confidently wrong pays for it.
 * Both come with their standard error over images.
 */
public record RestorationError(Summary mse, Summary logLikelihood) {
    static final double CLIP = 1e-4;

    /** The errors of x̂ against x over pixels where {@code which} is 1 (null: all pixels). */
    public static RestorationError of(Tensor estimate, Tensor truth, Tensor which) {
        if (!estimate.sameShape(truth)) {
            throw new IllegalArgumentException("the estimate is " + estimate.shape() + ", the truth " + truth.shape());
        }
        int n = truth.rows, d = truth.cols;
        double[] mse = new double[n], ll = new double[n];
        for (int i = 0; i < n; i++) {
            double se = 0, l = 0;
            int count = 0;
            for (int j = i * d; j < (i + 1) * d; j++) {
                if (which != null && which.data[j] == 0f) {
                    continue;
                }
                double p = Math.clamp(estimate.data[j], CLIP, 1 - CLIP), x = truth.data[j];
                se += (p - x) * (p - x);
                l += x * Math.log(p) + (1 - x) * Math.log(1 - p);
                count++;
            }
            mse[i] = count == 0 ? 0 : se / count;
            ll[i] = l;
        }
        return new RestorationError(Summary.of(mse), Summary.of(ll));
    }

    /** The complement of a mask: 1 where it is 0 (the pixels inpainting must fill). */
    public static Tensor missing(Tensor mask) {
        Tensor m = new Tensor(mask.rows, mask.cols);
        for (int j = 0; j < m.data.length; j++) {
            m.data[j] = 1f - mask.data[j];
        }
        return m;
    }
}
