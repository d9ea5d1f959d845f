package aevb.nn;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.tensor.Tensor;

/**
 * A learnable tensor and the gradient accumulated into it. Parameters live outside the tape,
 * which binds them as leaves for one step; the optimiser reads the gradient and zeroes it.
 */
public final class Parameter {
    public final String name;
    public final Tensor value;
    public final Tensor grad;

    public Parameter(String name, int rows, int cols) {
        this.name = name;
        this.value = new Tensor(rows, cols);
        this.grad = new Tensor(rows, cols);
    }

    /** This parameter as a leaf of {@code tape}: backward adds d loss / d value into {@link #grad}. */
    public Var on(Tape tape) {
        return tape.leaf(value, grad);
    }

    public int size() {
        return value.data.length;
    }

    @Override
    public String toString() {
        return name + " " + value.shape();
    }
}
