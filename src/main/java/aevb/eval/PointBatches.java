package aevb.eval;

import aevb.random.Randomness;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import java.util.function.IntConsumer;

/**
 * What the split evaluations ({@link SplitBound}, {@link ImportanceSampledLikelihood}) share: the
 * checks of their arguments, each data point's noise from its own counter, and the walk over the
 * split in groups of points with a progress report after each. Each lays out its decoder rows
 * its own way (L·M rows sample-major for the estimators, P points by S samples for importance
 * sampling), so that part stays with them.
 */
final class PointBatches {
    private PointBatches() {}

    /** One group of points [from, from + count) of the split. */
    interface Group {
        void run(int from, int count);
    }

    /** value, checked to be at least 1; {@code what} names it for the message. */
    static int atLeastOne(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + value);
        }
        return value;
    }

    /** Checks that the rows of x are data points of the model. */
    static void checkData(Tensor x, Vae vae) {
        if (x.cols != vae.config.dataDim()) {
            throw new IllegalArgumentException("the data have " + x.cols + " values per point but the model expects "
                    + vae.config.dataDim());
        }
    }

    /**
     * The first n noise values of data point {@code index}: the stream (seed, EVAL, index), so a
     * point's estimate does not depend on how the points are batched, and a split evaluated in
     * pieces (firstIndex + i) gives the numbers it gives whole.
     */
    static void pointNoise(long seed, long index, float[] eps, int n) {
        Randomness.gaussian(seed, Randomness.Stream.EVAL, index, eps, n);
    }

    /** Runs body on the n points in groups of {@code group}, telling pointsDone how many are done after each. */
    static void forEachGroup(int n, int group, IntConsumer pointsDone, Group body) {
        for (int from = 0; from < n; from += group) {
            int count = Math.min(group, n - from);
            body.run(from, count);
            pointsDone.accept(from + count);
        }
    }
}
