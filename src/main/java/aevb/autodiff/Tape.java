package aevb.autodiff;

import aevb.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A Wengert list: every differentiable op appends its output node here, so the order of the
 * list is an order in which each node comes after its inputs. {@link #backward} walks it in
 * reverse, which is all reverse-mode differentiation needs: when a node's step runs, every
 * node that used it has already added its share to the node's gradient.
 *
 * <p>Buffers are recycled: {@link #reset()} returns every value and gradient buffer the tape
 * handed out to a pool keyed by shape, and the next step, which asks for the same shapes in the
 * same order, gets them back. A training step in steady state allocates no arrays.
 */
public final class Tape {
    private final List<Var> nodes = new ArrayList<>();
    /** Free buffers by shape; a model asks for a handful of shapes, so a list is the quickest map. */
    private final List<Pool> free = new ArrayList<>();
    private final List<Tensor> lent = new ArrayList<>();
    private long allocations;
    private boolean constantLeaves;

    /**
     * A tape on which {@link #leaf} binds its value as a constant: parameters then get no
     * gradient, and the backward pass skips their (costly) weight gradients. For HMC, which
     * needs ∇_z log p_θ(x, z) under a fixed θ, with z a {@link #variable}.
     */
    public static Tape withConstantLeaves() {
        Tape tape = new Tape();
        tape.constantLeaves = true;
        return tape;
    }

    /** A value that needs no gradient: data, eps, fixed targets. */
    public Var constant(Tensor value) {
        return new Var(this, value, null, false);
    }

    /**
     * A leaf whose gradient is accumulated into {@code grad}, a buffer owned by the caller
     * (a parameter's gradient lives across steps; the optimiser zeroes it).
     */
    public Var leaf(Tensor value, Tensor grad) {
        if (!value.sameShape(grad)) {
            throw new IllegalArgumentException("leaf: value " + value.shape() + " and gradient "
                    + grad.shape() + " differ in shape");
        }
        return constantLeaves ? constant(value) : new Var(this, value, grad, true);
    }

    /** A leaf that needs a gradient, kept in a buffer of the tape's. */
    public Var variable(Tensor value) {
        return new Var(this, value, null, true);
    }

    /**
     * A new node for an op's result. Its value buffer is uninitialised: the op overwrites it,
     * and sets the node's backward step when the node needs a gradient.
     */
    Var result(int rows, int cols, boolean requiresGrad) {
        Var v = new Var(this, take(rows, cols), null, requiresGrad);
        nodes.add(v);
        return v;
    }

    /**
     * Runs reverse mode from {@code loss}, a 1x1 node: seeds d loss / d loss = 1 and runs every
     * backward step in the reverse of the order the ops were recorded.
     */
    public void backward(Var loss) {
        if (loss.tape != this) {
            throw new IllegalArgumentException("backward: the loss was recorded on another tape");
        }
        if (loss.size() != 1) {
            throw new IllegalArgumentException("backward: the loss must be 1x1, got " + loss.shape());
        }
        if (!loss.requiresGrad) {
            throw new IllegalArgumentException("backward: the loss depends on no variable");
        }
        loss.gradData()[0] += 1f;
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Var v = nodes.get(i);
            if (v.backward != null && v.grad != null) {
                v.backward.run();
            }
        }
    }

    /** Forgets every node and takes back every buffer for the next step. */
    public void reset() {
        nodes.clear();
        for (int i = 0; i < lent.size(); i++) {
            Tensor t = lent.get(i);
            pool(t.rows, t.cols).push(t);
        }
        lent.clear();
    }

    /** How many nodes the tape holds (for tests and curiosity). */
    public int size() {
        return nodes.size();
    }

    /** How many buffers the tape has had to allocate since it was made (not recycled ones). */
    public long allocations() {
        return allocations;
    }

    Tensor take(int rows, int cols) {
        ArrayDeque<Tensor> q = pool(rows, cols);
        Tensor t;
        if (q.isEmpty()) {
            t = new Tensor(rows, cols);
            allocations++;
        } else {
            t = q.pop();
        }
        lent.add(t);
        return t;
    }

    Tensor zeroed(int rows, int cols) {
        Tensor t = take(rows, cols);
        t.zero();
        return t;
    }

    /** The free buffers of shape (rows, cols); found by a scan, which boxes no key and allocates nothing. */
    private ArrayDeque<Tensor> pool(int rows, int cols) {
        for (int i = 0; i < free.size(); i++) {
            Pool p = free.get(i);
            if (p.rows == rows && p.cols == cols) {
                return p.buffers;
            }
        }
        Pool p = new Pool(rows, cols, new ArrayDeque<>());
        free.add(p);
        return p.buffers;
    }

    private record Pool(int rows, int cols, ArrayDeque<Tensor> buffers) {}
}
