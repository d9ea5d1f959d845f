package aevb.sgvb;

import static aevb.autodiff.Matrices.concatColumns;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.nn.Init;
import aevb.nn.Module;
import aevb.nn.Parameter;
import aevb.prob.BernoulliDecoder;
import aevb.prob.DiagonalGaussian;
import aevb.prob.GaussianEncoder;
import aevb.prob.GaussianKl;
import aevb.prob.ReparameterizedSampler;
import aevb.prob.StandardNormalPrior;
import aevb.random.Randomness;
import aevb.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The conditional VAE of Sohn, Lee &amp; Yan (2015, "Learning Structured Output Representation
 * using Deep Conditional Generative Models"): the paper's VAE with a context c fed to both sides,
 * <pre>
 *   q_φ(z | x, c) = N(z; mu, diag(σ²)),  mu, log σ² = the Gaussian MLP of App. C.2 on [x | c]
 *   p_θ(x | z, c) = Bernoulli(σ(a)),     a = the Bernoulli MLP of App. C.1 on [z | c]
 *   p(z)          = N(0, I)
 * </pre>
 * By default the prior is the fixed N(0, I), the simpler variant (then the decoder carries all
 * the dependence on c). Sohn et al. learn a prior network instead,
 * <pre>  p_θ(z | c) = N(z; mu_p, diag(σ_p²)),  mu_p, log σ_p² = a Gaussian MLP on c</pre>
 * ({@link CvaeConfig#learnedPrior}, {@code --prior learned}), part of the generative model θ; then
 * the KL of the bound is between two Gaussians and predictions draw z from p_θ(z | c). The
 * encoder, decoder and prior network are aevb's own {@link GaussianEncoder} and
 * {@link BernoulliDecoder}.
 */
public final class Cvae implements Module {
    public final CvaeConfig config;
    public final StandardNormalPrior prior = new StandardNormalPrior();
    /** q_φ(z | x, c): input D + Dc. */
    public final GaussianEncoder encoder;
    /** p_θ(x | z, c): input Nz + Dc. */
    public final BernoulliDecoder decoder;
    /** p_θ(z | c), input Dc; null for the prior N(0, I). */
    public final GaussianEncoder priorNet;

    public Cvae(CvaeConfig config) {
        this.config = config;
        this.encoder = new GaussianEncoder(config.dataDim() + config.contextDim(), config.hidden(), config.latent());
        this.decoder = new BernoulliDecoder(config.latent() + config.contextDim(), config.hidden(), config.dataDim());
        this.priorNet = config.learnedPrior()
                ? new GaussianEncoder("prior", config.contextDim(), config.hidden(), 1, config.latent()) : null;
    }

    /**
     * -KL(q_φ(z | x, c) || prior) per row, (M, 1): Appendix B's closed form against N(0, I), or the
     * KL of two diagonal Gaussians against p_θ(z | c).
     */
    public Var negativeKl(DiagonalGaussian q, Var c) {
        return priorNet == null ? GaussianKl.negativeKl(q) : GaussianKl.negativeKl(q, priorNet.encode(c));
    }

    /** z ~ the prior given c, from eps ~ N(0, I): eps itself, or mu_p + σ_p ⊙ eps. (R, Nz). */
    public Tensor priorSample(Tensor c, Tensor eps) {
        if (priorNet == null) {
            return eps;
        }
        Tape tape = new Tape();
        return ReparameterizedSampler.sample(priorNet.encode(tape.constant(c)), eps).value.copy();
    }

    /** A model initialised from N(0, 0.01²), as section 5 of Kingma &amp; Welling says, from the seed's INIT stream. */
    public static Cvae initialised(CvaeConfig config, long seed) {
        Cvae cvae = new Cvae(config);
        Init.gaussian(cvae.parameters(), Init.PAPER_STD, seed);
        return cvae;
    }

    /** q_φ(z | x, c): x (M, D), c (M, Dc) -> mu, log σ² (M, Nz). */
    public DiagonalGaussian encode(Var x, Var c) {
        return encoder.encode(concatColumns(x, c));
    }

    /** log p_θ(x | z, c) per row: x (R, D), z (R, Nz), c (R, Dc) -> (R, 1). */
    public Var logLikelihood(Var x, Var z, Var c) {
        return decoder.logLikelihood(x, concatColumns(z, c));
    }

    /** The logits a of p_θ(x | z, c): (R, D). */
    public Var logits(Var z, Var c) {
        return decoder.logits(concatColumns(z, c));
    }

    /** E[x | z, c] = σ(a), the picture the decoder draws for each row: (R, D). */
    public Tensor mean(Tensor z, Tensor c) {
        Tape tape = new Tape();
        return decoder.mean(concatColumns(tape.constant(z), tape.constant(c)).value);
    }

    /**
     * The prediction of x from c alone, E_{p(z|c)}[E[x | z, c]] ≈ (1/S) Σ_s σ(a(z_s, c)), z_s ~ the
     * prior: the decoder mean averaged over S draws, eps from (seed, SAMPLE, s). With
     * {@code draws} = 0 it is the single mean at the prior's mode (z = 0, or mu_p). (R, Dc) -> (R, D).
     */
    public Tensor predict(Tensor c, int draws, long seed) {
        Tensor eps = new Tensor(c.rows, config.latent());
        if (draws == 0) {
            return mean(priorSample(c, eps), c);
        }
        Tensor sum = new Tensor(c.rows, config.dataDim());
        for (int s = 0; s < draws; s++) {
            Randomness.gaussian(seed, Randomness.Stream.SAMPLE, s, eps.data, eps.data.length);
            Tensor y = mean(priorSample(c, eps), c);
            for (int j = 0; j < y.data.length; j++) {
                sum.data[j] += y.data[j] / draws;
            }
        }
        return sum;
    }

    /** φ: the encoder's parameters. */
    public List<Parameter> phi() {
        return encoder.parameters();
    }

    /** θ: the decoder's parameters (and the prior network's). */
    public List<Parameter> theta() {
        List<Parameter> ps = new ArrayList<>(decoder.parameters());
        if (priorNet != null) {
            ps.addAll(priorNet.parameters());
        }
        return ps;
    }

    /** φ then θ, in a fixed order. */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>(phi());
        ps.addAll(theta());
        return ps;
    }
}
