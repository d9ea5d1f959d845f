package aevb.tensor;

import java.util.Arrays;

/**
 * A dense rows x cols matrix of float32, stored row-major in one {@code float[]}.
 *
 * <p>Rank 2 is all the paper needs: a minibatch of M data points is an (M, D) matrix with one
 * data point per row, a weight matrix is (out, in), a bias or a row of per-pixel values is
 * (1, n), and a scalar such as the bound is (1, 1). Keeping one layout makes every kernel a
 * plain loop over one array, which is what the SIMD kernels want.
 */
public final class Tensor {
    public final int rows;
    public final int cols;
    /** Element (r, c) is {@code data[r * cols + c]}. */
    public final float[] data;

    public Tensor(int rows, int cols) {
        this(rows, cols, new float[checkedSize(rows, cols)]);
    }

    /** Wraps {@code data} without copying; its length must be rows * cols. */
    public Tensor(int rows, int cols, float[] data) {
        if (data.length != checkedSize(rows, cols)) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " tensor needs "
                    + (long) rows * cols + " values, got " + data.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    public static Tensor zeros(int rows, int cols) {
        return new Tensor(rows, cols);
    }

    public static Tensor of(int rows, int cols, float... values) {
        return new Tensor(rows, cols, values.clone());
    }

    public static Tensor scalar(float value) {
        return new Tensor(1, 1, new float[] {value});
    }

    public static Tensor filled(int rows, int cols, float value) {
        Tensor t = new Tensor(rows, cols);
        Arrays.fill(t.data, value);
        return t;
    }

    private static int checkedSize(int rows, int cols) {
        if (rows < 0 || cols < 0 || (long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("bad tensor shape " + rows + "x" + cols);
        }
        return rows * cols;
    }

    public int size() {
        return data.length;
    }

    public float get(int r, int c) {
        return data[r * cols + c];
    }

    public void set(int r, int c, float v) {
        data[r * cols + c] = v;
    }

    /** The single value of a 1x1 tensor. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs a 1x1 tensor, this one is " + shape());
        }
        return data[0];
    }

    public boolean sameShape(Tensor o) {
        return rows == o.rows && cols == o.cols;
    }

    public String shape() {
        return rows + "x" + cols;
    }

    public Tensor copy() {
        return new Tensor(rows, cols, data.clone());
    }

    public void copyFrom(Tensor src) {
        Shapes.same("copyFrom", this, src);
        System.arraycopy(src.data, 0, data, 0, data.length);
    }

    public void fill(float v) {
        Arrays.fill(data, v);
    }

    public void zero() {
        Arrays.fill(data, 0f);
    }

    /** Rows [from, to) as a new tensor (a copy). */
    public Tensor rowSlice(int from, int to) {
        if (from < 0 || to > rows || from > to) {
            throw new IndexOutOfBoundsException("rows " + from + ".." + to + " of a " + shape() + " tensor");
        }
        return new Tensor(to - from, cols, Arrays.copyOfRange(data, from * cols, to * cols));
    }

    /** True when every value is finite (no NaN, no infinity). */
    public boolean allFinite() {
        for (float v : data) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor ").append(shape()).append(" [");
        int n = Math.min(data.length, 8);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(data[i]);
        }
        return sb.append(data.length > n ? ", ...]" : "]").toString();
    }
}
