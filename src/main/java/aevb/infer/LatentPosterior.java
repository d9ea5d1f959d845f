package aevb.infer;

import static aevb.autodiff.Elementwise.add;
import static aevb.autodiff.Reductions.sum;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.eval.HmcTarget;
import aevb.prob.BernoulliDecoder;
import aevb.prob.Decoder;
import aevb.prob.StandardNormalPrior;
import aevb.tensor.Tensor;

/**
 * The posterior over z given a corrupted observation y, one image per row, as an HMC target:
 * <pre>  log π_i(z) = log p(z) + log p(y_i | z),   ∇_z log π_i(z) from the tape</pre>
 * Section 2.1's third use asks for p_θ(x | y), "all kinds of inference tasks where a prior over x
 * is required": the trained model is that prior, and since x depends on y only through z,
 * <pre>  p(x_missing | y) = ∫ p_θ(x_missing | z) p(z | y) dz</pre>
 * so sampling this posterior ({@link PosteriorPredictive}) or maximising it ({@link MapEstimate})
 * is all the inference the three tasks need. With {@link MaskedPixels} and a full mask it is the
 * ordinary posterior p_θ(z | x) of {@code eval.HmcPosterior}, to the last bit of the gradient.
 *
 * <p>θ is fixed, so the tape binds it as constants: the backward pass computes ∇_z only.
 */
public final class LatentPosterior implements HmcTarget {
    private final BernoulliDecoder decoder;
    private final Observation y;
    private final StandardNormalPrior prior = new StandardNormalPrior();
    private final Tape tape = Tape.withConstantLeaves();

    public LatentPosterior(Decoder decoder, Observation y) {
        this.decoder = bernoulli(decoder);
        if (y.dataDim() != decoder.dataDim()) {
            throw new IllegalArgumentException("the observation is of images of " + y.dataDim()
                    + " pixels but the decoder draws " + decoder.dataDim());
        }
        this.y = y;
    }

    /** The decoder as a Bernoulli decoder, or a clear refusal. */
    static BernoulliDecoder bernoulli(Decoder decoder) {
        if (decoder instanceof BernoulliDecoder b) {
            return b;
        }
        throw new IllegalArgumentException("inpainting, denoising and super-resolution need a Bernoulli decoder"
                + " (an MNIST model); this model's decoder is " + decoder.kind());
    }

    @Override
    public void evaluate(Tensor z, double[] logPi, Tensor grad) {
        if (z.rows != y.rows() || z.cols != decoder.latent()) {
            throw new IllegalArgumentException("z is " + z.shape() + ", expected " + y.rows() + "x" + decoder.latent());
        }
        tape.reset();
        Var zv = tape.variable(z);
        Var logJoint = add(prior.logDensity(zv), y.logLikelihood(decoder.logits(zv)));  // (R, 1)
        tape.backward(sum(logJoint));
        for (int i = 0; i < z.rows; i++) {
            logPi[i] = logJoint.value.data[i];
        }
        grad.copyFrom(zv.grad());
    }

    public Observation observation() {
        return y;
    }

    public Decoder decoder() {
        return decoder;
    }
}
