package aevb.sgvb;

import static org.junit.jupiter.api.Assertions.*;

import aevb.autodiff.GradientCheck;
import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.nn.Parameter;
import aevb.prob.GaussianKl;
import aevb.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** β-VAE's estimator: its gradient, β = 1 as eq. (10) bit for bit, and how the terms move with β. */
class BetaEstimatorTest {

    @Property(tries = 12)
    void theBetaWeightedBoundHasCorrectGradients(@ForAll @IntRange(min = 1, max = 7) int d,
                                                 @ForAll @IntRange(min = 1, max = 4) int hidden,
                                                 @ForAll @IntRange(min = 1, max = 3) int latent,
                                                 @ForAll @IntRange(min = 1, max = 3) int m,
                                                 @ForAll @IntRange(min = 1, max = 2) int samples,
                                                 @ForAll @DoubleRange(min = 0.25, max = 8) double beta,
                                                 @ForAll long seed) {
        for (String decoder : List.of("bernoulli", "gaussian")) {
            Estimator est = new BetaEstimatorB(beta);
            Vae vae = ModelFixtures.model(d, hidden, latent, decoder, seed);
            Tensor x = ModelFixtures.data(m, d, seed + 1);
            Tensor eps = ModelFixtures.eps(samples * m, latent, seed + 2);
            List<GradientCheck.Wrt> wrt = new ArrayList<>();
            for (Parameter p : vae.parameters()) {
                wrt.add(new GradientCheck.Wrt(p.name, p.value, p.grad));
            }
            GradientCheck.Report report = GradientCheck.of(wrt,
                    tape -> MinibatchEstimator.perDataPoint(est, vae, tape.constant(x), eps, samples));
            assertTrue(report.ok(), () -> "beta " + beta + ", " + decoder + " decoder:\n" + report);
        }
    }

    /** The bound and every gradient, as the bits of float arrays. */
    static List<float[]> boundAndGradients(Estimator est, Vae vae, Tensor x, Tensor eps, int samples) {
        for (Parameter p : vae.parameters()) {
            p.grad.zero();
        }
        Tape tape = new Tape();
        Var bound = MinibatchEstimator.perDataPoint(est, vae, tape.constant(x), eps, samples);
        tape.backward(bound);
        List<float[]> out = new ArrayList<>();
        out.add(bound.value.data.clone());
        for (Parameter p : vae.parameters()) {
            out.add(p.grad.data.clone());
        }
        return out;
    }

    @Test
    void betaOneIsTheOrdinaryBoundBitForBit() {
        for (String decoder : List.of("bernoulli", "gaussian")) {
            Vae vae = ModelFixtures.model(13, 9, 4, decoder, 3);
            Tensor x = ModelFixtures.data(11, 13, 4);
            Tensor eps = ModelFixtures.eps(2 * 11, 4, 5);
            List<float[]> b = boundAndGradients(new EstimatorB(), vae, x, eps, 2);
            List<float[]> beta1 = boundAndGradients(new BetaEstimatorB(1), vae, x, eps, 2);
            for (int i = 0; i < b.size(); i++) {
                assertArrayEquals(b.get(i), beta1.get(i), decoder + ": array " + i);   // float equality: the same bits
            }
        }
        // and the flag's name for β = 1 is the paper's estimator itself
        assertEquals("B", BetaEstimatorB.nameFor(1));
        assertInstanceOf(EstimatorB.class, Estimator.byName(BetaEstimatorB.nameFor(1)));
    }

    @Test
    void betaMovesOnlyTheKlTerm() {
        Vae vae = ModelFixtures.model(10, 6, 3, "bernoulli", 7);
        Tensor x = ModelFixtures.data(8, 10, 8);
        Tensor eps = ModelFixtures.eps(8, 3, 9);
        Tape tape = new Tape();
        float[] kl = GaussianKl.negativeKl(vae.encoder.encode(tape.constant(x))).data();
        float[] t1 = new EstimatorB().terms(vae, tape.constant(x), eps, 1).data();
        float[] t4 = new BetaEstimatorB(4).terms(vae, tape.constant(x), eps, 1).data();
        for (int i = 0; i < kl.length; i++) {
            // L_4 - L_1 = -(4 - 1) KL = 3 · (-KL)
            assertEquals(3.0 * kl[i], t4[i] - t1[i], 1e-4 * (1 + Math.abs(t1[i])), "point " + i);
        }
    }

    @Test
    void namesRoundTripAndBadOnesAreRefused() {
        for (double beta : new double[] {0.25, 0.5, 2, 4, 8}) {
            Estimator e = Estimator.byName(BetaEstimatorB.nameFor(beta));
            assertEquals(beta, ((BetaEstimatorB) e).beta(), 0);
            assertEquals(BetaEstimatorB.nameFor(beta), e.name());
            assertTrue(Estimator.isKnown(e.name()));
        }
        for (String bad : List.of("B(beta=0)", "B(beta=-1)", "B(beta=NaN)", "B(beta=)", "B(beta=x)", "C")) {
            assertFalse(Estimator.isKnown(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> Estimator.byName(bad), bad);
        }
    }
}
