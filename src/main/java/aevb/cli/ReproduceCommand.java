package aevb.cli;

import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.experiments.Budget;
import aevb.experiments.DataSetting;
import aevb.experiments.Figure2;
import aevb.experiments.Figure3;
import aevb.experiments.Figure4;
import aevb.experiments.Figure5;
import aevb.tensor.Parallel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code aevb reproduce figure2|figure3|figure4|figure5}: the paper's experiments with one command each;
 * the drivers are in {@link aevb.experiments}.
 */
public final class ReproduceCommand implements Command {
    static final List<String> FIGURES = List.of("figure2", "figure3", "figure4", "figure5");
    static final List<String> DATASETS = List.of("mnist", "frey", "sample");

    @Override
    public String name() {
        return "reproduce";
    }

    @Override
    public String summary() {
        return "rerun a figure of the paper: figure2 (AEVB vs wake-sleep), figure3 (vs MCEM, marginal likelihood), figure4 (manifolds), figure5 (samples); iwae-table (MNIST log-likelihood against IWAE's Table 1); rate-distortion (β-VAE, one model per β); semi-supervised (M1, M2 against Kingma et al. 2014's Table 1)";
    }

    @Override
    public String positionalUsage() {
        return "figure2|figure3|figure4|figure5|" + IwaeTableCommand.NAME + "|" + RateDistortionCommand.NAME + "|" + SemiSupervisedCommand.NAME;
    }

    @Override
    public int maxPositional() {
        return 1;
    }

    @Override
    public List<Flag> flags() {
        List<Flag> flags = new ArrayList<>(IwaeTableCommand.FLAGS);
        flags.addAll(RateDistortionCommand.FLAGS);
        flags.addAll(SemiSupervisedCommand.FLAGS);
        flags.addAll(0, List.of(
                Flag.choice("budget", "quick", "quick (" + fmt(Figure2.QUICK_SAMPLES) + " samples per curve in figure2, "
                        + fmt(Figure3.QUICK_SAMPLES) + " per method in figure3, " + fmt(Figure4.QUICK_SAMPLES)
                        + " per model in figures 4 and 5), long (" + fmt(Figure2.LONG_SAMPLES) + " per curve, figures 2"
                        + " and 3) or paper (" + fmt(Figure2.PAPER_SAMPLES) + ", as the paper's Figure 2)",
                        "quick", "long", "paper"),
                Flag.text("data-dir", "DIR", null, "where the data files are, in subfolders mnist/ and frey/ or flat"
                        + " (default: $AEVB_DATA or ~/.cache/aevb; missing files are downloaded)"),
                new Flag("datasets", "LIST", null, "data sets, comma-separated, of mnist, frey and sample (the embedded"
                        + " MNIST subset) (default: mnist,frey; figure4 frey,mnist; figure5 mnist)",
                        v -> listProblem(v, true)),
                new Flag("nz", "LIST", null, "latent sizes, comma-separated (default: the paper's; figure2 MNIST"
                        + " 3,5,10,20,200 and Frey Face 2,5,10,20; figure5 2,5,10,20)", v -> listProblem(v, false)),
                Flag.integer("samples", null, 1, Long.MAX_VALUE / 2, "training samples per curve or model (overrides"
                        + " --budget)"),
                Flag.choice("held-out", "files", "figure2: the held-out images: files (the data set's own test split;"
                        + " Frey Face: its last 400 frames) or random (as many, drawn from all images with --seed: the"
                        + " ablation of how they are chosen)", "files", "random"),
                Flag.integer("hidden", null, 1, 10000, "hidden units (default: the paper's, 500 MNIST, 200 Frey Face)"),
                Flag.real("aevb-lr", null, 0, 10, "Adagrad step size of AEVB (default: " + DataSetting.MNIST_AEVB_LR
                        + " MNIST, " + DataSetting.FREY_AEVB_LR + " Frey Face; figure3 " + Figure3.AEVB_LR + ")"),
                Flag.real("wake-sleep-lr", null, 0, 10, "Adagrad step size of wake-sleep (default: "
                        + DataSetting.MNIST_WAKE_SLEEP_LR + " MNIST, " + DataSetting.FREY_WAKE_SLEEP_LR + " Frey Face; figure3 "
                        + Figure3.WAKE_SLEEP_LR + ")"),
                Flag.integer("eval-points", Integer.toString(Figure2.DEFAULT_EVAL_POINTS), 1, 1_000_000,
                        "figure2 and figure3: training and test images the bounds are measured on (the first ones; figure3 default "
                        + Figure3.QUICK_EVAL_POINTS + " quick, " + Figure3.PAPER_EVAL_POINTS + " paper)"),
                Flag.integer("seed", "1", Long.MIN_VALUE, Long.MAX_VALUE, "the seed of every random stream"),
                Flag.integer("threads", null, 1, 256, "threads for the kernels (default: all cores)"),
                Flag.text("out", "DIR", null, "the output folder (default: runs/reproduce-<figure>, numbered if taken)"),
                Flag.toggle("resume", "continue the run in --out (or the default folder): reuse what is finished"),
                Flag.text("only", "CURVE", null, "run one curve as a job in its own folder under --out: figure2"
                        + " mnist:20:aevb (data set:Nz:aevb|wake-sleep), figure3 1000:mcem (N:aevb|wake-sleep|mcem);"
                        + " run again, it continues where it stopped"),
                Flag.toggle("list", "figure2, figure3: print the command of every curve's job, one a line (for GNU"
                        + " parallel, a SLURM array, ...), and the --merge command that draws the figure afterwards"),
                Flag.toggle("merge", "figure2, figure3: draw the figure and the summary from the curves finished in"
                        + " --out (figure2: and --import); missing curves are shown as missing"),
                Flag.text("import", "CSV", null, "with --merge: also take the finished curves of these figure2.csv"
                        + " files (comma-separated), e.g. of a run made before curves were jobs"),
                Flag.real("checkpoint-every", "120", -1, 1e9, "with --only: seconds between the"
                        + " job's checkpoints (a killed job loses at most this much; 0: after every step)")));
        return flags;
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        List<String> known = new ArrayList<>(FIGURES);
        known.addAll(List.of(IwaeTableCommand.NAME, RateDistortionCommand.NAME, SemiSupervisedCommand.NAME));
        if (a.positional().isEmpty()) {
            throw new UsageException("aevb reproduce: which figure? give one of " + String.join(", ", known)
                    + " (see aevb reproduce --help)");
        }
        String figure = a.positional().getFirst();
        if (!known.contains(figure)) {
            throw new UsageException("aevb reproduce: unknown figure '" + figure + "' (give one of "
                    + String.join(", ", known) + ")");
        }
        if (figure.equals(RateDistortionCommand.NAME)) {
            SemiSupervisedCommand.rejectOwnFlags(a, figure);
            return RateDistortionCommand.run(a, out, err);
        }
        RateDistortionCommand.rejectOwnFlags(a, figure);
        if (figure.equals(IwaeTableCommand.NAME)) {
            SemiSupervisedCommand.rejectOwnFlags(a, figure);
            return IwaeTableCommand.run(a, out, err);
        }
        if (figure.equals(SemiSupervisedCommand.NAME)) {
            return SemiSupervisedCommand.run(a, out, err);
        }
        IwaeTableCommand.rejectOwnFlags(a, figure);
        SemiSupervisedCommand.rejectOwnFlags(a, figure);
        if (a.given("eval-points") && !figure.equals("figure2") && !figure.equals("figure3")) {
            throw new UsageException("aevb reproduce: --eval-points is for figure2 and figure3 only");
        }
        if (a.given("wake-sleep-lr") && !figure.equals("figure2") && !figure.equals("figure3")) {
            throw new UsageException("aevb reproduce: --wake-sleep-lr is for figure2 and figure3 only (figures 4 and 5 train AEVB)");
        }
        if (a.given("nz") && figure.equals("figure3")) {
            throw new UsageException("aevb reproduce: figure3 is the paper's Nz = 3; --nz does not apply");
        }
        if (a.given("nz") && figure.equals("figure4")) {
            throw new UsageException("aevb reproduce: figure4 is the manifold of Nz = 2; --nz does not apply");
        }
        String mode = CurveJobs.mode(a, figure);
        if (a.given("budget") && a.get("budget").equals("long") && !figure.equals("figure2") && !figure.equals("figure3")) {
            throw new UsageException("aevb reproduce: --budget long is for figure2 and figure3 (figures 4 and 5: quick or paper)");
        }
        if (a.given("threads")) {
            Parallel.setThreads(a.integer("threads"));
        }
        if (a.given("held-out") && !figure.equals("figure2")) {
            throw new UsageException("aevb reproduce: --held-out is for figure2 only");
        }
        Budget budget = Budget.parse(a.get("budget"));
        CurveJobs.Curve only = mode.equals("only") && figure.equals("figure2") ? CurveJobs.parse(a.get("only")) : null;
        String only3 = mode.equals("only") && figure.equals("figure3") ? CurveJobs.parseFigure3(a.get("only")) : null;
        List<String> names = only != null ? List.of(only.dataset()) : a.given("datasets") ? split(a.get("datasets")) : switch (figure) {
            case "figure4" -> List.of("frey", "mnist");
            case "figure5", "figure3" -> List.of("mnist");
            default -> List.of("mnist", "frey");
        };
        if (figure.equals("figure5") && (names.size() != 1 || names.getFirst().equals("frey"))) {
            throw new UsageException("aevb reproduce: figure5 draws MNIST samples; --datasets takes mnist or sample");
        }
        if (figure.equals("figure3") && (names.size() != 1 || names.getFirst().equals("frey"))) {
            throw new UsageException("aevb reproduce: figure3 is an MNIST experiment; --datasets takes mnist or sample");
        }
        Path dataDir = a.path("data-dir");
        boolean resume = a.toggle("resume");
        Path base = Path.of("runs", "reproduce-" + figure);
        Path outDir = a.given("out") ? a.path("out") : resume ? base : TrainCommand.freshDir(base);
        if (mode.equals("list")) {
            CurveJobs.list(a, figure, names, budget, outDir, out, err);
            return 0;
        }

        List<DataSetting> settings = new ArrayList<>();
        for (String name : names) {
            DataSplits data = Datasets.load(name, dataDir, true, err);
            if (a.get("held-out").equals("random")) {
                data = data.heldOutAtRandom(data.heldOut().size(), a.longValue("seed"));
            }
            DataSetting s = DataSetting.paper(name, data, dataDir == null ? null : dataDir.toString());
            if (figure.equals("figure3")) {
                s = Figure3.paperSetting(s);   // 100 hidden units, each method's step size by the paper's rule
            }
            if (a.given("hidden")) {
                s = s.withHidden(a.integer("hidden"));
            }
            if (a.given("aevb-lr")) {
                s = s.withAevbLr(a.real("aevb-lr"));
            }
            if (a.given("wake-sleep-lr")) {
                s = s.withWakeSleepLr(a.real("wake-sleep-lr"));
            }
            settings.add(s);
            out.println("data:     " + data.summary());
        }
        long seed = a.longValue("seed");
        out.println("output:   " + outDir);
        switch (figure) {
            case "figure2" -> {
                List<Figure2.Row> rows = new ArrayList<>();
                for (DataSetting s : settings) {
                    List<Integer> nz = only != null ? List.of(only.latent()) : a.given("nz") ? ints(a.get("nz"))
                            : CurveJobs.latents(s.name());
                    rows.add(new Figure2.Row(s, nz));
                }
                Figure2.Config cfg = Figure2.Config.forBudget(budget, rows, seed, outDir)
                        .withEvalPoints(a.integer("eval-points")).withResume(resume);
                if (a.given("samples")) {
                    cfg = cfg.withSamples(a.longValue("samples"));
                }
                out.printf(Locale.ROOT, "figure 2 (%s budget): %,d training samples per curve, M = %d, seed %d%n",
                        budget.label(), cfg.steps() * cfg.batch(), cfg.batch(), seed);
                if (only != null) {
                    Path csv = Figure2.runCurve(cfg, only.id(), a.real("checkpoint-every"), out);
                    out.println("curve:    " + csv);
                    return 0;
                }
                Figure2.Result r = mode.equals("merge") ? Figure2.merge(cfg, CurveJobs.imports(a), out) : Figure2.run(cfg, out);
                printSummary(out, r.summary(), r.png(), r.csv());
            }
            case "figure3" -> {
                Figure3.Config cfg = Figure3.Config.forBudget(budget, settings.getFirst(), seed, outDir);
                if (a.given("eval-points")) {
                    cfg = cfg.withEvalPoints(a.integer("eval-points"));
                }
                if (a.given("samples")) {
                    cfg = cfg.withSamples(a.longValue("samples"));
                }
                out.printf(Locale.ROOT, "figure 3 (%s budget): AEVB, wake-sleep and MCEM, Nz = 3, N in %s, %,d training"
                        + " samples per method, M = %d, seed %d%n", budget.label(), cfg.trainingSizes(),
                        cfg.steps() * cfg.batch(), cfg.batch(), seed);
                if (only3 != null) {
                    out.println("curve:    " + Figure3.runCurve(cfg, only3, a.real("checkpoint-every"), out));
                    return 0;
                }
                Figure3.Result r = mode.equals("merge") ? Figure3.merge(cfg, out) : Figure3.run(cfg, out, resume);
                printSummary(out, r.summary(), r.png(), r.csv());
            }
            case "figure4" -> {
                Figure4.Config cfg = Figure4.Config.forBudget(budget, settings, seed, outDir).withResume(resume);
                if (a.given("samples")) {
                    cfg = cfg.withSamples(a.longValue("samples"));
                }
                out.printf(Locale.ROOT, "figure 4 (%s budget): AEVB with Nz = 2, %,d training samples per model%n",
                        budget.label(), cfg.samples());
                Figure4.Result r = Figure4.run(cfg, out);
                out.println("figure:   " + r.png());
                r.runs().forEach(p -> out.println("model:    " + p.resolve("model.aevb")));
            }
            default -> {
                Figure5.Config cfg = Figure5.Config.forBudget(budget, settings.getFirst(), seed, outDir).withResume(resume);
                if (a.given("nz")) {
                    cfg = cfg.withLatents(ints(a.get("nz")));
                }
                if (a.given("samples")) {
                    cfg = cfg.withSamples(a.longValue("samples"));
                }
                out.printf(Locale.ROOT, "figure 5 (%s budget): AEVB with Nz in %s, %,d training samples per model%n",
                        budget.label(), cfg.latents(), cfg.samples());
                Figure5.Result r = Figure5.run(cfg, out);
                out.println("figure:   " + r.png());
                r.runs().forEach(p -> out.println("model:    " + p.resolve("model.aevb")));
            }
        }
        return 0;
    }

    static List<String> split(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(",", -1)) {
            out.add(s.strip());
        }
        return out;
    }

    static List<Integer> ints(String v) {
        return split(v).stream().map(Integer::parseInt).toList();
    }

    /** Null when v is a comma-separated list of known data sets (or of latent sizes 1..1000) without repeats. */
    static String listProblem(String v, boolean datasets) {
        List<String> items = split(v);
        if (items.stream().distinct().count() != items.size()) {
            return "lists an item twice";
        }
        for (String s : items) {
            if (datasets) {
                if (!DATASETS.contains(s)) {
                    return "expects data sets from " + String.join(", ", DATASETS) + ", comma-separated";
                }
            } else {
                try {
                    int n = Integer.parseInt(s);
                    if (n < 1 || n > 1000) {
                        return "expects latent sizes from 1 to 1000, comma-separated";
                    }
                } catch (NumberFormatException e) {
                    return "expects latent sizes from 1 to 1000, comma-separated";
                }
            }
        }
        return null;
    }

    private static String fmt(long n) {
        int e = (int) Math.floor(Math.log10(n));
        long m = n / (long) Math.pow(10, e);
        return m * (long) Math.pow(10, e) == n ? (m == 1 ? "" : m + "·") + "10^" + e : String.format(Locale.ROOT, "%,d", n);
    }

    /** A comparison's summary table, then where its figure, curves and summary are. */
    private static void printSummary(PrintStream out, Path summary, Path png, Path csv) throws IOException {
        out.println();
        out.print(Files.readString(summary, StandardCharsets.UTF_8));
        out.println();
        out.println("figure:   " + png);
        out.println("curves:   " + csv);
        out.println("summary:  " + summary);
    }
}
