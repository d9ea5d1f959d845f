package aevb.nn;

import java.util.List;
import java.util.Map;

/**
 * The arrays of an optimiser step's parameters, gathered for one kernel call over all of them:
 * values, gradients, weight decays and up to two state arrays per parameter (Adagrad's sum of
 * squares; Adam's moments). Kept between steps, so that a step allocates nothing.
 */
final class ParameterArrays {
    float[][] values = new float[0][], gradients = new float[0][], first = new float[0][], second = new float[0][];
    float[] lambdas = new float[0];

    /**
     * Gathers params; a parameter in {@code decayed} gets the decay's λ, the others 0; its state
     * arrays come from first and second (null: none), created zeroed the first time.
     */
    void gather(List<Parameter> params, WeightDecay decay, List<Parameter> decayed,
                Map<Parameter, float[]> firstState, Map<Parameter, float[]> secondState) {
        int n = params.size();
        if (values.length != n) {
            values = new float[n][];
            gradients = new float[n][];
            first = new float[n][];
            second = new float[n][];
            lambdas = new float[n];
        }
        for (int i = 0; i < n; i++) {
            Parameter p = params.get(i);
            values[i] = p.value.data;
            gradients[i] = p.grad.data;
            first[i] = firstState.computeIfAbsent(p, k -> new float[k.size()]);
            second[i] = secondState == null ? null : secondState.computeIfAbsent(p, k -> new float[k.size()]);
            lambdas[i] = decayed.contains(p) ? (float) decay.lambda() : 0f;
        }
    }
}
