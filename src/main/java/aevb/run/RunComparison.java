package aevb.run;

import aevb.viz.LineChart;
import aevb.viz.Palette;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Several training runs on one chart: the held-out bound of each run's {@code metrics.csv}
 * against epochs, labelled by what differs (e.g. "adagrad lr=0.01" against "adam lr=0.001").
 * The question a learner asks of the paper's optimiser: is a slow start a bug, or Adagrad?
 */
public final class RunComparison {
    private RunComparison() {}

    /** One run's curve: its label, the epochs and the held-out bound at each logged row. */
    public record Curve(String label, String split, double[] epochs, double[] bound) {}

    /**
     * The held-out curve of the run in {@code dir}: the column after {@code train_bound} (named by
     * its split, or {@code test_bound} in logs written before that), against {@code epoch}.
     */
    public static Curve read(Path dir, String label) throws IOException {
        Path file = dir.resolve(TrainingRun.METRICS);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + " holds no " + TrainingRun.METRICS + " (give a run folder aevb train wrote)");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        List<String> header = lines.isEmpty() ? List.of() : Arrays.asList(lines.getFirst().split(","));
        int epoch = header.indexOf("epoch"), train = header.indexOf("train_bound");
        if (epoch < 0 || train < 0 || train + 1 >= header.size() || !header.get(train + 1).endsWith("_bound")) {
            throw new IOException(file + " is not the metrics of an aevb train run (no epoch, train_bound and"
                    + " held-out bound columns)");
        }
        String split = header.get(train + 1).replace("_bound", "");
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            try {
                double e = Double.parseDouble(f[epoch]), b = Double.parseDouble(f[train + 1]);
                if (Double.isFinite(e) && Double.isFinite(b) && e > 0) {
                    rows.add(new double[] {e, b});
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException ex) {
                // a damaged row: skip it
            }
        }
        if (rows.isEmpty()) {
            throw new IOException(file + " has no rows yet (let the run log one)");
        }
        return new Curve(label, split, rows.stream().mapToDouble(r -> r[0]).toArray(),
                rows.stream().mapToDouble(r -> r[1]).toArray());
    }

    /** The label of a run: its optimiser and step size, and the seed when that is what differs. */
    public static String label(RunConfig cfg, boolean withSeed) {
        return String.format(Locale.ROOT, "%s lr=%s%s", cfg.optimizer(), cfg.learningRate(),
                withSeed ? " seed " + cfg.seed() : "");
    }

    /**
     * The chart: epochs on the x axis (linear, from the first epoch: the first steps' dip is
     * bound.png's subject), the held-out bound per data point on y; a table of the last values.
     */
    public static void write(Path file, List<Curve> curves, String title) throws IOException {
        LineChart chart = new LineChart().size(640, 400).title(title).xLabel("epochs").yLabel(curves.getFirst().split()
                + " bound per data point (nats)");
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < curves.size(); i++) {
            Curve c = curves.get(i);
            int from = 0;
            while (from < c.epochs().length - 1 && c.epochs()[from] < 1) {
                from++;   // from the end of the first epoch on
            }
            double[] x = Arrays.copyOfRange(c.epochs(), from, c.epochs().length);
            double[] y = Arrays.copyOfRange(c.bound(), from, c.bound().length);
            for (double v : y) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            chart.add(new LineChart.Series(String.format(Locale.ROOT, "%s: %.2f", c.label(), c.bound()[c.bound().length - 1]),
                    x, y, Palette.categorical(i), false));
        }
        if (lo < hi) {
            chart.yRange(lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo));
        }
        chart.write(file);
    }
}
