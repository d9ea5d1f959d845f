package aevb.eval;

import static org.junit.jupiter.api.Assertions.*;

import aevb.autodiff.GradientCheck;
import aevb.autodiff.Tape;
import aevb.nn.Init;
import aevb.nn.Parameter;
import aevb.prob.BernoulliDecoder;
import aevb.prob.Decoder;
import aevb.prob.GaussianDecoder;
import aevb.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The posterior target: log p(z) + log p(x|z) per row, its gradient in z, and no trace left in θ's gradients. */
class HmcPosteriorTest {

    @Property(tries = 20)
    void valueAndGradientAreTheJointDensitys(@ForAll @IntRange(min = 1, max = 5) int rows,
                                             @ForAll @IntRange(min = 1, max = 3) int latent,
                                             @ForAll @IntRange(min = 1, max = 7) int d,
                                             @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (Decoder decoder : List.of(new BernoulliDecoder(latent, 4, d), new GaussianDecoder(latent, 4, d))) {
            Init.gaussian(decoder.parameters(), 0.5, seed);
            Tensor x = new Tensor(rows, d), z = new Tensor(rows, latent);
            for (int i = 0; i < x.data.length; i++) {
                x.data[i] = (float) rnd.nextDouble();
            }
            for (int i = 0; i < z.data.length; i++) {
                z.data[i] = (float) (2 * rnd.nextGaussian());
            }
            for (Parameter p : decoder.parameters()) {
                p.grad.fill(0.25f);   // a gradient pending in a training step stays as it is
            }
            HmcPosterior target = new HmcPosterior(decoder, x);
            double[] logPi = new double[rows];
            Tensor grad = new Tensor(rows, latent);
            target.evaluate(z, logPi, grad);

            for (Parameter p : decoder.parameters()) {
                for (float g : p.grad.data) {
                    assertEquals(0.25f, g, "θ's gradient buffers are left alone (" + p.name + ")");
                }
            }
            // the value is log p(z) + log p(x|z), per row
            Tape tape = new Tape();
            float[] logLik = decoder.logLikelihood(tape.constant(x), tape.constant(z)).value.data;
            for (int r = 0; r < rows; r++) {
                double logPrior = 0;
                for (int j = 0; j < latent; j++) {
                    double v = z.get(r, j);
                    logPrior += -0.5 * (v * v + Math.log(2 * Math.PI));
                }
                assertEquals(logPrior + logLik[r], logPi[r], 1e-4 * (1 + Math.abs(logPi[r])));
            }
            // the gradient against central differences of log π, row by row
            double[] numeric = new double[z.data.length];
            double[] plus = new double[rows], minus = new double[rows];
            Tensor scratch = new Tensor(rows, latent);
            for (int i = 0; i < z.data.length; i++) {
                float saved = z.data[i];
                double h = GradientCheck.STEP * Math.max(1, Math.abs(saved));
                z.data[i] = (float) (saved + h);
                double hPlus = z.data[i] - (double) saved;
                target.evaluate(z, plus, scratch);
                z.data[i] = (float) (saved - h);
                double hMinus = saved - (double) z.data[i];
                target.evaluate(z, minus, scratch);
                z.data[i] = saved;
                int r = i / latent;
                numeric[i] = (plus[r] - minus[r]) / (hPlus + hMinus);
            }
            double err = GradientCheck.relativeError(grad.data, numeric);
            assertTrue(err <= GradientCheck.TOLERANCE, decoder.kind() + ": relative error " + err);
        }
    }
}
