package aevb.infer;

import static aevb.autodiff.Elementwise.*;
import static aevb.autodiff.Reductions.sumRows;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.tensor.Tensor;

/**
 * Salt-and-pepper noise: each pixel is kept with probability 1 - ρ, else set to 0 or to 1 with
 * equal odds. Under the Bernoulli decoder, x_j ~ Bernoulli(μ_j), μ = σ(a), the observed pixel
 * is then itself a Bernoulli with
 * <pre>  p(y_j = 1 | z) = (1 - ρ) μ_j + ρ/2,   p(y_j = 0 | z) = (1 - ρ)(1 - μ_j) + ρ/2</pre>
 * and, reading intensities y_j in [0, 1] as the paper reads MNIST's,
 * <pre>  log p(y | z) = Σ_j y_j log p(y_j = 1 | z) + (1 - y_j) log p(y_j = 0 | z)</pre>
 * A flipped pixel costs at most log(2/ρ) nats here instead of the unbounded price the plain
 * decoder likelihood charges, which is why the posterior can disbelieve it. ρ = 0 gives back
 * log p_θ(y | z). Both probabilities are at least ρ/2, so the logs stay finite.
 */
public final class SaltAndPepper implements Observation {
    private final Tensor y;      // (R, D)
    private final Tensor notY;   // 1 - y, (R, D)
    private final float rho;

    public SaltAndPepper(Tensor y, double rho) {
        if (!(rho > 0 && rho < 1)) {
            throw new IllegalArgumentException("the salt-and-pepper rate ρ must be in (0, 1), got " + rho);
        }
        this.y = y;
        this.notY = new Tensor(y.rows, y.cols);
        for (int i = 0; i < y.data.length; i++) {
            notY.data[i] = 1f - y.data[i];
        }
        this.rho = (float) rho;
    }

    @Override
    public Var logLikelihood(Var logits) {
        Tape tape = logits.tape();
        Var p1 = addScalar(scale(sigmoid(logits), 1f - rho), rho / 2);        // (1 - ρ) μ + ρ/2
        Var p0 = addScalar(scale(sigmoid(neg(logits)), 1f - rho), rho / 2);   // (1 - ρ)(1 - μ) + ρ/2
        Var perPixel = add(mul(tape.constant(y), log(p1)), mul(tape.constant(notY), log(p0)));
        return sumRows(perPixel);                                            // (R, 1)
    }

    /**
     * Bayes per pixel: an intensity strictly between 0 and 1 was left alone (the noise writes 0 or
     * 1 only), so it is the truth; a 0 or a 1 may be noise, and
     * <pre>  P(x = 1 | y = 1, z) = μ (1 - ρ/2) / ((1 - ρ) μ + ρ/2),   P(x = 1 | y = 0, z) = μ ρ/2 / ((1 - ρ)(1 - μ) + ρ/2)</pre>
     */
    @Override
    public Tensor cleanMean(Tensor mu) {
        Tensor x = new Tensor(mu.rows, mu.cols);
        for (int j = 0; j < x.data.length; j++) {
            double v = y.data[j], m = mu.data[j];
            if (v == 1) {
                x.data[j] = (float) (m * (1 - rho / 2) / ((1 - rho) * m + rho / 2));
            } else if (v == 0) {
                x.data[j] = (float) (m * rho / 2 / ((1 - rho) * (1 - m) + rho / 2));
            } else {
                x.data[j] = (float) v;
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
        return y.cols;
    }
}
