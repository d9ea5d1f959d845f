package aevb.autodiff;

import static aevb.autodiff.OpsGradientTest.check;
import static aevb.autodiff.OpsGradientTest.random;
import static aevb.autodiff.OpsGradientTest.weightedSum;
import static org.junit.jupiter.api.Assertions.assertEquals;

import aevb.tensor.Tensor;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The categorical ops of M2 ({@link Categorical}) against central differences, and against their
 * closed forms: each row of e^(log softmax) sums to 1, the uniform distribution's entropy is log K.
 */
class CategoricalGradientTest {

    @Property(tries = 40)
    void logSoftmaxEntropyAndBlocks(@ForAll @IntRange(min = 1, max = 5) int rows,
                                    @ForAll @IntRange(min = 1, max = 10) int k, @ForAll long seed) {
        Random rnd = new Random(seed);
        Tensor a = random(rnd, rows, k, -3, 3);
        check(List.of(a), v -> weightedSum(Categorical.logSoftmax(v.get(0)), seed));
        // entropy through log softmax, as M2 uses it: H(softmax(a))
        check(List.of(a), v -> weightedSum(Categorical.entropy(Categorical.logSoftmax(v.get(0))), seed));
        Tensor blocks = random(rnd, rows * k, 1, -2, 2);
        check(List.of(blocks), v -> weightedSum(Categorical.blocksToColumns(v.get(0), k), seed));
    }

    /** The entropy op on its own, at log-probabilities that need not normalise (its formula holds for any l). */
    @Property(tries = 40)
    void entropyOfAnyLogValues(@ForAll @IntRange(min = 1, max = 5) int rows,
                               @ForAll @IntRange(min = 1, max = 10) int k, @ForAll long seed) {
        Tensor l = random(new Random(seed), rows, k, -3, 0.5);
        check(List.of(l), v -> weightedSum(Categorical.entropy(v.get(0)), seed));
    }

    @Test
    void closedForms() {
        Tape tape = new Tape();
        Tensor a = Tensor.of(2, 4, 1f, -2f, 30f, 0.5f, 0f, 0f, 0f, 0f);
        Var l = Categorical.logSoftmax(tape.constant(a));
        for (int r = 0; r < 2; r++) {
            double s = 0;
            for (int j = 0; j < 4; j++) {
                s += Math.exp(l.data()[r * 4 + j]);
            }
            assertEquals(1.0, s, 1e-6, "row " + r + " of softmax sums to 1");
        }
        Var h = Categorical.entropy(l);
        assertEquals(Math.log(4), h.data()[1], 1e-6, "uniform over 4: entropy log 4");
        assertEquals(0.0, h.data()[0], 1e-6, "a near point mass: entropy about 0");
        Var cols = Categorical.blocksToColumns(tape.constant(Tensor.of(6, 1, 0f, 1f, 2f, 3f, 4f, 5f)), 3);
        // rows t·M + i with M = 2: point 0 has (0, 2, 4), point 1 has (1, 3, 5)
        assertEquals(List.of(0f, 2f, 4f, 1f, 3f, 5f), List.of(cols.data()[0], cols.data()[1], cols.data()[2],
                cols.data()[3], cols.data()[4], cols.data()[5]));
    }
}
