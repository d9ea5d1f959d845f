package aevb.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import aevb.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Tape.withConstantLeaves(): leaves bind as constants, variables still get their gradient. */
class TapeConstantLeavesTest {

    @Test
    void leavesGetNoGradientButVariablesDo() {
        Tensor w = Tensor.of(1, 2, 3f, -2f), wGrad = Tensor.of(1, 2, 7f, 7f), z = Tensor.of(1, 2, 0.5f, 4f);
        Tape tape = Tape.withConstantLeaves();
        Var leaf = tape.leaf(w, wGrad);
        Var zv = tape.variable(z);
        Var loss = Reductions.sum(Elementwise.mul(leaf, zv));   // Σ w z
        tape.backward(loss);
        assertFalse(leaf.requiresGrad(), "the leaf is a constant");
        assertArrayEquals(new float[] {7f, 7f}, wGrad.data, "the leaf's gradient buffer is untouched");
        assertArrayEquals(new float[] {3f, -2f}, zv.grad().data, "d Σ w z / dz = w");

        Tape ordinary = new Tape();
        Var l2 = ordinary.leaf(w, wGrad);
        ordinary.backward(Reductions.sum(Elementwise.mul(l2, ordinary.constant(z))));
        assertArrayEquals(new float[] {7.5f, 11f}, wGrad.data, "an ordinary tape still accumulates into the leaf");
    }
}
