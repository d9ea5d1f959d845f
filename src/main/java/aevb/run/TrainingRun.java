package aevb.run;

import aevb.data.Binarization;
import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.data.Minibatches;
import aevb.eval.RateDistortion;
import aevb.io.AtomicFiles;
import aevb.io.Checkpoint;
import aevb.io.MetricsLog;
import aevb.nn.Optimizer;
import aevb.nn.Optimizers;
import aevb.nn.WeightDecay;
import aevb.random.Randomness;
import aevb.sgvb.Aevb;
import aevb.sgvb.Estimator;
import aevb.sgvb.NonFiniteException;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A training run on disk: Algorithm 1 driven over the epochs of a data set, with the run folder
 * around it: {@code config.txt}, {@code metrics.csv} (one row per report), {@code checkpoint.aevb}
 * (the latest good state, written atomically) and {@code model.aevb} (the finished model).
 *
 * <p>Every step is a pure function of (seed, step): minibatch t of epoch e comes from the
 * permutation of (seed, e) ({@link Minibatches}), its eps from (seed, t), its binarisation from
 * (seed, e). So a run resumed from any checkpoint continues bit for bit as the uninterrupted run
 * would have. The loop is {@link TrainingLoop}; this class is the run folder around it.
 */
public final class TrainingRun {
    public static final String CHECKPOINT = "checkpoint.aevb";
    public static final String MODEL = "model.aevb";
    public static final String METRICS = "metrics.csv";
    /**
     * metrics.csv before the bound's two terms were logged and the held-out column was named by
     * its split: a run resumed from such a folder has its rows carried over, the new columns empty.
     */
    static final List<String> COLUMNS_BEFORE_TERMS =
            List.of("step", "samples", "epoch", "train_bound", "test_bound", "minibatch_bound", "seconds");

    /**
     * The columns of metrics.csv: the bound of eq. (10) on the first points of the training and
     * the held-out split (named as the data set names it: {@code validation_bound} on the sample,
     * {@code test_bound} on MNIST), the mean minibatch estimate since the last row, and the
     * bound's two terms on the same points, {@code L = -KL + reconstruction}: the KL of q(z|x)
     * from the prior (exact, Appendix B) and the expected reconstruction log-likelihood
     * E_q[log p(x|z)] (the bound plus the KL, on the same eps).
     */
    public static List<String> columns(String heldOutName) {
        String h = heldOutColumn(heldOutName);
        return List.of("step", "samples", "epoch", "train_bound", h + "_bound", "minibatch_bound",
                "train_kl", "train_reconstruction", h + "_kl", h + "_reconstruction", "seconds");
    }

    /** The held-out columns' prefix: the split's name, or "heldout" when the run has no held-out split. */
    static String heldOutColumn(String heldOutName) {
        return heldOutName.equals("train") ? "heldout" : heldOutName;
    }

    /** Called before every step; tests use it to inject faults. */
    public interface StepHook {
        void beforeStep(long step, Vae vae);
    }

    private final RunConfig cfg;
    private final Path dir;
    private final Dataset train;
    private final Tensor trainEval;
    private final Tensor testEval;
    /** The held-out split's name as the data set names it ("validation", "test"), or "train" when there is none. */
    private final String heldOutName;
    private double lastTrainBound = Double.NaN, lastHeldOutBound = Double.NaN;
    private final Vae vae;
    private final Optimizer optimizer;
    private final Aevb aevb;
    private final Binarization binarization;
    private final long binarizeSeed;
    private final int stepsPerEpoch;
    private final long totalSteps;
    private final double secondsBefore;
    private final Map<String, String> dataRecord;
    private double accBound;
    private long accSteps;
    private volatile boolean stopRequested;
    private final CountDownLatch finished = new CountDownLatch(1);
    private StepHook hook = (s, v) -> {};
    private double checkpointSeconds = 30;

    private TrainingRun(RunConfig cfg, DataSplits data, Path dir, Vae vae, ModelCheckpoint.State state) {
        this.cfg = cfg;
        this.dir = dir;
        this.train = data.train();
        this.dataRecord = DataRecord.header(data);
        this.binarization = Binarization.parse(cfg.binarization());
        this.binarizeSeed = Randomness.key(cfg.seed(), Randomness.Stream.BINARIZE, 0);
        if (train.dim() != cfg.model().dataDim()) {
            throw new IllegalArgumentException("the model expects " + cfg.model().dataDim() + " pixels per image, "
                    + data.name() + " has " + train.dim());
        }
        if (train.size() < cfg.batch()) {
            throw new IllegalArgumentException("--batch " + cfg.batch() + " is larger than the training set ("
                    + train.size() + " images)");
        }
        this.stepsPerEpoch = train.size() / cfg.batch();
        this.totalSteps = (cfg.budget() + cfg.batch() - 1) / cfg.batch();
        this.trainEval = evalRows(train, cfg.evalPoints());
        Dataset held = data.heldOut() != null ? data.heldOut() : train;
        this.testEval = evalRows(held, cfg.evalPoints());
        this.heldOutName = splitName(held);
        this.vae = vae;
        this.optimizer = Optimizers.create(cfg.optimizer(), cfg.learningRate());
        this.aevb = new Aevb(vae, Estimator.byName(cfg.estimator()), optimizer, new WeightDecay(cfg.weightDecay()),
                cfg.samples(), cfg.seed());
        this.secondsBefore = state == null ? 0 : state.seconds();
        if (state != null) {
            aevb.resumeAt(state.step());
            accBound = state.accumulatedBound();
            accSteps = state.accumulatedSteps();
        }
    }

    /** A new run in {@code dir}, which must not exist or be empty ({@link RunFolder}: nothing a user has is overwritten). */
    public static TrainingRun start(RunConfig cfg, DataSplits data, Path dir) throws IOException {
        RunFolder.requireNewRunFolder(dir, "--out");
        MemoryEstimate.requireTraining(cfg, data, "as the flags set it");
        Files.createDirectories(dir);
        Vae vae = Vae.initialised(cfg.model(), cfg.seed());
        TrainingRun run = new TrainingRun(cfg, data, dir, vae, null);
        RunFolder.writeConfig(dir, cfg, null);
        run.saveCheckpoint(0);
        return run;
    }

    /** Continues the run in {@code dir} from its checkpoint; {@code budget} > 0 replaces the old one. */
    public static TrainingRun resume(Path dir, DataSplits data, long budget) throws IOException {
        return resume(dir, data, budget, null);
    }

    /** As {@link #resume(Path, DataSplits, long)}, with the data now in {@code newDataDir} (non-null: they moved). */
    public static TrainingRun resume(Path dir, DataSplits data, long budget, String newDataDir) throws IOException {
        Checkpoint c = ModelCheckpoint.load(dir.resolve(CHECKPOINT));
        ModelCheckpoint.State state = ModelCheckpoint.state(c);
        RunConfig cfg = budget > 0 ? state.config().withBudget(budget) : state.config();
        cfg = newDataDir == null ? cfg : RunFolder.withDataDir(cfg, newDataDir);
        RunHeaderRules.checkAgainstData(c.source(), cfg, data);
        MemoryEstimate.requireTraining(cfg, data, "as " + c.source() + " sets it");
        TrainingRun run = new TrainingRun(cfg, data, dir, ModelCheckpoint.model(c), state);
        ModelCheckpoint.restoreOptimizer(c, run.vae, run.optimizer);
        truncateMetrics(dir.resolve(METRICS), state.step(), columns(run.heldOutName));
        RunFolder.writeConfig(dir, cfg, "resumed at step " + state.step());
        return run;
    }

    /** The run configuration stored in the checkpoint of {@code dir}. */
    public static RunConfig configOf(Path dir) throws IOException {
        return ModelCheckpoint.state(ModelCheckpoint.load(dir.resolve(CHECKPOINT))).config();
    }

    public TrainingRun hook(StepHook h) {
        this.hook = h;
        return this;
    }

    /** Seconds between periodic checkpoints (taken at report steps); 0 checkpoints at every report. */
    public TrainingRun checkpointEvery(double seconds) {
        this.checkpointSeconds = seconds;
        return this;
    }

    /**
     * Trains until the budget is spent or {@link #requestStop} is called, reporting to
     * {@code progress}. A NaN or infinity stops training with a {@link TrainingFailedException}
     * naming the quantity and step, and leaves the last good checkpoint and metrics in place.
     */
    public void run(Progress progress) throws IOException {
        long t0 = System.nanoTime();
        TrainingLoop loop = new TrainingLoop(aevb, new Minibatches(train, cfg.batch(), cfg.seed(), binarization,
                binarizeSeed), totalSteps).checkpointEvery(checkpointSeconds);
        try (MetricsLog metrics = MetricsLog.open(dir.resolve(METRICS), columns(heldOutName))) {
            try {
                loop.run(new TrainingLoop.Listener() {
                    @Override
                    public void beforeStep(long t) {
                        hook.beforeStep(t, vae);
                        if (stopRequested) {
                            loop.requestStop();
                        }
                    }

                    @Override
                    public boolean afterStep(long s, double bound) throws IOException {
                        accBound += bound;
                        accSteps++;
                        if (!isReportStep(s)) {
                            progress.update(s, s * cfg.batch(), bound, "minibatch bound", false);
                            return false;
                        }
                        double seconds = secondsBefore + (System.nanoTime() - t0) / 1e9;   // training, before measuring
                        progress.pause();   // the evaluation is not training: no part of the speed
                        RateDistortion trainTerms = evaluate(trainEval), testTerms = evaluate(testEval);
                        progress.resume();
                        double trainBound = trainTerms.elbo(), testBound = testTerms.elbo();
                        metrics.append(s, s * cfg.batch(), (double) s / stepsPerEpoch, trainBound, testBound,
                                accBound / accSteps, trainTerms.rate(), -trainTerms.distortion(),
                                testTerms.rate(), -testTerms.distortion(), seconds);
                        accBound = 0;
                        accSteps = 0;
                        if (!Double.isFinite(trainBound) || !Double.isFinite(testBound)) {
                            progress.finish();
                            throw new TrainingFailedException("training stopped: the evaluated bound is not finite at step "
                                    + s + ". The last good checkpoint is " + dir.resolve(CHECKPOINT) + ".", null);
                        }
                        lastTrainBound = trainBound;
                        lastHeldOutBound = testBound;
                        progress.update(s, s * cfg.batch(), testBound, heldOutName + " bound", true);
                        return true;   // a checkpoint here holds no half-accumulated report
                    }

                    @Override
                    public void checkpoint(long s) throws IOException {
                        saveCheckpoint(secondsBefore + (System.nanoTime() - t0) / 1e9);
                    }
                });
            } catch (NonFiniteException e) {
                progress.finish();
                throw new TrainingFailedException("training stopped: " + e.getMessage()
                        + " The last good checkpoint is " + dir.resolve(CHECKPOINT)
                        + " and " + dir.resolve(METRICS) + " is intact.", e);
            }
            progress.finish();
            saveCheckpoint(secondsBefore + (System.nanoTime() - t0) / 1e9);
            if (aevb.steps() >= totalSteps) {
                AtomicFiles.copy(dir.resolve(CHECKPOINT), dir.resolve(MODEL));
            }
        } finally {
            finished.countDown();
        }
    }

    /** Reports at steps 1, 2, 5, 10, 20, 50, ... (for the log axis of Figure 2), every logEvery, and the last. */
    boolean isReportStep(long s) {
        if (s == totalSteps || s % cfg.logEvery() == 0) {
            return true;
        }
        for (long decade = 1; decade <= s; decade *= 10) {
            if (s == decade || s == 2 * decade || s == 5 * decade) {
                return true;
            }
        }
        return false;
    }

    /** The bound of eq. (10) (L = 1, the run's seed: the numbers Figure 2 plots) and its two terms. */
    private RateDistortion evaluate(Tensor x) {
        return RateDistortion.of(vae, x, 1, cfg.seed());
    }

    private void saveCheckpoint(double seconds) throws IOException {
        ModelCheckpoint.State state = new ModelCheckpoint.State(cfg, aevb.steps(), aevb.steps() * cfg.batch(),
                seconds, accBound, accSteps, dataRecord);
        ModelCheckpoint.save(dir.resolve(CHECKPOINT), state, vae, optimizer);
    }

    /** Asks the loop to stop after the current step and checkpoint; waits up to {@code waitSeconds}. */
    public void requestStop(double waitSeconds) {
        stopRequested = true;
        try {
            finished.await((long) (waitSeconds * 1000), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** "mnist/test" -> "test", "sample/validation" -> "validation". */
    static String splitName(Dataset d) {
        String n = d.name();
        return n.substring(n.lastIndexOf('/') + 1);
    }

    /** The held-out split's name ("validation" or "test"). */
    public String heldOutName() {
        return heldOutName;
    }

    /** The bounds of the last evaluation of this process (NaN before the first). */
    public double lastTrainBound() {
        return lastTrainBound;
    }

    public double lastHeldOutBound() {
        return lastHeldOutBound;
    }

    public boolean stopped() {
        return stopRequested && aevb.steps() < totalSteps;
    }

    public Vae vae() {
        return vae;
    }

    public RunConfig config() {
        return cfg;
    }

    public long steps() {
        return aevb.steps();
    }

    public long totalSteps() {
        return totalSteps;
    }

    /** Steps in one epoch: the training images over M, rounded down (the last partial minibatch is dropped). */
    public long stepsPerEpoch() {
        return stepsPerEpoch;
    }

    public Path dir() {
        return dir;
    }

    /** The first n rows of a data set (or all of them) as a tensor, binarised as the run's data is. */
    private Tensor evalRows(Dataset d, int n) {
        Dataset b = binarization.applyTo(d.slice(d.name(), 0, Math.min(n, d.size())), binarizeSeed, 0);
        return b.asTensor();
    }

    /**
     * Drops the rows logged after the checkpoint's step: the resumed run writes them again. A log
     * in the columns of {@link #COLUMNS_BEFORE_TERMS} gets the header {@code columns} and its rows
     * the new columns, empty (those numbers were never measured), before the last, the seconds.
     */
    static void truncateMetrics(Path file, long step, List<String> columns) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a file (a folder is in the way); move it and resume again");
        }
        // bytes as Latin-1: a damaged (non-UTF-8) row is kept or dropped byte for byte, never a decoding error
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        List<String> keep = new ArrayList<>();
        String pad = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0) {
                boolean before = line.equals(String.join(",", COLUMNS_BEFORE_TERMS));
                pad = before ? ",".repeat(columns.size() - COLUMNS_BEFORE_TERMS.size()) : "";
                keep.add(before ? String.join(",", columns) : line);
                continue;
            }
            int comma = line.indexOf(',');
            try {
                if (comma > 0 && Long.parseLong(line.substring(0, comma)) <= step) {
                    int last = line.lastIndexOf(',');
                    keep.add(line.substring(0, last) + pad + line.substring(last));
                }
            } catch (NumberFormatException e) {
                // a damaged row: drop it, the resumed run rewrites what follows the checkpoint
            }
        }
        AtomicFiles.write(file, (String.join("\n", keep) + "\n").getBytes(StandardCharsets.ISO_8859_1));
    }
}
