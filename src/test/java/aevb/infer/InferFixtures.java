package aevb.infer;

import aevb.nn.Adam;
import aevb.nn.WeightDecay;
import aevb.random.Randomness;
import aevb.sgvb.Aevb;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Generated data with known structure and a VAE trained on it, shared by the inference tests:
 * 8x8 binary images, each one of {@link #CLASSES} random prototypes with {@link #FLIP} of its
 * pixels flipped. Given any large enough part of an image, its prototype (and so the rest of
 * it, up to the flips) is determined: a model that learned the prototypes can fill, denoise and
 * upscale far better than any method that does not know them.
 */
final class InferFixtures {
    static final int H = 8, W = 8, D = H * W, CLASSES = 4, N = 800;
    static final double FLIP = 0.03;
    private static Vae trained;
    private static final float[][] PROTOTYPES = prototypes(CLASSES + 1, 1234);  // the last is never trained on

    private InferFixtures() {}

    static float[][] prototypes(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] p = new float[count][D];
        for (float[] row : p) {
            for (int j = 0; j < D; j++) {
                row[j] = rnd.nextDouble() < 0.4 ? 1f : 0f;
            }
        }
        return p;
    }

    /** n images of the given prototypes (cycled), pixels flipped with probability FLIP. */
    static Tensor images(int n, int firstClass, int classes, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Tensor x = new Tensor(n, D);
        for (int i = 0; i < n; i++) {
            float[] p = PROTOTYPES[firstClass + i % classes];
            for (int j = 0; j < D; j++) {
                x.data[i * D + j] = rnd.nextDouble() < FLIP ? 1f - p[j] : p[j];
            }
        }
        return x;
    }

    /** Images of the trained classes. */
    static Tensor images(int n, long seed) {
        return images(n, 0, CLASSES, seed);
    }

    /** Images of a class the model never saw: the planted anomalies. */
    static Tensor unseenClass(int n, long seed) {
        return images(n, CLASSES, 1, seed);
    }

    /** A 64-32-3 model trained with Adam for 1500 steps on N images (once per test JVM). */
    static synchronized Vae model() {
        if (trained == null) {
            Tensor x = images(N, 1);
            Vae vae = Vae.initialised(new VaeConfig(D, 32, 3, "bernoulli"), 5);
            Aevb aevb = new Aevb(vae, new EstimatorB(), new Adam(0.01), WeightDecay.priorPerDataPoint(N), 1, 5);
            int m = 50;
            for (int s = 0; s < 1500; s++) {
                int b = s % (N / m);
                aevb.step(x.rowSlice(b * m, (b + 1) * m));
            }
            trained = vae;
        }
        return trained;
    }

    static Tensor z(int rows, int latent, long seed) {
        Tensor z = new Tensor(rows, latent);
        Randomness.gaussian(seed, Randomness.Stream.SAMPLE, 0, z.data, z.data.length);
        return z;
    }
}
