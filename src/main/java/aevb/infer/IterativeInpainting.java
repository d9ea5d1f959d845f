package aevb.infer;

import aevb.autodiff.Tape;
import aevb.prob.DiagonalGaussian;
import aevb.random.Randomness;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;

/**
 * Inpainting by the encoder and decoder alone: Rezende, Mohamed &amp; Wierstra (2014,
 * "Stochastic backpropagation and approximate inference in deep generative models"),
 * Appendix F. Fill the missing pixels with a first guess, then repeat
 * <pre>  z ~ q_φ(z | x_t),   x_{t+1} = m ⊙ y + (1 - m) ⊙ E_θ[x | z]</pre>
 * keeping the observed pixels and replacing the missing ones with the decoder's picture. Were
 * q_φ the exact posterior, this would be a Markov chain whose stationary distribution is
 * p(x_missing | x_observed) (their Appendix F proves it); q_φ was trained on whole images
 * only, so on a half-missing image it is only an approximation, and the chain can drift: the
 * number of rounds is a setting to choose on validation images.
 *
 * <p>With {@code sample} false the step uses z = mu(x_t) (a deterministic fixed-point
 * iteration) instead of a draw.
 */
public final class IterativeInpainting {
    private IterativeInpainting() {}

    /**
     * x after {@code rounds} rounds from the first guess x0 (R, D): observed pixels from y where
     * mask = 1. Round t draws its noise from the stream (seed, EPS, t).
     */
    public static Tensor fill(Vae vae, Tensor y, Tensor mask, Tensor x0, int rounds, boolean sample, long seed) {
        Tensor x = keepObserved(x0, y, mask);
        int nz = vae.config.latent();
        Tensor eps = new Tensor(x.rows, nz);
        for (int t = 0; t < rounds; t++) {
            Tape tape = new Tape();
            DiagonalGaussian q = vae.encoder.encode(tape.constant(x));
            Tensor z = q.mu().value.copy();                     // (R, Nz)
            if (sample) {
                Randomness.gaussian(seed, Randomness.Stream.EPS, t, eps.data, eps.data.length);
                float[] lv = q.logVar().data();
                for (int j = 0; j < z.data.length; j++) {
                    z.data[j] += (float) Math.exp(0.5 * lv[j]) * eps.data[j];  // z = mu + σ ⊙ eps
                }
            }
            x = keepObserved(vae.decoder.mean(z), y, mask);
        }
        return x;
    }

    /** m ⊙ y + (1 - m) ⊙ guess. */
    static Tensor keepObserved(Tensor guess, Tensor y, Tensor mask) {
        Tensor x = guess.copy();
        for (int j = 0; j < x.data.length; j++) {
            if (mask.data[j] == 1f) {
                x.data[j] = y.data[j];
            }
        }
        return x;
    }
}
