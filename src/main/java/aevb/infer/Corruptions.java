package aevb.infer;

import aevb.random.Randomness;
import aevb.sgvb.Condition;
import aevb.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * The corruptions the three tasks of section 2.1 undo, each a pure function of its seed:
 * masks of missing pixels (inpainting), salt-and-pepper and Gaussian noise (denoising), and
 * f x f average pooling (super-resolution). Images are rows of h·w intensities in [0, 1].
 */
public final class Corruptions {
    private Corruptions() {}

    /** The mask of images whose lower half is missing: rows h/2 .. h-1 are 0, the rest 1. (R, h·w) */
    public static Tensor lowerHalfMissing(int count, int height, int width) {
        Tensor m = new Tensor(count, height * width);
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < (height / 2) * width; j++) {
                m.data[i * height * width + j] = 1f;
            }
        }
        return m;
    }

    /**
     * The mask of images of which only the lower-left quadrant is observed (rows h/2 .. h-1,
     * columns 0 .. w/2-1 are 1, the rest 0): the conditional VAE's quadrant task
     * ({@link Condition#QUADRANT}), so that the VAE's inpainting and the CVAE fill the same pixels. (R, h·w)
     */
    public static Tensor quadrantObserved(int count, int height, int width) {
        Tensor m = new Tensor(count, height * width);
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    m.data[i * height * width + r * width + c] = Condition.observed(r, c, height, width) ? 1f : 0f;
                }
            }
        }
        return m;
    }

    /** Each pixel missing independently with probability {@code fraction}: (R, D), image i from counter i. */
    public static Tensor randomMissing(int count, int dim, double fraction, long seed) {
        Tensor m = new Tensor(count, dim);
        for (int i = 0; i < count; i++) {
            SplittableRandom rnd = Randomness.rng(seed, Randomness.Stream.SAMPLE, 1_000_000L + i);
            for (int j = 0; j < dim; j++) {
                m.data[i * dim + j] = rnd.nextDouble() < fraction ? 0f : 1f;
            }
        }
        return m;
    }

    /** Each pixel with probability ρ set to 0 or 1 (equal odds), else kept. */
    public static Tensor saltAndPepper(Tensor x, double rho, long seed) {
        Tensor y = x.copy();
        for (int i = 0; i < x.rows; i++) {
            SplittableRandom rnd = Randomness.rng(seed, Randomness.Stream.SAMPLE, 2_000_000L + i);
            for (int j = i * x.cols; j < (i + 1) * x.cols; j++) {
                if (rnd.nextDouble() < rho) {
                    y.data[j] = rnd.nextBoolean() ? 1f : 0f;
                }
            }
        }
        return y;
    }

    /** y = x + n, n ~ N(0, s²) per pixel, not clipped (the likelihood of {@link GaussianNoise} expects none). */
    public static Tensor gaussianNoise(Tensor x, double s, long seed) {
        Tensor y = x.copy();
        float[] n = new float[x.cols];
        for (int i = 0; i < x.rows; i++) {
            Randomness.gaussian(seed, Randomness.Stream.SAMPLE, 3_000_000L + i, n, n.length);
            for (int j = 0; j < x.cols; j++) {
                y.data[i * x.cols + j] += (float) s * n[j];
            }
        }
        return y;
    }

    /** The f x f block means of h x w images: (R, h·w) -> (R, (h/f)·(w/f)). */
    public static Tensor averagePool(Tensor x, int height, int width, int factor) {
        int lh = height / factor, lw = width / factor;
        Tensor y = new Tensor(x.rows, lh * lw);
        float share = 1f / (factor * factor);
        for (int i = 0; i < x.rows; i++) {
            for (int r = 0; r < lh * factor; r++) {
                for (int c = 0; c < lw * factor; c++) {
                    y.data[i * lh * lw + (r / factor) * lw + c / factor] += share * x.data[i * height * width + r * width + c];
                }
            }
        }
        return y;
    }
}
