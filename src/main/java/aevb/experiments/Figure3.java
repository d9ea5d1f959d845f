package aevb.experiments;

import aevb.baselines.Mcem;
import aevb.eval.AppendixDEstimator;
import aevb.eval.ImportanceSampledLikelihood;
import aevb.io.AtomicFiles;
import aevb.io.MetricsLog;
import aevb.nn.Adagrad;
import aevb.prob.Decoder;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Figure 3 of the paper: "Comparison of AEVB to the wake-sleep algorithm and Monte Carlo EM, in
 * terms of the estimated marginal likelihood, for a different number of training points. Monte
 * Carlo EM is not an on-line algorithm, and (unlike AEVB and the wake-sleep method) can't be
 * applied efficiently for the full MNIST dataset." MNIST, 100 hidden units, Nz = 3, training sets
 * of the first N = 1000 and N = 50000 images.
 *
 * <p>For each N the three methods start from the same decoder (AEVB and wake-sleep also from the
 * same encoder), see the same minibatches of M = 100 in the same order and use Adagrad. At
 * log-spaced numbers of training samples ({@link Figure2#evalSamples}) each model's marginal
 * likelihood log p_θ(x) is estimated on the first P training and the first P test images with
 * the Appendix D estimator ({@link AppendixDEstimator}, the paper's yardstick, and the only one
 * MCEM admits: it has no encoder), and for AEVB and wake-sleep also by importance sampling with
 * the encoder as proposal ({@link ImportanceSampledLikelihood}, K samples), as a cross-check.
 * Every measurement uses the same seed, so a curve's noise is that of the estimator at fixed
 * randomness, not of resampling.
 *
 * <p>The choices Appendices D and E leave open, each with the paper's words and the authors' own
 * code beside ours, are in docs/figures/README.md ("Figure 3: every choice"). In short: Adagrad
 * with its annealing (the step lr / sqrt(Σ g²), {@link Adagrad.Schedule#ANNEALED}) for all three,
 * each with its own step size from the paper's grid ({@link #AEVB_LR}); MCEM as the authors ran
 * it ({@link Mcem.Settings#paper()}: each iteration one HMC transition of 10 leapfrog steps for
 * every one of the N chains, then 5 θ-updates), and on the x axis an iteration counts the N
 * points it sampled ({@link McemCounting#POINTS_SAMPLED}), as AEVB's step counts its M.
 * {@link Figure3Ablation} varies these one at a time.
 *
 * <p>Writes to {@code out}: {@value #CSV} (one row per number: N, method, samples, estimator,
 * split, value, seconds of training so far), {@value #PNG} (a panel per N, Appendix D estimates,
 * train solid and test dashed) and {@value #SUMMARY}.
 */
public final class Figure3 {
    public static final List<Integer> PAPER_TRAINING_SIZES = List.of(1000, 50000);
    public static final int PAPER_HIDDEN = 100;
    public static final int PAPER_LATENT = 3;
    public static final int PAPER_BATCH = 100;
    /** The paper's x axis runs to about 10^8 samples; 10^7 already takes days per method here. */
    public static final long PAPER_SAMPLES = 10_000_000L;
    /**
     * Quick: 3·10^5 samples per method (300 epochs at N = 1000, 6 at N = 50000), as Figure 2's quick
     * budget; 10^5 took 2 minutes on 2 cores (MCEM three quarters of the training time), 10^6 would take
     * over ten.
     */
    public static final long QUICK_SAMPLES = 300_000L;
    public static final int PAPER_EVAL_POINTS = 1000;
    public static final int QUICK_EVAL_POINTS = 100;
    public static final int PAPER_IS_SAMPLES = 5000;
    public static final int QUICK_IS_SAMPLES = 1000;
    /**
     * The Adagrad step sizes of Figure 3, chosen as section 5 says, "from {0.01, 0.02, 0.1} based on
     * performance on the training set in the first few iterations": each method on its own, on the
     * 784-100-3 model at N = 1,000, by the Appendix D estimate on the first 100 training images after
     * 10^5 samples (1,000 iterations), seed 1 ({@link Figure3Ablation}'s baseline, lr and batch-lr
     * variants, measured in issue 18's lost session and again, the same, on this code;
     * docs/figures/README.md). Training log p(x) at
     * 0.01 / 0.02 / 0.1: AEVB -190.4 / -176.4 / -157.4; wake-sleep -189.2 / -177.4 / -184.6; MCEM
     * (batch E-step) -192.8 / -171.7 / -146.3. Figure 2's 0.01 was chosen the same way on its own,
     * larger model.
     */
    public static final double AEVB_LR = 0.1, WAKE_SLEEP_LR = 0.02, MCEM_LR = 0.1;
    /** MCEM's step size in this project's first Figure 3 (on-line E-step), 0.01 as for the other two then. */
    public static final double FIRST_MCEM_LR = 0.01;

    /** The paper's setting for Figure 3: 100 hidden units and the step sizes above. */
    public static DataSetting paperSetting(DataSetting s) {
        return s.withHidden(PAPER_HIDDEN).withAevbLr(AEVB_LR).withWakeSleepLr(WAKE_SLEEP_LR);
    }

    public static final String CSV = "figure3.csv";
    public static final String PNG = "figure3.png";
    public static final String SUMMARY = "summary.md";
    public static final List<String> COLUMNS = List.of("dataset_n", "method", "samples", "estimator", "split", "value", "seconds");
    public static final String APPENDIX_D = "appendix-d";
    public static final String IMPORTANCE = "importance";

    private Figure3() {}

    /** The three methods of the comparison. */
    public enum Method {
        AEVB("aevb", "AEVB"), WAKE_SLEEP("wake-sleep", "Wake-Sleep"), MCEM("mcem", "MCEM");

        public final String id;
        public final String label;

        Method(String id, String label) {
            this.id = id;
            this.label = label;
        }
    }

    /**
     * @param setting        the data (MNIST or its sample), hidden units and the AEVB / wake-sleep step sizes
     * @param trainingSizes  N: each run trains on the first N training images (fewer when the set is smaller)
     * @param samples        training samples per method and N (the x axis ends here)
     * @param batch          M
     * @param evalPoints     P: the first P training and test images the likelihood is estimated on
     * @param appendixD      the Appendix D estimator's settings
     * @param isSamples      K of the importance-sampled estimate (0: skip it)
     * @param mcemLr         MCEM's Adagrad step size
     * @param seed           the seed of everything random
     * @param out            the output folder
     * @param mcem           MCEM's settings (Appendix E's; the E-step's form and the number of θ-updates)
     * @param schedule       the Adagrad schedule of all three methods (Appendix E: "with accompanying annealing schedule")
     * @param counting       what one MCEM iteration adds to the x axis, "# training samples evaluated"
     * @param prior          the weight of the prior N(0, I) on θ: weight decay prior/N per data point (1: the paper's)
     */
    public record Config(DataSetting setting, List<Integer> trainingSizes, long samples, int batch, int evalPoints,
                         AppendixDEstimator.Settings appendixD, int isSamples, double mcemLr, long seed, Path out,
                         Mcem.Settings mcem, Adagrad.Schedule schedule, McemCounting counting, double prior) {
        /** The paper's MCEM, annealing and counting ({@link Figure3}'s Javadoc). */
        public Config(DataSetting setting, List<Integer> trainingSizes, long samples, int batch, int evalPoints,
                      AppendixDEstimator.Settings appendixD, int isSamples, double mcemLr, long seed, Path out) {
            this(setting, trainingSizes, samples, batch, evalPoints, appendixD, isSamples, mcemLr, seed, out,
                    Mcem.Settings.paper(), Adagrad.Schedule.ANNEALED, McemCounting.POINTS_SAMPLED, 1);
        }

        public Config {
            trainingSizes = List.copyOf(trainingSizes);
            if (trainingSizes.isEmpty() || samples < batch || batch < 1 || evalPoints < 1 || isSamples < 0 || !(mcemLr > 0)) {
                throw new IllegalArgumentException("figure 3: need training sizes, samples >= batch >= 1, evalPoints >= 1,"
                        + " isSamples >= 0 and a positive MCEM step size");
            }
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(mcem, "mcem");
            Objects.requireNonNull(schedule, "schedule");
            Objects.requireNonNull(counting, "counting");
            if (!(prior >= 0) || !Double.isFinite(prior)) {
                throw new IllegalArgumentException("figure 3: the prior's weight must be >= 0 (1: the paper's N(0, I)), got " + prior);
            }
        }

        /**
         * The paper's N, M, Nz and hidden units, with the budget's samples, P and estimator settings;
         * {@code long} is {@code paper} here, whose 10^7 samples are already short of the paper's x axis.
         */
        public static Config forBudget(Budget budget, DataSetting setting, long seed, Path out) {
            boolean paper = budget != Budget.QUICK;
            return new Config(setting, PAPER_TRAINING_SIZES, paper ? PAPER_SAMPLES : QUICK_SAMPLES, PAPER_BATCH,
                    paper ? PAPER_EVAL_POINTS : QUICK_EVAL_POINTS,
                    paper ? AppendixDEstimator.Settings.paper() : AppendixDEstimator.Settings.quick(),
                    paper ? PAPER_IS_SAMPLES : QUICK_IS_SAMPLES, MCEM_LR, seed, out);
        }

        public Config withSamples(long n) {
            return new Config(setting, trainingSizes, n, batch, evalPoints, appendixD, isSamples, mcemLr, seed, out, mcem,
                    schedule, counting, prior);
        }

        public Config withEvalPoints(int p) {
            return new Config(setting, trainingSizes, samples, batch, p, appendixD, isSamples, mcemLr, seed, out, mcem,
                    schedule, counting, prior);
        }

        public Config withTrainingSizes(List<Integer> ns) {
            return new Config(setting, ns, samples, batch, evalPoints, appendixD, isSamples, mcemLr, seed, out, mcem,
                    schedule, counting, prior);
        }

        public Config withIsSamples(int k) {
            return new Config(setting, trainingSizes, samples, batch, evalPoints, appendixD, k, mcemLr, seed, out, mcem,
                    schedule, counting, prior);
        }

        /** MCEM's settings, its step size and what its iteration counts. */
        public Config withMcem(Mcem.Settings m, double lr, McemCounting c) {
            return new Config(setting, trainingSizes, samples, batch, evalPoints, appendixD, isSamples, lr, seed, out, m,
                    schedule, c, prior);
        }

        /** The Adagrad schedule of all three methods. */
        public Config withSchedule(Adagrad.Schedule sch) {
            return new Config(setting, trainingSizes, samples, batch, evalPoints, appendixD, isSamples, mcemLr, seed, out,
                    mcem, sch, counting, prior);
        }

        /**
         * The prior p(θ) = N(0, I) weighted by w: weight decay λ = w/N per data point (1: the
         * paper's; 0: none), for the ablation of the small training set.
         */
        public Config withPrior(double w) {
            return new Config(setting, trainingSizes, samples, batch, evalPoints, appendixD, isSamples, mcemLr, seed, out, mcem,
                    schedule, counting, w);
        }

        public Config withAppendixD(AppendixDEstimator.Settings d) {
            return new Config(setting, trainingSizes, samples, batch, evalPoints, d, isSamples, mcemLr, seed, out, mcem,
                    schedule, counting, prior);
        }

        public Config withSetting(DataSetting s) {
            return new Config(s, trainingSizes, samples, batch, evalPoints, appendixD, isSamples, mcemLr, seed, out, mcem,
                    schedule, counting, prior);
        }

        public Config withOut(Path o) {
            return new Config(setting, trainingSizes, samples, batch, evalPoints, appendixD, isSamples, mcemLr, seed, o, mcem,
                    schedule, counting, prior);
        }

        /**
         * This project's first Figure 3 (the quick run the README first showed): the on-line E-step,
         * counting the M points an iteration sampled, Adagrad 0.01 for MCEM; AEVB's and wake-sleep's
         * step sizes are the setting's.
         */
        public Config firstCommitted() {
            return withMcem(Mcem.Settings.online(), FIRST_MCEM_LR, McemCounting.POINTS_SAMPLED)
                    .withSchedule(Adagrad.Schedule.ANNEALED);
        }

        /** AEVB's and wake-sleep's iterations (a minibatch of M each); MCEM's: {@link #mcemSteps}. */
        public long steps() {
            return (samples + batch - 1) / batch;
        }

        /** What one MCEM iteration adds to the x axis at N training points. */
        public long mcemSamplesPerStep(int n) {
            return counting.perIteration(mcem, n, batch);
        }

        /** MCEM's iterations at N training points: enough to reach the budget's samples. */
        public long mcemSteps(int n) {
            long per = mcemSamplesPerStep(n);
            return (samples + per - 1) / per;
        }
    }

    /**
     * One measurement: log p(x) per data point on the training and test subsets by Appendix D,
     * and by importance sampling (NaN for MCEM, which has no encoder, or when skipped).
     */
    public record Point(long samples, double seconds, double trainD, double testD, double trainIs, double testIs) {
        public boolean finite() {
            return Double.isFinite(trainD) && Double.isFinite(testD);
        }
    }

    /** The measurements of one method at one N (the N actually used). */
    public record Curve(int n, Method method, List<Point> points, boolean diverged) {
        public Curve {
            points = List.copyOf(points);
        }

        public Point last() {
            return points.isEmpty() ? null : points.getLast();
        }
    }

    public record Result(List<Curve> curves, Path csv, Path png, Path summary, double seconds) {
        public Curve curve(int n, Method m) {
            return find(curves, n, m);
        }
    }

    static Curve find(List<Curve> curves, int n, Method m) {
        for (Curve c : curves) {
            if (c.n() == n && c.method() == m) {
                return c;
            }
        }
        return null;
    }

    /** Trains the three methods for each N, then writes the CSV, the PNG and the summary. */
    public static Result run(Config cfg, PrintStream log) throws IOException {
        return run(cfg, log, false);
    }

    /**
     * The same; {@code resume} continues a run in {@code out}: each curve is a job in
     * {@code out/curves/} ({@link Figure3Curve}), finished ones are reused, a killed one continues
     * from its checkpoint, and the CSV is written again from them.
     */
    public static Result run(Config cfg, PrintStream log, boolean resume) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(cfg.out());
        Path csv = cfg.out().resolve(CSV);
        if (!resume && (Files.exists(csv) || Files.exists(cfg.out().resolve(Figure2Curve.FOLDER)))) {
            throw new IOException(cfg.out() + " already holds a figure 3 run (" + CSV + "); continue it with --resume,"
                    + " or choose another --out");
        }
        Files.deleteIfExists(csv);   // written again from the curves
        List<Curve> curves = new ArrayList<>();
        try (MetricsLog metrics = MetricsLog.open(csv, COLUMNS)) {
            for (int n : cfg.trainingSizes()) {
                curves.addAll(trainSize(cfg, n, metrics, log));
            }
        }
        Path png = cfg.out().resolve(PNG);
        Figure3Plot.write(png, cfg, curves);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path summary = cfg.out().resolve(SUMMARY);
        AtomicFiles.write(summary, Figure3Summary.markdown(cfg, curves, seconds).getBytes(StandardCharsets.UTF_8));
        return new Result(curves, csv, png, summary, seconds);
    }

    /**
     * AEVB, wake-sleep and MCEM on the first N training images, each a job of its own
     * ({@link Figure3Curve}, in {@code out/curves/}) on the same minibatches; the rows are those of
     * the three trained in lock step, as the first version of this driver did.
     */
    static List<Curve> trainSize(Config cfg, int requestedN, MetricsLog metrics, PrintStream log) throws IOException {
        DataSetting s = cfg.setting();
        int n = Math.min(requestedN, s.data().train().size());
        if (n < cfg.batch()) {
            throw new IllegalArgumentException("figure 3: N = " + n + " is smaller than a minibatch (M = " + cfg.batch() + ")");
        }
        log.printf(Locale.ROOT, "N = %,d: AEVB (lr %s), wake-sleep (lr %s), MCEM (lr %s, %s E-step, %,d samples per"
                + " iteration); Adagrad %s; %d hidden, Nz = %d, %,d samples each%n", n, s.aevbLr(), s.wakeSleepLr(), cfg.mcemLr(),
                cfg.mcem().eStep() == Mcem.EStep.ALL ? "batch" : "on-line", cfg.mcemSamplesPerStep(n), cfg.schedule().id(),
                s.hidden(), PAPER_LATENT, cfg.steps() * cfg.batch());
        List<Curve> out = new ArrayList<>();
        for (Method m : Method.values()) {
            Figure3Curve job = new Figure3Curve(n, m);
            job.run(cfg, CurveJob.DEFAULT_CHECKPOINT_SECONDS, log);
            Curve c = job.read(cfg);
            for (Point p : c.points()) {
                write(metrics, n, m, p);
            }
            out.add(c);
        }
        return out;
    }

    /** The ids of the figure's curves, {@code N:method} with the N asked for, in the figure's order. */
    public static List<String> curveIds(Config cfg) {
        List<String> ids = new ArrayList<>();
        for (int n : cfg.trainingSizes()) {
            for (Method m : Method.values()) {
                ids.add(n + ":" + m.id);
            }
        }
        return ids;
    }

    /** The job of a curve id, with N cut to the training set's size. */
    static Figure3Curve curve(Config cfg, String id) {
        for (int n : cfg.trainingSizes()) {
            for (Method m : Method.values()) {
                if (id.equals(n + ":" + m.id)) {
                    return new Figure3Curve(Math.min(n, cfg.setting().data().train().size()), m);
                }
            }
        }
        throw new IllegalArgumentException("figure 3 has no curve '" + id + "'; its curves are "
                + String.join(", ", curveIds(cfg)));
    }

    /** Runs one curve of the figure as a job (continuing it when it was stopped); {@code id} is {@code N:method}. */
    public static Path runCurve(Config cfg, String id, double checkpointSeconds, PrintStream log) throws IOException {
        Figure3Curve job = curve(cfg, id);
        if (job.n() < cfg.batch()) {
            throw new IllegalArgumentException("figure 3: N = " + job.n() + " is smaller than a minibatch (M = " + cfg.batch() + ")");
        }
        job.run(cfg, checkpointSeconds, log);
        return job.dir(cfg.out()).resolve(CurveJob.CSV);
    }

    /**
     * Draws the figure and writes the CSV and the summary from the curves finished in
     * {@code out/curves/}; the others are missing from the figure and named in the summary.
     */
    public static Result merge(Config cfg, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        Path csv = cfg.out().resolve(CSV);
        if (Files.exists(csv) && !Files.exists(cfg.out().resolve(Figure2Curve.FOLDER))) {
            throw new IOException(cfg.out() + " holds the " + CSV + " of a run without curve jobs (it may still be"
                    + " writing it); merge the jobs into another folder");
        }
        Files.createDirectories(cfg.out());
        List<Curve> curves = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Files.deleteIfExists(csv);
        try (MetricsLog metrics = MetricsLog.open(csv, COLUMNS)) {
            for (String id : curveIds(cfg)) {
                Figure3Curve job = curve(cfg, id);
                if (!CurveJob.done(job.dir(cfg.out()))) {
                    missing.add(id);
                    continue;
                }
                Curve c = job.read(cfg);
                for (Point p : c.points()) {
                    write(metrics, c.n(), c.method(), p);
                }
                curves.add(c);
            }
        }
        Path png = cfg.out().resolve(PNG);
        Figure3Plot.write(png, cfg, curves);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String md = Figure3Summary.markdown(cfg, curves, seconds);
        if (!missing.isEmpty()) {
            md += String.format(Locale.ROOT, "%nMissing (not run, or not finished; shown as –, not as a number): %s.%n",
                    String.join(", ", missing));
            log.println("missing curves: " + String.join(", ", missing));
        }
        Path summary = cfg.out().resolve(SUMMARY);
        AtomicFiles.write(summary, md.getBytes(StandardCharsets.UTF_8));
        return new Result(curves, csv, png, summary, seconds);
    }

    /** Appendix D on the decoder; importance sampling with the encoder when there is one (vae not null). */
    static Point measure(Config cfg, Decoder decoder, Vae vae, Tensor trainX, Tensor testX, long evalSeed, long samples,
            double seconds) {
        AppendixDEstimator d = new AppendixDEstimator(cfg.appendixD(), evalSeed);
        double trD = d.estimate(decoder, trainX).mean();
        double teD = d.estimate(decoder, testX).mean();
        double trIs = Double.NaN, teIs = Double.NaN;
        if (vae != null && cfg.isSamples() > 0) {
            trIs = new ImportanceSampledLikelihood(vae, cfg.isSamples(), evalSeed).evaluate(trainX).summary().mean();
            teIs = new ImportanceSampledLikelihood(vae, cfg.isSamples(), evalSeed).evaluate(testX).summary().mean();
        }
        return new Point(samples, seconds, trD, teD, trIs, teIs);
    }

    static void write(MetricsLog metrics, int n, Method m, Point p) throws IOException {
        metrics.append(n, m.id, p.samples(), APPENDIX_D, "train", p.trainD(), p.seconds());
        metrics.append(n, m.id, p.samples(), APPENDIX_D, "test", p.testD(), p.seconds());
        if (!Double.isNaN(p.trainIs())) {
            metrics.append(n, m.id, p.samples(), IMPORTANCE, "train", p.trainIs(), p.seconds());
            metrics.append(n, m.id, p.samples(), IMPORTANCE, "test", p.testIs(), p.seconds());
        }
    }
}
