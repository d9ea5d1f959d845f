package aevb.cli;

import aevb.data.DataCatalog;
import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.io.OutputPaths;
import aevb.run.CvaeCheckpoint;
import aevb.run.DataRecord;
import aevb.infer.OneClass;
import aevb.run.FullVbRun;
import aevb.run.ModelCheckpoint;
import aevb.run.PaperSettings;
import aevb.run.Progress;
import aevb.run.RunConfig;
import aevb.run.RunFigures;
import aevb.run.RunFolder;
import aevb.run.TrainingRun;
import aevb.run.TrainingSnapshots;
import aevb.sgvb.BetaEstimatorB;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Parallel;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code aevb train}: Algorithm 1 on a data set, with metrics, checkpoints and figures. */
public final class TrainCommand implements Command {

    static final List<Flag> FLAGS = List.of(
            Flag.choice("dataset", "sample", "the data: the embedded MNIST sample, MNIST, binarized MNIST or Frey Face",
                    "sample", "mnist", "binarized-mnist", "frey"),
            Flag.text("data-dir", "DIR", null, "where the data files are (default: $AEVB_DATA or ~/.cache/aevb)"),
            Flag.integer("latent", null, 1, 1000, "Nz, the latent dimension (default: 20 for MNIST, 2 for Frey Face)"),
            Flag.integer("hidden", null, 1, 10000, "hidden units of encoder and decoder (default: 500 MNIST, 200 Frey Face)"),
            Flag.choice("decoder", null, "p(x|z) (default: bernoulli for MNIST, gaussian for Frey Face)",
                    "bernoulli", "gaussian"),
            Flag.choice("estimator", "B", "the SGVB estimator: A (eq. 6) or B (eq. 7, analytic KL)", "A", "B"),
            Flag.real("beta", "1", 0, 1000, "β-VAE: the weight of the KL term of eq. (10) (1: the paper's bound; estimator B only)"),
            Flag.integer("L", "1", 1, 1000, "samples of eps per data point"),
            Flag.integer("batch", "100", 1, 100000, "M, the minibatch size"),
            Flag.choice("optimizer", "adagrad", "adagrad (the paper's) or adam", "adagrad", "adam"),
            Flag.real("lr", null, 0, 10, "step size (default: the paper's Adagrad step size, " + PaperSettings.MNIST_AEVB_LR
                    + " MNIST and " + PaperSettings.FREY_AEVB_LR + " Frey Face; " + PaperSettings.ADAM_LR + " with adam)"),
            new Flag("weight-decay", "X", null, "λ of the prior N(0, I) on θ per data point (default 1/N; 0: none)",
                    v -> isNonNegative(v) ? null : "expects a number >= 0"),
            Flag.choice("binarize", "none", "none (intensities, as the paper), dynamic (per epoch) or fixed",
                    "none", "dynamic", "fixed"),
            Flag.integer("epochs", null, 1, 1_000_000, "passes over the training set (default: 100 on the sample, 10 otherwise)"),
            Flag.integer("train-samples", null, 1, Long.MAX_VALUE / 2, "budget in training samples instead of epochs"),
            Flag.integer("seed", "1", Long.MIN_VALUE, Long.MAX_VALUE, "the seed of every random stream"),
            Flag.integer("threads", null, 1, 256, "threads for the kernels (default: all cores)"),
            Flag.text("out", "DIR", null, "the run folder (default: runs/<dataset>-z<Nz>-s<seed>)"),
            Flag.text("resume", "DIR", null, "continue the run in DIR from its checkpoint (other flags but --epochs/--train-samples are taken from it)"),
            Flag.integer("log-every", null, 1, 100_000_000, "steps between metric rows (default: one epoch)"),
            Flag.integer("eval-points", "1000", 1, 1_000_000, "held-out and training points the logged bounds use"),
            Flag.real("checkpoint-every", "30", -1, 1e9, "seconds between periodic checkpoints (0: at every metric row)"),
            Flag.toggle("no-figures", "skip the figures at the end"),
            Flag.integer("figures-every", null, 1, 1_000_000, "also write samples and reconstructions every N epochs"
                    + " (into the run's figures/epochs/)"),
            new Flag("exclude-digits", "D[,D]", null, "leave these digits out of training (the one-class protocol of aevb score)",
                    v -> OneClass.parseDigits(v) == null ? "expects digits 0-9 separated by commas, not all ten" : null),
            Flag.toggle("full-vb", "Appendix F: full VB, a Gaussian posterior over the decoder's θ too (small models; no checkpoints)"),
            Flag.choice("model", "vae", "vae (the paper's) or cvae, the conditional VAE of Sohn et al. 2015 (needs --condition)",
                    "vae", "cvae"),
            Flag.choice("condition", null, "with --model cvae: what c is, the one-hot digit label or the lower-left quadrant"
                    + " (then x is the other three)", "label", "quadrant"),
            Flag.choice("prior", "standard", "with --model cvae: p(z) = N(0, I) (standard) or Sohn et al.'s prior network"
                    + " p(z | c) (learned)", "standard", "learned"));

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train a VAE with AEVB (Algorithm 1), then draw its figures";
    }

    @Override
    public List<Flag> flags() {
        return FLAGS;
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        RunFolder[] lock = new RunFolder[1]; // held for the whole command: a second process into the folder is refused
        boolean ok = false;
        try {
            int code = train(a, out, err, lock);
            ok = true;
            return code;
        } finally {
            if (lock[0] != null) {
                lock[0].release(ok);
            }
        }
    }

    private int train(Args a, PrintStream out, PrintStream err, RunFolder[] lock) throws Exception {
        if (a.given("threads")) {
            Parallel.setThreads(a.integer("threads"));
        }
        TrainingRun run;
        DataSplits data;
        CvaeTraining.checkFlags(a);
        if (a.toggle("full-vb") && a.given("resume")) {
            throw new UsageException("aevb train: --full-vb runs cannot be resumed (they write no checkpoints)");
        }
        if (a.given("resume")) {
            for (String f : List.of("dataset", "latent", "hidden", "decoder", "estimator", "beta", "L", "batch", "optimizer",
                    "lr", "weight-decay", "binarize", "seed", "out", "log-every", "eval-points", "exclude-digits")) {
                if (a.given(f)) {
                    throw new UsageException("aevb train: --" + f + " cannot change a resumed run (it is read from"
                            + " the checkpoint); drop it, or start a new run with --out");
                }
            }
            Path dir = a.path("resume");
            if (!Files.exists(dir.resolve(TrainingRun.CHECKPOINT))) {
                throw new UsageException("aevb train: --resume " + dir + " holds no " + TrainingRun.CHECKPOINT
                        + " (give the run folder that training wrote)");
            }
            if (CvaeCheckpoint.isCvae(dir.resolve(TrainingRun.CHECKPOINT))) {
                return CvaeTraining.resume(a, dir, out, err);
            }
            RunConfig old = TrainingRun.configOf(dir); // a bad checkpoint is refused before anything is written
            lock[0] = RunFolder.claimExisting(dir, "--resume");
            String dataDir = a.given("data-dir") ? a.get("data-dir") : old.dataDir(); // the data may have moved
            data = Datasets.load(old.dataset(), dataDir == null ? null : Path.of(dataDir), true, err);
            DataRecord.differences(ModelCheckpoint.load(dir.resolve(TrainingRun.CHECKPOINT)), data).forEach(err::println);
            int[] excluded = OneClass.read(dir);
            if (excluded.length > 0) {
                data = OneClass.excludeFromTraining(data, excluded);
            }
            long budget = budget(a, data.train().size(), 0);
            run = TrainingRun.resume(dir, data, budget, a.given("data-dir") ? dataDir : null);
            out.printf("resuming %s at step %,d of %,d%n", dir, run.steps(), run.totalSteps());
        } else {
            Path dataDir = a.path("data-dir");
            if (dataDir != null) {
                OutputPaths.requireWritablePlace(dataDir, "--data-dir"); // downloads would go there
            }
            String dataset = a.given("dataset") || dataDir == null ? a.get("dataset") : DataFolders.infer(dataDir, out);
            if (a.given("out")) {
                RunFolder.requireNewRunFolder(a.path("out"), "--out"); // before the data are read: refuse quickly
            }
            data = Datasets.load(dataset, dataDir, true, err);
            int[] excluded = a.given("exclude-digits") ? OneClass.parseDigits(a.get("exclude-digits")) : new int[0];
            if (excluded.length > 0) {
                data = OneClass.excludeFromTraining(data, excluded);
            }
            RunConfig cfg = config(a, dataset, data);
            if (a.get("model").equals("cvae")) {
                return CvaeTraining.start(a, dataset, data, cfg, out);
            }
            int latent = cfg.model().latent();
            long seed = cfg.seed();
            int batch = cfg.batch();
            Path dir = a.given("out") ? a.path("out")
                    : freshDir(Path.of("runs", dataset + "-z" + latent + "-s" + seed + (a.toggle("full-vb") ? "-fullvb" : "")));
            lock[0] = RunFolder.claimNew(dir, "--out");
            if (a.toggle("full-vb")) {
                out.println("full VB (Appendix F): " + cfg.describe());
                out.println("data:     " + data.summary());
                FullVbRun.run(cfg, data, dir, new Progress(out, Progress.stdoutIsTerminal(), cfg.budget(), 5));
                out.println("metrics:  " + dir.resolve(TrainingRun.METRICS));
                out.println("figure:   " + dir.resolve("figures").resolve("samples.png"));
                return 0;
            }
            run = TrainingRun.start(cfg, data, dir);
            if (excluded.length > 0) {
                OneClass.write(dir, excluded);
                out.println("excluded: digits " + OneClass.text(excluded) + " left out of training (" + OneClass.FILE + ")");
            }
            out.println("training: " + cfg.describe());
            out.println("data:     " + data.summary());
            out.printf(Locale.ROOT, "budget:   %,d training samples (%,d steps of M = %d); run folder %s%n",
                    cfg.budget(), run.totalSteps(), batch, dir);
        }
        out.println("bound:    the lower bound (ELBO, eq. 3) per image in nats, higher is better; it is minus the"
                + " loss that PyTorch and Keras VAE examples print");
        out.println("optimizer: " + run.config().optimizer() + " " + run.config().learningRate()
                + (run.config().optimizer().equals("adagrad")
                        ? " (the paper's; --optimizer adam --lr 0.001 climbs faster in the first epochs)" : ""));
        run.checkpointEvery(a.real("checkpoint-every"));
        TrainingSnapshots snapshots = new TrainingSnapshots(run.dir(), run.config(), data, run.stepsPerEpoch(),
                a.given("figures-every") ? (int) a.integer("figures-every") : 0);
        run.hook(snapshots);
        // Ctrl-C (SIGINT) or SIGTERM: the hook stops the loop, which writes its checkpoint, and then waits
        // for this thread's last words: the JVM halts as soon as its hooks return.
        LastWords lastWords = LastWords.register(() -> run.requestStop(120));
        Progress progress = new Progress(out, Progress.stdoutIsTerminal(), run.config().budget(), 5);
        try {
            run.run(progress);
            out.printf(Locale.ROOT, "%s after %,d steps (%.1f s)%n", run.stopped() ? "stopped" : "done", run.steps(),
                    progress.elapsedSeconds());
            if (Double.isFinite(run.lastTrainBound())) {
                out.printf(Locale.ROOT, "final:    train %.2f, %s %.2f nats per image, %.1f s%n",
                        run.lastTrainBound(), run.heldOutName(), run.lastHeldOutBound(), progress.elapsedSeconds());
            }
            if (!run.stopped()) {
                snapshots.finish(run.steps(), run.vae());
            }
            if (run.stopped()) {
                out.println("checkpoint written; continue with: ./aevb train --resume " + run.dir());
                out.flush();
                return 0;
            }
        } finally {
            lastWords.said();
        }
        if (!a.toggle("no-figures")) {
            List<Path> figures = RunFigures.writeAll(run.dir(), run.vae(), run.config(), data);
            out.println("figures:");
            for (Path p : figures) {
                out.println("  " + p);
            }
        }
        out.println("metrics:  " + run.dir().resolve(TrainingRun.METRICS));
        out.println("model:    " + run.dir().resolve(TrainingRun.MODEL));
        return 0;
    }

    /** The shutdown hook of a training: stop the loop (it checkpoints), then let the main thread say so. */
    /**
     * The run the flags ask for: the paper's run on the data set ({@link RunConfig#paper}, the
     * settings of its Figure 2 curve), with what the flags change, and N taken from the data.
     */
    static RunConfig config(Args a, String dataset, DataSplits data) throws UsageException {
        RunConfig paper = RunConfig.paper(dataset);
        int n = data.train().size();
        String optimizer = a.get("optimizer");
        VaeConfig model = new VaeConfig(data.train().dim(), a.given("hidden") ? a.integer("hidden") : paper.model().hidden(),
                a.given("latent") ? a.integer("latent") : paper.model().latent(), a.get("decoder", paper.model().decoder()));
        double lr = a.given("lr") ? a.real("lr") : optimizer.equals("adam") ? PaperSettings.ADAM_LR : paper.learningRate();
        int batch = a.integer("batch");
        Path dataDir = a.path("data-dir");
        double beta = a.real("beta");
        if (beta != 1 && (!a.get("estimator").equals("B") || a.toggle("full-vb"))) {
            throw new UsageException("aevb train: --beta weights the analytic KL of estimator B; drop --estimator A"
                    + " or --full-vb, or drop --beta");
        }
        String estimator = beta != 1 ? BetaEstimatorB.nameFor(beta) : a.get("estimator");
        return paper.dataDir(dataDir == null ? null : dataDir.toString()).model(model).estimator(estimator)
                .samples(a.integer("L")).batch(batch).optimizer(optimizer).learningRate(lr)
                .weightDecay(a.given("weight-decay") ? a.real("weight-decay") : 1.0 / n).binarization(a.get("binarize"))
                .budget(budget(a, n, PaperSettings.of(dataset).epochs())).seed(a.longValue("seed"))
                .logEvery(a.given("log-every") ? a.integer("log-every") : Math.max(1, n / batch))
                .evalPoints(a.integer("eval-points"));
    }

    static long budget(Args a, int n, int defaultEpochs) throws UsageException {
        if (a.given("epochs") && a.given("train-samples")) {
            throw new UsageException("aevb train: give --epochs or --train-samples, not both");
        }
        if (a.given("train-samples")) {
            return a.longValue("train-samples");
        }
        if (a.given("epochs")) {
            return (long) a.integer("epochs") * n;
        }
        return (long) defaultEpochs * n;
    }

    static boolean isNonNegative(String v) {
        try {
            double x = Double.parseDouble(v);
            return x >= 0 && Double.isFinite(x);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static Path freshDir(Path base) {
        Path p = base;
        for (int i = 2; Files.exists(p); i++) {
            p = Path.of(base + "-" + i);
        }
        return p;
    }
}
