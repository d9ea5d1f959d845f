package aevb.nn;

import aevb.tensor.Backend;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adagrad (Duchi, Hazan &amp; Singer, 2011), the optimiser of the paper's experiments (section 5,
 * step size from {0.01, 0.02, 0.1}): each parameter keeps the running sum G of its squared
 * gradients and moves by {@code -lr · g / (sqrt(G) + δ)}, so often-updated weights slow down.
 */
public final class Adagrad implements Optimizer {
    public static final float DELTA = 1e-8f;
    private final double lr;
    private final Map<Parameter, float[]> sumSq = new IdentityHashMap<>();
    private final ParameterArrays arrays = new ParameterArrays();

    public Adagrad(double learningRate) {
        this.lr = Optimizer.stepSize("Adagrad", learningRate);
    }

    @Override
    public void step(List<Parameter> params) {
        step(params, WeightDecay.NONE, List.of());
    }

    /**
     * For each parameter, with g' = g + λ w (λ = 0 unless decayed): G += g'², w -= lr g' / (sqrt(G) + δ),
     * g = 0. All parameters go to the kernels in one call, which shares them out over the threads
     * as one piece of work.
     */
    @Override
    public void step(List<Parameter> params, WeightDecay decay, List<Parameter> decayed) {
        arrays.gather(params, decay, decayed, sumSq, null);
        Backend.kernels().adagrad(arrays.values, arrays.gradients, arrays.first, (float) lr, arrays.lambdas, DELTA);
    }

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public Map<String, float[]> state(List<Parameter> params) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Parameter p : params) {
            out.put("adagrad.G." + p.name, sumSq.computeIfAbsent(p, k -> new float[p.size()]));
        }
        return out;
    }

    @Override
    public Map<String, String> scalars() {
        return Map.of();
    }

    @Override
    public void restore(List<Parameter> params, Map<String, float[]> arrays, Map<String, String> scalars) {
        for (Parameter p : params) {
            sumSq.put(p, OptimizerState.array(arrays, "adagrad.G." + p.name, p.size()));
        }
    }
}
