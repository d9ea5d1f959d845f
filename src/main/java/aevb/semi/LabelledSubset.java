package aevb.semi;

import aevb.data.Dataset;
import aevb.random.Randomness;
import java.util.Arrays;

/**
 * Which training images keep their labels in a semi-supervised run: N/K of each of the K classes
 * (class-balanced, as the paper's N = 100 means 10 per digit), the first of each class in the
 * permutation of (seed, LABELS, 0). A function of the seed and the labels alone, so a resumed
 * run, a second thread count and the supervised baseline all see the same labelled images.
 */
public final class LabelledSubset {
    private LabelledSubset() {}

    /** The indices of the labelled images, in increasing order. */
    public static int[] choose(int[] labels, int n, int classes, long seed) {
        if (n < classes || n % classes != 0) {
            throw new IllegalArgumentException("the number of labels must be a multiple of the " + classes
                    + " classes, got " + n);
        }
        int perClass = n / classes;
        int[] taken = new int[classes];
        int[] chosen = new int[n];
        int c = 0;
        for (int i : Randomness.permutation(seed, Randomness.Stream.LABELS, 0, labels.length)) {
            int y = labels[i];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("label " + y + " of image " + i + " is not in 0.." + (classes - 1));
            }
            if (taken[y] < perClass) {
                taken[y]++;
                chosen[c++] = i;
            }
        }
        for (int y = 0; y < classes; y++) {
            if (taken[y] < perClass) {
                throw new IllegalArgumentException("class " + y + " has only " + taken[y] + " images, "
                        + perClass + " labelled ones are asked for");
            }
        }
        Arrays.sort(chosen);
        return chosen;
    }

    /** The labelled images of {@code train} as a data set of their own (copied). */
    public static Dataset of(Dataset train, int n, int classes, long seed) {
        if (!train.hasLabels()) {
            throw new IllegalArgumentException(train.name() + " has no labels: semi-supervised learning needs a labelled data set (mnist or sample)");
        }
        return train.select(train.name() + "/labelled", choose(train.labels(), n, classes, seed));
    }
}
