package aevb.baselines;

import aevb.sgvb.ModelFixtures;

import static aevb.autodiff.Elementwise.neg;
import static org.junit.jupiter.api.Assertions.*;

import aevb.autodiff.GradientCheck;
import aevb.autodiff.Tape;
import aevb.nn.Adagrad;
import aevb.nn.Parameter;
import aevb.nn.WeightDecay;
import aevb.random.Randomness;
import aevb.prob.ReparameterizedSampler;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.MinibatchEstimator;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Wake-sleep: both phases' gradients, its progress measure, learning, and reproducibility. */
class WakeSleepTest {

    static final int N = 400, D = 48, M = 40;

    static List<GradientCheck.Wrt> wrt(List<Parameter> ps) {
        List<GradientCheck.Wrt> w = new ArrayList<>();
        for (Parameter p : ps) {
            w.add(new GradientCheck.Wrt(p.name, p.value, p.grad));
        }
        return w;
    }

    @ParameterizedTest
    @ValueSource(strings = {"bernoulli", "gaussian"})
    void sleepPhaseGradientMatchesFiniteDifferences(String decoder) {
        Vae vae = ModelFixtures.model(5, 4, 2, decoder, 11);
        WakeSleep ws = new WakeSleep(vae, new Adagrad(0.01), new WeightDecay(0), 3);
        ws.dream(6, Randomness.rng(3, Randomness.Stream.SLEEP, 0));
        Tensor x = ws.lastDreamX().copy(), z = ws.lastDreamZ().copy();
        GradientCheck.Report report = GradientCheck.of(wrt(vae.phi()),
                tape -> WakeSleep.sleepObjective(vae, tape.constant(x), tape.constant(z)));
        assertTrue(report.ok(), () -> decoder + " dreams, d log q(z|x) / d phi:\n" + report);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bernoulli", "gaussian"})
    void wakePhaseGradientMatchesFiniteDifferences(String decoder) {
        Vae vae = ModelFixtures.model(5, 4, 2, decoder, 12);
        Tensor x = ModelFixtures.data(6, 5, 13);
        Tensor z = new Tensor(6, 2);
        Randomness.gaussian(14, Randomness.Stream.EPS, 0, z.data, z.data.length);
        GradientCheck.Report report = GradientCheck.of(wrt(vae.theta()),
                tape -> WakeSleep.wakeObjective(vae, tape.constant(x), tape.constant(z)));
        assertTrue(report.ok(), () -> decoder + " decoder, d log p(x|z) / d theta:\n" + report);
    }

    /** An optimiser that only records the gradients it is given (and zeroes them, as optimisers do). */
    static final class RecordingOptimizer implements aevb.nn.Optimizer {
        final List<float[]> grads = new ArrayList<>();

        @Override public void step(List<Parameter> params) {
            grads.clear();
            for (Parameter p : params) {
                grads.add(p.grad.data.clone());
                p.grad.zero();
            }
        }
        @Override public String name() { return "recording"; }
        @Override public double learningRate() { return 0; }
        @Override public java.util.Map<String, float[]> state(List<Parameter> params) { return java.util.Map.of(); }
        @Override public java.util.Map<String, String> scalars() { return java.util.Map.of(); }
        @Override public void restore(List<Parameter> params, java.util.Map<String, float[]> arrays,
                                      java.util.Map<String, String> scalars) {}
    }

    @Test
    void thetaGetsOnlyTheWakeGradientAndPhiOnlyTheSleepGradient() {
        Vae vae = ModelFixtures.model(5, 4, 2, "bernoulli", 21);
        Tensor x = ModelFixtures.data(8, 5, 22);
        RecordingOptimizer rec = new RecordingOptimizer();
        WakeSleep ws = new WakeSleep(vae, rec, new WeightDecay(0), 23);
        ws.step(x);

        // By hand: the wake gradient of -log p(x|z) at z = mu + σ ⊙ eps (eps of (seed, EPS, 0)),
        // z held constant; then the sleep gradient of -log q(z|x) on the dreams the step drew.
        Tape tape = new Tape();
        Tensor eps = new Tensor(8, 2);
        Randomness.gaussian(23, Randomness.Stream.EPS, 0, eps.data, eps.data.length);
        Tensor z = ReparameterizedSampler.sample(vae.encoder.encode(tape.constant(x)), eps).value.copy();
        tape.reset();
        tape.backward(neg(WakeSleep.wakeObjective(vae, tape.constant(x), tape.constant(z))));
        tape.reset();
        tape.backward(neg(WakeSleep.sleepObjective(vae, tape.constant(ws.lastDreamX()), tape.constant(ws.lastDreamZ()))));

        List<Parameter> ps = vae.parameters();
        int phi = vae.phi().size();
        for (int i = 0; i < ps.size(); i++) {
            float[] expected = ps.get(i).grad.data, got = rec.grads.get(i);
            assertTrue(Arrays.stream(toDouble(expected)).anyMatch(g -> g != 0), ps.get(i).name + " has a gradient");
            assertArrayEquals(expected, got, 1e-6f, (i < phi ? "phi (sleep) " : "theta (wake) ") + ps.get(i).name);
        }
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    @Test
    void theReturnedBoundIsEstimatorBOnTheMinibatch() {
        Vae vae = ModelFixtures.model(6, 5, 2, "bernoulli", 31);
        Tensor x = ModelFixtures.data(10, 6, 32);
        Tensor eps = new Tensor(10, 2);
        Randomness.gaussian(33, Randomness.Stream.EPS, 0, eps.data, eps.data.length);
        double expected = MinibatchEstimator.perDataPoint(new EstimatorB(), vae, new Tape().constant(x), eps, 1).item();
        WakeSleep ws = new WakeSleep(vae, new Adagrad(0.01), new WeightDecay(0), 33);
        double bound = ws.step(x);
        assertEquals(expected, bound, 1e-4 * Math.abs(expected), "step() returns estimator B with eps of (seed, EPS, 0)");
    }

    @Test
    void gaussianDreamsHaveTheDecodersMeanAndVariance() {
        // A decoder whose output ignores z (zero weights into the heads): x ~ N(sigmoid(b_mu), exp(b_logVar)).
        Vae vae = ModelFixtures.model(3, 4, 2, "gaussian", 41);
        var dec = (aevb.prob.GaussianDecoder) vae.decoder;
        dec.mlp.heads.get(0).weight.value.zero();
        dec.mlp.heads.get(1).weight.value.zero();
        float[] bMu = dec.mlp.heads.get(0).bias.value.data, bLv = dec.mlp.heads.get(1).bias.value.data;
        WakeSleep ws = new WakeSleep(vae, new Adagrad(0.01), new WeightDecay(0), 42);
        int n = 20000;
        ws.dream(n, Randomness.rng(42, Randomness.Stream.SLEEP, 0));
        float[] x = ws.lastDreamX().data;
        for (int j = 0; j < 3; j++) {
            double s = 0, ss = 0;
            for (int i = 0; i < n; i++) {
                s += x[i * 3 + j];
                ss += (double) x[i * 3 + j] * x[i * 3 + j];
            }
            double mean = s / n, var = ss / n - mean * mean;
            double mu = 1 / (1 + Math.exp(-bMu[j])), sigma2 = Math.exp(bLv[j]);
            assertEquals(mu, mean, 5 * Math.sqrt(sigma2 / n), "pixel " + j + " mean");
            assertEquals(sigma2, var, 5 * sigma2 * Math.sqrt(2.0 / n), "pixel " + j + " variance");
        }
    }

    @Test
    void bernoulliDreamsAreBinaryWithTheDecodersProbabilities() {
        Vae vae = ModelFixtures.model(3, 4, 2, "bernoulli", 51);
        var dec = (aevb.prob.BernoulliDecoder) vae.decoder;
        dec.mlp.heads.get(0).weight.value.zero();
        float[] b = dec.mlp.heads.get(0).bias.value.data;
        WakeSleep ws = new WakeSleep(vae, new Adagrad(0.01), new WeightDecay(0), 52);
        int n = 20000;
        ws.dream(n, Randomness.rng(52, Randomness.Stream.SLEEP, 0));
        float[] x = ws.lastDreamX().data;
        for (int j = 0; j < 3; j++) {
            double ones = 0;
            for (int i = 0; i < n; i++) {
                assertTrue(x[i * 3 + j] == 0f || x[i * 3 + j] == 1f, "binary");
                ones += x[i * 3 + j];
            }
            double p = 1 / (1 + Math.exp(-b[j]));
            assertEquals(p, ones / n, 5 * Math.sqrt(p * (1 - p) / n), "pixel " + j);
        }
    }

    static WakeSleep trainer(long seed) {
        Vae vae = Vae.initialised(new VaeConfig(D, 32, 3, "bernoulli"), seed);
        return new WakeSleep(vae, new Adagrad(0.05), WeightDecay.priorPerDataPoint(N), seed);
    }

    /** Mean bound, wake loss and sleep loss over one epoch of N/M steps, data in order. */
    static double[] epoch(WakeSleep ws, Tensor data) {
        double[] sums = new double[3];
        int perEpoch = N / M;
        for (int b = 0; b < perEpoch; b++) {
            sums[0] += ws.step(data.rowSlice(b * M, (b + 1) * M)) / perEpoch;
            sums[1] += ws.lastWakeLoss() / perEpoch;
            sums[2] += ws.lastSleepLoss() / perEpoch;
        }
        return sums;
    }

    @Test
    void aShortRunLowersBothLossesAndRaisesTheBound() {
        Tensor data = ModelFixtures.clusteredData(N, D, 4, 99);
        WakeSleep ws = trainer(1);
        double[] first = epoch(ws, data);
        double[] last = first;
        for (int e = 1; e < 40; e++) {
            last = epoch(ws, data);
        }
        System.out.printf("wake-sleep: bound %.2f -> %.2f, wake loss %.2f -> %.2f, sleep loss %.2f -> %.2f%n",
                first[0], last[0], first[1], last[1], first[2], last[2]);
        assertTrue(last[0] > first[0] + 10, "the bound must rise by more than 10 nats: " + first[0] + " -> " + last[0]);
        assertTrue(last[1] < first[1] - 10, "the wake loss -log p(x|z) must fall: " + first[1] + " -> " + last[1]);
        assertTrue(last[2] < first[2] - 0.5, "the sleep loss -log q(z|x) must fall: " + first[2] + " -> " + last[2]);
    }

    @Test
    void sameSeedGivesBitIdenticalParametersAndAResumedRunMatches() {
        Tensor data = ModelFixtures.clusteredData(N, D, 4, 99);
        WakeSleep a = trainer(7), b = trainer(7), c = trainer(8);
        for (int e = 0; e < 3; e++) {
            epoch(a, data);
            epoch(b, data);
            epoch(c, data);
        }
        assertEquals(30, a.steps());
        float[][] pa = snapshot(a.vae()), pb = snapshot(b.vae()), pc = snapshot(c.vae());
        for (int i = 0; i < pa.length; i++) {
            assertArrayEquals(pa[i], pb[i], "parameter " + i);
        }
        assertFalse(Arrays.equals(pa[0], pc[0]), "another seed gives another model");

        // Resume b's state in a fresh trainer after 30 steps: 10 more steps match a's 10 more.
        WakeSleep resumed = trainer(7);
        List<Parameter> from = b.vae().parameters(), to = resumed.vae().parameters();
        for (int i = 0; i < from.size(); i++) {
            to.get(i).value.copyFrom(from.get(i).value);
        }
        resumed.optimizer().restore(to, b.optimizer().state(from), b.optimizer().scalars());
        resumed.resumeAt(30);
        epoch(a, data);
        epoch(resumed, data);
        float[][] pr = snapshot(resumed.vae());
        pa = snapshot(a.vae());
        for (int i = 0; i < pa.length; i++) {
            assertArrayEquals(pa[i], pr[i], "resumed parameter " + i);
        }
    }

    static float[][] snapshot(Vae vae) {
        return vae.parameters().stream().map(p -> p.value.data.clone()).toArray(float[][]::new);
    }
}
