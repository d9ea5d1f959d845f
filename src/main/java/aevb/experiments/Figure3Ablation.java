package aevb.experiments;

import aevb.baselines.Mcem;
import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.experiments.Figure3.Curve;
import aevb.experiments.Figure3.Method;
import aevb.experiments.Figure3.Point;
import aevb.io.AtomicFiles;
import aevb.nn.Adagrad;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Why did our first Figure 3 put MCEM ahead of AEVB, when the paper puts it behind? One choice at
 * a time, each a {@link Variant} of the quick run as first committed ({@link #BASELINE},
 * {@link Figure3.Config#firstCommitted}), trained on the same data, from the same initial θ, on
 * the same minibatches, and compared at the same number of training samples: the test
 * log-likelihood (Appendix D) of each method, and the ordering it gives. The choices Appendices D
 * and E leave open:
 * <ul>
 *   <li><b>updates</b>: "5 weight updates steps using the acquired sample" against 1;</li>
 *   <li><b>counting</b>: what an MCEM iteration adds to "# training samples evaluated"
 *       ({@link McemCounting}: the M points whose posterior was sampled, or the 5M points of
 *       the 5 updates);</li>
 *   <li><b>E-step</b>: the on-line form (a transition of the minibatch's chains) or the authors'
 *       batch form (every chain, every iteration; {@link Mcem.EStep#ALL});</li>
 *   <li><b>annealing</b>: "Adagrad stepsizes (with accompanying annealing schedule)", on or off,
 *       and the authors' 100-step warm-up ({@link Adagrad.Schedule});</li>
 *   <li><b>step size</b>: the paper's grid {0.01, 0.02, 0.1}, the same for all three methods.</li>
 * </ul>
 * Every curve of every variant is a Figure 3 curve job ({@link Figure3Curve}) in
 * {@code out/<variant>/curves/}: a killed ablation continues where it stopped, jobs of one
 * ablation can run side by side, and {@link #merge} writes {@value #CSV} (one row per variant, N
 * and method: the final train and test estimates and the training seconds) and {@value #SUMMARY}
 * (the table and, per N, the ordering) from the finished ones.
 */
public final class Figure3Ablation {
    public static final String CSV = "ablation.csv";
    public static final String SUMMARY = "ablation.md";
    public static final List<String> COLUMNS = List.of("variant", "dataset_n", "method", "samples", "train", "test", "seconds");
    public static final String BASELINE = "baseline";

    private Figure3Ablation() {}

    /**
     * One choice changed against the baseline.
     *
     * @param id       a short name, also the variant's folder
     * @param change   what it changes, in the paper's words where it has them
     * @param methods  the methods it trains (a change that touches MCEM only retrains MCEM only)
     * @param apply    the change to the baseline's configuration
     */
    public record Variant(String id, String change, Set<Method> methods, UnaryOperator<Figure3.Config> apply) {}

    /** The variants in order, by id. */
    public static Map<String, Variant> variants() {
        Set<Method> all = EnumSet.allOf(Method.class), mcem = EnumSet.of(Method.MCEM);
        Map<String, Variant> v = new LinkedHashMap<>();
        add(v, new Variant(BASELINE, "the quick run as first committed: on-line E-step, 5 updates, M points counted per "
                + "iteration, annealed Adagrad 0.01", all, c -> c));
        add(v, new Variant("mcem-1-update", "MCEM makes 1 θ-update per E-step instead of 5", mcem,
                c -> c.withMcem(c.mcem().withWeightUpdates(1), c.mcemLr(), c.counting())));
        add(v, new Variant("count-updates", "an MCEM iteration counts the 5M points of its 5 updates, not the M it sampled", mcem,
                c -> c.withMcem(c.mcem(), c.mcemLr(), McemCounting.POINTS_UPDATED)));
        add(v, new Variant("batch-e-step", "the authors' batch MCEM: every chain moves every iteration, which counts N points", mcem,
                c -> c.withMcem(c.mcem().withEStep(Mcem.EStep.ALL), c.mcemLr(), McemCounting.POINTS_SAMPLED)));
        add(v, new Variant("not-annealed", "Adagrad without its annealing: sqrt(G/t) instead of sqrt(G), all methods", all,
                c -> c.withSchedule(Adagrad.Schedule.NOT_ANNEALED)));
        add(v, new Variant("warm-up", "Adagrad's first 100 steps only accumulate G (the authors' code), all methods", all,
                c -> c.withSchedule(c.schedule().withWarmUp(Adagrad.Schedule.AUTHORS_WARM_UP))));
        for (double lr : new double[] {0.02, 0.1}) {
            add(v, new Variant("lr-" + lr, "Adagrad step size " + lr + " for all three methods (the paper's grid)", all,
                    c -> c.withSetting(c.setting().withAevbLr(lr).withWakeSleepLr(lr)).withMcem(c.mcem(), lr, c.counting())));
        }
        for (double lr : new double[] {0.02, 0.1}) {
            add(v, new Variant("batch-lr-" + lr, "the authors' batch MCEM with Adagrad step size " + lr
                    + " (to choose its step size by the paper's rule)", mcem,
                    c -> c.withMcem(c.mcem().withEStep(Mcem.EStep.ALL), lr, McemCounting.POINTS_SAMPLED)));
        }
        add(v, new Variant("paper", "every choice as the paper and the authors' code make it (what reproduce figure3 runs): "
                + "batch MCEM counting N, annealed Adagrad, the rule's step sizes (AEVB " + Figure3.AEVB_LR + ", wake-sleep "
                + Figure3.WAKE_SLEEP_LR + ", MCEM " + Figure3.MCEM_LR + ")", all,
                c -> c.withSetting(c.setting().withAevbLr(Figure3.AEVB_LR).withWakeSleepLr(Figure3.WAKE_SLEEP_LR))
                        .withMcem(Mcem.Settings.paper(), Figure3.MCEM_LR, McemCounting.POINTS_SAMPLED)
                        .withSchedule(Adagrad.Schedule.ANNEALED)));
        return v;
    }

    private static void add(Map<String, Variant> m, Variant v) {
        m.put(v.id(), v);
    }

    /** One line of the table: a variant's final estimates for one method at one N. */
    public record Row(String variant, int n, Method method, long samples, double train, double test, double seconds) {}

    /** The configuration of a variant: its change to the first Figure 3, in its own folder under base's. */
    static Figure3.Config config(Figure3.Config base, Variant v) {
        return v.apply().apply(base.firstCommitted()).withOut(base.out().resolve(v.id()));
    }

    /**
     * Runs (or continues) the curves of the variants at base's training sizes, each a Figure 3
     * curve job in its variant's folder, for the methods a variant changes and {@code only} keeps;
     * then writes the table of every finished curve under base's folder ({@link #merge}). A
     * variant that trains MCEM only borrows AEVB and wake-sleep from the baseline, which it does
     * not change.
     */
    public static List<Row> run(Figure3.Config base, List<Variant> variants, Set<Method> only, PrintStream log)
            throws IOException {
        Files.createDirectories(base.out());
        for (Variant v : variants) {
            Figure3.Config cfg = config(base, v);
            log.printf(Locale.ROOT, "ablation: %s (%s)%n", v.id(), v.change());
            for (int n : cfg.trainingSizes()) {
                for (Method m : Method.values()) {
                    if (v.methods().contains(m) && only.contains(m)) {
                        Figure3.runCurve(cfg, n + ":" + m.id, CurveJob.DEFAULT_CHECKPOINT_SECONDS, log);
                    }
                }
            }
        }
        return merge(base);
    }

    /**
     * Writes {@value #CSV} and {@value #SUMMARY} into base's folder from the finished curve jobs of
     * every variant found there ({@code <variant>/curves/n<N>-<method>/}); base gives the header's
     * settings.
     */
    public static List<Row> merge(Figure3.Config base) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<Variant> order = new ArrayList<>();
        for (Variant v : variants().values()) {
            Figure3.Config cfg = base.withOut(base.out().resolve(v.id()));
            for (Figure3Curve curve : finished(cfg.out())) {
                Curve c = curve.read(cfg);
                Point p = c.last();
                if (p != null) {
                    rows.add(new Row(v.id(), c.n(), c.method(), p.samples(), p.trainD(), p.testD(), p.seconds()));
                }
            }
            if (rows.stream().anyMatch(r -> r.variant().equals(v.id()))) {
                order.add(v);
            }
        }
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Row r : rows) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%.4f,%.4f,%.1f%n", r.variant(), r.n(), r.method().id, r.samples(),
                    r.train(), r.test(), r.seconds()));
        }
        AtomicFiles.write(base.out().resolve(CSV), csv.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(base.out().resolve(SUMMARY), markdown(base, order, rows).getBytes(StandardCharsets.UTF_8));
        return rows;
    }

    /** The finished curve jobs under {@code out/curves/}, in folder order (none if it has no such folder). */
    static List<Figure3Curve> finished(Path out) throws IOException {
        Path curves = out.resolve(Figure2Curve.FOLDER);
        if (!Files.isDirectory(curves)) {
            return List.of();
        }
        List<Figure3Curve> done = new ArrayList<>();
        try (var s = Files.list(curves)) {
            for (Path job : s.filter(CurveJob::done).sorted().toList()) {
                Figure3Curve curve = parse(job.getFileName().toString());
                if (curve != null) {
                    done.add(curve);
                }
            }
        }
        return done;
    }

    /** The curve of a job folder's name, {@code n<N>-<method>}, or null for another folder. */
    static Figure3Curve parse(String folder) {
        for (Method m : Method.values()) {
            String tail = "-" + m.id;
            if (folder.startsWith("n") && folder.endsWith(tail)) {
                try {
                    return new Figure3Curve(Integer.parseInt(folder.substring(1, folder.length() - tail.length())), m);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The table, and per variant and N the test ordering (borrowing AEVB and wake-sleep from the baseline when absent). */
    static String markdown(Figure3.Config base, List<Variant> variants, List<Row> rows) {
        StringBuilder sb = new StringBuilder("# Figure 3 ablation\n\n");
        sb.append(String.format(Locale.ROOT, "%s, %d hidden units, Nz = %d, %,d training samples per method, M = %d, seed %d; "
                + "log p(x) by Appendix D on the first %d training and test images. Each variant changes one choice of the "
                + "baseline; a variant that changes MCEM only is compared with the baseline's AEVB and wake-sleep.%n%n",
                base.setting() == null ? "MNIST" : base.setting().label(),
                base.setting() == null ? Figure3.PAPER_HIDDEN : base.setting().hidden(), Figure3.PAPER_LATENT, base.samples(),
                base.batch(), base.seed(), base.evalPoints()));
        sb.append("| variant | change | N | AEVB test | wake-sleep test | MCEM test | MCEM − AEVB | ordering (test) "
                + "| training s (AEVB / WS / MCEM) |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---|---|\n");
        for (Variant v : variants) {
            for (int n : sizes(rows)) {
                if (rows.stream().noneMatch(r -> r.variant().equals(v.id()) && r.n() == n)) {
                    continue;   // not run at this N
                }
                Row a = pick(rows, v, n, Method.AEVB), w = pick(rows, v, n, Method.WAKE_SLEEP), m = pick(rows, v, n, Method.MCEM);
                sb.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s | %s | %s | %s / %s / %s |%n", v.id(), v.change(),
                        n, f(a), f(w), f(m), a != null && m != null ? String.format(Locale.ROOT, "%+.1f", m.test() - a.test()) : "–",
                        ordering(a, w, m), s(a), s(w), s(m)));
            }
        }
        return sb.toString();
    }

    /** The variant's own row, or for a method the variant does not change, the baseline's. */
    static Row pick(List<Row> rows, Variant v, int n, Method m) {
        String from = v.methods().contains(m) ? v.id() : BASELINE;
        for (Row r : rows) {
            if (r.variant().equals(from) && r.n() == n && r.method() == m) {
                return r;
            }
        }
        return null;
    }

    private static List<Integer> sizes(List<Row> rows) {
        List<Integer> out = new ArrayList<>();
        for (Row r : rows) {
            if (!out.contains(r.n())) {
                out.add(r.n());
            }
        }
        out.sort(null);
        return out;
    }

    /** "AEVB > wake-sleep > MCEM" by the test estimate. */
    static String ordering(Row... rows) {
        List<Row> present = new ArrayList<>();
        for (Row r : rows) {
            if (r != null && Double.isFinite(r.test())) {
                present.add(r);
            }
        }
        present.sort((x, y) -> Double.compare(y.test(), x.test()));
        StringBuilder sb = new StringBuilder();
        for (Row r : present) {
            sb.append(sb.isEmpty() ? "" : " > ").append(r.method().label);
        }
        return sb.toString();
    }

    private static String s(Row r) {
        return r == null ? "–" : String.format(Locale.ROOT, "%.0f", r.seconds());
    }

    private static String f(Row r) {
        return r == null || !Double.isFinite(r.test()) ? "–" : String.format(Locale.ROOT, "%.1f", r.test());
    }

    /**
     * The ablation's base: Figure 3's quick budget with {@code samples} per method on MNIST, 100
     * hidden units and Figure 2's MNIST step sizes (the first Figure 3's), into {@code out}.
     */
    public static Figure3.Config base(DataSetting mnist, long samples, List<Integer> sizes, long seed, Path out) {
        return Figure3.Config.forBudget(Budget.QUICK, mnist == null ? null : mnist.withHidden(Figure3.PAPER_HIDDEN), seed, out)
                .withSamples(samples).withTrainingSizes(sizes);
    }

    /**
     * {@code java -cp target/aevb.jar aevb.experiments.Figure3Ablation DATA_DIR SAMPLES N[,N] VARIANT[,VARIANT]|all OUT [SEED [METHODS]]}
     * runs the variants' curves into OUT (METHODS, e.g. {@code aevb,wake-sleep}, keeps only those of each
     * variant's methods, so that jobs can be split and run side by side); {@code ... merge OUT SAMPLES [SEED]}
     * writes the table of the finished curves under OUT.
     */
    public static void main(String[] args) throws IOException {
        if ((args.length == 3 || args.length == 4) && args[0].equals("merge")) {
            merge(base(null, Long.parseLong(args[2]), Figure3.PAPER_TRAINING_SIZES, args.length > 3 ? Long.parseLong(args[3]) : 1,
                    Path.of(args[1])));
            return;
        }
        if (args.length < 5) {
            System.err.println("usage: Figure3Ablation DATA_DIR SAMPLES N[,N...] VARIANT[,VARIANT...]|all OUT [SEED [METHODS]]"
                    + " | merge OUT SAMPLES [SEED]; variants: " + variants().keySet());
            System.exit(2);
        }
        List<Integer> sizes = new ArrayList<>();
        for (String n : args[2].split(",")) {
            sizes.add(Integer.parseInt(n));
        }
        Map<String, Variant> all = variants();
        List<Variant> chosen = new ArrayList<>();
        for (String id : args[3].equals("all") ? List.copyOf(all.keySet()) : List.of(args[3].split(","))) {
            Variant v = all.get(id);
            if (v == null) {
                throw new IllegalArgumentException("figure 3 ablation: no variant '" + id + "' (variants: " + all.keySet() + ")");
            }
            chosen.add(v);
        }
        Set<Method> only = EnumSet.allOf(Method.class);
        if (args.length > 6) {
            only = EnumSet.noneOf(Method.class);
            for (String id : args[6].split(",")) {
                Method found = null;
                for (Method m : Method.values()) {
                    found = m.id.equals(id) ? m : found;
                }
                if (found == null) {
                    throw new IllegalArgumentException("figure 3 ablation: no method '" + id + "' (aevb, wake-sleep, mcem)");
                }
                only.add(found);
            }
        }
        Path dataDir = Path.of(args[0]);
        DataSplits data = Datasets.load("mnist", dataDir, false, System.out);
        DataSetting mnist = DataSetting.paper("mnist", data, dataDir.toString());
        run(base(mnist, Long.parseLong(args[1]), sizes, args.length > 5 ? Long.parseLong(args[5]) : 1, Path.of(args[4])), chosen,
                only, System.out);
    }
}
