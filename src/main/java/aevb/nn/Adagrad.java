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
 *
 * <p><b>The annealing schedule.</b> Appendix E: "For all algorithms the parameters were updated
 * using the Adagrad stepsizes (with accompanying annealing schedule)". The paper gives no
 * formula; the authors' own code (D. P. Kingma's anglepy, {@code wzoptim.step_va}, 2014, the
 * training step of the VAE, with a flag {@code anneal=True} by default) shows which one is
 * meant: Adagrad's own. At step t (from 1), with g_t the gradient (plus the weight decay λw):
 * <pre>
 *   G_t = Σ_{s ≤ t} g_s²
 *   annealed (the paper's):   w ← w - lr · g_t / (sqrt(G_t) + δ)
 *   not annealed:             w ← w - lr · g_t / (sqrt(G_t / t) + δ)
 * </pre>
 * For gradients of a steady size |g| the annealed step is lr / sqrt(t): it anneals as 1/√t,
 * which is what makes stochastic gradients settle. Without annealing G_t / t is a running mean
 * of g², the step stays near lr (an RMS-normalised SGD that never cools). The same code keeps a
 * warm-up (100 steps for the VAE and wake-sleep there): the first W steps only add g² to G and
 * leave w alone, so that the first real step is already divided by W + 1 gradients' worth.
 * {@link Schedule#ANNEALED} (no warm-up) is the default and what every run of this project used
 * before the schedule was named; the not-annealed form is computed by the same kernel as
 * lr·√t · g / (sqrt(G_t) + δ·√t), which is the same number.
 *
 * <p>Only the schedules that depend on t keep it in the checkpoint ({@code adagrad.t}), so the
 * checkpoints of the default are what they were before the schedule existed.
 */
public final class Adagrad implements Optimizer {
    public static final float DELTA = 1e-8f;
    static final String STEPS = "adagrad.t";
    private final double lr;
    private final Schedule schedule;
    private final Map<Parameter, float[]> sumSq = new IdentityHashMap<>();
    private final ParameterArrays arrays = new ParameterArrays();
    private long t;

    /**
     * @param annealed  G_t (true, the paper's) or G_t / t (false) under the square root
     * @param warmUp    W: steps at the start that only accumulate G
     */
    public record Schedule(boolean annealed, int warmUp) {
        /** Adagrad as Duchi et al. and the paper: the step anneals as 1/√t; no warm-up. */
        public static final Schedule ANNEALED = new Schedule(true, 0);
        /** The ablation's switch: G_t / t, a step that does not anneal; no warm-up. */
        public static final Schedule NOT_ANNEALED = new Schedule(false, 0);
        /** The warm-up of the authors' code for the VAE and wake-sleep. */
        public static final int AUTHORS_WARM_UP = 100;

        public Schedule {
            if (warmUp < 0) {
                throw new IllegalArgumentException("Adagrad: the warm-up must be >= 0 steps, got " + warmUp);
            }
        }

        public Schedule withWarmUp(int w) {
            return new Schedule(annealed, w);
        }

        /**
         * The factor f_t such that step t moves w by f_t · lr · g / (sqrt(G_t) + f_t δ):
         * 0 during the warm-up, 1 when annealed, √t when not.
         */
        public double factor(long t) {
            if (t <= warmUp) {
                return 0;
            }
            return annealed ? 1 : Math.sqrt(t);
        }

        /** Whether a step depends on the step count t (everything but the plain annealed form). */
        public boolean countsSteps() {
            return !equals(ANNEALED);
        }

        /** A short name for settings files and summaries: {@code annealed}, {@code not-annealed}, {@code ...+warm-up-100}. */
        public String id() {
            return (annealed ? "annealed" : "not-annealed") + (warmUp > 0 ? "+warm-up-" + warmUp : "");
        }
    }

    public Adagrad(double learningRate) {
        this(learningRate, Schedule.ANNEALED);
    }

    public Adagrad(double learningRate, Schedule schedule) {
        this.lr = Optimizer.stepSize("Adagrad", learningRate);
        this.schedule = java.util.Objects.requireNonNull(schedule, "schedule");
    }

    public Schedule schedule() {
        return schedule;
    }

    @Override
    public void step(List<Parameter> params) {
        step(params, WeightDecay.NONE, List.of());
    }

    /**
     * For each parameter, with g' = g + λ w (λ = 0 unless decayed): G += g'²,
     * w -= f lr g' / (sqrt(G) + f δ) with f = {@link Schedule#factor}(t), g = 0. All parameters go
     * to the kernels in one call, which shares them out over the threads as one piece of work.
     */
    @Override
    public void step(List<Parameter> params, WeightDecay decay, List<Parameter> decayed) {
        t++;
        arrays.gather(params, decay, decayed, sumSq, null);
        double f = schedule.factor(t);
        float delta = f == 0 || f == 1 ? DELTA : (float) (DELTA * f);
        Backend.kernels().adagrad(arrays.values, arrays.gradients, arrays.first, (float) (f * lr), arrays.lambdas, delta);
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
        return schedule.countsSteps() ? Map.of(STEPS, Long.toString(t)) : Map.of();
    }

    @Override
    public void restore(List<Parameter> params, Map<String, float[]> arrays, Map<String, String> scalars) {
        for (Parameter p : params) {
            sumSq.put(p, OptimizerState.array(arrays, "adagrad.G." + p.name, p.size()));
        }
        if (schedule.countsSteps()) {
            String saved = scalars.get(STEPS);
            if (saved == null) {
                throw new IllegalArgumentException("Adagrad (" + schedule.id() + "): the saved state has no step count "
                        + STEPS + "; it was written by a run with the plain annealed schedule");
            }
            t = Long.parseLong(saved);
        }
    }
}
