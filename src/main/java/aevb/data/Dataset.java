package aevb.data;

import aevb.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * N images of height x width pixels as floats in [0, 1], one image a row, with optional labels.
 *
 * <p>The paper's x: for MNIST, D = 28 * 28 = 784 grey levels divided by 255 (section 5 trains on
 * the intensities, not on binarised digits; see {@link Binarization} for the alternatives); for
 * Frey Face, D = 28 * 20 = 560. The pixels are held once, as floats, because training reads a
 * minibatch about 300 times a second and converting bytes each time would cost more than it saves.
 *
 * <p>{@link #copyBatch} fills a caller's buffer with the rows a minibatch needs, so a training
 * step allocates nothing.
 */
public final class Dataset {
    private final String name;
    private final int size;
    private final int height;
    private final int width;
    private final float[] x; // (N, D), row-major
    private final int[] labels; // (N) or null

    /**
     * Wraps {@code x} (length size * height * width, values in [0, 1]) without copying.
     *
     * @param labels one per image, or null when the data set has none
     */
    public Dataset(String name, int size, int height, int width, float[] x, int[] labels) {
        this.name = Objects.requireNonNull(name);
        if (size < 0 || height <= 0 || width <= 0 || (long) size * height * width != x.length) {
            throw new IllegalArgumentException(name + ": " + size + " images of " + height + "x" + width
                    + " need " + (long) size * height * width + " values, got " + x.length);
        }
        if (labels != null && labels.length != size) {
            throw new IllegalArgumentException(name + ": " + size + " images but " + labels.length + " labels");
        }
        this.size = size;
        this.height = height;
        this.width = width;
        this.x = x;
        this.labels = labels;
    }

    /** Images from unsigned bytes: each pixel becomes {@code (b & 0xff) / max} (255 for grey levels, 1 for 0/1 data). */
    public static Dataset fromBytes(String name, int size, int height, int width, byte[] pixels, int max, int[] labels) {
        float[] x = new float[pixels.length];
        float fmax = max;
        for (int i = 0; i < x.length; i++) {
            x[i] = (pixels[i] & 0xff) / fmax; // correctly rounded, so the same bytes give the same floats everywhere
        }
        return new Dataset(name, size, height, width, x, labels);
    }

    /** A short name for logs and checkpoints, e.g. "mnist/train". */
    public String name() {
        return name;
    }

    /** N, the number of data points. */
    public int size() {
        return size;
    }

    /** D = height * width, the dimension of one data point x. */
    public int dim() {
        return height * width;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** All images, (N, D) row-major; shared, not copied: do not modify. */
    public float[] images() {
        return x;
    }

    /** All images as an (N, D) tensor that shares this data set's array. */
    public Tensor asTensor() {
        return new Tensor(size, dim(), x);
    }

    /** True when the data set has labels (MNIST does, Frey Face and binarized MNIST do not). */
    public boolean hasLabels() {
        return labels != null;
    }

    /** The labels, one per image, or null; shared, not copied. */
    public int[] labels() {
        return labels;
    }

    public int label(int i) {
        if (labels == null) {
            throw new IllegalStateException(name + " has no labels");
        }
        return labels[i];
    }

    /**
     * Copies images {@code indices[from] .. indices[from + m - 1]} into rows 0..m-1 of
     * {@code dst} (at least m * D long). Allocates nothing.
     */
    public void copyBatch(int[] indices, int from, int m, float[] dst) {
        int d = dim();
        if (from < 0 || m < 0 || from + m > indices.length || (long) m * d > dst.length) {
            throw new IndexOutOfBoundsException("batch of " + m + " from position " + from + " of " + indices.length
                    + " indices into a buffer of " + dst.length + " floats (D = " + d + ")");
        }
        for (int r = 0; r < m; r++) {
            System.arraycopy(x, indices[from + r] * d, dst, r * d, d);
        }
    }

    /** Copies the images named by {@code indices[from ..]} into every row of {@code dst}, an (M, D) tensor. */
    public void copyBatch(int[] indices, int from, Tensor dst) {
        if (dst.cols != dim()) {
            throw new IllegalArgumentException("batch tensor is " + dst.shape() + ", its rows must have D = " + dim());
        }
        copyBatch(indices, from, dst.rows, dst.data);
    }

    /** Copies one image into {@code dst} (length at least D). */
    public void copyImage(int i, float[] dst) {
        System.arraycopy(x, i * dim(), dst, 0, dim());
    }

    /** Images [from, to) as a new data set (copied), named {@code name}. */
    public Dataset slice(String newName, int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("images " + from + ".." + to + " of " + size);
        }
        int d = dim();
        return new Dataset(newName, to - from, height, width, Arrays.copyOfRange(x, from * d, to * d),
                labels == null ? null : Arrays.copyOfRange(labels, from, to));
    }

    /** The images at {@code indices}, in that order, as a new data set (copied), named {@code name}. */
    public Dataset select(String newName, int[] indices) {
        int d = dim();
        float[] xs = new float[indices.length * d];
        int[] ys = labels == null ? null : new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            if (indices[r] < 0 || indices[r] >= size) {
                throw new IndexOutOfBoundsException("image " + indices[r] + " of " + size);
            }
            System.arraycopy(x, indices[r] * d, xs, r * d, d);
            if (ys != null) {
                ys[r] = labels[indices[r]];
            }
        }
        return new Dataset(newName, indices.length, height, width, xs, ys);
    }

    /** The same images under another name (shares the arrays). */
    public Dataset named(String newName) {
        return new Dataset(newName, size, height, width, x, labels);
    }

    @Override
    public String toString() {
        return name + ": " + size + " images of " + height + "x" + width + (labels != null ? ", labelled" : "");
    }
}
