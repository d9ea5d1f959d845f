package aevb.eval;

import aevb.nn.Init;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Tensor;
import java.util.SplittableRandom;

/** Small models and data for the evaluation tests. */
final class EvalFixtures {
    private EvalFixtures() {}

    /** A Bernoulli model with encoder weights of std encoderStd and decoder weights of std decoderStd. */
    static Vae model(int d, int hidden, int latent, double encoderStd, double decoderStd, long seed) {
        Vae vae = new Vae(new VaeConfig(d, hidden, latent, "bernoulli"));
        Init.gaussian(vae.phi(), encoderStd, seed);
        Init.gaussian(vae.theta(), decoderStd, seed + 1);
        return vae;
    }

    /** N binary points with P(x_j = 1) = 0.3. */
    static Tensor binaryData(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Tensor x = new Tensor(n, d);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rnd.nextDouble() < 0.3 ? 1f : 0f;
        }
        return x;
    }
}
