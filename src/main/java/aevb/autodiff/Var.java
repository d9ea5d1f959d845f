package aevb.autodiff;

import aevb.tensor.Tensor;

/**
 * A node of the {@link Tape}: a value, the gradient of the final scalar with respect to it, and
 * the backward step that passes that gradient on to the node's inputs.
 *
 * <p>The gradient buffer is created (zeroed) the first time a gradient flows into the node, and
 * backward steps always add into it: a value used twice receives both contributions.
 */
public final class Var {
    public final Tensor value;
    final Tape tape;
    final boolean requiresGrad;
    Tensor grad;
    /** Passes this node's gradient to its inputs; null for leaves and constants. */
    Runnable backward;

    Var(Tape tape, Tensor value, Tensor grad, boolean requiresGrad) {
        this.tape = tape;
        this.value = value;
        this.grad = grad;
        this.requiresGrad = requiresGrad;
    }

    public int rows() {
        return value.rows;
    }

    public int cols() {
        return value.cols;
    }

    public int size() {
        return value.data.length;
    }

    /** The value's array, row-major. */
    public float[] data() {
        return value.data;
    }

    public String shape() {
        return value.shape();
    }

    /** d loss / d this, after {@link Tape#backward}; null when no gradient reached this node. */
    public Tensor grad() {
        return grad;
    }

    /** The tape this node was recorded on; new nodes built from it go there too. */
    public Tape tape() {
        return tape;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The gradient buffer to accumulate into, created zeroed on first use. */
    float[] gradData() {
        if (grad == null) {
            grad = tape.zeroed(value.rows, value.cols);
        }
        return grad.data;
    }

    /**
     * True once some gradient has flowed into this node (always for a parameter's leaf). An op
     * that can write its input's gradient outright checks this first: the first gradient to
     * arrive is written into a fresh buffer ({@link #gradBuffer}), later ones are added.
     */
    boolean hasGrad() {
        return grad != null;
    }

    /** The gradient buffer, created uninitialised on first use: the caller writes all of it. */
    float[] gradBuffer() {
        if (grad == null) {
            grad = tape.take(value.rows, value.cols);
        }
        return grad.data;
    }

    /** The single value of a 1x1 node. */
    public float item() {
        return value.item();
    }

    @Override
    public String toString() {
        return "Var " + value;
    }
}
