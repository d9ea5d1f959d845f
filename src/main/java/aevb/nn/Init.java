package aevb.nn;

import aevb.random.Randomness;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Initialisation as section 5 says: "parameters are initialized by random sampling from
 * N(0, 0.01)". We read 0.01 as the standard deviation, as the authors' code does, and draw
 * every parameter (weights and biases) that way. Parameter i of the list gets the draws of
 * counter i of the INIT stream, so a model's initial values depend on the seed alone.
 *
 * <p>{@link #glorotUniform} is the IWAE paper's initialisation (Burda et al. 2015, section 5.1,
 * "the heuristic of Glorot &amp; Bengio (2010)").
 */
public final class Init {
    public static final double PAPER_STD = 0.01;

    private Init() {}

    public static void gaussian(List<Parameter> params, double std, long seed) {
        for (int i = 0; i < params.size(); i++) {
            float[] v = params.get(i).value.data;
            Randomness.gaussian(seed, Randomness.Stream.INIT, i, v, v.length);
            for (int j = 0; j < v.length; j++) {
                v[j] *= (float) std;
            }
        }
    }

    /**
     * Glorot &amp; Bengio (2010): each weight matrix W (out, in) uniform on [-s, s] with
     * {@code s = sqrt(6 / (in + out))}, so Var W = s²/3 = 2 / (in + out), the variance that keeps
     * activations and gradients about the same size through tanh layers; biases (named "....b")
     * start at 0. Parameter i draws from counter i of the INIT stream, as {@link #gaussian}.
     */
    public static void glorotUniform(List<Parameter> params, long seed) {
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            float[] v = p.value.data;
            if (p.name.endsWith(".b")) {
                Arrays.fill(v, 0f);
                continue;
            }
            double s = glorotScale(p.value.cols, p.value.rows);
            SplittableRandom rnd = Randomness.rng(seed, Randomness.Stream.INIT, i);
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) (s * (2 * rnd.nextDouble() - 1));
            }
        }
    }

    /** sqrt(6 / (in + out)). */
    public static double glorotScale(int in, int out) {
        return Math.sqrt(6.0 / (in + out));
    }
}
