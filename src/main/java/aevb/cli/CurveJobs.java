package aevb.cli;

import aevb.experiments.Budget;
import aevb.experiments.Figure2;
import aevb.experiments.Figure3;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command-line side of {@code reproduce figure2|figure3 --only | --list | --merge}: every curve
 * of a figure is a job of its own (see {@code experiments.CurveJob}), named {@code dataset:Nz:method}
 * in Figure 2 and {@code N:method} in Figure 3;
 * {@code --list} prints one complete command per job, for a scheduler (GNU parallel, a SLURM
 * array, machines sharing the output folder), and {@code --merge} draws what is finished.
 */
final class CurveJobs {
    static final List<String> METHODS = List.of("aevb", "wake-sleep");

    /** A curve named on the command line. */
    record Curve(String dataset, int latent, String method) {
        String id() {
            return dataset + ":" + latent + ":" + method;
        }
    }

    private CurveJobs() {}

    /** "only", "list", "merge" or "" (a whole run), after checking the flags that go with each. */
    static String mode(Args a, String figure) throws UsageException {
        List<String> given = new ArrayList<>();
        for (String f : List.of("only", "list", "merge")) {
            if (a.given(f)) {
                given.add(f);
            }
        }
        if (given.size() > 1) {
            throw new UsageException("aevb reproduce: give one of --only, --list and --merge, not --" + String.join(" and --", given));
        }
        if (a.given("import") && !a.given("merge")) {
            throw new UsageException("aevb reproduce: --import goes with --merge");
        }
        if (a.given("checkpoint-every") && !a.given("only")) {
            throw new UsageException("aevb reproduce: --checkpoint-every goes with --only (a whole run checkpoints every "
                    + "two minutes)");
        }
        if (given.isEmpty()) {
            return "";
        }
        String mode = given.getFirst();
        if (!figure.equals("figure2") && !figure.equals("figure3")) {
            throw new UsageException("aevb reproduce: --" + mode + " is for figure2 and figure3");
        }
        if (!a.given("out")) {
            throw new UsageException("aevb reproduce: the jobs of --" + mode + " share one folder: give it with --out DIR");
        }
        if (a.given("resume")) {
            throw new UsageException("aevb reproduce: --" + mode + " needs no --resume (a job continues by itself)");
        }
        if (mode.equals("merge") && a.given("import") && figure.equals("figure3")) {
            throw new UsageException("aevb reproduce: --import is for figure2 (figure3's earlier runs cannot be merged)");
        }
        if (mode.equals("only") && figure.equals("figure2") && (a.given("datasets") || a.given("nz"))) {
            throw new UsageException("aevb reproduce: --only names the data set and Nz of its curve; drop --datasets and --nz");
        }
        return mode;
    }

    /** {@code mnist:20:aevb} as a curve; a usage error names what is wrong. */
    static Curve parse(String v) throws UsageException {
        String[] f = v.split(":", -1);
        String help = "aevb reproduce: --only expects data set:Nz:method, e.g. mnist:20:aevb (data sets "
                + String.join(", ", ReproduceCommand.DATASETS) + "; methods " + String.join(", ", METHODS) + "), got '" + v + "'";
        if (f.length != 3 || !ReproduceCommand.DATASETS.contains(f[0]) || !METHODS.contains(f[2])) {
            throw new UsageException(help);
        }
        try {
            int nz = Integer.parseInt(f[1]);
            if (nz < 1 || nz > 1000) {
                throw new UsageException(help);
            }
            return new Curve(f[0], nz, f[2]);
        } catch (NumberFormatException e) {
            throw new UsageException(help);
        }
    }

    /** {@code 1000:mcem} as a curve of Figure 3 (N and method); a usage error names what is wrong. */
    static String parseFigure3(String v) throws UsageException {
        String[] f = v.split(":", -1);
        if (f.length == 2 && List.of("aevb", "wake-sleep", "mcem").contains(f[1])) {
            try {
                if (Integer.parseInt(f[0]) >= 1) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // the message below
            }
        }
        throw new UsageException("aevb reproduce: figure3's --only expects N:method, e.g. 1000:mcem (N of "
                + Figure3.PAPER_TRAINING_SIZES + "; methods aevb, wake-sleep, mcem), got '" + v + "'");
    }

    /** The paper's latent sizes of Figure 2 for a data set. */
    static List<Integer> latents(String dataset) {
        return dataset.equals("frey") ? Figure2.FREY_LATENTS : Figure2.MNIST_LATENTS;
    }

    static List<Path> imports(Args a) {
        return a.given("import") ? ReproduceCommand.split(a.get("import")).stream().map(Path::of).toList() : List.of();
    }

    /** Prints the job commands on {@code out}, one a line, and the merge command on {@code err}. */
    static void list(Args a, String figure, List<String> datasets, Budget budget, Path outDir, PrintStream out,
            PrintStream err) {
        boolean fig3 = figure.equals("figure3");
        long samples = a.given("samples") ? a.longValue("samples") : fig3
                ? (budget == Budget.QUICK ? Figure3.QUICK_SAMPLES : Figure3.PAPER_SAMPLES) : switch (budget) {
            case QUICK -> Figure2.QUICK_SAMPLES;
            case LONG -> Figure2.LONG_SAMPLES;
            case PAPER -> Figure2.PAPER_SAMPLES;
        };
        List<String> common = new ArrayList<>(List.of("--budget", budget.label(), "--samples", Long.toString(samples)));
        if (!fig3 || a.given("eval-points")) {   // figure3's default follows the budget
            common.addAll(List.of("--eval-points", a.get("eval-points")));
        }
        common.addAll(List.of("--seed", a.get("seed")));
        for (String f : List.of("hidden", "aevb-lr", "wake-sleep-lr", "held-out", "threads")) {
            if (a.given(f)) {
                common.addAll(List.of("--" + f, a.get(f)));
            }
        }
        if (a.given("data-dir")) {
            common.addAll(List.of("--data-dir", a.path("data-dir").toAbsolutePath().toString()));
        }
        common.addAll(List.of("--out", outDir.toAbsolutePath().toString()));
        String launcher = launcher();
        if (fig3) {
            common.addAll(0, List.of("--datasets", datasets.getFirst()));
            for (int n : Figure3.PAPER_TRAINING_SIZES) {
                for (String m : List.of("aevb", "wake-sleep", "mcem")) {
                    List<String> cmd = new ArrayList<>(List.of("reproduce", figure, "--only", n + ":" + m));
                    cmd.addAll(common);
                    if (a.given("checkpoint-every")) {
                        cmd.addAll(List.of("--checkpoint-every", a.get("checkpoint-every")));
                    }
                    out.println(line(launcher, cmd));
                }
            }
            List<String> merge = new ArrayList<>(List.of("reproduce", figure, "--merge"));
            merge.addAll(common);
            err.println("when the jobs are done (or any time, for what is done): " + line(launcher, merge));
            return;
        }
        for (String d : datasets) {
            for (int nz : a.given("nz") ? ReproduceCommand.ints(a.get("nz")) : latents(d)) {
                for (String m : METHODS) {
                    List<String> cmd = new ArrayList<>(List.of("reproduce", figure, "--only", new Curve(d, nz, m).id()));
                    cmd.addAll(common);
                    if (a.given("checkpoint-every")) {
                        cmd.addAll(List.of("--checkpoint-every", a.get("checkpoint-every")));
                    }
                    out.println(line(launcher, cmd));
                }
            }
        }
        List<String> merge = new ArrayList<>(List.of("reproduce", figure, "--merge", "--datasets", String.join(",", datasets)));
        if (a.given("nz")) {
            merge.addAll(List.of("--nz", a.get("nz")));
        }
        merge.addAll(common);
        err.println("when the jobs are done (or any time, for what is done): " + line(launcher, merge));
    }

    private static String line(String launcher, List<String> args) {
        StringBuilder sb = new StringBuilder(launcher);
        for (String s : args) {
            sb.append(' ').append(s.matches("[A-Za-z0-9_./:,=+-]+") ? s : "'" + s.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }

    /** The {@code aevb} launcher beside the jar (or the classes) this runs from, else a java command line. */
    static String launcher() {
        try {
            Path code = Path.of(CurveJobs.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            Path script = code.getParent().resolveSibling("aevb");
            if (Files.isExecutable(script)) {
                return script.toString();
            }
            return "java --add-modules=jdk.incubator.vector -cp " + code + " aevb.cli.Main";
        } catch (Exception e) {
            return "./aevb";
        }
    }
}
