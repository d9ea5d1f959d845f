package aevb.infer;

import static aevb.autodiff.Elementwise.mul;
import static aevb.autodiff.Elementwise.softplus;
import static aevb.autodiff.Elementwise.sub;
import static aevb.autodiff.Reductions.sumRows;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.tensor.Tensor;

/**
 * Inpainting's likelihood: only the pixels where the mask m is 1 were observed, so the
 * decoder's likelihood counts those and nothing else,
 * <pre>  log p(y_obs | z) = Σ_j m_j [y_j a_j - softplus(a_j)]</pre>
 * Appendix C.1's Bernoulli log-likelihood from the logits a, restricted to the observed pixels
 * (the missing ones, integrated out, contribute Σ_{x_j} p(x_j|z) = 1). With every m_j = 1 this
 * is log p_θ(x | z) itself, and {@link LatentPosterior} becomes the ordinary posterior
 * p_θ(z | x) that {@code eval.HmcPosterior} samples.
 */
public final class MaskedPixels implements Observation {
    private final Tensor y;     // (R, D), values where the mask is 0 are ignored
    private final Tensor mask;  // (R, D), 1 = observed, 0 = missing

    public MaskedPixels(Tensor y, Tensor mask) {
        if (!y.sameShape(mask)) {
            throw new IllegalArgumentException("the image is " + y.shape() + " but the mask is " + mask.shape());
        }
        for (float m : mask.data) {
            if (m != 0f && m != 1f) {
                throw new IllegalArgumentException("a mask holds 0 (missing) and 1 (observed), found " + m);
            }
        }
        this.y = y;
        this.mask = mask;
    }

    @Override
    public Var logLikelihood(Var logits) {
        Tape tape = logits.tape();
        Var perPixel = sub(mul(tape.constant(y), logits), softplus(logits));  // y a - softplus(a), (R, D)
        return sumRows(mul(tape.constant(mask), perPixel));                  // (R, 1)
    }

    /** The observed pixels are known exactly; the missing ones are the decoder's μ. */
    @Override
    public Tensor cleanMean(Tensor mu) {
        Tensor x = mu.copy();
        for (int j = 0; j < x.data.length; j++) {
            if (mask.data[j] == 1f) {
                x.data[j] = y.data[j];
            }
        }
        return x;
    }

    public Tensor mask() {
        return mask;
    }

    public Tensor observed() {
        return y;
    }

    @Override
    public int rows() {
        return y.rows;
    }

    @Override
    public int dataDim() {
        return y.cols;
    }
}
