package aevb.experiments;

import static org.junit.jupiter.api.Assertions.*;

import aevb.autodiff.Var;
import aevb.baselines.Mcem;
import aevb.baselines.WakeSleep;
import aevb.nn.Adagrad;
import aevb.nn.Init;
import aevb.nn.Optimizer;
import aevb.nn.Parameter;
import aevb.nn.WeightDecay;
import aevb.prob.BernoulliDecoder;
import aevb.prob.Decoder;
import aevb.sgvb.Aevb;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.ModelFixtures;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Figure 3's bookkeeping against the convention the README states: for each method, the
 * training samples one step adds to the x axis ("# training samples evaluated") and the work it
 * does for them, counted from outside (optimiser updates, decoder rows) and checked against
 * what the learners report.
 *
 * <ul>
 *   <li>AEVB: a step on a minibatch of M adds M; it makes 1 update of θ and φ.</li>
 *   <li>wake-sleep: a step adds M; 1 update (wake θ and sleep φ together), on M dreams.</li>
 *   <li>MCEM, on-line E-step: an iteration samples the posterior of the M points (11 evaluations
 *       of ∇_z log p(x, z) each: 10 leapfrog steps and the start) and makes 5 θ-updates on them;
 *       it adds M to the axis ({@link McemCounting#POINTS_SAMPLED}, the default), or 5M
 *       ({@link McemCounting#POINTS_UPDATED}).</li>
 *   <li>MCEM, batch E-step (the authors'): an iteration samples all N points (11 N evaluations),
 *       makes 5 θ-updates on 5 successive minibatches, and adds N.</li>
 * </ul>
 * Figure 3's curve jobs place a step on the axis by {@link McemCounting#perIteration}; the
 * counters of what the learner did must agree with it.
 */
class Figure3BookkeepingTest {
    static final int N = 60, D = 20, M = 10;

    /** Counts the optimiser's updates, then does them. */
    static final class CountingOptimizer implements Optimizer {
        final Optimizer inner;
        int steps;

        CountingOptimizer(Optimizer inner) {
            this.inner = inner;
        }

        @Override public void step(List<Parameter> params) {
            steps++;
            inner.step(params);
        }

        @Override public void step(List<Parameter> params, WeightDecay decay, List<Parameter> decayed) {
            steps++;
            inner.step(params, decay, decayed);
        }

        @Override public String name() { return inner.name(); }
        @Override public double learningRate() { return inner.learningRate(); }
        @Override public Map<String, float[]> state(List<Parameter> params) { return inner.state(params); }
        @Override public Map<String, String> scalars() { return inner.scalars(); }
        @Override public void restore(List<Parameter> p, Map<String, float[]> a, Map<String, String> s) { inner.restore(p, a, s); }
    }

    /** Counts the rows the decoder evaluates log p(x|z) on. */
    static final class CountingDecoder implements Decoder {
        final BernoulliDecoder inner;
        long rows;

        CountingDecoder(BernoulliDecoder inner) {
            this.inner = inner;
        }

        @Override public Var logLikelihood(Var x, Var z) {
            rows += x.value.rows;
            return inner.logLikelihood(x, z);
        }

        @Override public Tensor mean(Tensor z) { return inner.mean(z); }
        @Override public int latent() { return inner.latent(); }
        @Override public int dataDim() { return inner.dataDim(); }
        @Override public String kind() { return inner.kind(); }
        @Override public List<Parameter> parameters() { return inner.parameters(); }
    }

    static Tensor data() {
        return ModelFixtures.clusteredData(N, D, 3, 7);
    }

    @Test
    void aevbStepAddsMSamplesAndMakesOneUpdate() {
        Vae vae = Vae.initialised(new VaeConfig(D, 8, 3, "bernoulli"), 1);
        CountingOptimizer opt = new CountingOptimizer(new Adagrad(0.01));
        Aevb aevb = new Aevb(vae, new EstimatorB(), opt, WeightDecay.priorPerDataPoint(N), 1, 1);
        Tensor x = data().rowSlice(0, M);
        for (int t = 1; t <= 4; t++) {
            aevb.step(x);
            assertEquals(t, opt.steps, "one update per step");
        }
        assertEquals(M, x.rows, "so 4 steps are 4·M samples on the x axis and 4 updates");
    }

    @Test
    void wakeSleepStepAddsMSamplesMakesOneUpdateOnMDreams() {
        Vae vae = Vae.initialised(new VaeConfig(D, 8, 3, "bernoulli"), 2);
        CountingOptimizer opt = new CountingOptimizer(new Adagrad(0.01));
        WakeSleep ws = new WakeSleep(vae, opt, WeightDecay.priorPerDataPoint(N), 2);
        Tensor x = data().rowSlice(0, M);
        ws.step(x);
        ws.step(x);
        assertEquals(2, opt.steps, "one update per step");
        assertEquals(M, ws.lastDreamX().rows, "M dreams per step");
    }

    static Mcem mcem(CountingDecoder dec, CountingOptimizer opt, Mcem.EStep form) {
        Init.gaussian(dec.parameters(), Init.PAPER_STD, 3);
        return Mcem.batch(dec, data(), opt, WeightDecay.priorPerDataPoint(N), Mcem.Settings.online().withEStep(form), 3);
    }

    @Test
    void onlineMcemSamplesMPointsWithElevenGradientsEachAndUpdatesFiveTimes() {
        CountingDecoder dec = new CountingDecoder(new BernoulliDecoder(3, 8, D));
        CountingOptimizer opt = new CountingOptimizer(new Adagrad(0.01));
        Mcem m = mcem(dec, opt, Mcem.EStep.MINIBATCH);
        Tensor x = data();
        int iterations = 3;
        for (int t = 0; t < iterations; t++) {
            m.step(x.rowSlice(t * M, (t + 1) * M), t * M);
        }
        assertEquals(iterations * 5, opt.steps, "5 θ-updates per iteration");
        assertEquals((long) iterations * M, m.pointsSampled());
        assertEquals((long) iterations * 5 * M, m.pointsUpdated());
        assertEquals((long) iterations * 11 * M, m.posteriorGradientRows(), "10 leapfrog steps + the start, per chain");
        assertEquals((long) iterations * 5 * M, m.weightGradientRows());
        assertEquals(dec.rows, m.posteriorGradientRows() + m.weightGradientRows(), "the counters are the decoder's work");
        assertEquals((long) iterations * M, McemCounting.POINTS_SAMPLED.samples(m), "the README's convention: M per iteration");
        assertEquals((long) iterations * 5 * M, McemCounting.POINTS_UPDATED.samples(m));
        assertEquals((long) iterations * 6 * M, McemCounting.SAMPLED_AND_UPDATED.samples(m));
        for (McemCounting c : McemCounting.values()) {
            assertEquals(c.samples(m), iterations * c.perIteration(m.settings(), N, M), c + ": the curve jobs' step on the axis");
        }
    }

    @Test
    void batchMcemSamplesAllNPointsAndUpdatesOnFiveSuccessiveMinibatches() {
        CountingDecoder dec = new CountingDecoder(new BernoulliDecoder(3, 8, D));
        CountingOptimizer opt = new CountingOptimizer(new Adagrad(0.01));
        Mcem m = mcem(dec, opt, Mcem.EStep.ALL);
        Tensor x = data();
        m.step(x.rowSlice(0, M), 0);
        m.step(x.rowSlice(0, M), 0);
        assertEquals(10, opt.steps, "5 θ-updates per iteration");
        assertEquals(2L * N, m.pointsSampled(), "every chain moves every iteration");
        assertEquals(2L * 11 * N, m.posteriorGradientRows());
        assertEquals(2L * 5 * M, m.pointsUpdated());
        assertEquals(dec.rows, m.posteriorGradientRows() + m.weightGradientRows());
        assertEquals(2L * N, McemCounting.POINTS_SAMPLED.samples(m), "an iteration counts N");
        for (McemCounting c : McemCounting.values()) {
            assertEquals(c.samples(m), 2 * c.perIteration(m.settings(), N, M), c + ": the curve jobs' step on the axis");
        }
    }

    @Test
    void batchMcemNeedsItsData() {
        assertThrows(IllegalArgumentException.class, () -> new Mcem(new BernoulliDecoder(3, 8, D), N, new Adagrad(0.01),
                WeightDecay.NONE, Mcem.Settings.paper(), 1));
    }
}
