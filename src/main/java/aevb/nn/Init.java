package aevb.nn;

import aevb.random.Randomness;
import java.util.List;

/**
 * Initialisation as section 5 says: "parameters are initialized by random sampling from
 * N(0, 0.01)". We read 0.01 as the standard deviation, as the authors' code does, and draw
 * every parameter (weights and biases) that way. Parameter i of the list gets the draws of
 * counter i of the INIT stream, so a model's initial values depend on the seed alone.
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
}
