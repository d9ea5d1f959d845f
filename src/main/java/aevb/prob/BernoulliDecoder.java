package aevb.prob;

import static aevb.autodiff.Elementwise.sigmoid;

import aevb.autodiff.Fused;
import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.tensor.Tensor;

/**
 * Appendix C.1: the Bernoulli MLP decoder p_θ(x|z) for MNIST,
 * <pre>  y = f_σ(W2 tanh(W1 z + b1) + b2),   log p(x|z) = Σ_i x_i log y_i + (1 - x_i) log(1 - y_i)</pre>
 * computed from the logits a = W2 h + b2 without forming y: log y = -softplus(-a) and
 * log(1 - y) = -softplus(a), so together {@code log p(x|z) = Σ_i x_i a_i - softplus(a_i)},
 * which stays finite for any a. Pixel intensities in [0, 1] are allowed as x, as the paper does.
 */
public final class BernoulliDecoder extends MlpDecoder {
    public BernoulliDecoder(int latent, int hidden, int dataDim) {
        this(latent, hidden, 1, dataDim);
    }

    /** With {@code depth} tanh hidden layers of {@code hidden} units (the IWAE model has 2). */
    public BernoulliDecoder(int latent, int hidden, int depth, int dataDim) {
        super(latent, hidden, depth, dataDim, "logits");
    }

    /** The logits a (R, D). */
    public Var logits(Var z) {
        return mlp.forward(z)[0];
    }

    @Override
    public Var logLikelihood(Var x, Var z) {
        Var a = logits(z);
        return Fused.bernoulliLogLikelihood(x, a);  // Σ x a - softplus(a), (R, 1)
    }

    @Override
    public Tensor mean(Tensor z) {
        Tape tape = new Tape();
        return sigmoid(logits(tape.constant(z))).value.copy();
    }

    @Override
    public String kind() {
        return "bernoulli";
    }
}
