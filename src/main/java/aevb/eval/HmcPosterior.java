package aevb.eval;

import static aevb.autodiff.Elementwise.add;
import static aevb.autodiff.Reductions.sum;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.prob.Decoder;
import aevb.prob.StandardNormalPrior;
import aevb.tensor.Tensor;

/**
 * The posterior of a trained decoder as an HMC target, one data point per row:
 * <pre>  log π_i(z) = log p(z) + log p_θ(x_i|z) = log p_θ(x_i, z),   ∇_z log π_i(z) = ∇_z log p(z) + ∇_z log p_θ(x_i|z)</pre>
 * the unnormalised log p_θ(z|x_i), as Appendices D and E write it. The value and the gradient
 * come from one forward and one backward pass of the tape over all P rows; since the rows are
 * independent, the gradient of their sum is each row's own gradient.
 *
 * <p>HMC moves z under a fixed θ, so the tape binds θ as constants
 * ({@link Tape#withConstantLeaves()}): the backward pass computes no weight gradients (a third
 * of its cost), and θ's gradient buffers are left alone, so it may run in the middle of training.
 */
public final class HmcPosterior implements HmcTarget {
    private final Decoder decoder;
    private final Tensor x;
    private final StandardNormalPrior prior = new StandardNormalPrior();
    private final Tape tape = Tape.withConstantLeaves();

    /** The posteriors p_θ(z | x_i) of the rows of x (P, D). */
    public HmcPosterior(Decoder decoder, Tensor x) {
        if (x.cols != decoder.dataDim()) {
            throw new IllegalArgumentException("the data have " + x.cols + " values per point but the decoder models "
                    + decoder.dataDim());
        }
        this.decoder = decoder;
        this.x = x;
    }

    @Override
    public void evaluate(Tensor z, double[] logPi, Tensor grad) {
        if (z.rows != x.rows || z.cols != decoder.latent()) {
            throw new IllegalArgumentException("z is " + z.shape() + ", expected " + x.rows + "x" + decoder.latent());
        }
        tape.reset();
        Var zv = tape.variable(z);
        Var logJoint = add(prior.logDensity(zv), decoder.logLikelihood(tape.constant(x), zv)); // (P, 1)
        tape.backward(sum(logJoint));
        for (int i = 0; i < z.rows; i++) {
            logPi[i] = logJoint.value.data[i];
        }
        grad.copyFrom(zv.grad());
    }
}
