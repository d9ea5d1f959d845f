package aevb.autodiff;

import static aevb.autodiff.Elementwise.*;
import static aevb.autodiff.Matrices.*;
import static aevb.autodiff.OpsGradientTest.check;
import static aevb.autodiff.OpsGradientTest.random;
import static aevb.autodiff.OpsGradientTest.weightedSum;
import static aevb.autodiff.Reductions.sumRows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import aevb.tensor.Tensor;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The fused ops against central differences (GradientCheck, its tolerance and step), and against
 * the compositions of basic ops they replace. Inputs go through an op first (scale by 0.9) so that
 * they are inner nodes of the tape, whose gradient a fused op may write outright; the reuse
 * checks use a value in a fused op and elsewhere, so that both contributions must arrive.
 */
class FusedGradientTest {

    /** An inner node holding 0.9 v: its gradient is created by whichever op's backward runs first. */
    static Var inner(Var v) {
        return scale(v, 0.9f);
    }

    @Property(tries = 40)
    void affineLayers(@ForAll @IntRange(min = 1, max = 6) int m, @ForAll @IntRange(min = 1, max = 7) int in,
                      @ForAll @IntRange(min = 1, max = 6) int out, @ForAll long seed) {
        Random rnd = new Random(seed);
        Tensor x = random(rnd, m, in, -1.5, 1.5), w = random(rnd, out, in, -1, 1), b = random(rnd, 1, out, -1, 1);
        check(List.of(x, w, b), v -> weightedSum(Fused.affine(inner(v.get(0)), inner(v.get(1)), inner(v.get(2))), seed));
        check(List.of(x, w, b), v -> weightedSum(Fused.tanhAffine(inner(v.get(0)), inner(v.get(1)), inner(v.get(2))), seed));
        check(List.of(x, w, b), v -> weightedSum(Fused.tanhAffine(v.get(0), v.get(1), v.get(2)), seed));
    }

    /** Two heads on one input: each head's gradient, and both into the shared input. */
    @Property(tries = 30)
    void affinePair(@ForAll @IntRange(min = 1, max = 5) int m, @ForAll @IntRange(min = 1, max = 6) int in,
                    @ForAll @IntRange(min = 1, max = 5) int n1, @ForAll @IntRange(min = 1, max = 5) int n2,
                    @ForAll long seed) {
        Random rnd = new Random(seed);
        Tensor x = random(rnd, m, in, -1.5, 1.5), w1 = random(rnd, n1, in, -1, 1), b1 = random(rnd, 1, n1, -1, 1);
        Tensor w2 = random(rnd, n2, in, -1, 1), b2 = random(rnd, 1, n2, -1, 1);
        check(List.of(x, w1, b1, w2, b2), v -> {
            Var[] y = Fused.affinePair(inner(v.get(0)), v.get(1), v.get(2), v.get(3), v.get(4));
            return add(weightedSum(y[0], seed), weightedSum(square(y[1]), seed + 1));
        });
        Tape tape = new Tape();
        Var xv = tape.constant(x), w1v = tape.constant(w1), b1v = tape.constant(b1);
        Var w2v = tape.constant(w2), b2v = tape.constant(b2);
        Var[] y = Fused.affinePair(xv, w1v, b1v, w2v, b2v);
        assertArrayEquals(Fused.affine(xv, w1v, b1v).data(), y[0].data());
        assertArrayEquals(Fused.affine(xv, w2v, b2v).data(), y[1].data());
    }

    /** x feeds two fused layers and a product; W feeds both layers: every contribution must arrive. */
    @Property(tries = 30)
    void affineLayersAccumulateIntoReusedValues(@ForAll @IntRange(min = 1, max = 5) int m,
                                                @ForAll @IntRange(min = 1, max = 6) int n, @ForAll long seed) {
        Random rnd = new Random(seed);
        Tensor x = random(rnd, m, n, -1.5, 1.5), w = random(rnd, n, n, -1, 1), b = random(rnd, 1, n, -1, 1);
        check(List.of(x, w, b), v -> {
            Var xi = inner(v.get(0)), wi = inner(v.get(1)), bi = v.get(2);
            Var h = Fused.tanhAffine(xi, wi, bi);
            Var y = add(Fused.affine(h, wi, bi), mul(xi, xi));
            return weightedSum(add(y, Fused.affine(xi, wi, bi)), seed);
        });
    }

    /**
     * The fused affine layer computes exactly what the composition computes (the same kernels);
     * the tanh layer agrees within 2 ulps, because which elements fall in a kernel's scalar tail
     * (the twin's tanh) and which in its SIMD lanes depends on whether rows are walked one by one.
     */
    @Property(tries = 30)
    void affineLayersEqualTheirCompositions(@ForAll @IntRange(min = 1, max = 9) int m,
                                            @ForAll @IntRange(min = 1, max = 40) int in,
                                            @ForAll @IntRange(min = 1, max = 40) int out, @ForAll long seed) {
        Random rnd = new Random(seed);
        Tape tape = new Tape();
        Var x = tape.constant(random(rnd, m, in, -2, 2)), w = tape.constant(random(rnd, out, in, -1, 1));
        Var b = tape.constant(random(rnd, 1, out, -1, 1));
        assertArrayEquals(addRowVector(matmulBt(x, w), b).data(), Fused.affine(x, w, b).data());
        float[] composed = tanh(addRowVector(matmulBt(x, w), b)).data(), fused = Fused.tanhAffine(x, w, b).data();
        for (int i = 0; i < fused.length; i++) {
            assertEquals(composed[i], fused[i], 2 * Math.ulp(composed[i]), "element " + i);
        }
    }

    @Property(tries = 40)
    void bernoulliLogLikelihood(@ForAll @IntRange(min = 1, max = 5) int rows, @ForAll @IntRange(min = 1, max = 20) int cols,
                                @ForAll long seed) {
        Random rnd = new Random(seed);
        Tensor x = random(rnd, rows, cols, 0, 1), a = random(rnd, rows, cols, -4, 4);
        check(List.of(x, a), v -> weightedSum(Fused.bernoulliLogLikelihood(inner(v.get(0)), inner(v.get(1))), seed));
        check(List.of(a), v -> {   // the logits used twice
            Var ai = inner(v.get(0));
            return weightedSum(add(Fused.bernoulliLogLikelihood(v.get(0).tape().constant(x), ai), sumRows(square(ai))), seed);
        });
        Tape tape = new Tape();
        Var xv = tape.constant(x), av = tape.constant(a);
        float[] fused = Fused.bernoulliLogLikelihood(xv, av).data();
        float[] composed = sumRows(sub(mul(xv, av), softplus(av))).data();
        for (int r = 0; r < rows; r++) {
            assertEquals(composed[r], fused[r], 1e-5 * cols * 4, "row " + r);
        }
    }

    @Property(tries = 40)
    void gaussianNegKl(@ForAll @IntRange(min = 1, max = 5) int rows, @ForAll @IntRange(min = 1, max = 20) int cols,
                       @ForAll long seed) {
        Random rnd = new Random(seed);
        Tensor mu = random(rnd, rows, cols, -2, 2), lv = random(rnd, rows, cols, -2, 1.5);
        check(List.of(mu, lv), v -> weightedSum(Fused.gaussianNegKl(inner(v.get(0)), inner(v.get(1))), seed));
        Tape tape = new Tape();
        Var m = tape.constant(mu), l = tape.constant(lv);
        float[] fused = Fused.gaussianNegKl(m, l).data();
        float[] composed = scale(sumRows(sub(sub(addScalar(l, 1f), square(m)), exp(l))), 0.5f).data();
        for (int r = 0; r < rows; r++) {
            assertEquals(composed[r], fused[r], 1e-5 * cols * 8, "row " + r);
        }
    }

    @Property(tries = 40)
    void reparameterization(@ForAll @IntRange(min = 1, max = 5) int rows, @ForAll @IntRange(min = 1, max = 20) int cols,
                            @ForAll long seed) {
        Random rnd = new Random(seed);
        Tensor mu = random(rnd, rows, cols, -2, 2), lv = random(rnd, rows, cols, -2, 1.5);
        Tensor eps = random(rnd, rows, cols, -2.5, 2.5);
        check(List.of(mu, lv), v -> weightedSum(Fused.reparameterize(inner(v.get(0)), inner(v.get(1)), eps), seed));
        check(List.of(mu, lv), v -> {   // mu also used directly
            Var m = inner(v.get(0));
            return weightedSum(add(Fused.reparameterize(m, v.get(1), eps), square(m)), seed);
        });
        Tape tape = new Tape();
        Var m = tape.constant(mu), l = tape.constant(lv);
        float[] fused = Fused.reparameterize(m, l, eps).data();
        float[] composed = add(m, mul(exp(scale(l, 0.5f)), tape.constant(eps))).data();
        for (int i = 0; i < fused.length; i++) {
            assertEquals(composed[i], fused[i], 1e-5 * (1 + Math.abs(composed[i])), "element " + i);
        }
    }
}
