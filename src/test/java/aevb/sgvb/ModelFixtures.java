package aevb.sgvb;

import aevb.nn.Init;
import aevb.nn.Parameter;
import aevb.random.Randomness;
import aevb.tensor.Tensor;
import java.util.SplittableRandom;

/** Small models and data for the model tests (the baselines' tests use them too). */
public final class ModelFixtures {
    private ModelFixtures() {}

    /** A model whose parameters are large enough (std 0.3) that every gradient is visible. */
    public static Vae model(int d, int hidden, int latent, String decoder, long seed) {
        Vae vae = new Vae(new VaeConfig(d, hidden, latent, decoder));
        Init.gaussian(vae.parameters(), 0.3, seed);
        return vae;
    }

    /** M points in [0, 1]^D. */
    public static Tensor data(int m, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Tensor x = new Tensor(m, d);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) rnd.nextDouble();
        }
        return x;
    }

    public static Tensor eps(int rows, int latent, long seed) {
        Tensor eps = new Tensor(rows, latent);
        Randomness.gaussian(seed, Randomness.Stream.EPS, 0, eps.data, eps.data.length);
        return eps;
    }

    /**
     * N binary-ish images of D pixels drawn around a few random prototypes: data with structure
     * a VAE can learn within a few hundred steps.
     */
    public static Tensor clusteredData(int n, int d, int prototypes, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] proto = new float[prototypes][d];
        for (float[] p : proto) {
            for (int j = 0; j < d; j++) {
                p[j] = rnd.nextDouble() < 0.3 ? 0.95f : 0.05f;
            }
        }
        Tensor x = new Tensor(n, d);
        for (int i = 0; i < n; i++) {
            float[] p = proto[rnd.nextInt(prototypes)];
            for (int j = 0; j < d; j++) {
                x.data[i * d + j] = rnd.nextDouble() < p[j] ? 1f : 0f;
            }
        }
        return x;
    }

    static float[][] snapshot(Vae vae) {
        return vae.parameters().stream().map(p -> p.value.data.clone()).toArray(float[][]::new);
    }

    static Tensor rows(Tensor x, int from, int to) {
        return x.rowSlice(from, to);
    }

    static double sumSquares(Iterable<Parameter> ps) {
        double s = 0;
        for (Parameter p : ps) {
            for (float v : p.value.data) {
                s += v * v;
            }
        }
        return s;
    }
}
