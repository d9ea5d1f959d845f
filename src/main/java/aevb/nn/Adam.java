package aevb.nn;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma & Ba, 2014), the modern alternative to the paper's Adagrad: moving averages m and
 * v of the gradient and its square, bias-corrected, and a step {@code -lr · m̂ / (sqrt(v̂) + ε)}.
 */
public final class Adam implements Optimizer {
    private final double lr;
    private final double beta1 = 0.9;
    private final double beta2 = 0.999;
    private final double epsilon = 1e-8;
    private long t;
    private final Map<Parameter, float[]> m = new IdentityHashMap<>();
    private final Map<Parameter, float[]> v = new IdentityHashMap<>();

    public Adam(double learningRate) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("Adam: the step size must be positive, got " + learningRate);
        }
        this.lr = learningRate;
    }

    @Override
    public void step(List<Parameter> params) {
        t++;
        // Fold both bias corrections into one step size and one ε, as the Adam paper suggests.
        float stepSize = (float) (lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
        float eps = (float) (epsilon * Math.sqrt(1 - Math.pow(beta2, t)));
        float b1 = (float) beta1, b2 = (float) beta2;
        for (Parameter p : params) {
            float[] g = p.grad.data, w = p.value.data;
            float[] mp = m.computeIfAbsent(p, k -> new float[w.length]);
            float[] vp = v.computeIfAbsent(p, k -> new float[w.length]);
            for (int i = 0; i < w.length; i++) {
                mp[i] = b1 * mp[i] + (1 - b1) * g[i];
                vp[i] = b2 * vp[i] + (1 - b2) * g[i] * g[i];
                w[i] -= stepSize * mp[i] / ((float) Math.sqrt(vp[i]) + eps);
                g[i] = 0f;
            }
        }
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
