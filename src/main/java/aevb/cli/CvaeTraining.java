package aevb.cli;

import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.run.CvaeFigures;
import aevb.run.CvaeCheckpoint;
import aevb.run.CvaeRun;
import aevb.run.DataRecord;
import aevb.run.MemoryEstimate;
import aevb.run.Progress;
import aevb.run.RunConfig;
import aevb.run.RunFolder;
import aevb.run.TrainingRun;
import aevb.sgvb.Condition;
import aevb.sgvb.CvaeConfig;
import aevb.sgvb.VaeConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code aevb train --model cvae --condition label|quadrant}: the conditional VAE
 * ({@link CvaeRun}) with the VAE's run folder, checkpoints, resume and Ctrl-C. What the VAE's
 * flags mean here: {@code --latent}, {@code --hidden}, {@code --L}, {@code --batch}, the
 * optimiser, the budget, the seed and the logging as for the VAE; the decoder is Bernoulli and
 * the estimator is B (the KL in closed form), so {@code --decoder gaussian}, {@code --estimator
 * A}, {@code --beta}, {@code --full-vb} and {@code --exclude-digits} are refused. {@code --prior
 * learned} gives it Sohn et al.'s prior network p(z | c).
 */
final class CvaeTraining {
    private CvaeTraining() {}

    /** One line for the first flag that does not fit a CVAE run (before any data are read). */
    static void checkFlags(Args a) throws UsageException {
        if (a.given("resume") && (a.given("model") || a.given("condition") || a.given("prior"))) {
            throw new UsageException("aevb train: --model, --condition and --prior cannot change a resumed run (they are read from"
                    + " the checkpoint); drop them");
        }
        boolean cvae = a.get("model").equals("cvae");
        if (!cvae) {
            for (String f : List.of("condition", "prior")) {
                if (a.given(f)) {
                    throw new UsageException("aevb train: --" + f + " is for the conditional VAE; add --model cvae, or drop --" + f);
                }
            }
            return;
        }
        if (!a.given("condition")) {
            throw new UsageException("aevb train: --model cvae needs --condition label (c = the digit) or quadrant"
                    + " (c = the lower-left quadrant)");
        }
        for (String f : List.of("full-vb", "exclude-digits", "figures-every")) {
            if (a.given(f)) {
                throw new UsageException("aevb train: --" + f + " is for the VAE; drop it with --model cvae");
            }
        }
        if (a.given("estimator") && !a.get("estimator").equals("B")) {
            throw new UsageException("aevb train: the CVAE's bound uses the KL in closed form (estimator B); drop --estimator "
                    + a.get("estimator") + " with --model cvae");
        }
        if (a.given("beta")) {
            throw new UsageException("aevb train: --beta is for the VAE's bound; drop it with --model cvae");
        }
        if (a.given("decoder") && !a.get("decoder").equals("bernoulli")) {
            throw new UsageException("aevb train: the CVAE's decoder is Bernoulli (intensities in [0, 1]); drop --decoder "
                    + a.get("decoder") + " with --model cvae");
        }
        if (a.get("condition").equals("label") && a.get("dataset").equals("frey")) {
            throw new UsageException("aevb train: Frey Face has no labels to condition on; use --condition quadrant,"
                    + " or --dataset sample or mnist");
        }
    }

    /** A new CVAE run from the flags. */
    static int start(Args a, String dataset, DataSplits data, RunConfig vaeCfg, PrintStream out) throws Exception {
        Condition condition = Condition.parse(a.get("condition"));
        if (condition.needsLabels() && !data.train().hasLabels()) {
            throw new UsageException("aevb train: " + data.name() + " has no labels to condition on; use --condition quadrant");
        }
        int h = data.train().height(), w = data.train().width();
        if (h % 2 != 0 || w % 2 != 0) {
            throw new UsageException("aevb train: the CVAE cuts images into quadrants and needs an even height and width; "
                    + data.name() + " has " + h + "x" + w);
        }
        CvaeConfig model = new CvaeConfig(condition, h, w, vaeCfg.model().hidden(), vaeCfg.model().latent(),
                a.get("prior").equals("learned"));
        RunConfig cfg = vaeCfg.model(new VaeConfig(model.dataDim(), model.hidden(), model.latent(), "bernoulli"));
        Path dir = a.given("out") ? a.path("out")
                : TrainCommand.freshDir(Path.of("runs", dataset + "-cvae-" + condition.key()
                        + (model.learnedPrior() ? "-learned" : "") + "-z" + model.latent() + "-s" + cfg.seed()));
        // the encoder's input is the widest, D + Dc: size the estimate by it
        MemoryEstimate.requireTraining(cfg.model(new VaeConfig(model.dataDim() + model.contextDim(), model.hidden(),
                model.latent(), "bernoulli")), data, "as the flags set it");
        RunFolder lock = RunFolder.claimNew(dir, "--out");
        boolean ok = false;
        try {
            CvaeRun run = CvaeRun.start(cfg, model, data, dir);
            out.println("training: conditional VAE, c = " + (condition == Condition.LABEL ? "the one-hot digit label"
                    : "the lower-left quadrant, x = the other three") + ", prior " + (model.learnedPrior()
                    ? "p(z | c) learned" : "N(0, I)") + "; " + cfg.describe());
            out.println("data:     " + data.summary());
            out.printf(Locale.ROOT, "budget:   %,d training samples (%,d steps of M = %d); run folder %s%n",
                    cfg.budget(), run.totalSteps(), cfg.batch(), dir);
            int code = train(a, run, data, out);
            ok = true;
            return code;
        } finally {
            lock.release(ok);
        }
    }

    /** Continues the CVAE run in {@code dir}. */
    static int resume(Args a, Path dir, PrintStream out, PrintStream err) throws Exception {
        if (a.given("figures-every")) {
            throw new UsageException("aevb train: --figures-every is for the VAE; " + dir + " is a conditional VAE run, drop it");
        }
        var c = CvaeCheckpoint.load(dir.resolve(TrainingRun.CHECKPOINT));   // a bad checkpoint is refused before anything is written
        RunConfig old = CvaeCheckpoint.config(c);
        RunFolder lock = RunFolder.claimExisting(dir, "--resume");
        boolean ok = false;
        try {
            String dataDir = a.given("data-dir") ? a.get("data-dir") : old.dataDir();
            DataSplits data = Datasets.load(old.dataset(), dataDir == null ? null : Path.of(dataDir), true, err);
            DataRecord.differences(c, data).forEach(err::println);
            long budget = TrainCommand.budget(a, data.train().size(), 0);
            CvaeRun run = CvaeRun.resume(dir, data, budget, a.given("data-dir") ? dataDir : null);
            out.printf("resuming %s at step %,d of %,d%n", dir, run.steps(), run.totalSteps());
            int code = train(a, run, data, out);
            ok = true;
            return code;
        } finally {
            lock.release(ok);
        }
    }

    private static int train(Args a, CvaeRun run, DataSplits data, PrintStream out) throws Exception {
        out.println("bound:    the conditional lower bound of log p(x | c) (Sohn et al. eq. 5) per image in nats, higher is better");
        run.checkpointEvery(a.real("checkpoint-every"));
        LastWords lastWords = LastWords.register(run::requestStop);   // Ctrl-C: stop before the next step (it checkpoints)
        Progress progress = new Progress(out, Progress.stdoutIsTerminal(), run.config().budget(), 5);
        try {
            run.run(progress);
            out.printf(Locale.ROOT, "%s after %,d steps (%.1f s)%n", run.stopped() ? "stopped" : "done", run.steps(),
                    progress.elapsedSeconds());
            if (Double.isFinite(run.lastTrainBound())) {
                out.printf(Locale.ROOT, "final:    train %.2f, %s %.2f nats per image (bound of log p(x | c)), %.1f s%n",
                        run.lastTrainBound(), run.heldOutName(), run.lastHeldOutBound(), progress.elapsedSeconds());
            }
            if (run.stopped()) {
                out.println("checkpoint written; continue with: ./aevb train --resume " + run.dir());
                return 0;
            }
        } finally {
            lastWords.said();
        }
        if (!a.toggle("no-figures")) {
            var held = data.heldOut() != null ? data.heldOut() : data.train();
            Path f = CvaeFigures.writeAll(run.dir(), run.cvae(), held, run.config().seed(),
                    run.config().dataset() + ", Nz = " + run.model().latent());
            out.println("figures:");
            out.println("  " + f);
        }
        out.println("metrics:  " + run.dir().resolve(TrainingRun.METRICS));
        out.println("model:    " + run.dir().resolve(TrainingRun.MODEL));
        return 0;
    }
}
