/*
 * Step 19. β-VAE and the rate-distortion view (Higgins et al., 2017; Alemi et al., 2018)
 *
 * The bound of eq. (10) has two terms: -KL(q(z|x) || p(z)), what the code costs, and
 * E_q[log p(x|z)], how well it explains x. Alemi et al. ("Fixing a broken ELBO") call them the
 * rate R (nats the code carries about x) and the distortion D (what the decoder still fails to
 * explain): ELBO = -(D + R). Higgins et al.'s β-VAE minimises D + βR. At β = 1 that is the
 * paper's bound; at β > 1 every nat of code costs more, so the model codes less (fewer latent
 * units stay active) and its reconstructions blur; at β < 1 it codes more than the bound pays
 * for. Training one model per β traces a curve in the (R, D) plane: the models a fixed
 * architecture can reach, each β one point of it. The line D + R = const through the best point
 * is the ELBO's level set: every other point lies above it.
 *
 * Run: ./aevb tutorial 19 (6 models on the embedded sample, about a minute), then look at
 * runs/tutorial-19/rate-distortion.png, traversals.png (β = 1 against β = 4) and
 * reconstructions.png. The same sweep on MNIST: ./aevb reproduce rate-distortion --dataset mnist.
 *
 * Check: the largest β's model carries less than half the rate of the smallest β's, explains the
 * images worse (higher D), and keeps fewer latent units active than the β = 1 model.
 */
import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.experiments.DataSetting;
import aevb.experiments.RateDistortionSweep;

void main() throws Exception {
    boolean quick = Boolean.getBoolean("aevb.tutorial.quick");
    Path runs = Path.of(System.getProperty("aevb.tutorial.runs", "runs"));
    DataSplits data = Datasets.load("sample", null, false, System.err);
    DataSetting sample = DataSetting.paper("sample", data, null);
    List<Double> betas = quick ? List.of(0.5, 1.0, 8.0) : RateDistortionSweep.DEFAULT_BETAS;
    long samples = (quick ? 3 : 5) * (long) data.train().size();        // epochs of the 10,000 training images
    RateDistortionSweep.Config cfg = RateDistortionSweep.Config.of(sample, 1, runs.resolve(quick ? "tutorial-19-quick" : "tutorial-19"))
            .withBetas(betas).withSamples(samples).withEvalPoints(1000).withResume(true);  // a rerun reuses the models
    System.out.printf("one 784-500-20 model per β in %s, %,d training samples each, Adam 0.001%n", betas, samples);
    RateDistortionSweep.Result r = RateDistortionSweep.run(cfg, System.out);
    System.out.println();
    System.out.print(Files.readString(r.summary()));
    System.out.println();
    System.out.println("wrote " + r.png() + ", " + r.traversals() + ", " + r.reconstructions());
    System.out.println();

    RateDistortionSweep.Point small = r.points().getFirst(), large = r.points().getLast();
    RateDistortionSweep.Point one = r.points().stream().filter(p -> p.beta() == 1.0).findFirst().orElseThrow();
    check(large.heldOut().rate() < 0.5 * small.heldOut().rate(), String.format("β = %s codes less than half of what β = %s"
            + " codes (R %.1f < %.1f / 2 nats)", large.beta(), small.beta(), large.heldOut().rate(), small.heldOut().rate()));
    check(large.heldOut().distortion() > small.heldOut().distortion(), String.format("and explains the images worse"
            + " (D %.1f > %.1f nats)", large.heldOut().distortion(), small.heldOut().distortion()));
    check(large.activeUnits() < one.activeUnits(), String.format("with fewer active latent units than β = 1 (%d < %d of 20)",
            large.activeUnits(), one.activeUnits()));
}

static void check(boolean ok, String what) {
    System.out.println("CHECK " + what + ": " + (ok ? "passed" : "FAILED"));
    if (!ok) {
        throw new IllegalStateException("check failed: " + what);
    }
}
