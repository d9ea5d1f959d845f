package aevb.eval;

import static org.junit.jupiter.api.Assertions.*;

import aevb.autodiff.Tape;
import aevb.nn.Linear;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Active units count the latent dimensions whose encoder mean varies over the data. */
class ActiveUnitsTest {

    @Test
    void dimensionsTheEncoderIgnoresAreNotCounted() {
        Vae vae = EvalFixtures.model(12, 10, 6, 1.0, 0.5, 1);
        Linear muHead = vae.encoder.mlp.heads.get(0);      // W (Nz, hidden), b (1, Nz)
        int[] ignored = {1, 3, 4};
        for (int u : ignored) {
            java.util.Arrays.fill(muHead.weight.value.data, u * 10, (u + 1) * 10, 0f);
            muHead.bias.value.data[u] = 0.7f;              // a constant mean, not necessarily 0
        }
        Tensor x = EvalFixtures.binaryData(500, 12, 2);
        ActiveUnits.Result r = ActiveUnits.of(vae, x);
        System.out.println("variances: " + java.util.Arrays.toString(r.variance()));
        assertEquals(3, r.active());
        for (int u = 0; u < 6; u++) {
            boolean shouldBe = u != 1 && u != 3 && u != 4;
            assertEquals(shouldBe, r.isActive(u), "dimension " + u + ", variance " + r.variance()[u]);
        }
    }

    @Test
    void theVarianceIsTheVarianceOfMuOverTheData() {
        // 2500 rows: three passes of the encoder, the last one short.
        Vae vae = EvalFixtures.model(7, 5, 3, 0.4, 0.5, 3);
        Tensor x = EvalFixtures.binaryData(2500, 7, 4);
        ActiveUnits.Result r = ActiveUnits.of(vae, x);
        float[] mu = vae.encoder.encode(new Tape().constant(x)).mu().data();   // (N, Nz), in one pass
        for (int u = 0; u < 3; u++) {
            double mean = 0, ss = 0;
            for (int i = 0; i < 2500; i++) {
                mean += mu[i * 3 + u] / 2500.0;
            }
            for (int i = 0; i < 2500; i++) {
                ss += (mu[i * 3 + u] - mean) * (mu[i * 3 + u] - mean);
            }
            assertEquals(ss / 2500, r.variance()[u], 1e-9 + 1e-6 * ss / 2500, "dimension " + u);
        }
        assertEquals(ActiveUnits.THRESHOLD, r.threshold());
        ActiveUnits.Result none = ActiveUnits.of(vae, x, Double.POSITIVE_INFINITY);
        assertEquals(0, none.active());
    }
}
