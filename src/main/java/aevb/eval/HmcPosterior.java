package aevb.eval;

import static aevb.autodiff.Elementwise.add;
import static aevb.autodiff.Reductions.sum;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.nn.Parameter;
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
 * <p>The tape also hands gradients to θ (the decoder binds its parameters as leaves); HMC moves
 * z only, so each evaluation zeroes θ's gradient buffers again. Run it between training steps,
 * where they are zero anyway (the optimiser zeroes them), never between a backward pass and its
 * update.
 */
public final class HmcPosterior implements HmcTarget {
    private final Decoder decoder;
    private final Tensor x;
    private final StandardNormalPrior prior = new StandardNormalPrior();
    private final Tape tape = new Tape();

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
        for (Parameter theta : decoder.parameters()) {
            theta.grad.zero();
        }
    }
}
