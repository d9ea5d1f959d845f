package aevb.cli;

import aevb.run.RunComparison;
import aevb.run.RunConfig;
import aevb.run.TrainingRun;
import aevb.viz.Png;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code aevb compare}: the held-out bound of several runs against epochs, on one chart. */
public final class CompareCommand implements Command {
    static final List<Flag> FLAGS = List.of(
            Flag.text("runs", "DIR,DIR[,...]", null, "the run folders to compare (two or more, written by aevb train)"),
            Flag.text("out", "FILE", "compare.png", "the PNG to write"),
            Flag.text("title", "TEXT", null, "the chart's title (default: the data set and model of the first run)"));

    @Override
    public String name() {
        return "compare";
    }

    @Override
    public String summary() {
        return "draw the held-out bound of several runs against epochs (e.g. Adagrad against Adam)";
    }

    @Override
    public List<Flag> flags() {
        return FLAGS;
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        String runs = a.get("runs", null);
        if (runs == null) {
            throw new UsageException("aevb compare: --runs is required (two or more run folders, separated by commas)");
        }
        List<Path> dirs = new ArrayList<>();
        for (String s : runs.split(",", -1)) {
            if (s.isBlank()) {
                throw new UsageException("aevb compare: --runs has an empty folder name in '" + runs + "'");
            }
            dirs.add(Path.of(s.strip()));
        }
        if (dirs.size() < 2) {
            throw new UsageException("aevb compare: --runs needs two or more run folders, got " + dirs.size());
        }
        List<RunConfig> configs = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                throw new UsageException("aevb compare: --runs " + d + " is not a folder (give run folders aevb train wrote)");
            }
            try {
                configs.add(TrainingRun.configOf(d));
            } catch (IOException e) {
                throw new UsageException("aevb compare: --runs " + d + ": no readable " + TrainingRun.CHECKPOINT
                        + " (give a run folder aevb train wrote)");
            }
        }
        boolean seedsDiffer = configs.stream().map(RunConfig::seed).distinct().count() > 1;
        List<String> labels = new ArrayList<>();
        for (RunConfig c : configs) {
            labels.add(RunComparison.label(c, seedsDiffer));
        }
        boolean unique = labels.stream().distinct().count() == labels.size();
        List<RunComparison.Curve> curves = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            String label = unique ? labels.get(i) : labels.get(i) + " (" + dirs.get(i).getFileName() + ")";
            try {
                curves.add(RunComparison.read(dirs.get(i), label));
            } catch (IOException e) {
                throw new UsageException("aevb compare: --runs " + e.getMessage());
            }
        }
        RunConfig first = configs.getFirst();
        String title = a.get("title", String.format(Locale.ROOT, "%s, Nz = %d, %d hidden, M = %d", first.dataset(),
                first.model().latent(), first.model().hidden(), first.batch()));
        Path file = Png.figureTarget(a.path("out"), "compare.png", "--out");
        RunComparison.write(file, curves, title);
        for (RunComparison.Curve c : curves) {
            out.printf(Locale.ROOT, "%-28s %s bound %.2f after %.1f epochs%n", c.label(), c.split(),
                    c.bound()[c.bound().length - 1], c.epochs()[c.epochs().length - 1]);
        }
        out.println("wrote " + file);
        return 0;
    }
}
