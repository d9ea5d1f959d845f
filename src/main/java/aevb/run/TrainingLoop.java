package aevb.run;

import aevb.data.Minibatch;
import aevb.data.Minibatches;
import aevb.sgvb.Learner;
import aevb.sgvb.NonFiniteException;
import java.io.IOException;

/**
 * The one training loop: draw minibatch t, step the learner on it, then let the caller log and
 * evaluate on its own schedule, and checkpoint every so often; until the budget is spent or a
 * stop is asked for. {@code aevb train} ({@link TrainingRun}, {@link FullVbRun}), the curves of
 * {@code aevb reproduce} ({@code experiments.Figure2}, {@code Figure3}) and {@code aevb bench}
 * all drive their learners through it, so they all see the same minibatches in the same order
 * ({@link Minibatches}, a pure function of (seed, t)) and a resumed run continues exactly.
 *
 * <p>The loop holds no state of its own beyond the time spent in steps: where it is comes from
 * {@link Learner#steps}, so resuming a learner resumes the loop.
 */
public final class TrainingLoop {

    /** What the caller does around the steps. */
    public interface Listener {
        /** Before iteration t (0-based); {@link #requestStop} from here stops before it. Tests inject faults here. */
        default void beforeStep(long t) throws IOException {}

        /**
         * After a successful iteration: {@code s} iterations are done, {@code bound} is the
         * learner's estimate on the minibatch. Logs and evaluates on the caller's schedule; returns
         * whether this is a point where a checkpoint may be taken.
         */
        boolean afterStep(long s, double bound) throws IOException;

        /** Saves what a resumed run needs after {@code s} iterations. */
        default void checkpoint(long s) throws IOException {}
    }

    private final Learner learner;
    private final Minibatches batches;
    private final long totalSteps;
    private double checkpointSeconds = Double.POSITIVE_INFINITY;
    private double stepSeconds;
    private volatile boolean stopRequested;

    /** @param totalSteps the budget in iterations; the loop runs until the learner has done this many */
    public TrainingLoop(Learner learner, Minibatches batches, long totalSteps) {
        this.learner = learner;
        this.batches = batches;
        this.totalSteps = totalSteps;
    }

    /** The budget in training samples rounded up to whole minibatches of M, as iterations. */
    public static long steps(long samples, int batch) {
        return (samples + batch - 1) / batch;
    }

    /**
     * Checkpoints at the first point allowed ({@link Listener#afterStep} true) once this many
     * seconds of wall time have passed since the last one, and at the last iteration; 0: at every
     * allowed point. Without this the loop never checkpoints on its own.
     */
    public TrainingLoop checkpointEvery(double seconds) {
        this.checkpointSeconds = seconds;
        return this;
    }

    /** Continues the count of seconds spent in steps (for a resumed run). */
    public TrainingLoop stepSecondsBefore(double seconds) {
        this.stepSeconds = seconds;
        return this;
    }

    /**
     * One iteration, outside {@link #run}: draws minibatch t = {@link Learner#steps} and steps the
     * learner on it. Returns the learner's bound estimate on the minibatch.
     */
    public double step() {
        Minibatch batch = batches.draw(learner.steps());
        long t0 = System.nanoTime();
        try {
            return learner.step(batch);
        } finally {
            stepSeconds += (System.nanoTime() - t0) / 1e9;
        }
    }

    /**
     * Runs until the learner has done {@link #totalSteps} iterations or a stop is requested.
     * Returns true when the budget is spent. A {@link NonFiniteException} of the learner stops
     * the loop and reaches the caller, the learner unchanged by the failed step.
     */
    public boolean run(Listener listener) throws IOException {
        long lastCheckpoint = System.nanoTime();
        while (learner.steps() < totalSteps) {
            listener.beforeStep(learner.steps());
            if (stopRequested) {
                break;
            }
            double bound = step();
            long s = learner.steps();
            if (listener.afterStep(s, bound)
                    && (s == totalSteps || (System.nanoTime() - lastCheckpoint) / 1e9 >= checkpointSeconds)) {
                listener.checkpoint(s);
                lastCheckpoint = System.nanoTime();
            }
        }
        return learner.steps() >= totalSteps;
    }

    /** Asks {@link #run} to stop before the next iteration. */
    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /** Seconds spent inside the learner's steps so far (evaluation and checkpoints not counted). */
    public double stepSeconds() {
        return stepSeconds;
    }

    public long totalSteps() {
        return totalSteps;
    }

    public Learner learner() {
        return learner;
    }

    public Minibatches minibatches() {
        return batches;
    }
}
