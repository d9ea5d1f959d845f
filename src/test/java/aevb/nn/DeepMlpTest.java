package aevb.nn;

import static org.junit.jupiter.api.Assertions.*;

import aevb.autodiff.GradientCheck;
import aevb.sgvb.EstimatorA;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.MinibatchEstimator;
import aevb.sgvb.ModelFixtures;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The MLP with more than one tanh hidden layer (the IWAE architecture), and Glorot's
 * initialisation. The gradient check uses GradientCheck's own tolerance (its Javadoc gives the
 * float32 reasoning); depth 2 and 3 cover the layers between the first and the heads.
 */
class DeepMlpTest {

    @Property(tries = 20)
    void aDeeperVaeHasCorrectGradientsForEveryParameter(@ForAll @IntRange(min = 1, max = 6) int d,
                                                        @ForAll @IntRange(min = 3, max = 6) int hidden,
                                                        @ForAll @IntRange(min = 2, max = 3) int depth,
                                                        @ForAll @IntRange(min = 1, max = 3) int latent,
                                                        @ForAll @IntRange(min = 1, max = 3) int m,
                                                        @ForAll long seed) {
        for (String decoder : List.of("bernoulli", "gaussian")) {
            Vae vae = new Vae(new VaeConfig(d, hidden, latent, decoder, depth));
            // Glorot, the deep model's own init: N(0, 0.3²) through three tanh layers of width 2
            // leaves first-layer gradients near 1e-4, where float32 rounding in the loss (a few
            // ulps, above the one-ulp resolution the check allows for) reaches 1-7% relative
            // error in about 1 case of 250; with Glorot and width >= 3 the worst of 1,200 cases was 1.4e-3.
            Init.glorotUniform(vae.parameters(), seed);
            Tensor x = ModelFixtures.data(m, d, seed + 1);
            Tensor eps = ModelFixtures.eps(m, latent, seed + 2);
            List<GradientCheck.Wrt> wrt = new ArrayList<>();
            for (Parameter p : vae.parameters()) {
                wrt.add(new GradientCheck.Wrt(p.name, p.value, p.grad));
            }
            for (var est : List.of(new EstimatorA(), new EstimatorB())) {
                GradientCheck.Report report = GradientCheck.of(wrt,
                        tape -> MinibatchEstimator.perDataPoint(est, vae, tape.constant(x), eps, 1));
                assertTrue(report.ok(), () -> decoder + ", depth " + depth + ", estimator " + est.name() + ":\n" + report);
            }
        }
    }

    @Test
    void depthStacksHiddenLayersOfOneWidthAndKeepsTheFirstLayersName() {
        Mlp mlp = new Mlp("enc", 784, 200, 2, new String[] {"mu", "logVar"}, new int[] {50, 50});
        assertEquals(2, mlp.depth());
        assertEquals("enc.hidden.W", mlp.hidden.weight.name);
        assertEquals("enc.hidden2.W", mlp.deeper.getFirst().weight.name);
        assertEquals(200, mlp.deeper.getFirst().in());
        // W, b of hidden, hidden2, mu, logVar
        assertEquals(8, mlp.parameters().size());
        assertEquals(784 * 200 + 200 + 200 * 200 + 200 + 2 * (200 * 50 + 50),
                mlp.parameters().stream().mapToInt(Parameter::size).sum());
        assertEquals(1, new Mlp("d", 3, 4, new String[] {"y"}, new int[] {2}).depth());
        assertThrows(IllegalArgumentException.class, () -> new Mlp("d", 3, 4, 0, new String[] {"y"}, new int[] {2}));
    }

    @Test
    void theDepthTravelsInTheModelHeaderAndOneLayerHeadersReadAsBefore() {
        VaeConfig deep = new VaeConfig(784, 200, 50, "bernoulli", 2);
        assertEquals(deep, VaeConfig.fromHeader(deep.toHeader()));
        VaeConfig paper = new VaeConfig(784, 500, 20, "bernoulli");
        Map<String, String> h = paper.toHeader();
        assertFalse(h.containsKey("model.depth"), "a one-layer header is unchanged");
        assertEquals(1, VaeConfig.fromHeader(h).depth());
    }

    @Test
    void glorotDrawsWeightsWithinSqrt6OverFanInPlusFanOutAndZeroBiases() {
        Vae vae = new Vae(new VaeConfig(784, 200, 50, "bernoulli", 2));
        Init.glorotUniform(vae.parameters(), 7);
        for (Parameter p : vae.parameters()) {
            float[] v = p.value.data;
            if (p.name.endsWith(".b")) {
                for (float f : v) {
                    assertEquals(0f, f, p.name);
                }
                continue;
            }
            double s = Init.glorotScale(p.value.cols, p.value.rows);
            double sum = 0, sq = 0, max = 0;
            for (float f : v) {
                max = Math.max(max, Math.abs(f));
                sum += f;
                sq += (double) f * f;
            }
            assertTrue(max <= s, p.name + ": |w| <= " + s);
            assertTrue(max > 0.9 * s, p.name + ": the draws fill the interval");
            // uniform on [-s, s]: variance s²/3 = 2 / (in + out), Glorot's target; the smallest
            // matrix has 10,000 draws, so the sample variance has a standard error of 0.9% of it
            assertEquals(2.0 / (p.value.cols + p.value.rows), s * s / 3, 1e-12);
            assertEquals(s * s / 3, sq / v.length, 0.1 * s * s / 3, p.name);
            assertEquals(0, sum / v.length, 5 * s / Math.sqrt(3 * v.length), p.name);
        }
        Vae again = new Vae(new VaeConfig(784, 200, 50, "bernoulli", 2));
        Init.glorotUniform(again.parameters(), 7);
        assertArrayEquals(vae.parameters().get(2).value.data, again.parameters().get(2).value.data, "a function of the seed");
    }
}
