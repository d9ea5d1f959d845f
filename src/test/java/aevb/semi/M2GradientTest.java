package aevb.semi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aevb.autodiff.Categorical;
import aevb.autodiff.GradientCheck;
import aevb.autodiff.Reductions;
import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.nn.Init;
import aevb.nn.Parameter;
import aevb.sgvb.ModelFixtures;
import aevb.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * M2's bounds (eqs. 6 and 7) and its objective (eq. 9) differentiated by the tape against central
 * differences with respect to every parameter (encoder, decoder, classifier), eps held fixed; and
 * the unlabelled bound, computed as one batch of K·M rows, against its definition written out:
 * Σ_y q(y|x) (-L(x, y)) + H(q(y|x)) with K separate labelled bounds.
 */
class M2GradientTest {

    static M2 model(int d, int k, int hidden, int latent, String decoder, long seed) {
        M2 m2 = new M2(new M2Config(d, k, hidden, latent, decoder));
        Init.gaussian(m2.parameters(), 0.3, seed);
        return m2;
    }

    static int[] labels(int m, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] y = new int[m];
        for (int i = 0; i < m; i++) {
            y[i] = rnd.nextInt(k);
        }
        return y;
    }

    static List<GradientCheck.Wrt> all(M2 m2) {
        List<GradientCheck.Wrt> wrt = new ArrayList<>();
        for (Parameter p : m2.parameters()) {
            wrt.add(new GradientCheck.Wrt(p.name, p.value, p.grad));
        }
        return wrt;
    }

    @Property(tries = 10)
    void boundsAndObjectiveHaveCorrectGradients(@ForAll @IntRange(min = 1, max = 6) int d,
                                                @ForAll @IntRange(min = 2, max = 4) int k,
                                                @ForAll @IntRange(min = 1, max = 3) int hidden,
                                                @ForAll @IntRange(min = 1, max = 2) int latent,
                                                @ForAll @IntRange(min = 1, max = 3) int m,
                                                @ForAll long seed) {
        for (String decoder : List.of("bernoulli", "gaussian")) {
            M2 m2 = model(d, k, hidden, latent, decoder, seed);
            Tensor x = ModelFixtures.data(m, d, seed + 1);
            Tensor y = M2.oneHot(labels(m, k, seed + 2), k);
            Tensor epsL = ModelFixtures.eps(m, latent, seed + 3);
            Tensor epsU = ModelFixtures.eps(k * m, latent, seed + 4);
            GradientCheck.Report labelled = GradientCheck.of(all(m2),
                    tape -> Reductions.sum(m2.labelledBound(tape.constant(x), tape.constant(y), epsL)));
            assertTrue(labelled.ok(), () -> "labelled bound, " + decoder + ":\n" + labelled);
            GradientCheck.Report unlabelled = GradientCheck.of(all(m2),
                    tape -> Reductions.sum(m2.unlabelledBound(tape.constant(x), epsU)));
            assertTrue(unlabelled.ok(), () -> "unlabelled bound, " + decoder + ":\n" + unlabelled);
            SemiSupervisedObjective j = new SemiSupervisedObjective(7, 50, 0.1 * 57);
            GradientCheck.Report objective = GradientCheck.of(all(m2), tape -> j.perDataPoint(m2,
                    tape.constant(x), tape.constant(y), epsL, tape.constant(x), epsU).loss());
            assertTrue(objective.ok(), () -> "J^alpha, " + decoder + ":\n" + objective);
        }
    }

    /** Eq. (7) batched against eq. (7) written out, label by label, in double. */
    @Property(tries = 20)
    void unlabelledBoundIsTheWeightedSumOfLabelledBoundsPlusTheEntropy(
            @ForAll @IntRange(min = 1, max = 9) int d, @ForAll @IntRange(min = 2, max = 10) int k,
            @ForAll @IntRange(min = 1, max = 5) int m, @ForAll long seed) {
        M2 m2 = model(d, k, 4, 3, "bernoulli", seed);
        Tensor x = ModelFixtures.data(m, d, seed + 1);
        Tensor epsU = ModelFixtures.eps(k * m, 3, seed + 4);
        Tape tape = new Tape();
        float[] batched = m2.unlabelledBound(tape.constant(x), epsU).data();
        float[] logQ = m2.logQy(tape.constant(x)).data();
        double[] explicit = new double[m];
        for (int t = 0; t < k; t++) {
            int[] label = new int[m];
            java.util.Arrays.fill(label, t);
            Tensor epsT = epsU.rowSlice(t * m, (t + 1) * m);          // block t of the batch: label t
            float[] negL = m2.labelledBound(tape.constant(x), tape.constant(M2.oneHot(label, k)), epsT).data();
            for (int i = 0; i < m; i++) {
                double q = Math.exp(logQ[i * k + t]);
                explicit[i] += q * negL[i] - q * logQ[i * k + t];     // q(t|x)(-L(x, t)) - q log q
            }
        }
        for (int i = 0; i < m; i++) {
            assertEquals(explicit[i], batched[i], 1e-5 * Math.max(1, Math.abs(explicit[i])), "point " + i);
        }
        Var h = Categorical.entropy(m2.logQy(tape.constant(x)));
        for (int i = 0; i < m; i++) {
            assertTrue(h.data()[i] >= -1e-6 && h.data()[i] <= Math.log(k) + 1e-5, "0 <= H <= log K");
        }
    }
}
