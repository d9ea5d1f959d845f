/*
 * Step 2. The tape: reverse-mode gradients, one checked by hand and all by GradientCheck (Algorithm 1's g)
 *
 * Algorithm 1 needs g = ∇_{θ,φ} L̃(θ, φ; X, ε): the gradient of one number (the bound) with
 * respect to every weight of two networks. Reverse mode gets all of it for about the cost of one
 * more forward pass. aevb does it with a tape (a "Wengert list"):
 *
 *   - every op (mul, tanh, matmulBt, ...) computes its value and appends a node to the tape,
 *     holding the value and a small backward step: given d f / d output, ADD the contribution
 *     (d f / d output) · (d output / d input) into each input's gradient;
 *   - tape.backward(f) sets d f / d f = 1 and runs the steps in the reverse order of recording.
 *     When a node's step runs, every node that used it has already added its share.
 *
 * "Add", not "set": in f(a, b) = tanh(a·b) + a² the value a is used twice, and d f / d a is the
 * sum of both paths, b·(1 - tanh²(a·b)) + 2a. Part 1 computes this gradient three ways: from the
 * tape, from that formula, and from a central difference (f(a+h) - f(a-h)) / 2h.
 *
 * Part 2 does what aevb's tests do for every op, layer and estimator: GradientCheck perturbs every
 * input element in turn, computes the central difference, and compares the whole numerical
 * gradient with the tape's through ‖g - g_num‖ / (‖g‖ + ‖g_num‖). The tolerance 1e-2 is for
 * float32 arithmetic (autodiff/GradientCheck.java explains it); a wrong derivative (a missing
 * term, a factor of 2, '=' instead of '+=') gives errors of 0.1 to 1.
 *
 * Check: the three values of d f / d a agree, and GradientCheck passes for a tanh layer.
 */
import static aevb.autodiff.Elementwise.*;
import static aevb.autodiff.Matrices.*;
import static aevb.autodiff.Reductions.*;

import aevb.autodiff.GradientCheck;
import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.random.Randomness;
import aevb.tensor.Tensor;

void main() {
    // ---- Part 1: f(a, b) = tanh(a·b) + a², one gradient by hand ----
    float a0 = 0.5f, b0 = -1.5f;
    Tape tape = new Tape();
    Var a = tape.variable(Tensor.scalar(a0));        // a leaf that wants a gradient
    Var b = tape.variable(Tensor.scalar(b0));
    Var f = add(tanh(mul(a, b)), square(a));         // 4 ops, 4 nodes on the tape
    tape.backward(f);                                 // runs add, square, tanh, mul backwards

    double t = Math.tanh((double) a0 * b0);
    double byFormula = b0 * (1 - t * t) + 2 * a0;    // both paths through a, added
    double h = 1e-4;
    double central = (fOf(a0 + h, b0) - fOf(a0 - h, b0)) / (2 * h);
    double fromTape = a.grad().item();
    System.out.printf("f(a, b) = tanh(a·b) + a² at a = %.1f, b = %.1f: f = %.6f, %d nodes on the tape%n",
            a0, b0, f.item(), tape.size());
    System.out.printf("  df/da from the tape           %.7f%n", fromTape);
    System.out.printf("  df/da = b(1 - tanh²(ab)) + 2a %.7f%n", byFormula);
    System.out.printf("  (f(a+h) - f(a-h)) / 2h        %.7f   (h = %.0e, in double)%n", central, h);
    System.out.printf("  df/db from the tape           %.7f   (formula a(1 - tanh²(ab)) = %.7f)%n%n",
            b.grad().item(), a0 * (1 - t * t));
    double rel = Math.abs(fromTape - byFormula) / Math.abs(byFormula);
    check(rel < 1e-5 && Math.abs(central - byFormula) < 1e-6,
            String.format("df/da from the tape matches the formula (relative difference %.1e < 1e-5)", rel));

    // ---- Part 2: every gradient of a tanh layer, f(x, W, b) = Σ tanh(x·Wᵀ + b)² ----
    Tensor x = new Tensor(4, 3), w = new Tensor(5, 3), bias = new Tensor(1, 5);
    int counter = 0;
    for (Tensor p : new Tensor[] {x, w, bias}) {
        Randomness.gaussian(2, Randomness.Stream.INIT, counter++, p.data, p.size());
    }
    GradientCheck.Report report = GradientCheck.ofInputs(List.of(x, w, bias), v ->
            sum(square(tanh(addRowVector(matmulBt(v.get(0), v.get(1)), v.get(2))))));  // (4,3)·(5,3)ᵀ + (1,5)
    System.out.println("GradientCheck of f(x, W, b) = Σ tanh(x·Wᵀ + b)², x (4,3), W (5,3), b (1,5):");
    String[] names = {"x", "W", "b"};
    for (int i = 0; i < 3; i++) {
        var r = report.results().get(i);
        System.out.printf("  d f / d %-2s relative error %.1e   (first element: tape %.5f, numerical %.5f)%n",
                names[i], r.relativeError(), r.analytic()[0], r.numeric()[0]);
    }
    System.out.println();
    check(report.ok(), String.format("GradientCheck passed for x, W and b: largest relative error %.1e < %.0e",
            report.maxRelativeError(), GradientCheck.TOLERANCE));
}

/** f(a, b) in double, for the central difference. */
static double fOf(double a, double b) {
    return Math.tanh(a * b) + a * a;
}

/** Prints a line the reader (and the tests) can check; a check that fails stops the step. */
static void check(boolean ok, String what) {
    System.out.println("CHECK " + what + ": " + (ok ? "passed" : "FAILED"));
    if (!ok) {
        throw new IllegalStateException("check failed: " + what);
    }
}
