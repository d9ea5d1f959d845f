package aevb.infer;

import aevb.eval.Hmc;
import aevb.eval.HmcChains;
import aevb.prob.Decoder;
import aevb.tensor.Tensor;

/**
 * The posterior-predictive mean of the clean image given a corrupted one,
 * <pre>  E[x | y] = ∫ E[x | y, z] p(z | y) dz ≈ (1/S) Σ_s E[x | y, z_s],   z_s ~ p(z | y) by HMC</pre>
 * where E[x | y, z] is the decoder's picture E_θ[x | z] corrected pixel by pixel by what y says
 * ({@link Observation#cleanMean}).
 * the estimate of section 2.1's third use: HMC ({@code eval.Hmc}, as in Appendix E) samples
 * the {@link LatentPosterior} of each image, one chain per image, and the decoder's pictures of
 * the samples are averaged. Averaging pictures, not codes, is what makes this the predictive
 * mean: where y leaves the digit ambiguous (a 3 or a 5 from its lower half), it shows both.
 *
 * <p>Each chain starts at a code z0 (the encoder's mean of a first guess), warms up for W
 * transitions while each chain's step size adapts to the target acceptance rate, then keeps
 * one sample after each of S more transitions at a frozen step size (exact HMC).
 */
public final class PosteriorPredictive {
    /** The sampler's settings: W warm-up transitions, S kept samples, leapfrog steps, seed. */
    public record Settings(int warmup, int samples, int leapfrogSteps, double targetAcceptance, long seed) {
        public Settings {
            if (warmup < 0 || samples < 1 || leapfrogSteps < 1) {
                throw new IllegalArgumentException("HMC needs warm-up >= 0, samples >= 1, leapfrog steps >= 1; got "
                        + warmup + ", " + samples + ", " + leapfrogSteps);
            }
        }

        public static Settings defaults(long seed) {
            return new Settings(30, 30, 10, 0.8, seed);
        }
    }

    /** E[x | y] (R, D) and the chains' acceptance rate while sampling. */
    public record Result(Tensor mean, Tensor lastZ, double acceptance) {}

    private PosteriorPredictive() {}

    public static Result of(LatentPosterior target, Tensor z0, Settings s) {
        Decoder decoder = target.decoder();
        Hmc hmc = new Hmc(s.leapfrogSteps(), s.targetAcceptance());
        HmcChains chains = new HmcChains(z0, 0.1);
        long t = 0;
        for (int w = 0; w < s.warmup(); w++) {
            hmc.transition(target, chains, Hmc.rng(s.seed(), t++), Hmc.Adaptation.PER_CHAIN);
        }
        Tensor sum = new Tensor(z0.rows, decoder.dataDim());
        double accept = 0;
        for (int k = 0; k < s.samples(); k++) {
            accept += hmc.transition(target, chains, Hmc.rng(s.seed(), t++), Hmc.Adaptation.FROZEN);
            Tensor x = target.observation().cleanMean(decoder.mean(chains.z));  // E[x | y, z_s], (R, D)
            for (int j = 0; j < sum.data.length; j++) {
                sum.data[j] += x.data[j];
            }
        }
        for (int j = 0; j < sum.data.length; j++) {
            sum.data[j] /= s.samples();
        }
        return new Result(sum, chains.z.copy(), accept / s.samples());
    }
}
