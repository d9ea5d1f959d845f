package aevb.autodiff;

import static aevb.autodiff.Elementwise.*;
import static aevb.autodiff.Matrices.*;
import static aevb.autodiff.Reductions.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aevb.tensor.Tensor;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Every op's gradient against central differences, as properties over generated shapes and
 * values. Each loss is Σ w ⊙ op(...) with fixed random weights w, so that every output element
 * reaches the loss with its own weight and a gradient routed to the wrong element shows.
 */
class OpsGradientTest {

    static Tensor random(Random rnd, int rows, int cols, double lo, double hi) {
        Tensor t = new Tensor(rows, cols);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
        }
        return t;
    }

    /** Σ w ⊙ y for fixed weights w drawn from the seed. */
    static Var weightedSum(Var y, long seed) {
        Tensor w = random(new Random(seed ^ 0x5eed), y.rows(), y.cols(), -1, 1);
        return sum(mul(y, y.tape.constant(w)));
    }

    static void checkUnary(UnaryOperator<Var> op, int rows, int cols, long seed, double lo, double hi) {
        Tensor x = random(new Random(seed), rows, cols, lo, hi);
        check(List.of(x), v -> weightedSum(op.apply(v.get(0)), seed));
    }

    static void check(List<Tensor> inputs, Function<List<Var>, Var> f) {
        GradientCheck.Report report = GradientCheck.ofInputs(inputs, f);
        assertTrue(report.ok(), () -> "gradient check failed:\n" + report);
    }

    @Property(tries = 40)
    void unaryOps(@ForAll @IntRange(min = 1, max = 5) int rows, @ForAll @IntRange(min = 1, max = 9) int cols,
                  @ForAll long seed) {
        checkUnary(Elementwise::tanh, rows, cols, seed, -2, 2);
        checkUnary(Elementwise::sigmoid, rows, cols, seed, -3, 3);
        checkUnary(Elementwise::exp, rows, cols, seed, -2, 2);
        checkUnary(Elementwise::log, rows, cols, seed, 0.5, 3);
        checkUnary(Elementwise::softplus, rows, cols, seed, -4, 4);
        checkUnary(Elementwise::logSigmoid, rows, cols, seed, -4, 4);
        checkUnary(Elementwise::square, rows, cols, seed, -2, 2);
        checkUnary(Elementwise::neg, rows, cols, seed, -2, 2);
        checkUnary(v -> scale(v, 0.7f), rows, cols, seed, -2, 2);
        checkUnary(v -> addScalar(v, 1.5f), rows, cols, seed, -2, 2);
        checkUnary(v -> repeatRows(v, 3), rows, cols, seed, -2, 2);
    }

    @Property(tries = 40)
    void binaryOps(@ForAll @IntRange(min = 1, max = 5) int rows, @ForAll @IntRange(min = 1, max = 9) int cols,
                   @ForAll long seed) {
        Random rnd = new Random(seed);
        Tensor a = random(rnd, rows, cols, -2, 2), b = random(rnd, rows, cols, -2, 2);
        check(List.of(a, b), v -> weightedSum(add(v.get(0), v.get(1)), seed));
        check(List.of(a, b), v -> weightedSum(sub(v.get(0), v.get(1)), seed));
        check(List.of(a, b), v -> weightedSum(mul(v.get(0), v.get(1)), seed));
    }

    /** [A | B] passes each column's gradient back to the operand it came from; a constant operand gets none. */
    @Property(tries = 40)
    void columnConcatenation(@ForAll @IntRange(min = 1, max = 5) int rows, @ForAll @IntRange(min = 1, max = 6) int p,
                             @ForAll @IntRange(min = 1, max = 6) int q, @ForAll long seed) {
        Random rnd = new Random(seed);
        Tensor a = random(rnd, rows, p, -2, 2), b = random(rnd, rows, q, -2, 2);
        check(List.of(a, b), v -> weightedSum(concatColumns(v.get(0), v.get(1)), seed));
        check(List.of(a, b), v -> weightedSum(square(concatColumns(v.get(1), v.get(0))), seed));
        Tape tape = new Tape();
        Var y = concatColumns(tape.constant(a), tape.constant(b));
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < p + q; j++) {
                org.junit.jupiter.api.Assertions.assertEquals(j < p ? a.get(i, j) : b.get(i, j - p), y.value.get(i, j));
            }
        }
        Tape t2 = new Tape();
        Var va = t2.variable(a);
        t2.backward(sum(concatColumns(va, t2.constant(b))));
        for (float g : va.grad.data) {
            org.junit.jupiter.api.Assertions.assertEquals(1f, g, "d(sum)/da = 1 with a constant b beside a");
        }
    }

    @Property(tries = 40)
    void matrixProducts(@ForAll @IntRange(min = 1, max = 6) int m, @ForAll @IntRange(min = 1, max = 7) int k,
                        @ForAll @IntRange(min = 1, max = 6) int n, @ForAll long seed) {
        Random rnd = new Random(seed);
        Tensor a = random(rnd, m, k, -1, 1), b = random(rnd, k, n, -1, 1);
        Tensor bt = random(rnd, n, k, -1, 1), at = random(rnd, k, m, -1, 1);
        check(List.of(a, b), v -> weightedSum(matmul(v.get(0), v.get(1)), seed));
        check(List.of(a, bt), v -> weightedSum(matmulBt(v.get(0), v.get(1)), seed));
        check(List.of(at, b), v -> weightedSum(matmulAt(v.get(0), v.get(1)), seed));
    }

    @Property(tries = 40)
    void biasAndReductions(@ForAll @IntRange(min = 1, max = 6) int rows, @ForAll @IntRange(min = 1, max = 9) int cols,
                           @ForAll long seed) {
        Random rnd = new Random(seed);
        Tensor x = random(rnd, rows, cols, -2, 2), bias = random(rnd, 1, cols, -2, 2);
        check(List.of(x, bias), v -> weightedSum(addRowVector(v.get(0), v.get(1)), seed));
        checkUnary(Reductions::sumRows, rows, cols, seed, -2, 2);
        checkUnary(Reductions::sumCols, rows, cols, seed, -2, 2);
        checkUnary(v -> scale(mean(v), 3f), rows, cols, seed, -2, 2);
        checkUnary(v -> square(sum(v)), rows, cols, seed, -1, 1);
    }

    /** A value used several times must receive every contribution (+=, never =). */
    @Property(tries = 40)
    void reusedValuesAccumulate(@ForAll @IntRange(min = 1, max = 4) int rows, @ForAll @IntRange(min = 1, max = 6) int cols,
                                @ForAll long seed) {
        Random rnd = new Random(seed);
        Tensor x = random(rnd, rows, cols, -1.5, 1.5), w = random(rnd, cols, cols, -1, 1);
        check(List.of(x, w), v -> {
            Var xv = v.get(0), wv = v.get(1);
            Var h = tanh(matmul(xv, wv));                    // x used here,
            Var y = add(mul(h, xv), square(xv));             // twice here,
            return weightedSum(add(y, matmulBt(xv, wv)), seed); // and again with W reused
        });
    }

    /** The check itself must be able to fail: a deliberately wrong derivative is caught. */
    @Property(tries = 10)
    void aWrongDerivativeIsCaught(@ForAll @IntRange(min = 1, max = 4) int rows, @ForAll long seed) {
        Tensor x = random(new Random(seed), rows, 3, 0.2, 2);
        GradientCheck.Report report = GradientCheck.ofInputs(List.of(x), v -> {
            Var a = v.get(0);
            Var y = a.tape.result(a.rows(), a.cols(), true);
            for (int i = 0; i < y.size(); i++) {
                y.data()[i] = a.data()[i] * a.data()[i];
            }
            y.backward = () -> {                             // d(x²)/dx is 2x, not x
                for (int i = 0; i < y.size(); i++) {
                    a.gradData()[i] += y.grad.data[i] * a.data()[i];
                }
            };
            return sum(y);
        });
        assertTrue(report.maxRelativeError() > 0.1, report::toString);
    }
}
