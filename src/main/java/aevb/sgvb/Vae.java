package aevb.sgvb;

import aevb.nn.Init;
import aevb.nn.Module;
import aevb.nn.Parameter;
import aevb.prob.BernoulliDecoder;
import aevb.prob.Decoder;
import aevb.prob.GaussianDecoder;
import aevb.prob.GaussianEncoder;
import aevb.prob.StandardNormalPrior;
import java.util.ArrayList;
import java.util.List;

/**
 * The variational auto-encoder of section 3: the prior p(z) = N(0, I), the recognition model
 * q_φ(z|x) (the encoder) and the generative model p_θ(x|z) (the decoder).
 */
public final class Vae implements Module {
    public final VaeConfig config;
    public final StandardNormalPrior prior = new StandardNormalPrior();
    public final GaussianEncoder encoder;
    public final Decoder decoder;

    public Vae(VaeConfig config) {
        this.config = config;
        this.encoder = new GaussianEncoder(config.dataDim(), config.hidden(), config.depth(), config.latent());
        this.decoder = config.decoder().equals("bernoulli")
                ? new BernoulliDecoder(config.latent(), config.hidden(), config.depth(), config.dataDim())
                : new GaussianDecoder(config.latent(), config.hidden(), config.depth(), config.dataDim());
    }

    /** A model initialised from N(0, 0.01²) as section 5 says, from the seed's INIT stream. */
    public static Vae initialised(VaeConfig config, long seed) {
        Vae vae = new Vae(config);
        Init.gaussian(vae.parameters(), Init.PAPER_STD, seed);
        return vae;
    }

    /** φ: the encoder's parameters. */
    public List<Parameter> phi() {
        return encoder.parameters();
    }

    /** θ: the decoder's parameters. */
    public List<Parameter> theta() {
        return decoder.parameters();
    }

    /** φ then θ, in a fixed order. */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>(phi());
        ps.addAll(theta());
        return ps;
    }
}
