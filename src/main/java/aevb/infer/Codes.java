package aevb.infer;

import aevb.autodiff.Tape;
import aevb.prob.DiagonalGaussian;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;

/** The encoder's q_φ(z | x) of images, without gradients: section 2.1's second use, "coding". */
public final class Codes {
    private Codes() {}

    /** mu (R, Nz) and log σ² (R, Nz) of q_φ(z | x) for each row of x (R, D). */
    public static Tensor[] posterior(Vae vae, Tensor x) {
        Tape tape = new Tape();
        DiagonalGaussian q = vae.encoder.encode(tape.constant(x));
        return new Tensor[] {q.mu().value.copy(), q.logVar().value.copy()};
    }

    /** mu(x), the code of each row of x. */
    public static Tensor mean(Vae vae, Tensor x) {
        return posterior(vae, x)[0];
    }

    /** E_θ[x | z = mu(x)]: the reconstruction of each row. */
    public static Tensor reconstruction(Vae vae, Tensor x) {
        return vae.decoder.mean(mean(vae, x));
    }
}
