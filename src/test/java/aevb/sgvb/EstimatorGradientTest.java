package aevb.sgvb;

import static org.junit.jupiter.api.Assertions.assertTrue;

import aevb.autodiff.GradientCheck;
import aevb.nn.Parameter;
import aevb.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Both SGVB estimators, differentiated by the tape, against central differences with respect to
 * every parameter of encoder and decoder, for both decoders, with eps held fixed.
 */
class EstimatorGradientTest {

    @Property(tries = 12)
    void estimatorsHaveCorrectGradients(@ForAll @IntRange(min = 1, max = 7) int d,
                                        @ForAll @IntRange(min = 1, max = 4) int hidden,
                                        @ForAll @IntRange(min = 1, max = 3) int latent,
                                        @ForAll @IntRange(min = 1, max = 3) int m,
                                        @ForAll @IntRange(min = 1, max = 2) int samples,
                                        @ForAll long seed) {
        for (String decoder : List.of("bernoulli", "gaussian")) {
            for (Estimator est : List.of(new EstimatorA(), new EstimatorB())) {
                Vae vae = ModelFixtures.model(d, hidden, latent, decoder, seed);
                Tensor x = ModelFixtures.data(m, d, seed + 1);
                Tensor eps = ModelFixtures.eps(samples * m, latent, seed + 2);
                List<GradientCheck.Wrt> wrt = new ArrayList<>();
                for (Parameter p : vae.parameters()) {
                    wrt.add(new GradientCheck.Wrt(p.name, p.value, p.grad));
                }
                GradientCheck.Report report = GradientCheck.of(wrt,
                        tape -> MinibatchEstimator.perDataPoint(est, vae, tape.constant(x), eps, samples));
                assertTrue(report.ok(), () -> "estimator " + est.name() + ", " + decoder + " decoder:\n" + report);
            }
        }
    }
}
