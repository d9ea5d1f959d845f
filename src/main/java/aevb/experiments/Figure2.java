package aevb.experiments;

import aevb.baselines.WakeSleep;
import aevb.data.Dataset;
import aevb.eval.SplitBound;
import aevb.io.AtomicFiles;
import aevb.io.MetricsLog;
import aevb.nn.Adagrad;
import aevb.nn.WeightDecay;
import aevb.prob.Randomness;
import aevb.run.Progress;
import aevb.sgvb.Aevb;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.NonFiniteException;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Figure 2 of the paper: "Comparison of our AEVB method to the wake-sleep algorithm, in terms of
 * optimizing the lower bound, for different dimensionality of latent space (Nz)." For each data
 * set (MNIST: Nz in {3, 5, 10, 20, 200}; Frey Face: Nz in {2, 5, 10, 20}) and each Nz, AEVB
 * (Algorithm 1) and wake-sleep are trained side by side: the same architecture, the same
 * initial parameters, the same minibatches in the same order, the same eps stream, Adagrad for
 * both. At log-spaced numbers of training samples (1, 2 and 5 times the powers of ten from 10^3,
 * and the last) both models are measured with the same yardstick, estimator B (eq. 10, L = 1) per
 * data point, on a fixed subset of the training set and of the test set (the first
 * {@code evalPoints} images of each; the noise of point i is fixed, so every measurement of
 * a curve uses the same samples and the curves are smooth).
 *
 * <p>Writes to {@code out}: {@value #CSV} (one row per measurement: dataset, nz, method,
 * samples, train_bound, test_bound, seconds of training so far), {@value #PNG} (one panel per
 * Nz, a row per data set, as the paper lays it out; see {@link Figure2Plot}) and
 * {@value #SUMMARY} (the final bounds; see {@link Figure2Summary}). A panel whose two curves are
 * complete in the CSV is reused when the run is resumed, so a long {@code paper} run can be
 * continued panel by panel.
 */
public final class Figure2 {
    public static final List<Integer> MNIST_LATENTS = List.of(3, 5, 10, 20, 200);
    public static final List<Integer> FREY_LATENTS = List.of(2, 5, 10, 20);
    /** The paper's x axis ends at 10^8 training samples. */
    public static final long PAPER_SAMPLES = 100_000_000L;
    /**
     * The quick budget per curve. The issue asked for about 10^6; on the 2-core machine this was
     * built on (shared with other work) 18 curves of 10^6 took longer than the ten minutes or so a
     * quick run should take, so quick stops at 3·10^5 (5 epochs of MNIST, about 190 of Frey Face).
     */
    public static final long QUICK_SAMPLES = 300_000L;
    public static final int PAPER_BATCH = 100;
    public static final int DEFAULT_EVAL_POINTS = 1000;

    public static final String CSV = "figure2.csv";
    public static final String PNG = "figure2.png";
    public static final String SUMMARY = "summary.md";
    public static final String CONFIG = "config.txt";
    public static final List<String> COLUMNS =
            List.of("dataset", "nz", "method", "samples", "train_bound", "test_bound", "seconds");

    private Figure2() {}

    /** The two methods of the comparison. */
    public enum Method {
        AEVB("aevb", "AEVB"), WAKE_SLEEP("wake-sleep", "Wake-Sleep");

        public final String id;
        public final String label;

        Method(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public static Method of(String id) {
            for (Method m : values()) {
                if (m.id.equals(id)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown method '" + id + "' (aevb or wake-sleep)");
        }
    }

    /** One row of the figure: a data set and the latent sizes of its panels. */
    public record Row(DataSetting setting, List<Integer> latents) {
        public Row {
            latents = List.copyOf(latents);
            if (latents.isEmpty()) {
                throw new IllegalArgumentException(setting.name() + ": no latent sizes given");
            }
        }
    }

    /**
     * @param rows        the data sets and their Nz values
     * @param samples     training samples per curve (the x axis ends here)
     * @param batch       M, the minibatch size
     * @param evalPoints  training and test images the bounds are measured on (the first ones)
     * @param seed        the seed of everything random (initialisation, order, eps, dreams)
     * @param out         the output folder
     * @param resume      reuse the complete panels of a previous run in {@code out}
     */
    public record Config(List<Row> rows, long samples, int batch, int evalPoints, long seed, Path out, boolean resume) {
        public Config {
            rows = List.copyOf(rows);
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("figure 2 needs at least one data set");
            }
            if (samples < batch || batch < 1 || evalPoints < 1) {
                throw new IllegalArgumentException("figure 2: need samples >= batch >= 1 and evalPoints >= 1, got "
                        + samples + ", " + batch + ", " + evalPoints);
            }
            Objects.requireNonNull(out, "out");
        }

        /** The paper's M and the budget's samples per curve. */
        public static Config forBudget(Budget budget, List<Row> rows, long seed, Path out) {
            return new Config(rows, budget == Budget.PAPER ? PAPER_SAMPLES : QUICK_SAMPLES, PAPER_BATCH,
                    DEFAULT_EVAL_POINTS, seed, out, false);
        }

        public Config withSamples(long n) {
            return new Config(rows, n, batch, evalPoints, seed, out, resume);
        }

        public Config withEvalPoints(int n) {
            return new Config(rows, samples, batch, n, seed, out, resume);
        }

        public Config withResume(boolean r) {
            return new Config(rows, samples, batch, evalPoints, seed, out, r);
        }

        /** Training steps per curve: the budget rounded up to whole minibatches. */
        public long steps() {
            return (samples + batch - 1) / batch;
        }

        /** What must match for a resumed run to reuse earlier panels. */
        Map<String, String> header() {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("samples", Long.toString(samples));
            h.put("batch", Integer.toString(batch));
            h.put("evalPoints", Integer.toString(evalPoints));
            h.put("seed", Long.toString(seed));
            for (Row r : rows) {
                DataSetting s = r.setting();
                h.put(s.name() + ".train", Integer.toString(s.data().train().size()));
                h.put(s.name() + ".hidden", Integer.toString(s.hidden()));
                h.put(s.name() + ".decoder", s.decoder());
                h.put(s.name() + ".aevbLr", Double.toString(s.aevbLr()));
                h.put(s.name() + ".wakeSleepLr", Double.toString(s.wakeSleepLr()));
            }
            return h;
        }
    }

    /** One measurement of a curve. */
    public record Point(long samples, double trainBound, double testBound, double seconds) {
        public boolean finite() {
            return Double.isFinite(trainBound) && Double.isFinite(testBound);
        }
    }

    /** The measurements of one method at one Nz; a last point with NaN bounds marks a diverged run. */
    public record Curve(String dataset, int latent, Method method, List<Point> points) {
        public Curve {
            points = List.copyOf(points);
        }

        /** The last finite point, or null. */
        public Point last() {
            for (int i = points.size() - 1; i >= 0; i--) {
                if (points.get(i).finite()) {
                    return points.get(i);
                }
            }
            return null;
        }

        /** True when training stopped at a NaN or infinity (the last point is not finite). */
        public boolean diverged() {
            return !points.isEmpty() && !points.getLast().finite();
        }

        boolean complete(long totalSamples) {
            return diverged() || (!points.isEmpty() && points.getLast().samples() >= totalSamples);
        }
    }

    /** What a run produced. */
    public record Result(List<Curve> curves, Path csv, Path png, Path summary, double seconds) {
        public Curve curve(String dataset, int latent, Method method) {
            return find(curves, dataset, latent, method);
        }
    }

    /**
     * The numbers of training samples at which the curves are measured: 1, 2 and 5 times the
     * powers of ten from 10^3 up to the budget, each rounded up to whole minibatches, and the
     * budget itself (rounded up likewise).
     */
    public static List<Long> evalSamples(long samples, int batch) {
        long last = (samples + batch - 1) / batch * batch;
        List<Long> at = new ArrayList<>();
        for (long decade = 1000; decade <= samples; decade *= 10) {
            for (long f : new long[] {1, 2, 5}) {
                long s = (f * decade + batch - 1) / batch * batch;
                if (f * decade <= samples && s < last && (at.isEmpty() || s > at.getLast())) {
                    at.add(s);
                }
            }
        }
        at.add(last);
        return at;
    }

    /** Trains every panel of the figure (or reuses it), then writes the CSV, the PNG and the summary. */
    public static Result run(Config cfg, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(cfg.out());
        Path csv = cfg.out().resolve(CSV);
        List<Curve> previous = prepareOutput(cfg, csv);
        List<Curve> curves = new ArrayList<>();
        try (MetricsLog metrics = MetricsLog.open(csv, COLUMNS)) {
            for (Row row : cfg.rows()) {
                for (int nz : row.latents()) {
                    Curve a = find(previous, row.setting().name(), nz, Method.AEVB);
                    Curve w = find(previous, row.setting().name(), nz, Method.WAKE_SLEEP);
                    if (a != null && w != null) {
                        log.printf(Locale.ROOT, "%s, Nz = %d: reusing the finished curves in %s%n",
                                row.setting().label(), nz, csv);
                        curves.add(a);
                        curves.add(w);
                        continue;
                    }
                    curves.addAll(trainPanel(cfg, row.setting(), nz, metrics, log));
                }
            }
        }
        Path png = cfg.out().resolve(PNG);
        Figure2Plot.write(png, cfg, curves);
        Path summary = cfg.out().resolve(SUMMARY);
        double seconds = (System.nanoTime() - t0) / 1e9;
        AtomicFiles.write(summary, Figure2Summary.markdown(cfg, curves, seconds).getBytes(StandardCharsets.UTF_8));
        return new Result(curves, csv, png, summary, seconds);
    }

    /**
     * Checks the output folder. A fresh run needs a folder without a previous figure 2; a resumed
     * one keeps the complete panels of the CSV (rewritten without the rows of an unfinished panel)
     * and returns their curves.
     */
    private static List<Curve> prepareOutput(Config cfg, Path csv) throws IOException {
        Path configFile = cfg.out().resolve(CONFIG);
        Map<String, String> header = cfg.header();
        List<Curve> keep = new ArrayList<>();
        if (!cfg.resume()) {
            if (Files.exists(csv)) {
                throw new IOException(cfg.out() + " already holds a figure 2 run (" + CSV
                        + "); continue it with --resume, or choose another --out");
            }
        } else if (Files.exists(csv)) {
            Map<String, String> old = Files.exists(configFile) ? readHeader(configFile) : Map.of();
            for (Map.Entry<String, String> e : header.entrySet()) {
                String was = old.get(e.getKey());
                if (was != null && !was.equals(e.getValue())) {
                    throw new IOException("cannot resume " + cfg.out() + ": its " + e.getKey() + " is " + was
                            + ", this run's is " + e.getValue() + " (give the same settings, or another --out)");
                }
            }
            header.putAll(Map.copyOf(old));
            header.putAll(cfg.header());
            long total = cfg.steps() * cfg.batch();
            List<Curve> all = Figure2Csv.read(csv);
            StringBuilder kept = new StringBuilder(String.join(",", COLUMNS)).append('\n');
            for (Curve c : all) {
                Method other = c.method() == Method.AEVB ? Method.WAKE_SLEEP : Method.AEVB;
                Curve partner = find(all, c.dataset(), c.latent(), other);
                if (c.complete(total) && partner != null && partner.complete(total)) {
                    keep.add(c);
                    for (Point p : c.points()) {
                        kept.append(Figure2Csv.row(c, p));
                    }
                }
            }
            AtomicFiles.write(csv, kept.toString().getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder sb = new StringBuilder("# aevb reproduce figure2: what a resumed run must share\n");
        header.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        AtomicFiles.write(configFile, sb.toString().getBytes(StandardCharsets.UTF_8));
        return keep;
    }

    private static Map<String, String> readHeader(Path file) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf(" = ");
            if (!line.startsWith("#") && eq > 0) {
                h.put(line.substring(0, eq), line.substring(eq + 3));
            }
        }
        return h;
    }

    /** The curve of (dataset, Nz, method) in curves, or null. */
    static Curve find(List<Curve> curves, String dataset, int latent, Method m) {
        for (Curve c : curves) {
            if (c.dataset().equals(dataset) && c.latent() == latent && c.method() == m) {
                return c;
            }
        }
        return null;
    }

    /**
     * One panel: AEVB and wake-sleep at one Nz, trained in lock step on the same minibatches,
     * measured at {@link #evalSamples}. A method that meets a NaN stops (its curve ends with a
     * NaN point); the other goes on.
     */
    static List<Curve> trainPanel(Config cfg, DataSetting s, int nz, MetricsLog metrics, PrintStream log)
            throws IOException {
        Dataset train = s.data().train();
        Dataset held = s.data().heldOut() != null ? s.data().heldOut() : train;
        if (train.size() < cfg.batch()) {
            throw new IllegalArgumentException(s.name() + ": the training set (" + train.size()
                    + " images) is smaller than a minibatch (M = " + cfg.batch() + ")");
        }
        VaeConfig model = s.model(nz);
        WeightDecay decay = WeightDecay.priorPerDataPoint(train.size());
        // The same initial θ and φ for both methods: the curves differ only by the learning rule.
        Vae vaeA = Vae.initialised(model, cfg.seed());
        Vae vaeW = Vae.initialised(model, cfg.seed());
        Aevb aevb = new Aevb(vaeA, new EstimatorB(), new Adagrad(s.aevbLr()), decay, 1, cfg.seed());
        WakeSleep ws = new WakeSleep(vaeW, new Adagrad(s.wakeSleepLr()), decay, cfg.seed());
        Tensor trainX = first(train, cfg.evalPoints());
        Tensor testX = first(held, cfg.evalPoints());
        long evalSeed = Randomness.key(cfg.seed(), Randomness.Stream.EVAL, 0);

        log.printf(Locale.ROOT, "%s, Nz = %d: AEVB (lr %s) and wake-sleep (lr %s), %d hidden, %s decoder, %,d samples%n",
                s.label(), nz, s.aevbLr(), s.wakeSleepLr(), s.hidden(), s.decoder(), cfg.steps() * cfg.batch());
        List<Long> at = evalSamples(cfg.samples(), cfg.batch());
        List<Point> pa = new ArrayList<>(), pw = new ArrayList<>();
        boolean aliveA = true, aliveW = true;
        double secA = 0, secW = 0;
        int stepsPerEpoch = train.size() / cfg.batch();
        Tensor x = new Tensor(cfg.batch(), train.dim());
        int[] perm = null;
        long permEpoch = -1;
        int next = 0;
        Progress progress = new Progress(log, Progress.stdoutIsTerminal() && log == System.out,
                cfg.steps() * cfg.batch(), 15);
        for (long t = 0; t < cfg.steps() && (aliveA || aliveW); t++) {
            long epoch = t / stepsPerEpoch;
            if (epoch != permEpoch) {
                perm = Randomness.permutation(cfg.seed(), Randomness.Stream.SHUFFLE, epoch, train.size());
                permEpoch = epoch;
            }
            train.copyBatch(perm, (int) (t % stepsPerEpoch) * cfg.batch(), x);
            double bound = Double.NaN;
            long seen = (t + 1) * cfg.batch();
            if (aliveA) {
                long n0 = System.nanoTime();
                try {
                    bound = aevb.step(x);
                } catch (NonFiniteException e) {
                    aliveA = false;
                    diverged(metrics, s, nz, Method.AEVB, seen, secA, pa, e, progress);
                }
                secA += (System.nanoTime() - n0) / 1e9;
            }
            if (aliveW) {
                long n0 = System.nanoTime();
                try {
                    ws.step(x);
                } catch (NonFiniteException e) {
                    aliveW = false;
                    diverged(metrics, s, nz, Method.WAKE_SLEEP, seen, secW, pw, e, progress);
                }
                secW += (System.nanoTime() - n0) / 1e9;
            }
            if (next < at.size() && seen >= at.get(next)) {
                next++;
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-10s samples %,12d", s.label(), seen));
                if (aliveA) {
                    Point p = measure(vaeA, trainX, testX, evalSeed, seen, secA);
                    pa.add(p);
                    metrics.append(s.name(), nz, Method.AEVB.id, seen, p.trainBound(), p.testBound(), p.seconds());
                    line.append(String.format(Locale.ROOT, "  AEVB %9.2f / %9.2f", p.trainBound(), p.testBound()));
                }
                if (aliveW) {
                    Point p = measure(vaeW, trainX, testX, evalSeed, seen, secW);
                    pw.add(p);
                    metrics.append(s.name(), nz, Method.WAKE_SLEEP.id, seen, p.trainBound(), p.testBound(), p.seconds());
                    line.append(String.format(Locale.ROOT, "  wake-sleep %9.2f / %9.2f", p.trainBound(), p.testBound()));
                }
                line.append(String.format(Locale.ROOT, "  (train / test bound; %.0f s + %.0f s)", secA, secW));
                progress.message(line.toString());
            } else {
                progress.update(t + 1, seen, bound, false);
            }
        }
        progress.finish();
        return List.of(new Curve(s.name(), nz, Method.AEVB, pa), new Curve(s.name(), nz, Method.WAKE_SLEEP, pw));
    }

    /** Estimator B (eq. 10, L = 1) per data point on the fixed training and test subsets. */
    static Point measure(Vae vae, Tensor trainX, Tensor testX, long evalSeed, long samples, double seconds) {
        double tr = new SplitBound(vae, new EstimatorB(), 1, evalSeed).evaluate(trainX).summary().mean();
        double te = new SplitBound(vae, new EstimatorB(), 1, evalSeed).evaluate(testX).summary().mean();
        return new Point(samples, tr, te, seconds);
    }

    private static void diverged(MetricsLog metrics, DataSetting s, int nz, Method m, long seen, double seconds,
            List<Point> points, NonFiniteException e, Progress progress) throws IOException {
        points.add(new Point(seen, Double.NaN, Double.NaN, seconds));
        metrics.append(s.name(), nz, m.id, seen, Double.NaN, Double.NaN, seconds);
        progress.message(String.format(Locale.ROOT, "  %s, Nz = %d: %s stopped: %s", s.label(), nz, m.label,
                e.getMessage()));
    }

    /** The first n images of d (all when it has fewer) as an (n, D) tensor. */
    static Tensor first(Dataset d, int n) {
        return d.slice(d.name(), 0, Math.min(n, d.size())).asTensor();
    }
}
