package aevb.autodiff;

import static aevb.autodiff.Elementwise.*;
import static aevb.autodiff.Matrices.*;
import static aevb.autodiff.Reductions.*;
import static org.junit.jupiter.api.Assertions.*;

import aevb.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TapeTest {

    @Test
    void gradientByHand() {
        // f(a, b) = Σ a ⊙ b + a²  ->  df/da = b + 2a, df/db = a
        Tape tape = new Tape();
        Tensor ga = new Tensor(1, 2), gb = new Tensor(1, 2);
        Var a = tape.leaf(Tensor.of(1, 2, 1f, -2f), ga);
        Var b = tape.leaf(Tensor.of(1, 2, 3f, 4f), gb);
        Var f = sum(add(mul(a, b), square(a)));
        assertEquals(3 - 8 + 1 + 4, f.item(), 1e-6);
        tape.backward(f);
        assertArrayEquals(new float[] {3 + 2, 4 - 4}, ga.data, 1e-6f);
        assertArrayEquals(new float[] {1, -2}, gb.data, 1e-6f);
    }

    @Test
    void shapeErrorsNameBothShapes() {
        Tape tape = new Tape();
        Var a = tape.constant(new Tensor(2, 3));
        Var b = tape.constant(new Tensor(4, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> matmul(a, b));
        assertTrue(e.getMessage().contains("2x3") && e.getMessage().contains("4x5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> add(a, b));
        assertTrue(e.getMessage().contains("2x3") && e.getMessage().contains("4x5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> matmulBt(a, b));
        assertTrue(e.getMessage().contains("2x3") && e.getMessage().contains("4x5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> addRowVector(a, b));
        assertTrue(e.getMessage().contains("2x3") && e.getMessage().contains("4x5"), e.getMessage());
    }

    @Test
    void backwardNeedsAScalarThatDependsOnAVariable() {
        Tape tape = new Tape();
        Var c = tape.constant(new Tensor(2, 2));
        assertThrows(IllegalArgumentException.class, () -> tape.backward(sum(c)));
        Var v = tape.variable(new Tensor(2, 2));
        assertThrows(IllegalArgumentException.class, () -> tape.backward(tanh(v)));
    }

    @Test
    void resetRecyclesEveryBuffer() {
        Tape tape = new Tape();
        Tensor w = Tensor.filled(3, 4, 0.1f), gw = new Tensor(3, 4);
        Tensor x = Tensor.filled(5, 4, 0.5f);
        long afterFirst = 0;
        for (int step = 0; step < 3; step++) {
            tape.reset();
            Var h = tanh(matmulBt(tape.constant(x), tape.leaf(w, gw)));
            tape.backward(sum(square(h)));
            if (step == 0) {
                afterFirst = tape.allocations();
            }
        }
        assertTrue(afterFirst > 0);
        assertEquals(afterFirst, tape.allocations(), "a steady-state step must allocate no buffers");
    }

    @Test
    void constantsReceiveNoGradient() {
        Tape tape = new Tape();
        Var c = tape.constant(Tensor.of(1, 2, 1f, 2f));
        Var v = tape.variable(Tensor.of(1, 2, 3f, 4f));
        tape.backward(sum(mul(c, v)));
        assertNull(c.grad());
        assertArrayEquals(new float[] {1f, 2f}, v.grad().data);
    }
}
