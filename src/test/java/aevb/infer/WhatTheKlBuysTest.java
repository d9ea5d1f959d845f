package aevb.infer;

import static org.junit.jupiter.api.Assertions.*;

import aevb.baselines.Autoencoder;
import aevb.nn.Adam;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The autoencoder learns to reconstruct; its decodings of z ~ N(0, I) are less like the data than the VAE's samples. */
class WhatTheKlBuysTest {

    @Test
    void theAutoencoderReconstructsButItsPriorDrawsAreOffTheManifold() {
        Tensor train = InferFixtures.images(InferFixtures.N, 1);
        Autoencoder ae = Autoencoder.initialised(InferFixtures.D, 32, 3, 5);
        double first = ae.train(train, 1, 50, new Adam(0.01), 5);
        double last = ae.train(train, 90, 50, new Adam(0.01), 6);
        System.out.printf("autoencoder log p(x | f(x)): first epoch %.2f, after 90 more %.2f%n", first, last);
        assertTrue(last > first + 10, "reconstruction improves: " + first + " -> " + last);
        Tensor held = InferFixtures.images(100, 2);
        double aeErr = RestorationError.of(ae.reconstruct(held), held, null).mse().mean();
        assertTrue(aeErr < 0.05, "the autoencoder reconstructs held-out images, MSE " + aeErr);

        Vae vae = InferFixtures.model();
        WhatTheKlBuys.Result r = WhatTheKlBuys.measure(vae, ae, train, held, 200, 50, 3);
        System.out.println(r);
        assertTrue(r.vaeLogPx().mean() > r.aeLogPx().mean() + 5, "VAE samples are more likely under the VAE: " + r);
        assertTrue(r.vaeNearest().mean() < r.aeNearest().mean(), "VAE samples are nearer the training images: " + r);
    }

    @Test
    void nearestDistanceIsZeroForATrainingImage() {
        Tensor train = InferFixtures.images(20, 1);
        double[] d = WhatTheKlBuys.nearestDistance(train.rowSlice(3, 5), train);
        assertEquals(0, d[0]);
        assertEquals(0, d[1]);
    }
}
