package aevb.nn;

import java.util.List;

/**
 * The prior p(θ) = N(0, I) on the generative parameters, as weight decay.
 *
 * <p>The paper maximises the bound of the whole data set plus log p(θ) = -½ Σ θ² + const.
 * Per data point that is the mean bound plus log p(θ) / N, so the loss we minimise (minus the
 * objective per data point) gains {@code λ · ½ Σ θ²} with λ = 1/N by default, and its gradient
 * gains {@code λ θ}. A coefficient per data point keeps the step sizes meaningful for any N.
 */
public final class WeightDecay {
    /** No weight decay (λ = 0). */
    public static final WeightDecay NONE = new WeightDecay(0);

    private final double lambda;

    public WeightDecay(double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + lambda);
        }
        this.lambda = lambda;
    }

    /** λ = 1/N: the N(0, I) prior spread over the N training points. */
    public static WeightDecay priorPerDataPoint(int n) {
        return new WeightDecay(1.0 / n);
    }

    public double lambda() {
        return lambda;
    }

    /** grad += λ θ for every parameter given. */
    public void addGradient(List<Parameter> params) {
        if (lambda == 0) {
            return;
        }
        float l = (float) lambda;
        for (Parameter p : params) {
            float[] g = p.grad.data, w = p.value.data;
            for (int i = 0; i < w.length; i++) {
                g[i] += l * w[i];
            }
        }
    }

    /** λ · ½ Σ θ²: what the prior adds to the loss per data point. */
    public double penalty(List<Parameter> params) {
        double s = 0;
        for (Parameter p : params) {
            for (float w : p.value.data) {
                s += (double) w * w;
            }
        }
        return 0.5 * lambda * s;
    }
}
