package aevb.data;

import aevb.random.Randomness;
import aevb.tensor.Tensor;

/**
 * The minibatches of a training run, a pure function of (seed, t): iteration t belongs to epoch
 * e = t / (N / M); epoch e visits the training points in the order of the permutation drawn
 * from (seed, SHUFFLE, e), and iteration t takes the M points at position (t mod N/M)·M of it.
 * A run resumed at any t therefore sees the minibatches the uninterrupted run would have seen,
 * and two learners given the same seed see the same ones. The last N mod M points of each
 * permutation are skipped (each epoch is N/M whole minibatches).
 *
 * <p>Binarisation ({@link Binarization}) is applied to the drawn images, from its own seed and
 * the epoch; {@link Binarization#NONE} leaves the intensities as they are (the paper).
 */
public final class Minibatches {
    private final Dataset train;
    private final int batch;
    private final long seed;
    private final Binarization binarization;
    private final long binarizeSeed;
    private final int stepsPerEpoch;
    private final Tensor x;
    private final int[] indices;
    private int[] perm;
    private long permEpoch = -1;

    /** Minibatches of M = {@code batch} intensities (no binarisation). */
    public Minibatches(Dataset train, int batch, long seed) {
        this(train, batch, seed, Binarization.NONE, 0);
    }

    public Minibatches(Dataset train, int batch, long seed, Binarization binarization, long binarizeSeed) {
        if (batch < 1 || train.size() < batch) {
            throw new IllegalArgumentException("a minibatch of M = " + batch + " needs 1 <= M <= N; the training set has "
                    + train.size() + " images");
        }
        this.train = train;
        this.batch = batch;
        this.seed = seed;
        this.binarization = binarization;
        this.binarizeSeed = binarizeSeed;
        this.stepsPerEpoch = train.size() / batch;
        this.x = new Tensor(batch, train.dim());
        this.indices = new int[batch];
    }

    /** The minibatch of iteration t (0-based), into arrays reused from one call to the next. */
    public Minibatch draw(long t) {
        long epoch = t / stepsPerEpoch;
        if (epoch != permEpoch) {
            perm = Randomness.permutation(seed, Randomness.Stream.SHUFFLE, epoch, train.size());
            permEpoch = epoch;
        }
        int from = (int) (t % stepsPerEpoch) * batch;
        train.copyBatch(perm, from, x);
        System.arraycopy(perm, from, indices, 0, batch);
        binarization.apply(x.data, batch, train.dim(), perm, from, binarizeSeed, epoch);
        return new Minibatch(x, indices, t, epoch);
    }

    /** N / M: iterations per pass over the training set. */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** M. */
    public int batch() {
        return batch;
    }

    public Dataset train() {
        return train;
    }
}
