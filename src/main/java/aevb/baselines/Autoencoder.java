package aevb.baselines;

import static aevb.autodiff.Elementwise.neg;
import static aevb.autodiff.Reductions.mean;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.nn.Init;
import aevb.nn.Mlp;
import aevb.nn.Module;
import aevb.nn.Optimizer;
import aevb.nn.Parameter;
import aevb.prob.BernoulliDecoder;
import aevb.random.Randomness;
import aevb.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain autoencoder beside the VAE: the same tanh MLPs (Appendix C), but a deterministic code
 * z = f_φ(x) and a loss of reconstruction alone,
 * <pre>  z = W4 tanh(W3 x + b3) + b4,   loss(x) = -log p_θ(x | z = f_φ(x))   (the Bernoulli decoder of App. C.1)</pre>
 * Against the VAE's bound (eq. 10) two things are missing: the noise of z ~ q_φ(z|x), and
 * -KL(q_φ(z|x) || p(z)), which pulls the codes towards N(0, I). Without them nothing ties the
 * codes to any distribution one could sample from: decoding z ~ N(0, I) through this decoder
 * gives pictures off the data's manifold, which is what the KL term buys the VAE (section 2.1's
 * first use, generating data "that looks like the real thing").
 */
public final class Autoencoder implements Module {
    public final Mlp encoder;
    public final BernoulliDecoder decoder;
    private final Tape tape = new Tape();

    public Autoencoder(int dataDim, int hidden, int latent) {
        this.encoder = new Mlp("ae-encoder", dataDim, hidden, new String[] {"code"}, new int[] {latent});
        this.decoder = new BernoulliDecoder(latent, hidden, dataDim);
    }

    /** Initialised from N(0, 0.01²) from the seed, as the VAE is (section 5). */
    public static Autoencoder initialised(int dataDim, int hidden, int latent, long seed) {
        Autoencoder ae = new Autoencoder(dataDim, hidden, latent);
        Init.gaussian(ae.parameters(), Init.PAPER_STD, seed);
        return ae;
    }

    /** The codes f_φ(x) of the rows of x (R, D): (R, Nz). */
    public Tensor encode(Tensor x) {
        Tape t = new Tape();
        return encoder.forward(t.constant(x))[0].value.copy();
    }

    /** E_θ[x | z], the decoder's pictures. */
    public Tensor decode(Tensor z) {
        return decoder.mean(z);
    }

    /** The reconstructions E_θ[x | z = f_φ(x)]. */
    public Tensor reconstruct(Tensor x) {
        return decode(encode(x));
    }

    /** One step on the minibatch x (M, D); returns the mean log p(x | f(x)) per data point before the update. */
    public double step(Tensor x, Optimizer optimizer) {
        tape.reset();
        Var xv = tape.constant(x);
        Var z = encoder.forward(xv)[0];                       // (M, Nz)
        Var logLik = mean(decoder.logLikelihood(xv, z));      // (1/M) Σ log p(x_i | z_i)
        double value = logLik.item();
        tape.backward(neg(logLik));
        optimizer.step(parameters());
        return value;
    }

    /**
     * {@code epochs} passes over x in minibatches of M, in an order drawn from (seed, SHUFFLE, epoch);
     * returns the mean log p(x | f(x)) of the last epoch.
     */
    public double train(Tensor x, int epochs, int batch, Optimizer optimizer, long seed) {
        int n = x.rows, d = x.cols;
        Tensor mb = new Tensor(batch, d);
        double last = 0;
        for (int e = 0; e < epochs; e++) {
            int[] order = Randomness.permutation(seed, Randomness.Stream.SHUFFLE, e, n);
            double sum = 0;
            int steps = 0;
            for (int from = 0; from + batch <= n; from += batch) {
                for (int r = 0; r < batch; r++) {
                    System.arraycopy(x.data, order[from + r] * d, mb.data, r * d, d);
                }
                sum += step(mb, optimizer);
                steps++;
            }
            last = sum / Math.max(1, steps);
        }
        return last;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>(encoder.parameters());
        ps.addAll(decoder.parameters());
        return ps;
    }
}
