package aevb.infer;

import static aevb.autodiff.Elementwise.*;
import static aevb.autodiff.Reductions.sumRows;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.tensor.Tensor;

/**
 * Additive Gaussian noise, y = x + n, n ~ N(0, s²) per pixel. Under the Bernoulli decoder
 * (x_j = 1 with probability μ_j = σ(a_j)) the observed pixel is a mixture of two Gaussians,
 * <pre>  p(y_j | z) = μ_j N(y_j; 1, s²) + (1 - μ_j) N(y_j; 0, s²)</pre>
 * Taking (1 - μ_j) N(y_j; 0, s²) out of the sum and using log(1 - σ(a)) = -softplus(a) gives
 * a form made of softplus only, finite for every a and y:
 * <pre>  log p(y_j | z) = softplus(a_j + c_j) - softplus(a_j) - y_j²/(2s²) - ½ log(2π s²),   c_j = (2 y_j - 1)/(2 s²)</pre>
 * (c_j is the log-ratio of the two Gaussians at y_j). Its gradient in a_j is σ(a_j + c_j) - σ(a_j):
 * the posterior probability that the clean pixel was on, minus the prior one.
 */
public final class GaussianNoise implements Observation {
    private final Tensor c;           // (2y - 1)/(2s²), (R, D)
    private final Tensor rowConstants; // Σ_j -y_j²/(2s²) - ½ log(2πs²) per row, (R, 1)
    private final int rows, cols;

    public GaussianNoise(Tensor y, double s) {
        if (!(s > 0 && Double.isFinite(s))) {
            throw new IllegalArgumentException("the noise level s must be positive, got " + s);
        }
        this.rows = y.rows;
        this.cols = y.cols;
        this.c = new Tensor(rows, cols);
        this.rowConstants = new Tensor(rows, 1);
        double twoS2 = 2 * s * s;
        for (int r = 0; r < rows; r++) {
            double k = 0;
            for (int j = r * cols; j < (r + 1) * cols; j++) {
                double v = y.data[j];
                c.data[j] = (float) ((2 * v - 1) / twoS2);
                k += -v * v / twoS2 - 0.5 * Math.log(Math.PI * twoS2);
            }
            rowConstants.data[r] = (float) k;
        }
    }

    @Override
    public Var logLikelihood(Var logits) {
        Tape tape = logits.tape();
        Var perPixel = sub(softplus(add(logits, tape.constant(c))), softplus(logits)); // (R, D)
        return add(sumRows(perPixel), tape.constant(rowConstants));                              // (R, 1)
    }

    /**
     * Bayes per pixel: P(x_j = 1 | y_j, z) = σ(a_j + c_j), the decoder's log-odds a_j = logit μ_j
     * plus the evidence c_j of the noisy pixel.
     */
    @Override
    public Tensor cleanMean(Tensor mu) {
        Tensor x = new Tensor(mu.rows, mu.cols);
        for (int j = 0; j < x.data.length; j++) {
            double m = Math.clamp(mu.data[j], 1e-7, 1 - 1e-7);
            double logOdds = Math.log(m / (1 - m)) + c.data[j];
            x.data[j] = (float) (1 / (1 + Math.exp(-logOdds)));
        }
        return x;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int dataDim() {
        return cols;
    }
}
