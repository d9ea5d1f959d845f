package aevb.prob;

import aevb.autodiff.Var;
import aevb.nn.Mlp;
import aevb.nn.Module;
import aevb.nn.Parameter;
import java.util.List;

/**
 * The recognition model q_φ(z|x) = N(z; mu, diag(σ²)): Appendix C.2's Gaussian MLP read as an
 * encoder,
 * <pre>  h = tanh(W3 x + b3),   mu = W4 h + b4,   log σ² = W5 h + b5</pre>
 * with φ = {W3, b3, W4, b4, W5, b5}. x (M, D) -> mu, log σ² (M, Nz).
 */
public final class GaussianEncoder implements Module {
    public final Mlp mlp;

    public GaussianEncoder(int dataDim, int hidden, int latent) {
        this(dataDim, hidden, 1, latent);
    }

    /** With {@code depth} tanh hidden layers of {@code hidden} units (the IWAE model has 2). */
    public GaussianEncoder(int dataDim, int hidden, int depth, int latent) {
        this("encoder", dataDim, hidden, depth, latent);
    }

    /** The same Gaussian MLP under another name (the conditional VAE's prior network p_θ(z | c) is "prior"). */
    public GaussianEncoder(String name, int dataDim, int hidden, int depth, int latent) {
        this.mlp = new Mlp(name, dataDim, hidden, depth, new String[] {"mu", "logVar"}, new int[] {latent, latent});
    }

    public DiagonalGaussian encode(Var x) {
        Var[] heads = mlp.forward(x);
        return new DiagonalGaussian(heads[0], heads[1]);
    }

    public int latent() {
        return mlp.heads.get(0).out();
    }

    @Override
    public List<Parameter> parameters() {
        return mlp.parameters();
    }
}
