package aevb.data;

import java.util.Locale;

/**
 * How grey-level pixels in [0, 1] become the data the Bernoulli decoder sees.
 *
 * <ul>
 *   <li>{@link #NONE}: the intensities themselves, as the paper does (its Bernoulli
 *       log-likelihood {@code x log y + (1 - x) log(1 - y)} is well defined for x in [0, 1]).
 *   <li>{@link #DYNAMIC}: each pixel is a fresh Bernoulli draw with probability equal to its
 *       intensity, every epoch (as in IWAE, Burda et al. 2015): the model sees binary data whose
 *       expectation is the image.
 *   <li>{@link #FIXED}: one Bernoulli draw per image and seed, the same every epoch (in the spirit
 *       of Salakhutdinov and Murray's fixed binarisation, but from our seed, not theirs).
 * </ul>
 *
 * <p>The draw for pixel j of image i in epoch e is a pure function of (seed, e, i, j): a
 * counter-based generator (SplitMix64's output function on a counter), not a stateful stream.
 * So a run resumed from a checkpoint sees exactly the binarisation an uninterrupted run would
 * have seen, and the order in which minibatches are drawn does not matter.
 */
public enum Binarization {
    NONE, DYNAMIC, FIXED;

    /** FIXED draws as if in this epoch, which DYNAMIC never uses (its epochs are >= 0). */
    private static final long FIXED_EPOCH = -1;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** Parses a flag value: none, dynamic or fixed (any case). */
    public static Binarization parse(String text) {
        if (text != null) {
            for (Binarization b : values()) {
                if (b.name().equalsIgnoreCase(text.trim())) {
                    return b;
                }
            }
        }
        throw new IllegalArgumentException("unknown binarization '" + text + "': use none (pixel intensities, as"
                + " the paper), dynamic (a fresh draw each epoch) or fixed (one draw per image)");
    }

    /** The flag spelling: "none", "dynamic", "fixed". */
    public String flag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Binarises a minibatch in place: row r of {@code batch} (D = {@code dim} values) holds image
     * {@code indices[from + r]} of the data set, m rows in all. Does nothing for {@link #NONE}.
     *
     * @param seed  the run's binarisation seed (its own stream, apart from the others)
     * @param epoch the epoch (>= 0); ignored by {@link #FIXED}
     */
    public void apply(float[] batch, int m, int dim, int[] indices, int from, long seed, long epoch) {
        if (this == NONE) {
            return;
        }
        long e = this == FIXED ? FIXED_EPOCH : epoch;
        long perEpoch = mix(seed ^ mix(e * GOLDEN + 0x632BE59BD9B4E019L));
        for (int r = 0; r < m; r++) {
            long perImage = mix(perEpoch + GOLDEN * (indices[from + r] + 1L));
            int base = r * dim;
            for (int j = 0; j < dim; j++) {
                batch[base + j] = uniform(perImage, j) < batch[base + j] ? 1f : 0f;
            }
        }
    }

    /**
     * The uniform draw for pixel j of one image: the j-th output of SplitMix64 started at
     * {@code perImage}, i.e. its output function on a counter, 24 bits in [0, 1).
     */
    private static float uniform(long perImage, int j) {
        return (mix(perImage + GOLDEN * (j + 1L)) >>> 40) * 0x1.0p-24f;
    }

    /** SplitMix64's output function (Steele, Lea and Flood 2014): a strong 64-bit mixer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A binarised copy of a whole data set, image i drawn as in {@link #apply} with index i:
     * for a held-out set evaluated the same way every time. NONE returns the data set itself.
     */
    public Dataset applyTo(Dataset data, long seed, long epoch) {
        if (this == NONE) {
            return data;
        }
        float[] x = data.images().clone();
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        apply(x, all.length, data.dim(), all, 0, seed, epoch);
        return new Dataset(data.name() + "/" + flag(), data.size(), data.height(), data.width(), x, data.labels());
    }
}
