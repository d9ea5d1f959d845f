package aevb.sgvb;

import static org.junit.jupiter.api.Assertions.*;

import aevb.nn.Adagrad;
import aevb.nn.WeightDecay;
import aevb.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Algorithm 1 learns, and is a pure function of its seed. */
class AevbLearningTest {

    static final int N = 400, D = 48, M = 40;

    static Aevb trainer(long seed) {
        Vae vae = Vae.initialised(new VaeConfig(D, 32, 3, "bernoulli"), seed);
        return new Aevb(vae, new EstimatorB(), new Adagrad(0.05), WeightDecay.priorPerDataPoint(N), 1, seed);
    }

    /** Runs `steps` iterations over the data in order; returns the mean bound of the last epoch. */
    static double train(Aevb aevb, Tensor data, int steps) {
        double lastEpoch = 0;
        int perEpoch = N / M;
        for (int s = 0; s < steps; s++) {
            int b = s % perEpoch;
            double bound = aevb.step(data.rowSlice(b * M, (b + 1) * M));
            if (s >= steps - perEpoch) {
                lastEpoch += bound / perEpoch;
            }
        }
        return lastEpoch;
    }

    @Test
    void theBoundRises() {
        Tensor data = ModelFixtures.clusteredData(N, D, 4, 99);
        Aevb aevb = trainer(1);
        double first = train(aevb, data, 10);
        double later = train(aevb, data, 300);
        System.out.printf("bound per data point: first epoch %.2f, after 310 steps %.2f%n", first, later);
        assertTrue(later > first + 10, "the bound must rise by more than 10 nats: " + first + " -> " + later);
    }

    @Test
    void sameSeedGivesBitIdenticalParameters() {
        Tensor data = ModelFixtures.clusteredData(N, D, 4, 99);
        Aevb a = trainer(7), b = trainer(7), c = trainer(8);
        train(a, data, 30);
        train(b, data, 30);
        train(c, data, 30);
        float[][] pa = ModelFixtures.snapshot(a.vae()), pb = ModelFixtures.snapshot(b.vae()), pc = ModelFixtures.snapshot(c.vae());
        for (int i = 0; i < pa.length; i++) {
            assertArrayEquals(pa[i], pb[i], "parameter " + i);
        }
        assertFalse(java.util.Arrays.equals(pa[0], pc[0]), "another seed gives another model");
    }

    @Test
    void aNonFiniteBoundStopsBeforeTheUpdate() {
        Tensor data = ModelFixtures.clusteredData(N, D, 4, 99);
        Aevb aevb = trainer(3);
        train(aevb, data, 5);
        aevb.vae().decoder.parameters().get(0).value.data[0] = Float.NaN;
        float[][] before = ModelFixtures.snapshot(aevb.vae());
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> aevb.step(data.rowSlice(0, M)));
        assertEquals(5, e.step);
        assertTrue(e.getMessage().contains("step 5"), e.getMessage());
        float[][] after = ModelFixtures.snapshot(aevb.vae());
        for (int i = 1; i < before.length; i++) {
            assertArrayEquals(before[i], after[i], "no parameter moved");
        }
    }
}
