package aevb.prob;

import static org.junit.jupiter.api.Assertions.*;

import aevb.autodiff.GradientCheck;
import aevb.autodiff.Reductions;
import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.nn.Init;
import aevb.nn.Parameter;
import aevb.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The decoders' log-likelihoods against direct formulas, at extreme logits too, and gradients. */
class DecoderTest {

    @Test
    void bernoulliFromLogitsMatchesTheFormulaAndSurvivesExtremeLogits() {
        // One hidden unit, so the logits are under our control: a = W2 tanh(W1 z + b1) + b2.
        BernoulliDecoder dec = new BernoulliDecoder(1, 1, 4);
        dec.mlp.hidden.weight.value.fill(0f);
        dec.mlp.hidden.bias.value.fill(10f);                     // tanh(10) = 1 to float precision
        dec.mlp.heads.get(0).weight.value.fill(0f);
        float[] logits = {-50f, 50f, 0.3f, -2f};
        System.arraycopy(logits, 0, dec.mlp.heads.get(0).bias.value.data, 0, 4);
        Tensor x = Tensor.of(1, 4, 1f, 0f, 0.25f, 1f);
        Tape tape = new Tape();
        double got = dec.logLikelihood(tape.constant(x), tape.constant(new Tensor(1, 1))).item();
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            double a = logits[i];
            double logY = -Math.log1p(Math.exp(-a)), log1mY = -Math.log1p(Math.exp(a));
            expected += x.data[i] * logY + (1 - x.data[i]) * log1mY;
        }
        assertTrue(Double.isFinite(got), "finite at logits ±50");
        assertEquals(expected, got, 1e-4 * Math.abs(expected));
        assertTrue(expected < -100, "x = 1 at a = -50 and x = 0 at a = 50 each cost 50 nats");
    }

    @Test
    void gaussianDecoderMatchesTheDensityOfItsSigmoidMean() {
        GaussianDecoder dec = new GaussianDecoder(2, 3, 5);
        Init.gaussian(dec.parameters(), 0.5, 11);
        Tensor z = Tensor.of(2, 2, 0.3f, -1f, 2f, 0.5f);
        Tensor x = Tensor.of(2, 5, 0.1f, 0.9f, 0.5f, 0.2f, 0.7f, 0.3f, 0.3f, 0.8f, 0.6f, 0.05f);
        Tape tape = new Tape();
        DiagonalGaussian px = dec.distribution(tape.constant(z));
        Var ll = dec.logLikelihood(tape.constant(x), tape.constant(z));
        for (int r = 0; r < 2; r++) {
            double expected = 0;
            for (int j = 0; j < 5; j++) {
                int i = r * 5 + j;
                float mean = px.mu().data()[i];
                assertTrue(mean > 0 && mean < 1, "the mean is squashed into (0, 1)");
                double var = Math.exp(px.logVar().data()[i]);
                expected += -0.5 * Math.log(2 * Math.PI * var) - Math.pow(x.data[i] - mean, 2) / (2 * var);
            }
            assertEquals(expected, ll.value.data[r], 1e-4 * (1 + Math.abs(expected)));
        }
        assertArrayEquals(px.mu().data(), dec.mean(z).data, 1e-7f);
    }

    @Property(tries = 15)
    void decoderLogLikelihoodGradients(@ForAll @IntRange(min = 1, max = 3) int latent,
                                       @ForAll @IntRange(min = 1, max = 4) int hidden,
                                       @ForAll @IntRange(min = 1, max = 6) int d, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (Decoder dec : List.of(new BernoulliDecoder(latent, hidden, d), new GaussianDecoder(latent, hidden, d))) {
            Init.gaussian(dec.parameters(), 0.5, seed);
            Tensor z = new Tensor(3, latent), x = new Tensor(3, d);
            for (int i = 0; i < z.data.length; i++) z.data[i] = (float) rnd.nextGaussian();
            for (int i = 0; i < x.data.length; i++) x.data[i] = (float) rnd.nextDouble();
            List<GradientCheck.Wrt> wrt = new ArrayList<>();
            for (Parameter p : dec.parameters()) wrt.add(new GradientCheck.Wrt(p.name, p.value, p.grad));
            Tensor zGrad = new Tensor(3, latent);
            wrt.add(new GradientCheck.Wrt("z", z, zGrad));
            GradientCheck.Report report = GradientCheck.of(wrt,
                    tape -> Reductions.sum(dec.logLikelihood(tape.constant(x), tape.leaf(z, zGrad))));
            assertTrue(report.ok(), () -> dec.kind() + ":\n" + report);
        }
    }
}
