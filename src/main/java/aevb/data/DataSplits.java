package aevb.data;

import aevb.random.Randomness;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A data set's named splits: the training set and what is held out from it.
 *
 * @param name       the data set, e.g. "mnist"
 * @param train      the data the bound is optimised on
 * @param validation held-out data for choosing hyper-parameters or early stopping, or null
 * @param test       held-out data for the final numbers, or null
 * @param files      each file read and the SHA-256 of its content: what exactly was trained on,
 *                   for logs and checkpoint headers
 */
public record DataSplits(String name, Dataset train, Dataset validation, Dataset test, Map<String, String> files) {
    public DataSplits {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** The held-out set to report: the test set when there is one, else the validation set. */
    public Dataset heldOut() {
        return test != null ? test : validation;
    }

    /**
     * The same images split again: {@code size} images drawn uniformly at random (seeded) from the
     * training and held-out images together are held out as the test set, the rest is the training
     * set, each in the order of the original files. For an ablation of how the held-out images are
     * chosen: Frey Face's are the last 400 frames of a video, a block of poses the training frames
     * never show, where a random choice puts a near-copy of every test frame, its neighbour in the
     * video, in the training set.
     */
    public DataSplits heldOutAtRandom(int size, long seed) {
        Dataset held = heldOut();
        int n = train.size() + (held == null ? 0 : held.size());
        if (size < 1 || size >= n) {
            throw new IllegalArgumentException(name + ": cannot hold out " + size + " of " + n + " images");
        }
        Dataset all = held == null ? train : concat(name + "/all", train, held);
        boolean[] out = new boolean[n];
        int[] p = Randomness.permutation(seed, Randomness.Stream.SPLIT, 0, n);
        for (int i = 0; i < size; i++) {
            out[p[i]] = true;
        }
        int[] testIdx = new int[size];
        int[] trainIdx = new int[n - size];
        for (int i = 0, a = 0, b = 0; i < n; i++) {
            if (out[i]) {
                testIdx[a++] = i;
            } else {
                trainIdx[b++] = i;
            }
        }
        return new DataSplits(name, all.select(name + "/train-random", trainIdx), null,
                all.select(name + "/test-random", testIdx), files);
    }

    private static Dataset concat(String name, Dataset a, Dataset b) {
        float[] x = new float[a.images().length + b.images().length];
        System.arraycopy(a.images(), 0, x, 0, a.images().length);
        System.arraycopy(b.images(), 0, x, a.images().length, b.images().length);
        int[] y = null;
        if (a.hasLabels() && b.hasLabels()) {
            y = new int[a.size() + b.size()];
            System.arraycopy(a.labels(), 0, y, 0, a.size());
            System.arraycopy(b.labels(), 0, y, a.size(), b.size());
        }
        return new Dataset(name, a.size() + b.size(), a.height(), a.width(), x, y);
    }

    /** One line for logs: "mnist: train 60000, test 10000 images of 28x28". */
    public String summary() {
        StringBuilder sb = new StringBuilder(name).append(": train ").append(train.size());
        if (validation != null) {
            sb.append(", validation ").append(validation.size());
        }
        if (test != null) {
            sb.append(", test ").append(test.size());
        }
        return sb.append(" images of ").append(train.height()).append('x').append(train.width()).toString();
    }
}
