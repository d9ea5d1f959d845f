package aevb.experiments;

import aevb.data.Binarization;
import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.data.Minibatches;
import aevb.eval.ImportanceSampledLikelihood;
import aevb.eval.Summary;
import aevb.io.AtomicFiles;
import aevb.io.Checkpoint;
import aevb.nn.Adam;
import aevb.nn.Init;
import aevb.nn.Linear;
import aevb.nn.Parameter;
import aevb.nn.WeightDecay;
import aevb.prob.BernoulliDecoder;
import aevb.random.Randomness;
import aevb.run.ModelCheckpoint;
import aevb.run.RunConfig;
import aevb.run.TrainingLoop;
import aevb.sgvb.Aevb;
import aevb.sgvb.EstimatorA;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One model of the IWAE table trained by the IWAE paper's protocol (Burda, Grosse &amp;
 * Salakhutdinov 2015, section 5.1) and scored as its Table 1 is: the VAE objective with k = 1
 * (estimator A of Kingma &amp; Welling, eq. 6, L = 1: the IWAE paper's eq. 7), dynamically
 * binarised MNIST (a fresh Bernoulli draw of every pixel each epoch), minibatches of 20, Adam with
 * β1 = 0.9, β2 = 0.999, ε = 1e-4 and the learning rate of {@link IwaeSchedule}, Glorot-uniform
 * weights, no weight decay; at the end of every stage of the schedule, log p(x) by importance
 * sampling with K = 5000 on the whole test set (binarised once, the same draw at every stage)
 * after the last epoch, and on its first {@code stageTestPoints} images (1,000 by default) at the
 * stage ends before: one full-test evaluation costs as much as tens of epochs of training.
 *
 * <p>A run lives in one folder: {@code checkpoint.aevb} (the model, Adam's moments, the step; an
 * ordinary aevb checkpoint, so {@code aevb evaluate} reads it), {@code epochs.csv} (the mean
 * training bound of each epoch), {@code stages.csv} (the test log-likelihood at each stage end)
 * and {@code eval-epoch-E.csv} (the per-image estimates at epoch E, filled in chunks, so that an
 * evaluation interrupted by a slice's end or by kill -9 continues where it was). Every step is a
 * pure function of (seed, step) as in {@link aevb.run.TrainingRun}: the minibatch from the
 * permutation of (seed, epoch), its binarisation from (seed, epoch) ({@link Minibatches}), its
 * eps from (seed, step) ({@link Aevb}); the learning rate from the epoch. So a run stopped
 * anywhere and resumed continues bit for bit.
 *
 * <p>The steps are the one training loop's ({@link TrainingLoop}), one loop per stage of the
 * schedule (Adam's step size changes between them, its moments carry over); what this class adds
 * around it is the schedule and the long K = 5000 evaluations at the stage ends.
 */
public final class IwaeRun {
    public static final String CHECKPOINT = "checkpoint.aevb";
    public static final String EPOCHS = "epochs.csv";
    public static final String STAGES = "stages.csv";
    public static final int BATCH = 20;
    public static final double ADAM_EPSILON = 1e-4;
    public static final String EPOCHS_HEADER = "epoch,stage,learning_rate,train_bound,train_seconds";
    public static final String STAGES_HEADER = "stage,epochs,samples,learning_rate,k,test_points,test_log_px,"
            + "test_log_px_se,test_elbo,train_seconds,eval_seconds,eval_gflop_per_s";

    /** The two models of the table. */
    public enum Architecture {
        /** IWAE Table 1, one stochastic layer: 784-200-200-50 (two tanh layers of 200 each side). */
        IWAE("iwae", "784-200-200-50", 200, 2, 50, -86.76),
        /** The Kingma-Welling MNIST model (500 hidden, Nz = 20) under the same protocol; no published K = 5000 figure. */
        KINGMA("kingma", "784-500-20", 500, 1, 20, Double.NaN);

        public final String id;
        public final String shape;
        public final int hidden;
        public final int depth;
        public final int latent;
        /** The published test log-likelihood (nats), NaN when there is none. */
        public final double published;

        Architecture(String id, String shape, int hidden, int depth, int latent, double published) {
            this.id = id;
            this.shape = shape;
            this.hidden = hidden;
            this.depth = depth;
            this.latent = latent;
            this.published = published;
        }

        public VaeConfig model(int dataDim) {
            return new VaeConfig(dataDim, hidden, latent, "bernoulli", depth);
        }

        public String folder() {
            return id + "-" + shape;
        }

        public static Architecture parse(String id) {
            for (Architecture a : values()) {
                if (a.id.equals(id)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("unknown model '" + id + "' (use iwae or kingma)");
        }
    }

    /**
     * @param epochs           epochs to train, at most the schedule's 3280 (fewer for a partial run)
     * @param samples          K, importance samples per test image (5000)
     * @param testPoints       test images evaluated after the last epoch (the first ones; 10,000 = all)
     * @param stageTestPoints  test images evaluated at the stage ends before it (at most testPoints)
     * @param evalChunk        test images per saved piece of an evaluation
     * @param checkpointSeconds seconds of training between checkpoints (taken at step boundaries)
     */
    public record Config(Architecture arch, String dataset, String dataDir, long seed, long epochs, int samples,
                         int testPoints, int stageTestPoints, int evalChunk, double checkpointSeconds) {
        public Config {
            if (epochs < 1 || epochs > IwaeSchedule.totalEpochs()) {
                throw new IllegalArgumentException("--epochs must be 1.." + IwaeSchedule.totalEpochs() + ", got " + epochs);
            }
        }

        /** The test images scored after {@code epochs} epochs: all of testPoints at the end, stageTestPoints before. */
        public int testPointsAt(long epochs) {
            return epochs >= this.epochs ? testPoints : Math.min(stageTestPoints, testPoints);
        }

        /** The epochs at which the test log-likelihood is measured: the stage ends up to the budget, and the budget. */
        public List<Long> evalEpochs() {
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < IwaeSchedule.STAGES && IwaeSchedule.endOf(i) <= epochs; i++) {
                out.add(IwaeSchedule.endOf(i));
            }
            if (out.isEmpty() || out.getLast() != epochs) {
                out.add(epochs);
            }
            return out;
        }
    }

    private final Config cfg;
    private final Path dir;
    private final Dataset train;
    private final Minibatches batches;
    private final Tensor test;   // (testPoints, D), binarised once
    private final Vae vae;
    private final List<Parameter> params;
    private final int stepsPerEpoch;
    private final long binarizeSeed;
    private Adam adam;
    private int adamStage = -1;
    private long step;
    private double trainSeconds;
    private double accBound;
    private long accSteps;

    private IwaeRun(Config cfg, DataSplits data, Path dir, Vae vae) {
        this.cfg = cfg;
        this.dir = dir;
        this.train = data.train();
        this.vae = vae;
        this.params = vae.parameters();
        if (train.size() < BATCH) {
            throw new IllegalArgumentException(data.name() + " has fewer than " + BATCH + " training images");
        }
        this.binarizeSeed = Randomness.key(cfg.seed(), Randomness.Stream.BINARIZE, 0);
        this.batches = new Minibatches(train, BATCH, cfg.seed(), Binarization.DYNAMIC, binarizeSeed);
        this.stepsPerEpoch = batches.stepsPerEpoch();
        Dataset held = data.heldOut();
        int n = Math.min(cfg.testPoints(), held.size());
        long testSeed = Randomness.key(cfg.seed(), Randomness.Stream.BINARIZE, 1);
        this.test = Binarization.DYNAMIC.applyTo(held.slice(held.name(), 0, n), testSeed, 0).asTensor();
    }

    /** Opens the run in {@code dir}: resumes its checkpoint if there is one, else starts it. */
    public static IwaeRun open(Config cfg, DataSplits data, Path dir) throws IOException {
        Path ckpt = dir.resolve(CHECKPOINT);
        if (Files.exists(ckpt)) {
            Checkpoint c = ModelCheckpoint.load(ckpt);
            ModelCheckpoint.State state = ModelCheckpoint.state(c);
            String arch = state.extra().get("extra.iwae.model");
            if (!cfg.arch().id.equals(arch) || state.config().seed() != cfg.seed()) {
                throw new IOException(ckpt + " holds model '" + arch + "' with seed " + state.config().seed()
                        + ", not '" + cfg.arch().id + "' with seed " + cfg.seed() + "; give another --out");
            }
            IwaeRun run = new IwaeRun(cfg, data, dir, ModelCheckpoint.model(c));
            run.step = state.step();
            run.trainSeconds = state.seconds();
            run.accBound = state.accumulatedBound();
            run.accSteps = state.accumulatedSteps();
            run.useStageOf(run.epochsDone() < IwaeSchedule.totalEpochs() ? run.epochsDone() : run.epochsDone() - 1);
            ModelCheckpoint.restoreOptimizer(c, run.vae, run.adam);
            run.truncateEpochs();
            return run;
        }
        Files.createDirectories(dir);
        Vae vae = initialised(cfg.arch().model(data.train().dim()), data.train(), cfg.seed());
        IwaeRun run = new IwaeRun(cfg, data, dir, vae);
        run.useStageOf(0);
        AtomicFiles.write(dir.resolve(EPOCHS), (EPOCHS_HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        run.saveCheckpoint();
        return run;
    }

    /**
     * The IWAE code's initialisation (github.com/yburda/iwae, nnet.py and iwae.py): Glorot-uniform
     * weights, zero biases, and the decoder's output bias at the logit of the mean training image
     * (clipped to [0.001, 0.999]), so the untrained decoder already draws the average digit.
     */
    public static Vae initialised(VaeConfig config, Dataset train, long seed) {
        Vae vae = new Vae(config);
        Init.glorotUniform(vae.parameters(), seed);
        Linear out = ((BernoulliDecoder) vae.decoder).mlp.heads.getFirst();
        float[] b = out.bias.value.data;
        double[] mean = new double[train.dim()];
        float[] x = train.images();
        for (int i = 0; i < train.size(); i++) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += x[i * mean.length + j];
            }
        }
        for (int j = 0; j < b.length; j++) {
            double p = Math.min(0.999, Math.max(0.001, mean[j] / train.size()));
            b[j] = (float) Math.log(p / (1 - p));
        }
        return vae;
    }

    /** {@link #run(long, long, PrintStream)} to the end of the run. */
    public boolean run(long deadline, PrintStream log) throws IOException {
        return run(deadline, cfg.epochs(), log);
    }

    /**
     * Trains and evaluates until {@code untilEpoch} epochs (at most the run's) are done and, if
     * that is a stage end, scored; or until {@code deadline} (a {@link System#nanoTime} value)
     * passes, and then checkpoints. Returns true when it got there.
     */
    public boolean run(long deadline, long untilEpoch, PrintStream log) throws IOException {
        long until = Math.min(untilEpoch, cfg.epochs());
        while (true) {
            long epochs = epochsDone();
            if (step % stepsPerEpoch == 0 && cfg.evalEpochs().contains(epochs) && !scoredAt(epochs)) {
                if (!evaluate(epochs, deadline, log)) {
                    return false;
                }
            }
            if (epochs >= until) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                saveCheckpoint();
                return false;
            }
            if (!trainStage(Math.min(until, IwaeSchedule.endOf(IwaeSchedule.stageOf(epochs))), deadline, log)) {
                return false;
            }
        }
    }

    /**
     * The training loop of this stage at its learning rate, up to {@code toEpoch} epochs (at most
     * the stage's end); it checkpoints at the end and every {@code checkpointSeconds}. Returns
     * false when the deadline stopped it (after a checkpoint).
     */
    private boolean trainStage(long toEpoch, long deadline, PrintStream log) throws IOException {
        if (IwaeSchedule.stageOf(epochsDone()) != adamStage) {
            useStageOf(epochsDone());
        }
        Aevb aevb = new Aevb(vae, new EstimatorA(), adam, WeightDecay.NONE, 1, cfg.seed());
        aevb.resumeAt(step);
        TrainingLoop loop = new TrainingLoop(aevb, batches, toEpoch * stepsPerEpoch)
                .checkpointEvery(cfg.checkpointSeconds()).stepSecondsBefore(trainSeconds);
        boolean done = loop.run(new TrainingLoop.Listener() {
            @Override
            public void beforeStep(long t) {
                if (System.nanoTime() > deadline) {
                    loop.requestStop();
                }
            }

            @Override
            public boolean afterStep(long s, double bound) throws IOException {
                accBound += bound;
                accSteps++;
                step = s;
                trainSeconds = loop.stepSeconds();
                if (s % stepsPerEpoch == 0) {
                    endEpoch(log);
                }
                return true;       // every step is a point a resumed run can continue from
            }

            @Override
            public void checkpoint(long s) throws IOException {
                saveCheckpoint();  // also at the stage end: its model is on disk before the long evaluation
            }
        });
        if (!done) {
            saveCheckpoint();
        }
        return done;
    }

    /** Adam at the learning rate of the stage of {@code epoch}, carrying over the moments and step count. */
    private void useStageOf(long epoch) {
        int stage = IwaeSchedule.stageOf(epoch);
        Adam next = new Adam(IwaeSchedule.learningRate(stage), ADAM_EPSILON);
        if (adam != null) {
            next.restore(params, adam.state(params), adam.scalars());
        }
        adam = next;
        adamStage = stage;
    }

    private void endEpoch(PrintStream log) throws IOException {
        long e = epochsDone();
        double bound = accBound / accSteps;
        accBound = 0;
        accSteps = 0;
        String row = String.format(Locale.ROOT, "%d,%d,%.6g,%.4f,%.1f", e, IwaeSchedule.stageOf(e - 1),
                adam.learningRate(), bound, trainSeconds);
        appendLine(dir.resolve(EPOCHS), row);
        log.printf(Locale.ROOT, "%s: epoch %d of %d, stage %d, lr %.3g, training bound %.2f, %.0f s of training%n",
                cfg.arch().shape, e, cfg.epochs(), IwaeSchedule.stageOf(e - 1), adam.learningRate(), bound, trainSeconds);
        if (!Double.isFinite(bound)) {
            throw new IOException("training diverged: the bound of epoch " + e + " is " + bound + "; the last good "
                    + "checkpoint is " + dir.resolve(CHECKPOINT));
        }
    }

    /**
     * K-sample importance sampling on the test images in chunks of {@code evalChunk}, each chunk's
     * estimates written to {@code eval-epoch-E.csv} as it finishes; returns false when the deadline
     * came first (what is done stays on disk).
     */
    private boolean evaluate(long epochs, long deadline, PrintStream log) throws IOException {
        Path file = dir.resolve("eval-epoch-" + epochs + ".csv");
        List<String> rows = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
                : new ArrayList<>(List.of("index,log_px,elbo,seconds"));
        int n = Math.min(test.rows, cfg.testPointsAt(epochs));
        rows = new ArrayList<>(rows.subList(0, Math.min(rows.size(), n + 1)));  // a longer file: its first n images
        int done = rows.size() - 1;
        ImportanceSampledLikelihood is = new ImportanceSampledLikelihood(vae, cfg.samples(), cfg.seed());
        while (done < n) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            int to = Math.min(n, done + cfg.evalChunk());
            long t0 = System.nanoTime();
            ImportanceSampledLikelihood.Result r = is.evaluate(test.rowSlice(done, to), done, p -> {});
            double seconds = (System.nanoTime() - t0) / 1e9;
            for (int i = 0; i < to - done; i++) {
                rows.add(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6g", done + i, r.logPx()[i], r.elbo()[i],
                        seconds / (to - done)));
            }
            AtomicFiles.write(file, (String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8));
            log.printf(Locale.ROOT, "%s: epoch %d, K = %d importance sampling, %d of %d test images (%.0f s for the last %d)%n",
                    cfg.arch().shape, epochs, cfg.samples(), to, n, seconds, to - done);
            done = to;
        }
        double[] logPx = new double[n], elbo = new double[n];
        double evalSeconds = 0;
        for (int i = 0; i < n; i++) {
            String[] f = rows.get(i + 1).split(",");
            logPx[i] = Double.parseDouble(f[1]);
            elbo[i] = Double.parseDouble(f[2]);
            evalSeconds += Double.parseDouble(f[3]);
        }
        Summary s = Summary.of(logPx);
        double gflops = evaluationFlops(n) / evalSeconds / 1e9;
        int stage = IwaeSchedule.stageOf(epochs - 1);
        appendLine(dir.resolve(STAGES), String.format(Locale.ROOT, "%d,%d,%d,%.6g,%d,%d,%.4f,%.4f,%.4f,%.1f,%.1f,%.2f",
                stage, epochs, epochs * stepsPerEpoch * BATCH, IwaeSchedule.learningRate(stage), cfg.samples(), n,
                s.mean(), s.standardError(), Summary.of(elbo).mean(), trainSeconds, evalSeconds, gflops));
        log.printf(Locale.ROOT, "%s: epoch %d, test log p(x) = %.2f ± %.2f (K = %d, %d images, %.0f s, %.1f GFLOP/s)%n",
                cfg.arch().shape, epochs, s.mean(), s.standardError(), cfg.samples(), n, evalSeconds, gflops);
        return true;
    }

    /** The matrix products of an evaluation: per image the encoder once and the decoder K times, 2·in·out each layer. */
    public double evaluationFlops(int images) {
        double enc = 0, dec = 0;
        for (Linear l : vae.encoder.mlp.layers()) {
            enc += 2.0 * l.in() * l.out();
        }
        for (Linear l : ((BernoulliDecoder) vae.decoder).mlp.layers()) {
            dec += 2.0 * l.in() * l.out();
        }
        return images * (enc + (double) cfg.samples() * dec);
    }

    /** Whether the test log-likelihood after {@code epochs} epochs is in stages.csv. */
    public boolean scoredAt(long epochs) throws IOException {
        return stageRows().stream().anyMatch(r -> r.split(",")[1].equals(Long.toString(epochs)));
    }

    /** The rows of stages.csv without its header. */
    public List<String> stageRows() throws IOException {
        Path f = dir.resolve(STAGES);
        if (!Files.exists(f)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size());
    }

    private void saveCheckpoint() throws IOException {
        RunConfig rc = new RunConfig(cfg.dataset(), cfg.dataDir(), vae.config, "A", 1, BATCH, "adam",
                adam.learningRate(), 0, "dynamic", cfg.epochs() * stepsPerEpoch * BATCH, cfg.seed(), stepsPerEpoch,
                test.rows);
        Map<String, String> extra = Map.of("extra.iwae.model", cfg.arch().id, "extra.iwae.adamEpsilon",
                Double.toString(ADAM_EPSILON), "extra.iwae.schedule", "3^i epochs at 0.001*10^(-i/7), i = 0..7");
        ModelCheckpoint.save(dir.resolve(CHECKPOINT),
                new ModelCheckpoint.State(rc, step, step * BATCH, trainSeconds, accBound, accSteps, extra), vae, adam);
    }

    /** Drops epoch rows written after the checkpoint: the resumed run writes them again. */
    private void truncateEpochs() throws IOException {
        Path f = dir.resolve(EPOCHS);
        List<String> keep = new ArrayList<>(List.of(EPOCHS_HEADER));
        if (Files.exists(f)) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                try {
                    if (Long.parseLong(line.substring(0, line.indexOf(','))) <= epochsDone()) {
                        keep.add(line);
                    }
                } catch (RuntimeException e) {
                    // a damaged row: dropped, written again
                }
            }
        }
        AtomicFiles.write(f, (String.join("\n", keep) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void appendLine(Path file, String row) throws IOException {
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
                : new ArrayList<>(List.of(file.getFileName().toString().equals(STAGES) ? STAGES_HEADER : EPOCHS_HEADER));
        lines.add(row);
        AtomicFiles.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public long epochsDone() {
        return step / stepsPerEpoch;
    }

    public long step() {
        return step;
    }

    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    public boolean finished() throws IOException {
        return epochsDone() >= cfg.epochs() && scoredAt(cfg.epochs());
    }

    public Vae vae() {
        return vae;
    }

    public Config config() {
        return cfg;
    }

    public Path dir() {
        return dir;
    }

    public double trainSeconds() {
        return trainSeconds;
    }
}
