package aevb.sgvb;

import static org.junit.jupiter.api.Assertions.*;

import aevb.autodiff.GradientCheck;
import aevb.nn.Adagrad;
import aevb.nn.Parameter;
import aevb.random.Randomness;
import aevb.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Appendix F: the full VB bound's gradient against central differences, and a short run. */
class FullVbTest {

    /**
     * The whole estimator (θ drawn from (mu_θ, log σ_θ²) and ζ, the per-point bound on the tape,
     * the hand-written chain rule back to mu_θ and log σ_θ², the closed-form KL of θ), with eps and
     * ζ fixed, differentiated with respect to mu_θ, log σ_θ² and the encoder's φ. The step and
     * tolerance are {@link GradientCheck}'s, justified there for float32.
     */
    @Property(tries = 10)
    void theBoundHasCorrectGradients(@ForAll @IntRange(min = 1, max = 6) int d,
                                     @ForAll @IntRange(min = 1, max = 4) int hidden,
                                     @ForAll @IntRange(min = 1, max = 3) int latent,
                                     @ForAll @IntRange(min = 1, max = 3) int m,
                                     @ForAll long seed) {
        // N = 10⁴ leaves the data term in charge; N = 1 weighs the KL of θ like one data point
        for (int n : new int[] {10_000, 1})
        for (String decoder : List.of("bernoulli", "gaussian")) {
            Vae vae = ModelFixtures.model(d, hidden, latent, decoder, seed);
            FullVb vb = new FullVb(vae, n, new Adagrad(0.1), -2.0, 1, seed);
            SplittableRandom rnd = new SplittableRandom(seed + 3);
            for (Parameter lv : vb.logVarTheta()) {
                for (int j = 0; j < lv.size(); j++) {
                    lv.value.data[j] = (float) (-3 + 2 * rnd.nextDouble());   // σ_θ between 0.2 and 0.6
                }
            }
            Tensor x = ModelFixtures.data(m, d, seed + 1);
            Tensor eps = ModelFixtures.eps(m, latent, seed + 2);
            List<Tensor> zeta = vb.drawZeta(Randomness.rng(seed, Randomness.Stream.EPS, 99));

            List<Parameter> wrt = vb.variationalParameters();
            wrt.forEach(p -> p.grad.zero());
            double bound = vb.bound(x, eps, zeta);
            List<float[]> analytic = new ArrayList<>();
            wrt.forEach(p -> analytic.add(p.grad.data.clone()));

            for (int k = 0; k < wrt.size(); k++) {
                float[] v = wrt.get(k).value.data;
                double[] numeric = new double[v.length];
                for (int j = 0; j < v.length; j++) {
                    float saved = v[j];
                    double h = GradientCheck.STEP * Math.max(1, Math.abs(saved));
                    v[j] = (float) (saved + h);
                    double hPlus = v[j] - (double) saved;
                    double lossPlus = -vb.bound(x, eps, zeta);
                    v[j] = (float) (saved - h);
                    double hMinus = saved - (double) v[j];
                    double lossMinus = -vb.bound(x, eps, zeta);
                    v[j] = saved;
                    numeric[j] = (lossPlus - lossMinus) / (hPlus + hMinus);
                }
                double err = GradientCheck.relativeError(analytic.get(k), numeric);
                double absErr = 0;
                for (int j = 0; j < v.length; j++) {
                    absErr += Math.pow(analytic.get(k)[j] - numeric[j], 2);
                }
                absErr = Math.sqrt(absErr);
                // A tensor whose whole gradient is tiny (a lone bias far from the data: 1e-4) is
                // below what central differences of a float32 function resolve: the bound carries
                // a rounding error of a few ulps, ~3e-7 |f|, which divided by 2h = 0.02 is ~2e-5
                // (1 + |f|) per element. Such a tensor passes on its absolute error instead.
                double floor = 2e-5 * (1 + Math.abs(bound)) * Math.sqrt(v.length);
                String name = wrt.get(k).name;
                double abs = absErr;
                assertTrue(err <= GradientCheck.TOLERANCE || absErr <= floor, () -> decoder + " decoder, N = " + n + ", "
                        + name + ": relative error " + err + ", absolute " + abs + " (float32 floor " + floor + ")");
            }
        }
    }

    @Test
    void theBoundRisesOnStructuredData() {
        int n = 400, mb = 40;
        Tensor data = ModelFixtures.clusteredData(n, 48, 4, 99);
        Vae vae = Vae.initialised(new VaeConfig(48, 32, 3, "bernoulli"), 1);
        FullVb vb = new FullVb(vae, n, new Adagrad(0.05), Math.log(1e-4), 1, 1);
        double first = 0, last = 0;
        int steps = 300, perEpoch = n / mb;
        for (int s = 0; s < steps; s++) {
            int b = s % perEpoch;
            double bound = vb.step(data.rowSlice(b * mb, (b + 1) * mb));
            if (s < perEpoch) {
                first += bound / perEpoch;
            }
            if (s >= steps - perEpoch) {
                last += bound / perEpoch;
            }
        }
        System.out.printf("full VB bound per data point: first epoch %.2f, last %.2f; KL(q(θ)||p(θ)) = %.1f nats, rms σ_θ = %.4f%n",
                first, last, vb.klTheta(), vb.rmsSigmaTheta());
        assertTrue(last > first + 10, "the bound must rise by more than 10 nats: " + first + " -> " + last);
        assertTrue(Double.isFinite(vb.klTheta()) && vb.klTheta() > 0);
        vb.useMeanTheta();
        for (int k = 0; k < vae.theta().size(); k++) {
            assertArrayEquals(vb.muTheta().get(k).value.data, vae.theta().get(k).value.data);
        }
    }
}
