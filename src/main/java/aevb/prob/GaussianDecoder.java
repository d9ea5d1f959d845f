package aevb.prob;

import static aevb.autodiff.Elementwise.*;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.tensor.Tensor;

/**
 * Appendix C.2: the Gaussian MLP decoder p_θ(x|z) = N(x; mu, diag(σ²)) for Frey Face,
 * <pre>  h = tanh(W3 z + b3),   mu = f_σ(W4 h + b4),   log σ² = W5 h + b5</pre>
 * The mean is squashed into (0, 1) by a sigmoid, as section 5 says for the Frey Face data
 * ("continuous ... with the mean constrained to (0, 1) by a sigmoidal output"); each pixel has
 * its own log-variance head. The log-likelihood is the diagonal Gaussian density per row.
 */
public final class GaussianDecoder extends MlpDecoder {
    public GaussianDecoder(int latent, int hidden, int dataDim) {
        this(latent, hidden, 1, dataDim);
    }

    /** With {@code depth} tanh hidden layers of {@code hidden} units (the IWAE model has 2). */
    public GaussianDecoder(int latent, int hidden, int depth, int dataDim) {
        super(latent, hidden, depth, dataDim, "mu", "logVar");
    }

    /** mu and log σ² of p(x|z), each (R, D). */
    public DiagonalGaussian distribution(Var z) {
        Var[] heads = mlp.forward(z);
        return new DiagonalGaussian(sigmoid(heads[0]), heads[1]);
    }

    @Override
    public Var logLikelihood(Var x, Var z) {
        return distribution(z).logDensity(x);
    }

    @Override
    public Tensor mean(Tensor z) {
        Tape tape = new Tape();
        return distribution(tape.constant(z)).mu().value.copy();
    }

    @Override
    public String kind() {
        return "gaussian";
    }
}
