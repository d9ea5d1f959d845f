package aevb.prob;

import static aevb.autodiff.Elementwise.*;
import static aevb.autodiff.Reductions.sumRows;

import aevb.autodiff.Var;
import aevb.random.Randomness;
import aevb.tensor.Tensor;
import java.util.SplittableRandom;

/** The prior over the latent variables, p(z) = N(z; 0, I) (section 3). It has no parameters. */
public final class StandardNormalPrior {

    /** log p(z) per row: {@code -½ Σ_j (z_j² + log 2π)}, z (M, Nz) -> (M, 1). */
    public Var logDensity(Var z) {
        return scale(addScalar(sumRows(square(z)), (float) (z.cols() * DiagonalGaussian.LOG_2PI)), -0.5f);
    }

    /** n draws z ~ p(z), (n, Nz). */
    public Tensor sample(int n, int latent, SplittableRandom rnd) {
        Tensor z = new Tensor(n, latent);
        Randomness.gaussian(rnd, z.data, z.data.length);
        return z;
    }
}
