package aevb.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Adagrad annealing schedule of Appendix E: its form step by step against the formula, the
 * 1/√t decay it gives and the constant step without it, the warm-up, and a resumed run that is
 * bit-identical to an uninterrupted one.
 */
class AdagradScheduleTest {

    static Parameter param(int n) {
        Parameter p = new Parameter("w", 1, n);
        for (int i = 0; i < n; i++) {
            p.value.data[i] = 0.1f * (i + 1);
        }
        return p;
    }

    /** The gradient of step t (from 1), element i: a fixed, varied sequence. */
    static float grad(long t, int i) {
        return (float) (Math.sin(0.7 * t + i) + 0.3 * (i - 1));
    }

    /** Runs {@code steps} steps of the optimiser on p with the gradients above, from step {@code from}. */
    static void run(Optimizer opt, Parameter p, long from, long steps) {
        for (long t = from; t < from + steps; t++) {
            for (int i = 0; i < p.size(); i++) {
                p.grad.data[i] = grad(t, i);
            }
            opt.step(List.of(p));
        }
    }

    /** The formula of the Javadoc, written out in double: w ← w - lr g / (sqrt(G_t or G_t / t) + δ), after W warm-up steps. */
    static double[] expected(Adagrad.Schedule s, double lr, int n, long steps) {
        double[] w = new double[n], g2 = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.1f * (i + 1);
        }
        for (long t = 1; t <= steps; t++) {
            for (int i = 0; i < n; i++) {
                double g = grad(t, i);
                g2[i] += g * g;
                if (t > s.warmUp()) {
                    double rms = s.annealed() ? Math.sqrt(g2[i]) : Math.sqrt(g2[i] / t);
                    w[i] -= lr * g / (rms + Adagrad.DELTA);
                }
            }
        }
        return w;
    }

    @Test
    void followsTheFormulaAnnealedNotAnnealedAndWithWarmUp() {
        for (Adagrad.Schedule s : List.of(Adagrad.Schedule.ANNEALED, Adagrad.Schedule.NOT_ANNEALED,
                Adagrad.Schedule.ANNEALED.withWarmUp(5), Adagrad.Schedule.NOT_ANNEALED.withWarmUp(5))) {
            Parameter p = param(4);
            run(new Adagrad(0.05, s), p, 1, 40);
            double[] want = expected(s, 0.05, 4, 40);
            for (int i = 0; i < 4; i++) {
                assertEquals(want[i], p.value.data[i], 2e-5, s + ", element " + i);
            }
        }
    }

    @Test
    void annealedStepsShrinkAsOneOverRootTAndNotAnnealedOnesDoNot() {
        // A gradient of constant size: the annealed step t is lr/√t, the not-annealed one lr.
        for (boolean annealed : new boolean[] {true, false}) {
            Parameter p = new Parameter("w", 1, 1);
            Adagrad opt = new Adagrad(0.01, new Adagrad.Schedule(annealed, 0));
            for (int t = 1; t <= 400; t++) {
                float before = p.value.data[0];
                p.grad.data[0] = 2f;
                opt.step(List.of(p));
                double step = before - p.value.data[0];
                double want = annealed ? 0.01 / Math.sqrt(t) : 0.01;
                assertEquals(want, step, 1e-3 * want + 1e-8, (annealed ? "annealed" : "not annealed") + ", step " + t);
            }
        }
    }

    @Test
    void warmUpOnlyAccumulates() {
        Parameter p = param(3);
        float[] start = p.value.data.clone();
        Adagrad opt = new Adagrad(0.1, Adagrad.Schedule.ANNEALED.withWarmUp(3));
        run(opt, p, 1, 3);
        assertArrayEquals(start, p.value.data, "the first 3 steps leave w alone");
        float g0 = grad(1, 0), g1 = grad(2, 0), g2 = grad(3, 0);
        assertEquals(g0 * g0 + g1 * g1 + g2 * g2, opt.state(List.of(p)).get("adagrad.G.w")[0], 1e-5, "but add g² to G");
        run(opt, p, 4, 1);
        assertNotEquals(start[0], p.value.data[0], "step 4 moves w");
        assertEquals(0, Adagrad.Schedule.ANNEALED.withWarmUp(3).factor(3));
        assertEquals(1, Adagrad.Schedule.ANNEALED.withWarmUp(3).factor(4));
        assertEquals(2, Adagrad.Schedule.NOT_ANNEALED.factor(4));
    }

    @Test
    void theDefaultIsThePaperSAnnealedAdagradWithoutWarmUp() {
        assertEquals(Adagrad.Schedule.ANNEALED, new Adagrad(0.01).schedule());
        assertThrows(IllegalArgumentException.class, () -> new Adagrad.Schedule(true, -1));
        assertFalse(Adagrad.Schedule.ANNEALED.countsSteps());
        assertEquals("not-annealed+warm-up-100", Adagrad.Schedule.NOT_ANNEALED.withWarmUp(100).id());
    }

    @Test
    void aScheduleThatCountsStepsRefusesStateWithoutTheCount() {
        Parameter p = param(2);
        Adagrad plain = new Adagrad(0.02);
        run(plain, p, 1, 3);
        Adagrad warm = new Adagrad(0.02, Adagrad.Schedule.ANNEALED.withWarmUp(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> warm.restore(List.of(p), plain.state(List.of(p)), plain.scalars()));
        assertTrue(e.getMessage().contains("adagrad.t"), e.getMessage());
    }

    @Test
    void aResumedRunIsBitIdenticalForEverySchedule() {
        for (Adagrad.Schedule s : List.of(Adagrad.Schedule.ANNEALED, Adagrad.Schedule.NOT_ANNEALED.withWarmUp(7),
                Adagrad.Schedule.ANNEALED.withWarmUp(7))) {
            Parameter whole = param(5);
            run(new Adagrad(0.02, s), whole, 1, 30);

            Parameter first = param(5);
            Adagrad a = new Adagrad(0.02, s);
            run(a, first, 1, 12);
            Map<String, float[]> arrays = a.state(List.of(first));
            Map<String, String> scalars = a.scalars();
            assertEquals(s.countsSteps() ? Map.of("adagrad.t", "12") : Map.of(), scalars,
                    "the step count is saved when the schedule needs it, and only then");

            Parameter resumed = new Parameter("w", 1, 5);
            resumed.value.copyFrom(first.value);
            Adagrad b = new Adagrad(0.02, s);
            b.restore(List.of(resumed), arrays, scalars);
            run(b, resumed, 13, 18);
            assertArrayEquals(whole.value.data, resumed.value.data, s + ": resumed at step 12");
        }
    }
}
