package aevb.experiments;

import aevb.io.Checkpoint;
import aevb.run.ModelCheckpoint;
import aevb.run.Progress;
import aevb.run.RunConfig;
import aevb.run.TrainingRun;
import aevb.sgvb.Vae;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A model trained with AEVB for Figures 4 and 5: an ordinary {@link TrainingRun} folder
 * (config, metrics.csv, checkpoints, model.aevb), so every model of a reproduction can be
 * evaluated, sampled or drawn again with the other commands ({@code aevb evaluate --checkpoint
 * <folder>/model.aevb}). A resumed reproduction reuses a finished model and continues an
 * unfinished one from its checkpoint.
 */
final class TrainedModel {
    private TrainedModel() {}

    /** The paper's training run of AEVB for a setting and Nz: estimator B, L = 1, Adagrad, M = 100, decay 1/N. */
    static RunConfig config(DataSetting s, int latent, long samples, long seed) {
        int n = s.data().train().size();
        int batch = Math.min(Figure2.PAPER_BATCH, n);
        long steps = (samples + batch - 1) / batch;
        // a metrics row per epoch, but at most about 50 rows (Frey Face has 15 steps an epoch)
        int logEvery = (int) Math.max(n / batch, Math.max(1, steps / 50));
        return new RunConfig(s.name(), s.dataDir(), s.model(latent), "B", 1, batch, "adagrad", s.aevbLr(),
                1.0 / n, "none", samples, seed, logEvery, Figure2.DEFAULT_EVAL_POINTS);
    }

    /** Trains (or, when resuming, reuses or continues) the run in {@code dir}; returns the trained model. */
    static Vae train(RunConfig cfg, DataSetting s, Path dir, boolean resume, PrintStream log) throws IOException {
        if (Files.exists(dir.resolve(TrainingRun.MODEL)) && resume) {
            Checkpoint c = ModelCheckpoint.load(dir.resolve(TrainingRun.MODEL));
            RunConfig old = RunConfig.fromCheckpoint(c);
            requireSame(old, cfg, dir);
            log.println("reusing the finished model " + dir.resolve(TrainingRun.MODEL));
            return ModelCheckpoint.model(c);
        }
        TrainingRun run;
        if (Files.exists(dir.resolve(TrainingRun.CHECKPOINT))) {
            if (!resume) {
                throw new IOException(dir + " already holds a training run; continue it with --resume, or choose"
                        + " another --out");
            }
            requireSame(TrainingRun.configOf(dir), cfg, dir);
            run = TrainingRun.resume(dir, s.data(), cfg.budget());
            log.printf(Locale.ROOT, "continuing %s at step %,d%n", dir, run.steps());
        } else {
            run = TrainingRun.start(cfg, s.data(), dir);
        }
        log.printf(Locale.ROOT, "training %s: %s, %,d samples%n", dir, cfg.describe(), cfg.budget());
        Progress progress = new Progress(log, Progress.stdoutIsTerminal() && log == System.out, cfg.budget(), 15);
        run.run(progress);
        log.printf(Locale.ROOT, "  done: %,d steps in %.0f s%n", run.steps(), progress.elapsedSeconds());
        return run.vae();
    }

    /** A resumed figure must continue the same training (the data folder may have moved). */
    private static void requireSame(RunConfig old, RunConfig cfg, Path dir) throws IOException {
        if (!old.describe().equals(cfg.describe()) || old.budget() != cfg.budget()) {
            throw new IOException("cannot resume: " + dir + " holds a run of another configuration ("
                    + old.describe() + ", " + old.budget() + " samples; this one: " + cfg.describe() + ", "
                    + cfg.budget() + " samples); give the same settings, or choose another --out");
        }
    }
}
