package aevb.baselines;

import aevb.sgvb.ModelFixtures;

import static org.junit.jupiter.api.Assertions.*;

import aevb.autodiff.Reductions;
import aevb.autodiff.Tape;
import aevb.eval.AppendixDEstimator;
import aevb.nn.Adagrad;
import aevb.nn.Init;
import aevb.nn.WeightDecay;
import aevb.prob.BernoulliDecoder;
import aevb.prob.Decoder;
import aevb.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Monte Carlo EM learns a decoder on structured data, and is a pure function of its seed. */
class McemTest {

    static final int N = 200, D = 48, M = 20;


    static Mcem mcem(long seed) {
        BernoulliDecoder decoder = new BernoulliDecoder(3, 32, D);
        Init.gaussian(decoder.parameters(), Init.PAPER_STD, seed);
        return new Mcem(decoder, N, new Adagrad(0.05), WeightDecay.priorPerDataPoint(N), Mcem.Settings.online(), seed);
    }

    static void train(Mcem mcem, Tensor data, int steps) {
        for (int s = 0; s < steps; s++) {
            int b = (int) (mcem.steps() % (N / M));
            mcem.step(data.rowSlice(b * M, (b + 1) * M), b * M);
        }
    }

    /** (1/N) Σ_i log p_θ(x_i | z_i) at the chains' current samples. */
    static double meanLogLikelihood(Decoder decoder, Tensor x, Tensor z) {
        Tape tape = new Tape();
        return Reductions.mean(decoder.logLikelihood(tape.constant(x), tape.constant(z))).item();
    }

    @Test
    void improvesTheDecoderAndItsMarginalLikelihood() {
        Tensor data = ModelFixtures.clusteredData(N, D, 4, 99);
        Mcem mcem = mcem(1);
        AppendixDEstimator appD = new AppendixDEstimator(AppendixDEstimator.Settings.quick(), 5);
        Tensor firstPoints = data.rowSlice(0, 40);
        double llBefore = meanLogLikelihood(mcem.decoder(), data, mcem.latents(0, N));
        double pxBefore = appD.estimate(mcem.decoder(), firstPoints).mean();
        train(mcem, data, 300);
        double llAfter = meanLogLikelihood(mcem.decoder(), data, mcem.latents(0, N));
        double pxAfter = appD.estimate(mcem.decoder(), firstPoints).mean();
        System.out.printf("MCEM, 300 steps: log p(x|z) at the chains %.2f -> %.2f; Appendix D log p(x) %.2f -> %.2f; "
                + "acceptance %.2f, ε %.3f%n", llBefore, llAfter, pxBefore, pxAfter, mcem.lastAcceptance(), mcem.stepSize());
        assertTrue(llAfter > llBefore + 10, "log p(x|z) must rise by more than 10 nats: " + llBefore + " -> " + llAfter);
        assertTrue(pxAfter > pxBefore + 5, "log p(x) must rise by more than 5 nats: " + pxBefore + " -> " + pxAfter);
        assertTrue(mcem.lastAcceptance() > 0.5, "the E-step keeps accepting: " + mcem.lastAcceptance());
    }

    @Test
    void sameSeedSameDecoder() {
        Tensor data = ModelFixtures.clusteredData(N, D, 4, 99);
        Mcem a = mcem(7), b = mcem(7);
        train(a, data, 20);
        train(b, data, 20);
        for (int k = 0; k < a.decoder().parameters().size(); k++) {
            assertArrayEquals(a.decoder().parameters().get(k).value.data, b.decoder().parameters().get(k).value.data);
        }
        assertArrayEquals(a.latents(0, N).data, b.latents(0, N).data);
    }

    @Test
    void aResumedRunMatchesAnUninterruptedOne() {
        Tensor data = ModelFixtures.clusteredData(N, D, 4, 99);
        Mcem whole = mcem(3);
        train(whole, data, 30);
        Mcem first = mcem(3);
        train(first, data, 12);
        // a fresh MCEM given the first's θ, optimiser state, chains, step size and count
        BernoulliDecoder decoder = new BernoulliDecoder(3, 32, D);
        for (int k = 0; k < decoder.parameters().size(); k++) {
            decoder.parameters().get(k).value.copyFrom(first.decoder().parameters().get(k).value);
        }
        Adagrad optimizer = new Adagrad(0.05);
        optimizer.restore(decoder.parameters(), first.optimizer().state(first.decoder().parameters()), Map.of());
        Mcem resumed = new Mcem(decoder, N, optimizer, WeightDecay.priorPerDataPoint(N), Mcem.Settings.online(), 3);
        resumed.resume(first.latents(0, N), first.stepSize(), first.steps());
        train(resumed, data, 18);
        for (int k = 0; k < decoder.parameters().size(); k++) {
            assertArrayEquals(whole.decoder().parameters().get(k).value.data, decoder.parameters().get(k).value.data);
        }
        assertArrayEquals(whole.latents(0, N).data, resumed.latents(0, N).data);
    }

    @Test
    void rejectsIndicesOutsideTheTrainingSet() {
        Mcem mcem = mcem(1);
        Tensor x = new Tensor(2, D);
        assertThrows(IndexOutOfBoundsException.class, () -> mcem.step(x, new int[] {0, N}));
        assertThrows(IllegalArgumentException.class, () -> mcem.step(x, new int[] {0}));
    }
}
