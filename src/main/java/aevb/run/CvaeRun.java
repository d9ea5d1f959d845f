package aevb.run;

import aevb.autodiff.Tape;
import aevb.data.Binarization;
import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.data.Minibatches;
import aevb.io.AtomicFiles;
import aevb.io.Checkpoint;
import aevb.io.CheckpointException;
import aevb.io.MetricsLog;
import aevb.nn.Optimizer;
import aevb.nn.Optimizers;
import aevb.nn.WeightDecay;
import aevb.random.Randomness;
import aevb.sgvb.Condition;
import aevb.sgvb.Cvae;
import aevb.sgvb.CvaeBound;
import aevb.sgvb.CvaeConfig;
import aevb.sgvb.CvaeLearner;
import aevb.sgvb.NonFiniteException;
import aevb.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * {@code aevb train --model cvae}: the conditional VAE ({@link Cvae}, {@link CvaeLearner}) driven
 * over the epochs of a data set by the one {@link TrainingLoop}, in a run folder laid out as the
 * VAE's ({@link TrainingRun}): {@code config.txt}, {@code metrics.csv}, {@code checkpoint.aevb}
 * (a {@link LearnerCheckpoint}, read back by {@link CvaeCheckpoint}; atomic, every so often) and {@code model.aevb} at the end. The
 * minibatches, their binarisation and eps are functions of (seed, step), so a resumed run
 * continues bit for bit. The bound logged is the conditional one, log p(x | c) ≥ L̃(x, c).
 */
public final class CvaeRun {
    static final String SECONDS = "state.seconds", ACC_BOUND = "state.accumulatedBound", ACC_STEPS = "state.accumulatedSteps";

    /** metrics.csv: the conditional bound and its KL on the first points of each split, the mean minibatch bound. */
    public static List<String> columns(String heldOut) {
        String h = TrainingRun.heldOutColumn(heldOut);
        return List.of("step", "samples", "epoch", "train_bound", h + "_bound", "minibatch_bound", "train_kl", h + "_kl",
                "seconds");
    }

    private final RunConfig cfg;
    private final CvaeConfig model;
    private final Path dir;
    private final Dataset train;
    private final Dataset trainEval, heldEval;
    private final String heldOutName;
    private final Cvae cvae;
    private final Optimizer optimizer;
    private final CvaeLearner learner;
    private final Binarization binarization;
    private final long binarizeSeed;
    private final int stepsPerEpoch;
    private final long totalSteps;
    private final double secondsBefore;
    private final Map<String, String> dataRecord;
    private double accBound;
    private long accSteps;
    private double lastTrainBound = Double.NaN, lastHeldOutBound = Double.NaN;
    private volatile TrainingLoop loop;
    private volatile boolean stopRequested;
    private double checkpointSeconds = 30;
    private LongConsumer beforeStep = t -> {};

    private CvaeRun(RunConfig cfg, CvaeConfig model, DataSplits data, Path dir, Cvae cvae, Checkpoint state)
            throws CheckpointException {
        this.cfg = cfg;
        this.model = model;
        this.dir = dir;
        this.train = data.train();
        requireFits(model, data);
        if (train.size() < cfg.batch()) {
            throw new IllegalArgumentException("--batch " + cfg.batch() + " is larger than the training set ("
                    + train.size() + " images)");
        }
        this.dataRecord = DataRecord.header(data);
        this.binarization = Binarization.parse(cfg.binarization());
        this.binarizeSeed = Randomness.key(cfg.seed(), Randomness.Stream.BINARIZE, 0);
        this.stepsPerEpoch = train.size() / cfg.batch();
        this.totalSteps = TrainingLoop.steps(cfg.budget(), cfg.batch());
        Dataset held = data.heldOut() != null ? data.heldOut() : train;
        this.heldOutName = TrainingRun.splitName(held);
        this.trainEval = evalRows(train, cfg.evalPoints());
        this.heldEval = evalRows(held, cfg.evalPoints());
        this.cvae = cvae;
        this.optimizer = Optimizers.create(cfg.optimizer(), cfg.learningRate());
        this.learner = new CvaeLearner(cvae, optimizer, new WeightDecay(cfg.weightDecay()), cfg.samples(), cfg.seed(),
                train.hasLabels() ? train.labels() : null);
        if (state != null) {
            LearnerCheckpoint.restore(state, learner);
            this.secondsBefore = state.requireDouble(SECONDS);
            this.accBound = state.requireDouble(ACC_BOUND);
            this.accSteps = state.requireLong(ACC_STEPS);
        } else {
            this.secondsBefore = 0;
        }
    }

    /** The data set must have the images (and, for the label, the labels) the model is cut from. */
    static void requireFits(CvaeConfig model, DataSplits data) {
        Dataset t = data.train();
        if (t.height() != model.height() || t.width() != model.width()) {
            throw new IllegalArgumentException("the model is for " + model.height() + "x" + model.width() + " images, "
                    + data.name() + " has " + t.height() + "x" + t.width());
        }
        if (model.condition().needsLabels() && !t.hasLabels()) {
            throw new IllegalArgumentException(data.name() + " has no labels to condition on");
        }
    }

    /** A new run in {@code dir}, which must not exist or be empty. */
    public static CvaeRun start(RunConfig cfg, CvaeConfig model, DataSplits data, Path dir) throws IOException {
        RunFolder.requireNewRunFolder(dir, "--out");
        Files.createDirectories(dir);
        CvaeRun run = new CvaeRun(cfg, model, data, dir, Cvae.initialised(model, cfg.seed()), null);
        writeConfig(dir, cfg, model, null);
        run.saveCheckpoint(0);
        return run;
    }

    /** Continues the run in {@code dir}; {@code budget} > 0 replaces the old one; {@code newDataDir} non-null: the data moved. */
    public static CvaeRun resume(Path dir, DataSplits data, long budget, String newDataDir) throws IOException {
        Checkpoint c = CvaeCheckpoint.load(dir.resolve(TrainingRun.CHECKPOINT));
        RunConfig cfg = CvaeCheckpoint.config(c);
        cfg = budget > 0 ? cfg.withBudget(budget) : cfg;
        cfg = newDataDir == null ? cfg : RunFolder.withDataDir(cfg, newDataDir);
        CvaeConfig model = CvaeCheckpoint.model(c);
        CvaeRun run = new CvaeRun(cfg, model, data, dir, new Cvae(model), c);
        TrainingRun.truncateMetrics(dir.resolve(TrainingRun.METRICS), run.steps(), columns(run.heldOutName));
        writeConfig(dir, cfg, model, "resumed at step " + run.steps());
        return run;
    }

    /** Called before every step t; tests stop the run here. */
    public CvaeRun hook(LongConsumer beforeStep) {
        this.beforeStep = beforeStep;
        return this;
    }

    public CvaeRun checkpointEvery(double seconds) {
        this.checkpointSeconds = seconds;
        return this;
    }

    /** Trains until the budget is spent or {@link #requestStop}; NaN stops it with the last good checkpoint kept. */
    public void run(Progress progress) throws IOException {
        long t0 = System.nanoTime();
        TrainingLoop l = new TrainingLoop(learner, new Minibatches(train, cfg.batch(), cfg.seed(), binarization,
                binarizeSeed), totalSteps).checkpointEvery(checkpointSeconds);
        loop = l;
        if (stopRequested) {
            l.requestStop();
        }
        try (MetricsLog metrics = MetricsLog.open(dir.resolve(TrainingRun.METRICS), columns(heldOutName))) {
            l.run(new TrainingLoop.Listener() {
                @Override
                public void beforeStep(long t) {
                    beforeStep.accept(t);
                }

                @Override
                public boolean afterStep(long s, double bound) throws IOException {
                    accBound += bound;
                    accSteps++;
                    if (s % cfg.logEvery() != 0 && s != totalSteps) {
                        progress.update(s, s * cfg.batch(), bound, "minibatch bound", false);
                        return false;
                    }
                    double seconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
                    progress.pause();
                    double[] tr = evaluate(cvae, trainEval, cfg.seed()), te = evaluate(cvae, heldEval, cfg.seed());
                    progress.resume();
                    metrics.append(s, s * cfg.batch(), (double) s / stepsPerEpoch, tr[0], te[0], accBound / accSteps,
                            tr[1], te[1], seconds);
                    accBound = 0;
                    accSteps = 0;
                    lastTrainBound = tr[0];
                    lastHeldOutBound = te[0];
                    progress.update(s, s * cfg.batch(), te[0], heldOutName + " bound", true);
                    return true;
                }

                @Override
                public void checkpoint(long s) throws IOException {
                    saveCheckpoint(secondsBefore + (System.nanoTime() - t0) / 1e9);
                }
            });
        } catch (NonFiniteException e) {
            progress.finish();
            throw new TrainingFailedException("training stopped: " + e.getMessage() + " The last good checkpoint is "
                    + dir.resolve(TrainingRun.CHECKPOINT) + ".", e);
        }
        progress.finish();
        saveCheckpoint(secondsBefore + (System.nanoTime() - t0) / 1e9);
        if (learner.steps() >= totalSteps) {
            AtomicFiles.copy(dir.resolve(TrainingRun.CHECKPOINT), dir.resolve(TrainingRun.MODEL));
        }
    }

    /**
     * The conditional bound (L = 1, eps from (seed, EVAL, first row)) and the KL per data point
     * on whole images and their labels: {bound, KL}.
     */
    public static double[] evaluate(Cvae cvae, Dataset images, long seed) {
        CvaeConfig k = cvae.config;
        Tensor all = images.asTensor();
        Tensor x = k.condition().target(all, k.height(), k.width());
        Tensor c = k.condition().context(all, images.hasLabels() ? images.labels() : null, k.height(), k.width());
        double bound = 0, kl = 0;
        Tape tape = new Tape();
        for (int from = 0; from < x.rows; from += 500) {
            int to = Math.min(x.rows, from + 500);
            tape.reset();
            Tensor eps = new Tensor(to - from, k.latent());
            Randomness.gaussian(seed, Randomness.Stream.EVAL, from, eps.data, eps.data.length);
            var xs = tape.constant(x.rowSlice(from, to));
            var cs = tape.constant(c.rowSlice(from, to));
            for (float v : CvaeBound.terms(cvae, xs, cs, eps, 1).data()) {
                bound += v;
            }
            for (float v : cvae.negativeKl(cvae.encode(xs, cs), cs).data()) {
                kl -= v;
            }
        }
        return new double[] {bound / x.rows, kl / x.rows};
    }

    private Dataset evalRows(Dataset d, int n) {
        return binarization.applyTo(d.slice(d.name(), 0, Math.min(n, d.size())), binarizeSeed, 0);
    }

    private void saveCheckpoint(double seconds) throws IOException {
        Map<String, String> h = new LinkedHashMap<>(cfg.toHeader());
        h.putAll(model.toHeader());
        h.put(SECONDS, Double.toString(seconds));
        h.put(ACC_BOUND, Double.toString(accBound));
        h.put(ACC_STEPS, Long.toString(accSteps));
        h.putAll(dataRecord);
        LearnerCheckpoint.save(dir.resolve(TrainingRun.CHECKPOINT), h, learner);
    }

    static void writeConfig(Path dir, RunConfig cfg, CvaeConfig model, String note) throws IOException {
        RunFolder.writeConfig(dir, cfg, (note == null ? "" : note + "; ") + "conditional VAE, c = "
                + (model.condition() == Condition.LABEL ? "the one-hot label" : "the lower-left quadrant")
                + (model.learnedPrior() ? ", prior network p(z | c)" : ", prior N(0, I)") + " "
                + model.toHeader());
    }

    /** Asks the loop to stop before its next step (it then checkpoints). */
    public void requestStop() {
        stopRequested = true;
        TrainingLoop l = loop;
        if (l != null) {
            l.requestStop();
        }
    }

    public boolean stopped() {
        return stopRequested && learner.steps() < totalSteps;
    }

    public long steps() {
        return learner.steps();
    }

    public long totalSteps() {
        return totalSteps;
    }

    public Cvae cvae() {
        return cvae;
    }

    public RunConfig config() {
        return cfg;
    }

    public CvaeConfig model() {
        return model;
    }

    public Path dir() {
        return dir;
    }

    public String heldOutName() {
        return heldOutName;
    }

    public double lastTrainBound() {
        return lastTrainBound;
    }

    public double lastHeldOutBound() {
        return lastHeldOutBound;
    }
}
