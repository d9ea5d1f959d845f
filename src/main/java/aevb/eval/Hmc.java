package aevb.eval;

import aevb.random.Randomness;
import aevb.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Hamiltonian Monte Carlo (Hybrid Monte Carlo, Duane, Kennedy, Pendleton &amp; Roweth 1987; see
 * Neal 2011, "MCMC using Hamiltonian dynamics"), the sampler of Appendices D and E.
 *
 * <p>To sample z from π(z), add a momentum p ~ N(0, I) and follow the dynamics of the energy
 * <pre>  H(z, p) = U(z) + K(p),   U(z) = -log π(z),   K(p) = ½ pᵀp</pre>
 * One transition of a chain:
 * <pre>
 *   p ~ N(0, I)
 *   S leapfrog steps of size ε:   p ← p + ½ε ∇log π(z)
 *                                 repeat S times:  z ← z + ε p;  p ← p + ε ∇log π(z)  (½ε the last time)
 *   accept (z', p') with probability  a = min(1, exp(H(z, p) - H(z', p')))
 * </pre>
 * The leapfrog is reversible and keeps volume, so the Metropolis test makes π exactly invariant;
 * its error in H grows with ε, so ε sets the acceptance rate. For a VAE's posterior,
 * {@code ∇ log π(z) = ∇_z log p(z) + ∇_z log p_θ(x|z)} comes from the tape ({@link HmcPosterior}).
 *
 * <p>Step size. Appendix E tunes it "automatically ... such that the acceptance rate was 90%";
 * the paper gives no rule. We adapt ε by a Robbins-Monro step on log ε,
 * <pre>  log ε ← log ε + κ (a - a*)</pre>
 * with a the transition's acceptance probability and a* the target: ε shrinks after a poor
 * acceptance and grows slowly while acceptance is above target, and settles where E[a] = a*.
 * {@link Adaptation#PER_CHAIN} does this for each chain with its own a;
 * {@link Adaptation#SHARED} gives all chains one ε, moved by the mean a over the chains.
 * Adapting breaks exact invariance, so samplers that must be exact (Appendix D) adapt during a
 * warm-up only and then run {@link Adaptation#FROZEN}; MCEM's chains keep adapting.
 *
 * <p>Jitter. A fixed ε and S give every trajectory the same length, and on a near-Gaussian
 * posterior a length near half an orbit maps z to about -z: the chain then hardly changes |z|,
 * and its samples are strongly correlated however many we take (we saw the Appendix D
 * estimate settle 0.1-0.2 nats off the truth with 4 leapfrog steps). As Neal (2011, section
 * 5.4.2.2) advises, each transition draws its ε uniformly from [ε(1 - j), ε(1 + j)], j = 0.2; the
 * draw does not depend on z, so π stays invariant.
 *
 * <p>All P chains move together: each evaluation of the target is one batched pass over P rows.
 */
public final class Hmc {
    /** How the step sizes change after a transition. */
    public enum Adaptation {
        /** ε stays as it is: the chains are exact HMC. */
        FROZEN,
        /** each chain's ε moves with its own acceptance probability. */
        PER_CHAIN,
        /** all chains share one ε (the geometric mean of theirs), moved by their mean acceptance. */
        SHARED
    }

    /** Appendix E: "stepsize automatically tuned such that the acceptance rate was 90%". */
    public static final double PAPER_TARGET_ACCEPTANCE = 0.9;
    /** κ: a poor transition (a = 0) cuts ε by exp(-0.45) ≈ 0.64, a perfect one raises it 5%. */
    public static final double DEFAULT_ADAPTATION_RATE = 0.5;
    /** Each transition uses ε·u, u uniform in [1 - j, 1 + j]: see the class comment. */
    public static final double DEFAULT_STEP_JITTER = 0.2;
    /** ε is kept within [MIN_STEP, MAX_STEP] so a run of bad luck can neither freeze nor blow up a chain. */
    public static final double MIN_STEP = 1e-5, MAX_STEP = 2.0;

    private final int leapfrogSteps;
    private final double targetAcceptance;
    private final double adaptationRate;
    private final double stepJitter;
    // work buffers, reallocated when P or Nz change
    private Tensor zNew = new Tensor(0, 0), p = new Tensor(0, 0), gradNew = new Tensor(0, 0);
    private double[] logPiNew = new double[0], jittered = new double[0];

    public Hmc(int leapfrogSteps, double targetAcceptance) {
        this(leapfrogSteps, targetAcceptance, DEFAULT_ADAPTATION_RATE, DEFAULT_STEP_JITTER);
    }

    public Hmc(int leapfrogSteps, double targetAcceptance, double adaptationRate, double stepJitter) {
        if (leapfrogSteps < 1) {
            throw new IllegalArgumentException("HMC needs at least one leapfrog step, got " + leapfrogSteps);
        }
        if (!(targetAcceptance > 0 && targetAcceptance < 1)) {
            throw new IllegalArgumentException("the target acceptance rate must be in (0, 1), got " + targetAcceptance);
        }
        if (!(stepJitter >= 0 && stepJitter < 1)) {
            throw new IllegalArgumentException("the step-size jitter must be in [0, 1), got " + stepJitter);
        }
        if (!(adaptationRate >= 0)) {
            throw new IllegalArgumentException("the adaptation rate must be >= 0, got " + adaptationRate);
        }
        this.leapfrogSteps = leapfrogSteps;
        this.targetAcceptance = targetAcceptance;
        this.adaptationRate = adaptationRate;
        this.stepJitter = stepJitter;
    }

    public int leapfrogSteps() {
        return leapfrogSteps;
    }

    public double targetAcceptance() {
        return targetAcceptance;
    }

    /** The generator for transition {@code t} of a run seeded with {@code seed} (the HMC stream). */
    public static SplittableRandom rng(long seed, long t) {
        return Randomness.rng(seed, Randomness.Stream.HMC, t);
    }

    /**
     * One HMC transition of every chain: momentum, S leapfrog steps, Metropolis test. When
     * {@code adapt} is not FROZEN, the step sizes then move towards the target acceptance rate.
     * Costs S + 1 evaluations of the target (S when the chains hold a valid cache).
     *
     * @return the mean acceptance probability over the chains
     */
    public double transition(HmcTarget target, HmcChains chains, SplittableRandom rnd, Adaptation adapt) {
        int chainsP = chains.count(), d = chains.dims();
        if (!chains.cached) {
            target.evaluate(chains.z, chains.logPi, chains.grad);
            chains.cached = true;
        }
        buffers(chainsP, d);
        Randomness.gaussian(rnd, p.data, p.data.length);          // p ~ N(0, I), (P, Nz)
        for (int i = 0; i < chainsP; i++) {                       // ε·u, u ~ U[1 - j, 1 + j]
            jittered[i] = chains.stepSize[i] * (1 + stepJitter * (2 * rnd.nextDouble() - 1));
        }
        double[] kinetic0 = kinetic(p, new double[chainsP]);
        zNew.copyFrom(chains.z);
        gradNew.copyFrom(chains.grad);
        leapfrog(target, zNew, p, jittered, leapfrogSteps, logPiNew, gradNew);
        double[] kinetic1 = kinetic(p, new double[chainsP]);

        double sumAccept = 0;
        for (int i = 0; i < chainsP; i++) {
            // log of exp(H(z, p) - H(z', p')), with H = -log π + K
            double logRatio = (logPiNew[i] - kinetic1[i]) - (chains.logPi[i] - kinetic0[i]);
            double a = Double.isNaN(logRatio) ? 0 : Math.min(1, Math.exp(logRatio));
            if (rnd.nextDouble() < a) {
                System.arraycopy(zNew.data, i * d, chains.z.data, i * d, d);
                System.arraycopy(gradNew.data, i * d, chains.grad.data, i * d, d);
                chains.logPi[i] = logPiNew[i];
            }
            chains.lastAcceptance[i] = a;
            if (adapt == Adaptation.PER_CHAIN) {
                chains.stepSize[i] = adapted(chains.stepSize[i], a);
            }
            sumAccept += a;
        }
        double meanAccept = sumAccept / chainsP;
        if (adapt == Adaptation.SHARED) {
            double logMean = 0;
            for (double e : chains.stepSize) {
                logMean += Math.log(e) / chainsP;
            }
            java.util.Arrays.fill(chains.stepSize, adapted(Math.exp(logMean), meanAccept));
        }
        return meanAccept;
    }

    /** log ε ← log ε + κ (a - a*), kept within [MIN_STEP, MAX_STEP]. */
    private double adapted(double stepSize, double acceptance) {
        double logStep = Math.log(stepSize) + adaptationRate * (acceptance - targetAcceptance);
        return Math.clamp(Math.exp(logStep), MIN_STEP, MAX_STEP);
    }

    /**
     * The leapfrog integrator: {@code steps} steps of size ε_i for chain i, in place.
     * On entry {@code grad} holds ∇ log π(z); on exit z, p, {@code logPi} and {@code grad} all
     * belong to the end point. Run it forward, negate p, run it again: it comes back (to rounding).
     * Costs {@code steps} evaluations of the target.
     */
    public static void leapfrog(HmcTarget target, Tensor z, Tensor p, double[] stepSize, int steps,
                                double[] logPi, Tensor grad) {
        int chainsP = z.rows, d = z.cols;
        kick(p, grad, stepSize, 0.5);                          // p ← p + ½ε ∇log π(z)
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < chainsP; i++) {                     // z ← z + ε p
                float eps = (float) stepSize[i];
                for (int j = i * d; j < (i + 1) * d; j++) {
                    z.data[j] += eps * p.data[j];
                }
            }
            target.evaluate(z, logPi, grad);
            kick(p, grad, stepSize, s == steps - 1 ? 0.5 : 1.0); // p ← p + ε ∇log π(z), ½ε at the end
        }
    }

    /** p ← p + fraction · ε_i · ∇ log π(z), row by row. */
    private static void kick(Tensor p, Tensor grad, double[] stepSize, double fraction) {
        int d = p.cols;
        for (int i = 0; i < p.rows; i++) {
            float eps = (float) (fraction * stepSize[i]);
            for (int j = i * d; j < (i + 1) * d; j++) {
                p.data[j] += eps * grad.data[j];
            }
        }
    }

    /** K(p) = ½ pᵀp per row, in double. */
    private static double[] kinetic(Tensor p, double[] out) {
        int d = p.cols;
        for (int i = 0; i < p.rows; i++) {
            double s = 0;
            for (int j = i * d; j < (i + 1) * d; j++) {
                s += (double) p.data[j] * p.data[j];
            }
            out[i] = 0.5 * s;
        }
        return out;
    }

    private void buffers(int chainsP, int d) {
        if (p.rows != chainsP || p.cols != d) {
            zNew = new Tensor(chainsP, d);
            p = new Tensor(chainsP, d);
            gradNew = new Tensor(chainsP, d);
            logPiNew = new double[chainsP];
            jittered = new double[chainsP];
        }
    }
}
