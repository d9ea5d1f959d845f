package aevb.experiments;

import aevb.data.Dataset;
import aevb.eval.SplitBound;
import aevb.io.AtomicFiles;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.Vae;
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
    /** The long budget per curve: 10^7, the paper's x axis but its last decade. */
    public static final long LONG_SAMPLES = 10_000_000L;
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
            long samples = switch (budget) {
                case QUICK -> QUICK_SAMPLES;
                case LONG -> LONG_SAMPLES;
                case PAPER -> PAPER_SAMPLES;
            };
            return new Config(rows, samples, PAPER_BATCH,
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

    /**
     * Trains every curve of the figure as its own job ({@link Figure2Curve}, one folder each under
     * {@code out/curves/}), one after another, continuing or reusing what a resumed run finds
     * done, then draws the figure and writes the CSV and the summary from them ({@link Figure2Merge}).
     */
    public static Result run(Config cfg, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(cfg.out());
        Path csv = cfg.out().resolve(CSV);
        List<Curve> previous = prepareOutput(cfg, csv);
        List<Figure2Curve> jobs = Figure2Curve.all(cfg);
        for (int i = 0; i < jobs.size(); i += 2) {   // a panel: AEVB, then wake-sleep
            Figure2Curve a = jobs.get(i), w = jobs.get(i + 1);
            String fromA = finishedIn(cfg, a, previous, csv), fromW = finishedIn(cfg, w, previous, csv);
            if (fromA != null && fromA.equals(fromW)) {
                log.printf(Locale.ROOT, "%s, Nz = %d: reusing the finished curves in %s%n", a.setting().label(),
                        a.latent(), fromA);
                continue;
            }
            for (Figure2Curve job : List.of(a, w)) {
                String from = job == a ? fromA : fromW;
                if (from != null) {
                    log.printf(Locale.ROOT, "%s, Nz = %d: reusing the finished %s curve in %s%n",
                            job.setting().label(), job.latent(), job.method().label, from);
                } else {
                    job.run(cfg, CurveJob.DEFAULT_CHECKPOINT_SECONDS, log);
                }
            }
        }
        return Figure2Merge.write(cfg, List.of(), t0, log);
    }

    /** Where a finished curve of the job is: its folder, or the figure's CSV of an earlier run; null when not finished. */
    private static String finishedIn(Config cfg, Figure2Curve job, List<Curve> previous, Path csv) {
        Path dir = job.dir(cfg.out());
        if (CurveJob.done(dir)) {
            return cfg.out().resolve(Figure2Curve.FOLDER).toString();
        }
        boolean inCsv = find(previous, job.setting().name(), job.latent(), job.method()) != null;
        return inCsv && !Files.exists(dir.resolve(CurveJob.CHECKPOINT)) ? csv.toString() : null;
    }

    /** Runs one curve of the figure as a job (see {@link Figure2Curve}); {@code id} is {@code dataset:Nz:method}. */
    public static Path runCurve(Config cfg, String id, double checkpointSeconds, PrintStream log) throws IOException {
        Figure2Curve job = curve(cfg, id);
        Path dir = job.dir(cfg.out());
        if (CurveJob.done(dir)) {
            CurveJob.checkSettings(dir.resolve(CurveJob.SETTINGS), job.settings(cfg));
            log.println("curve " + id + " is finished already: " + dir.resolve(CurveJob.CSV));
        } else {
            job.run(cfg, checkpointSeconds, log);
        }
        return dir.resolve(CurveJob.CSV);
    }

    /** The ids of the figure's curves, in the figure's order. */
    public static List<String> curveIds(Config cfg) {
        return Figure2Curve.all(cfg).stream().map(Figure2Curve::id).toList();
    }

    /**
     * Draws the figure and writes the CSV and the summary from whatever curves are finished: the
     * jobs' folders under {@code out}, then the curves of each {@code imports} CSV (a
     * {@value #CSV} of an earlier run, checked against its {@value #CONFIG}); curves not
     * finished anywhere are drawn as missing.
     */
    public static Result merge(Config cfg, List<Path> imports, PrintStream log) throws IOException {
        return Figure2Merge.mergeOnly(cfg, imports, log);
    }

    static Figure2Curve curve(Config cfg, String id) {
        for (Figure2Curve c : Figure2Curve.all(cfg)) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("figure 2 has no curve '" + id + "'; its curves are "
                + String.join(", ", curveIds(cfg)));
    }

    /**
     * Checks the output folder. A fresh run needs a folder without a previous figure 2; a resumed
     * one must share the settings of {@value #CONFIG}, and returns the finished curves of the
     * folder's {@value #CSV} (written by an earlier run, with curve jobs or without).
     */
    private static List<Curve> prepareOutput(Config cfg, Path csv) throws IOException {
        Path configFile = cfg.out().resolve(CONFIG);
        Map<String, String> header = cfg.header();
        List<Curve> keep = new ArrayList<>();
        if (!cfg.resume()) {
            if (Files.exists(csv) || Files.exists(cfg.out().resolve(Figure2Curve.FOLDER))) {
                throw new IOException(cfg.out() + " already holds a figure 2 run (" + CSV
                        + "); continue it with --resume, or choose another --out");
            }
        } else if (Files.exists(csv) || Files.exists(configFile)) {
            Map<String, String> old = Files.exists(configFile) ? CurveJob.readSettings(configFile) : Map.of();
            for (Map.Entry<String, String> e : header.entrySet()) {
                String was = old.get(e.getKey());
                if (was != null && !was.equals(e.getValue())) {
                    throw new IOException("cannot resume " + cfg.out() + ": its " + e.getKey() + " is " + was
                            + ", this run's is " + e.getValue() + " (give the same settings, or another --out)");
                }
            }
            header.putAll(Map.copyOf(old));
            header.putAll(cfg.header());
            if (Files.exists(csv)) {
                for (Curve c : Figure2Csv.read(csv)) {
                    if (c.complete(cfg.steps() * cfg.batch())) {
                        keep.add(c);
                    }
                }
            }
        }
        writeHeader(configFile, header);
        return keep;
    }

    static void writeHeader(Path configFile, Map<String, String> header) throws IOException {
        StringBuilder sb = new StringBuilder("# aevb reproduce figure2: what a resumed run must share\n");
        header.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        AtomicFiles.write(configFile, sb.toString().getBytes(StandardCharsets.UTF_8));
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

    /** Estimator B (eq. 10, L = 1) per data point on the fixed training and test subsets. */
    static Point measure(Vae vae, Tensor trainX, Tensor testX, long evalSeed, long samples, double seconds) {
        double tr = new SplitBound(vae, new EstimatorB(), 1, evalSeed).evaluate(trainX).summary().mean();
        double te = new SplitBound(vae, new EstimatorB(), 1, evalSeed).evaluate(testX).summary().mean();
        return new Point(samples, tr, te, seconds);
    }

    /** The first n images of d (all when it has fewer) as an (n, D) tensor. */
    static Tensor first(Dataset d, int n) {
        return d.slice(d.name(), 0, Math.min(n, d.size())).asTensor();
    }
}
