package aevb.eval;

import static org.junit.jupiter.api.Assertions.*;

import aevb.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** HMC on a known correlated Gaussian, the leapfrog's reversibility, and the step-size adaptation. */
class HmcTest {

    /** π = N(m, Σ) in 2-D with correlation 0.8 and unequal scales: log π = -½ (z-m)ᵀ Σ⁻¹ (z-m). */
    static final double M0 = 1.0, M1 = -2.0, S00 = 1.0, S11 = 0.25, S01 = 0.8 * Math.sqrt(S00 * S11);

    static final class CorrelatedGaussian implements HmcTarget {
        final double det = S00 * S11 - S01 * S01;
        final double p00 = S11 / det, p11 = S00 / det, p01 = -S01 / det;   // Σ⁻¹
        int evaluations;

        @Override
        public void evaluate(Tensor z, double[] logPi, Tensor grad) {
            evaluations++;
            for (int i = 0; i < z.rows; i++) {
                double a = z.get(i, 0) - M0, b = z.get(i, 1) - M1;
                double ga = -(p00 * a + p01 * b), gb = -(p01 * a + p11 * b);  // -Σ⁻¹ (z - m)
                logPi[i] = 0.5 * (a * ga + b * gb);
                grad.set(i, 0, (float) ga);
                grad.set(i, 1, (float) gb);
            }
        }
    }

    static Tensor start(int chains, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Tensor z = new Tensor(chains, 2);
        for (int i = 0; i < z.data.length; i++) {
            z.data[i] = (float) (4 * rnd.nextDouble() - 2);
        }
        return z;
    }

    @Test
    void samplesHaveTheTargetsMeanAndCovariance() {
        CorrelatedGaussian target = new CorrelatedGaussian();
        HmcChains chains = new HmcChains(start(100, 1), 0.3);
        Hmc hmc = new Hmc(10, Hmc.PAPER_TARGET_ACCEPTANCE);
        long t = 0;
        for (int w = 0; w < 100; w++) {
            hmc.transition(target, chains, Hmc.rng(5, t++), Hmc.Adaptation.PER_CHAIN);
        }
        int transitions = 300;
        double n = 0, s0 = 0, s1 = 0, s00 = 0, s11 = 0, s01 = 0, accept = 0;
        for (int k = 0; k < transitions; k++) {
            accept += hmc.transition(target, chains, Hmc.rng(5, t++), Hmc.Adaptation.FROZEN) / transitions;
            for (int i = 0; i < chains.count(); i++) {
                double a = chains.z.get(i, 0), b = chains.z.get(i, 1);
                n++;
                s0 += a;
                s1 += b;
                s00 += a * a;
                s11 += b * b;
                s01 += a * b;
            }
        }
        double m0 = s0 / n, m1 = s1 / n;
        double c00 = s00 / n - m0 * m0, c11 = s11 / n - m1 * m1, c01 = s01 / n - m0 * m1;
        System.out.printf("HMC on N(m, Σ): mean (%.3f, %.3f), cov [%.3f %.3f; %.3f], acceptance %.3f, ε ≈ %.3f%n",
                m0, m1, c00, c01, c11, accept, chains.typicalStepSize());
        // 30000 draws, autocorrelated over a few transitions: the standard error of the mean is
        // about sqrt(Σ_jj · 5 / 30000) ≈ 0.013 (first coordinate), so 0.05 is about 4 standard errors.
        assertEquals(M0, m0, 0.05);
        assertEquals(M1, m1, 0.025);
        assertEquals(S00, c00, 0.08);
        assertEquals(S11, c11, 0.02);
        assertEquals(S01, c01, 0.03);
    }

    @Test
    void leapfrogIsReversibleToRounding() {
        CorrelatedGaussian target = new CorrelatedGaussian();
        int chainsP = 7;
        Tensor z = start(chainsP, 2), p = start(chainsP, 3);
        double[] stepSize = new double[chainsP];
        for (int i = 0; i < chainsP; i++) {
            stepSize[i] = 0.02 + 0.03 * i;   // each chain its own ε
        }
        Tensor z0 = z.copy(), p0 = p.copy(), grad = new Tensor(chainsP, 2);
        double[] logPi = new double[chainsP];
        target.evaluate(z, logPi, grad);
        Hmc.leapfrog(target, z, p, stepSize, 25, logPi, grad);
        double moved = maxAbsDiff(z, z0);
        for (int i = 0; i < p.data.length; i++) {
            p.data[i] = -p.data[i];
        }
        Hmc.leapfrog(target, z, p, stepSize, 25, logPi, grad);
        for (int i = 0; i < p.data.length; i++) {
            p.data[i] = -p.data[i];
        }
        assertTrue(moved > 0.5, "the trajectory must go somewhere: moved " + moved);
        assertTrue(maxAbsDiff(z, z0) < 1e-4, "z came back to within " + maxAbsDiff(z, z0));
        assertTrue(maxAbsDiff(p, p0) < 1e-4, "p came back to within " + maxAbsDiff(p, p0));
    }

    @Test
    void aTransitionCostsLEvaluationsOnceTheCacheIsWarm() {
        CorrelatedGaussian target = new CorrelatedGaussian();
        HmcChains chains = new HmcChains(start(3, 4), 0.1);
        Hmc hmc = new Hmc(4, 0.9);
        hmc.transition(target, chains, Hmc.rng(1, 0), Hmc.Adaptation.PER_CHAIN);
        assertEquals(5, target.evaluations, "the first transition: the start point and L = 4 steps");
        hmc.transition(target, chains, Hmc.rng(1, 1), Hmc.Adaptation.PER_CHAIN);
        assertEquals(9, target.evaluations, "the second: L = 4 steps, the start point is cached");
        chains.targetChanged();
        hmc.transition(target, chains, Hmc.rng(1, 2), Hmc.Adaptation.PER_CHAIN);
        assertEquals(14, target.evaluations, "after targetChanged the start point is evaluated again");
    }

    @Test
    void stepSizeAdaptsTowardsTheTargetAcceptance() {
        for (double initial : new double[] {1.5, 1e-3}) {
            CorrelatedGaussian target = new CorrelatedGaussian();
            HmcChains chains = new HmcChains(start(50, 6), initial);
            Hmc hmc = new Hmc(10, 0.9);
            long t = 0;
            double first = hmc.transition(target, chains, Hmc.rng(9, t++), Hmc.Adaptation.PER_CHAIN);
            for (int w = 0; w < 200; w++) {
                hmc.transition(target, chains, Hmc.rng(9, t++), Hmc.Adaptation.PER_CHAIN);
            }
            double frozen = 0;
            for (int k = 0; k < 100; k++) {
                frozen += hmc.transition(target, chains, Hmc.rng(9, t++), Hmc.Adaptation.FROZEN) / 100;
            }
            System.out.printf("ε from %.3f: acceptance %.3f at first, %.3f after adapting (ε ≈ %.3f)%n",
                    initial, first, frozen, chains.typicalStepSize());
            assertTrue(frozen > 0.82 && frozen < 0.97, "acceptance after adaptation " + frozen + " (from ε = " + initial + ")");
            if (initial > 1) {
                assertTrue(first < 0.5, "a too large step is rejected at first: " + first);
            } else {
                assertTrue(first > 0.99, "a tiny step is always accepted at first: " + first);
            }
        }
    }

    @Test
    void aSharedStepSizeIsOneAndAdaptsToo() {
        CorrelatedGaussian target = new CorrelatedGaussian();
        HmcChains chains = new HmcChains(start(40, 7), 1e-3);
        chains.stepSize[3] = 0.5;   // whatever they held before, the chains share one ε afterwards
        Hmc hmc = new Hmc(10, 0.9);
        long t = 0;
        for (int w = 0; w < 150; w++) {
            hmc.transition(target, chains, Hmc.rng(2, t++), Hmc.Adaptation.SHARED);
        }
        for (double e : chains.stepSize) {
            assertEquals(chains.stepSize[0], e);
        }
        double frozen = 0;
        for (int k = 0; k < 100; k++) {
            frozen += hmc.transition(target, chains, Hmc.rng(2, t++), Hmc.Adaptation.FROZEN) / 100;
        }
        assertTrue(frozen > 0.82 && frozen < 0.97, "acceptance with the shared ε " + chains.stepSize[0] + ": " + frozen);
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Hmc(0, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new Hmc(4, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new Hmc(4, 0.9, 0.5, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new HmcChains(new Tensor(2, 2), 0));
    }

    static double maxAbsDiff(Tensor a, Tensor b) {
        double m = 0;
        for (int i = 0; i < a.data.length; i++) {
            m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
        }
        return m;
    }
}
