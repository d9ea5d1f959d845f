package aevb.infer;

import static aevb.autodiff.Elementwise.*;
import static aevb.autodiff.Matrices.matmul;
import static aevb.autodiff.Reductions.sumRows;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.tensor.Tensor;

/**
 * Super-resolution's likelihood: what was observed is a low-resolution image y, each of its
 * pixels the average of an f x f block of the clean image (f = 2: 28x28 -> 14x14). With the
 * decoder's pixel means μ = σ(a), the block's expected intensity is p̄_k = (μ P)_k, P (D, D/f²)
 * the averaging matrix. The f² pixels of a block are read as f² draws of one Bernoulli(p̄_k),
 * of which a fraction y_k came up 1:
 * <pre>  log p(y | z) = f² Σ_k [y_k log p̄_k + (1 - y_k) log(1 - p̄_k)],   1 - p̄ = (1 - μ) P</pre>
 * exact when a block's pixels share one mean, and with no noise level to choose. (1 - μ) is
 * computed as σ(-a), so neither log sees a difference of two rounded numbers.
 */
public final class Downsampled implements Observation {
    private final Tensor y;      // (R, D/f²)
    private final Tensor notY;   // 1 - y
    private final Tensor pool;   // P, (D, D/f²)
    private final int factor, height, width;

    /** Observes y (R, (h/f)·(w/f)), the f x f block means of images of h x w. */
    public Downsampled(Tensor y, int height, int width, int factor) {
        if (factor < 1 || height % factor != 0 || width % factor != 0) {
            throw new IllegalArgumentException("a " + height + "x" + width + " image cannot be pooled by " + factor);
        }
        if (y.cols != (height / factor) * (width / factor)) {
            throw new IllegalArgumentException("the low-resolution images have " + y.cols + " pixels, expected "
                    + (height / factor) * (width / factor));
        }
        this.y = y;
        this.notY = new Tensor(y.rows, y.cols);
        for (int i = 0; i < y.data.length; i++) {
            notY.data[i] = 1f - y.data[i];
        }
        this.pool = poolingMatrix(height, width, factor);
        this.factor = factor;
        this.height = height;
        this.width = width;
    }

    /** P (h·w, (h/f)·(w/f)): column k averages the f x f block k. */
    public static Tensor poolingMatrix(int height, int width, int factor) {
        int lowW = width / factor;
        Tensor p = new Tensor(height * width, (height / factor) * lowW);
        float share = 1f / (factor * factor);
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                p.set(r * width + c, (r / factor) * lowW + c / factor, share);
            }
        }
        return p;
    }

    @Override
    public Var logLikelihood(Var logits) {
        Tape tape = logits.tape();
        Var pool = tape.constant(this.pool);
        Var on = matmul(sigmoid(logits), pool);          // p̄ = μ P, (R, D/f²)
        Var off = matmul(sigmoid(neg(logits)), pool);    // 1 - p̄ = (1 - μ) P
        Var perBlock = add(mul(tape.constant(y), log(on)), mul(tape.constant(notY), log(off)));
        return scale(sumRows(perBlock), factor * factor);  // (R, 1)
    }

    /**
     * The decoder's μ moved so each block's mean is the observed y_k: treating the pixels as
     * independent with the variances v_j = μ_j(1 - μ_j) of the Bernoulli decoder and
     * conditioning on P x = y as a Gaussian would,
     * <pre>  x_j = μ_j + f² v_j / Σ_{i in block} v_i · (y_k - p̄_k)</pre>
     * so the correction goes to the pixels the model is least sure of; clipped to [0, 1].
     */
    @Override
    public Tensor cleanMean(Tensor mu) {
        Tensor x = mu.copy();
        int lw = width / factor, d = height * width;
        double[] pbar = new double[y.cols], vsum = new double[y.cols];
        for (int i = 0; i < mu.rows; i++) {
            java.util.Arrays.fill(pbar, 0);
            java.util.Arrays.fill(vsum, 0);
            for (int j = 0; j < d; j++) {
                int k = (j / width / factor) * lw + (j % width) / factor;
                double m = mu.data[i * d + j];
                pbar[k] += m / (factor * factor);
                vsum[k] += m * (1 - m) + 1e-6;
            }
            for (int j = 0; j < d; j++) {
                int k = (j / width / factor) * lw + (j % width) / factor;
                double m = mu.data[i * d + j], v = m * (1 - m) + 1e-6;
                double shift = factor * factor * v / vsum[k] * (y.data[i * y.cols + k] - pbar[k]);
                x.data[i * d + j] = (float) Math.clamp(m + shift, 0, 1);
            }
        }
        return x;
    }

    @Override
    public int rows() {
        return y.rows;
    }

    @Override
    public int dataDim() {
        return height * width;
    }
}
