package aevb.cli;

import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.experiments.DataSetting;
import aevb.experiments.RateDistortionSweep;
import aevb.tensor.Parallel;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code aevb reproduce rate-distortion}: the β-VAE sweep of {@link RateDistortionSweep}, its
 * flags and its call, kept apart from the figures' {@link ReproduceCommand}, which hands over to
 * {@link #run} and lists {@link #FLAGS} among its own.
 */
final class RateDistortionCommand {
    static final String NAME = "rate-distortion";
    static final List<Flag> FLAGS = List.of(
            new Flag("betas", "LIST", null, "rate-distortion: the β of each model, comma-separated (default 0.25,0.5,1,2,4,8)",
                    RateDistortionCommand::betasProblem));
    private static final List<String> OWN = List.of("betas");
    /** Flags of the reproduce command that the sweep does not take. */
    private static final List<String> NOT_HERE = List.of("budget", "datasets", "held-out", "aevb-lr", "wake-sleep-lr",
            "only", "list", "merge", "import", "checkpoint-every", "minutes", "models", "epochs", "k", "test-points",
            "stage-test-points");

    private RateDistortionCommand() {}

    /** A one-line error when --betas is given to another experiment. */
    static void rejectOwnFlags(Args a, String figure) throws UsageException {
        for (String f : OWN) {
            if (a.given(f)) {
                throw new UsageException("aevb reproduce: --" + f + " is for rate-distortion only, not " + figure);
            }
        }
    }

    static int run(Args a, PrintStream out, PrintStream err) throws Exception {
        for (String f : NOT_HERE) {
            if (a.given(f)) {
                throw new UsageException("aevb reproduce rate-distortion: --" + f + " does not apply (give --samples for"
                        + " the training samples per β, --dataset, --nz, --betas; see --help)");
            }
        }
        if (a.given("threads")) {
            Parallel.setThreads(a.integer("threads"));
        }
        String dataset = a.get("dataset");
        if (!dataset.equals("mnist") && !dataset.equals("sample")) {
            throw new UsageException("aevb reproduce rate-distortion: --dataset takes mnist or sample, not '" + dataset
                    + "' (the sweep's models have the Bernoulli decoder of MNIST)");
        }
        List<Double> betas = a.given("betas") ? parse(a.get("betas")) : RateDistortionSweep.DEFAULT_BETAS;
        int latent = RateDistortionSweep.DEFAULT_LATENT;
        if (a.given("nz")) {
            List<Integer> nz = ReproduceCommand.ints(a.get("nz"));
            if (nz.size() != 1) {
                throw new UsageException("aevb reproduce rate-distortion: --nz takes one latent size (every β gets it), not "
                        + a.get("nz"));
            }
            latent = nz.getFirst();
        }
        Path dataDir = a.path("data-dir");
        boolean resume = a.toggle("resume");
        Path base = Path.of("runs", "reproduce-" + NAME);
        Path outDir = a.given("out") ? a.path("out") : resume ? base : TrainCommand.freshDir(base);
        if (!resume) {
            for (double b : betas) {
                if (Files.exists(RateDistortionSweep.dir(outDir, b))) {
                    throw new UsageException("aevb reproduce rate-distortion: " + RateDistortionSweep.dir(outDir, b)
                            + " already holds a model; continue the sweep with --resume, or give another --out");
                }
            }
        }
        DataSplits data = Datasets.load(dataset, dataDir, true, err);
        DataSetting s = DataSetting.paper(dataset, data, dataDir == null ? null : dataDir.toString());
        if (a.given("hidden")) {
            s = s.withHidden(a.integer("hidden"));
        }
        RateDistortionSweep.Config cfg = RateDistortionSweep.Config.of(s, a.longValue("seed"), outDir).withBetas(betas)
                .withLatent(latent).withResume(resume).withEvalPoints(a.integer("eval-points"));
        if (a.given("samples")) {
            cfg = cfg.withSamples(a.longValue("samples"));
        }
        out.println("data:     " + data.summary());
        out.println("output:   " + outDir);
        out.printf(Locale.ROOT, "rate-distortion: β in %s, %d-%d-%d, estimator B with the KL weighted by β, Adam 0.001,"
                        + " M = 100, %,d training samples per β, seed %d; R and D on the first %,d held-out images%n",
                betas, s.data().train().dim(), s.hidden(), latent, cfg.samples(), cfg.seed(),
                Math.min(cfg.evalPoints(), s.data().heldOut().size()));
        RateDistortionSweep.Result r = RateDistortionSweep.run(cfg, out);
        out.println();
        out.print(Files.readString(r.summary()));
        out.println();
        out.println("figure:   " + r.png());
        out.println("          " + r.traversals());
        out.println("          " + r.reconstructions());
        out.println("table:    " + r.csv());
        return 0;
    }

    private static List<Double> parse(String v) {
        List<Double> out = new ArrayList<>();
        for (String s : ReproduceCommand.split(v)) {
            out.add(Double.parseDouble(s));
        }
        return out;
    }

    /** Null when v is a comma-separated list of distinct β in (0, 1000]. */
    static String betasProblem(String v) {
        List<Double> seen = new ArrayList<>();
        for (String s : ReproduceCommand.split(v)) {
            double b;
            try {
                b = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return "expects numbers β > 0, comma-separated (e.g. 0.5,1,4)";
            }
            if (!(b > 0) || b > 1000) {
                return "expects β in (0, 1000], comma-separated; '" + s + "' is not";
            }
            if (seen.contains(b)) {
                return "lists β = " + s + " twice";
            }
            seen.add(b);
        }
        return null;
    }
}
