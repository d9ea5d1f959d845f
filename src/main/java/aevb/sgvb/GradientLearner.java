package aevb.sgvb;

import aevb.autodiff.Tape;
import aevb.nn.Optimizer;
import aevb.nn.Parameter;
import aevb.nn.WeightDecay;
import java.util.List;

/**
 * The bookkeeping every learner that takes one optimiser step per minibatch shares: its
 * parameters and optimiser, the prior on θ as weight decay, the tape, the step counter that keys
 * its noise, and the checked update at the end of a step. AEVB and wake-sleep ({@link
 * VaeLearner}), the conditional VAE ({@link CvaeLearner}) and the semi-supervised learners
 * ({@code aevb.semi}) differ only in what a step computes, which each writes beside its paper's
 * formula.
 */
public abstract class GradientLearner implements Learner {
    protected final Optimizer optimizer;
    protected final WeightDecay weightDecay;
    protected final Tape tape = new Tape();
    /** Every parameter of the model. */
    protected final List<Parameter> params;
    private float[][] gradients;   // the gradient arrays of params, gathered on the first update
    private long step;

    protected GradientLearner(List<Parameter> params, Optimizer optimizer, WeightDecay weightDecay) {
        this.params = params;
        this.optimizer = optimizer;
        this.weightDecay = weightDecay;
    }

    /**
     * The end of a step whose gradients are on the parameters: a non-finite gradient stops it with
     * nothing updated ({@link NonFiniteException}); else one optimiser step, with the prior's
     * weight decay on {@code theta}, and the step is counted.
     */
    protected final void update(List<Parameter> theta) {
        if (gradients == null) {
            gradients = NonFiniteException.gradientArrays(params);
        }
        NonFiniteException.requireFiniteGradients(params, gradients, step);
        optimizer.step(params, weightDecay, theta);
        step++;
    }

    /** After a failed step: no half-computed gradient may reach the next one. */
    protected final void zeroGradients() {
        for (Parameter p : params) {
            p.grad.zero();
        }
    }

    /** Counts a finished step that updated the parameters itself: the next one draws the noise of the next counter. */
    protected final void stepDone() {
        step++;
    }

    @Override
    public final long steps() {
        return step;
    }

    @Override
    public final void resumeAt(long steps) {
        this.step = steps;
    }

    @Override
    public final List<Parameter> parameters() {
        return params;
    }

    @Override
    public final Optimizer optimizer() {
        return optimizer;
    }

    public final WeightDecay weightDecay() {
        return weightDecay;
    }
}
