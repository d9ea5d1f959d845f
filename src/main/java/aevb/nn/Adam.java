package aevb.nn;

import aevb.tensor.Backend;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba, 2014), the modern alternative to the paper's Adagrad: moving averages m and
 * v of the gradient and its square, bias-corrected, and a step {@code -lr · m̂ / (sqrt(v̂) + ε)}.
 */
public final class Adam implements Optimizer {
    private final double lr;
    private final double beta1 = 0.9;
    private final double beta2 = 0.999;
    private final double epsilon;
    private long t;
    private final Map<Parameter, float[]> m = new IdentityHashMap<>();
    private final Map<Parameter, float[]> v = new IdentityHashMap<>();
    private final ParameterArrays arrays = new ParameterArrays();

    public Adam(double learningRate) {
        this(learningRate, 1e-8);
    }

    /** With another ε than Adam's default 1e-8 (the IWAE paper uses 1e-4), added to sqrt(v̂). */
    public Adam(double learningRate, double epsilon) {
        this.lr = Optimizer.stepSize("Adam", learningRate);
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("Adam: ε must be positive, got " + epsilon);
        }
        this.epsilon = epsilon;
    }

    @Override
    public void step(List<Parameter> params) {
        step(params, WeightDecay.NONE, List.of());
    }

    /**
     * For each parameter, with g' = g + λ w (λ = 0 unless decayed): m = β1 m + (1 - β1) g',
     * v = β2 v + (1 - β2) g'², w -= stepSize m / (sqrt(v) + ε'), g = 0. All parameters go to the
     * kernels in one call, as for {@link Adagrad}.
     */
    @Override
    public void step(List<Parameter> params, WeightDecay decay, List<Parameter> decayed) {
        t++;
        // Fold both bias corrections into one step size and one ε, as the Adam paper suggests.
        float stepSize = (float) (lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
        float eps = (float) (epsilon * Math.sqrt(1 - Math.pow(beta2, t)));
        arrays.gather(params, decay, decayed, m, v);
        Backend.kernels().adam(arrays.values, arrays.gradients, arrays.first, arrays.second, (float) beta1,
                (float) beta2, stepSize, eps, arrays.lambdas);
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public Map<String, float[]> state(List<Parameter> params) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Parameter p : params) {
            out.put("adam.m." + p.name, m.computeIfAbsent(p, k -> new float[p.size()]));
            out.put("adam.v." + p.name, v.computeIfAbsent(p, k -> new float[p.size()]));
        }
        return out;
    }

    @Override
    public Map<String, String> scalars() {
        return Map.of("adam.t", Long.toString(t));
    }

    @Override
    public void restore(List<Parameter> params, Map<String, float[]> arrays, Map<String, String> scalars) {
        for (Parameter p : params) {
            m.put(p, OptimizerState.array(arrays, "adam.m." + p.name, p.size()));
            v.put(p, OptimizerState.array(arrays, "adam.v." + p.name, p.size()));
        }
        t = Long.parseLong(scalars.getOrDefault("adam.t", "0"));
    }
}
