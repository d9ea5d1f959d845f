package aevb.experiments;

import aevb.baselines.Mcem;

/**
 * What one iteration of Monte Carlo EM adds to Figure 3's x axis, "# training samples evaluated".
 * For AEVB and wake-sleep the count is plain: one step takes a minibatch of M data points, each
 * through the encoder and the decoder once (wake-sleep: and M dreams), and the axis grows by M.
 * An MCEM iteration touches data twice: its E-step samples the posterior of some points (M in
 * the on-line form, all N in the authors' batch form), with S + 1 = 11 evaluations of
 * ∇_z log p_θ(x, z) each, and its M-step takes 5 minibatches' gradients in θ. The paper does not
 * say which it counted; these are the readings the ablation compares ({@link Figure3Ablation}).
 */
public enum McemCounting {
    /** Data points whose posterior an E-step sampled (M or N per iteration): "samples" of the data. */
    POINTS_SAMPLED,
    /** Data points in the minibatches of the θ-updates (5M per iteration), as AEVB counts its one update. */
    POINTS_UPDATED,
    /** Both: every data point the iteration evaluated, in the E-step and again in the M-step. */
    SAMPLED_AND_UPDATED;

    /** The name in a curve's settings file and the ablation's table. */
    public String id() {
        return switch (this) {
            case POINTS_SAMPLED -> "sampled";
            case POINTS_UPDATED -> "updated";
            case SAMPLED_AND_UPDATED -> "sampled+updated";
        };
    }

    /**
     * What one iteration adds to the x axis, for MCEM with these settings on N training points and
     * minibatches of M (N >= M): the E-step samples M (on-line) or N (batch) points, the M-step's
     * updates take M points each. Figure 3's curve jobs place MCEM's steps on the axis by this;
     * {@link #samples(Mcem)} counts the same from what the learner did.
     */
    public long perIteration(Mcem.Settings s, int n, int m) {
        long sampled = s.eStep() == Mcem.EStep.ALL ? n : m, updated = (long) s.weightUpdates() * m;
        return switch (this) {
            case POINTS_SAMPLED -> sampled;
            case POINTS_UPDATED -> updated;
            case SAMPLED_AND_UPDATED -> sampled + updated;
        };
    }

    /** MCEM's position on the x axis so far, by this convention. */
    public long samples(Mcem m) {
        return switch (this) {
            case POINTS_SAMPLED -> m.pointsSampled();
            case POINTS_UPDATED -> m.pointsUpdated();
            case SAMPLED_AND_UPDATED -> m.pointsSampled() + m.pointsUpdated();
        };
    }
}
