package aevb.cli;

import aevb.data.Binarization;
import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.data.Datasets;
import aevb.eval.ActiveUnits;
import aevb.eval.ImportanceSampledLikelihood;
import aevb.eval.SplitBound;
import aevb.eval.Summary;
import aevb.io.Checkpoint;
import aevb.io.Weights;
import aevb.random.Randomness;
import aevb.run.DataRecord;
import aevb.run.MemoryEstimate;
import aevb.run.ModelCheckpoint;
import aevb.run.ModelFiles;
import aevb.run.Progress;
import aevb.run.RunConfig;
import aevb.sgvb.EstimatorA;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code aevb evaluate}: the bound (estimators A and B) and log p(x) by importance sampling on a split. */
public final class EvaluateCommand implements Command {

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String summary() {
        return "the bound (A and B) and the importance-sampled log p(x) of a checkpoint on a split";
    }

    @Override
    public List<Flag> flags() {
        return List.of(Checkpoints.FLAG,
                Flag.text("weights", "FILE", null, "evaluate an exported .npz or .safetensors instead of --checkpoint"),
                Flag.choice("split", null, "which split (default: the held-out one, test where the data set has it, "
                        + "else validation)", "train", "validation", "test"),
                Flag.integer("points", null, 2, 10_000_000, "evaluate the first N points of the split, at least 2 for a "
                        + "standard error (default: all)"),
                Flag.integer("L", "1", 1, 10000, "samples of eps per point for the bound"),
                Flag.integer("ll-samples", "0", 0, 100000, "K for log p(x) by importance sampling (0: skip; 5000 as IWAE)"),
                Flag.integer("seed", "1", Long.MIN_VALUE, Long.MAX_VALUE, "seed of the evaluation noise"),
                Flag.text("data-dir", "DIR", null, "where the data files are (default: the run's)"));
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        Checkpoint c;
        if (a.given("weights")) {
            if (a.given("checkpoint")) {
                throw new UsageException("aevb evaluate: give --checkpoint or --weights, not both");
            }
            c = ModelFiles.checkpoint(Weights.load(a.path("weights")), a.path("weights"));
        } else {
            c = Checkpoints.load(a, name());
        }
        RunConfig cfg = RunConfig.fromCheckpoint(c);
        Vae vae = ModelCheckpoint.model(c);
        Path dir = a.given("data-dir") ? a.path("data-dir") : cfg.dataDir() == null ? null : Path.of(cfg.dataDir());
        DataSplits data = Datasets.load(cfg.dataset(), dir, true, err);
        DataRecord.differences(c, data).forEach(err::println);
        String split = a.get("split");
        if (split == null) {
            split = data.test() != null ? "test" : "validation";
        }
        Dataset d = switch (split) {
            case "train" -> data.train();
            case "validation" -> data.validation();
            default -> data.test();
        };
        if (d == null) {
            throw new UsageException("aevb evaluate: " + cfg.dataset() + " has no " + split + " split (" + data.summary() + ")");
        }
        if (a.given("points")) {
            d = d.slice(d.name(), 0, Math.min(a.integer("points"), d.size()));
        }
        if (d.dim() != cfg.model().dataDim()) {
            throw new UsageException("aevb evaluate: the " + split + " images have " + d.dim() + " pixels but the model of "
                    + c.source() + " expects " + cfg.model().dataDim() + "; give the run's data with --data-dir");
        }
        if (d.size() < 2) {
            throw new UsageException("aevb evaluate: the " + split + " split has " + d.size() + " point; a bound with a"
                    + " standard error needs at least 2");
        }
        MemoryEstimate.requireEvaluation(cfg.model(), cfg.optimizer(), d.size(), a.integer("L"), a.integer("ll-samples"),
                "the model of " + c.source());
        d = Binarization.parse(cfg.binarization()).applyTo(d, Randomness.key(cfg.seed(), Randomness.Stream.BINARIZE, 0), 0);
        Tensor x = d.asTensor();
        long seed = a.longValue("seed");
        int l = a.integer("L");
        out.printf(Locale.ROOT, "%s, %s split, %,d points%n", cfg.describe(), split, x.rows);
        Summary b = new SplitBound(vae, new EstimatorB(), l, seed).evaluate(x).summary();
        Summary aa = new SplitBound(vae, new EstimatorA(), l, seed).evaluate(x).summary();
        out.printf(Locale.ROOT, "bound, estimator B (eq. 7):  %.3f ± %.3f nats per data point%n", b.mean(), b.standardError());
        out.printf(Locale.ROOT, "bound, estimator A (eq. 6):  %.3f ± %.3f nats per data point%n", aa.mean(), aa.standardError());
        out.printf(Locale.ROOT, "active units (Var E_q[z] > 0.01): %d of %d%n", ActiveUnits.of(vae, x).active(),
                cfg.model().latent());
        int k = a.integer("ll-samples");
        if (k > 0) {
            Progress progress = Progress.overPoints(out, Progress.stdoutIsTerminal(), x.rows, 10);
            ImportanceSampledLikelihood.Result r = new ImportanceSampledLikelihood(vae, k, seed)
                    .evaluate(x, 0, done -> progress.update(done, done, Double.NaN, false));
            progress.finish();
            Summary ll = r.summary();
            out.printf(Locale.ROOT, "log p(x), importance sampled, K = %d: %.3f ± %.3f nats per data point (%.1f s)%n",
                    k, ll.mean(), ll.standardError(), progress.elapsedSeconds());
        }
        return 0;
    }
}
