package aevb.experiments;

import aevb.experiments.Figure2.Curve;
import aevb.experiments.Figure2.Point;
import aevb.io.AtomicFiles;
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
 * Figure 2 from its curves: the finished curve jobs in {@code out/curves/}, and the finished
 * curves of CSVs written by other runs ({@code --import}, or the {@value Figure2#CSV} already in
 * {@code out}: a run made before curves were jobs, or an earlier merge). A curve of the figure
 * found nowhere, or not finished, is drawn as missing (an empty panel or one method only, "–" in
 * the summary) and named in a last line of the summary; never as zero.
 */
final class Figure2Merge {
    private Figure2Merge() {}

    /**
     * {@code reproduce figure2 --merge}: refuses a folder whose {@value Figure2#CSV} belongs to a
     * run without curve jobs, which may still be writing it; such a file is merged by importing it
     * into another folder.
     */
    static Figure2.Result mergeOnly(Figure2.Config cfg, List<Path> imports, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        Path csv = cfg.out().resolve(Figure2.CSV);
        if (Files.exists(csv) && !Files.exists(cfg.out().resolve(Figure2Curve.FOLDER))) {
            throw new IOException(cfg.out() + " holds the " + Figure2.CSV + " of a run without curve jobs (it may still"
                    + " be writing it); merge it into another folder: --out NEW --import " + csv);
        }
        Files.createDirectories(cfg.out());
        return write(cfg, imports, t0, log);
    }

    /** Collects the finished curves, then writes the CSV, the PNG and the summary into {@code out}. */
    static Figure2.Result write(Figure2.Config cfg, List<Path> imports, long t0, PrintStream log) throws IOException {
        long total = cfg.steps() * cfg.batch();
        List<Curve> elsewhere = new ArrayList<>();
        for (Path file : imports) {
            elsewhere.addAll(finished(cfg, file, total));
        }
        Path csv = cfg.out().resolve(Figure2.CSV);
        if (Files.exists(csv)) {
            elsewhere.addAll(finished(cfg, csv, total));
        }
        List<Curve> curves = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        StringBuilder rows = new StringBuilder(String.join(",", Figure2.COLUMNS)).append('\n');
        for (Figure2Curve job : Figure2Curve.all(cfg)) {
            Path dir = job.dir(cfg.out());
            Curve c = null;
            if (CurveJob.done(dir)) {
                List<Curve> read = Figure2Csv.read(dir.resolve(CurveJob.CSV));
                c = read.isEmpty() ? null : read.getFirst();
            }
            if (c == null) {
                c = Figure2.find(elsewhere, job.setting().name(), job.latent(), job.method());
            }
            if (c == null) {
                missing.add(job.id() + progress(dir, total));
                continue;
            }
            curves.add(c);
            for (Point p : c.points()) {
                rows.append(Figure2Csv.row(c, p));
            }
        }
        AtomicFiles.write(csv, rows.toString().getBytes(StandardCharsets.UTF_8));
        Path png = cfg.out().resolve(Figure2.PNG);
        Figure2Plot.write(png, cfg, curves);
        Path summary = cfg.out().resolve(Figure2.SUMMARY);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String md = Figure2Summary.markdown(cfg, curves, seconds);
        if (!missing.isEmpty()) {
            md += String.format(Locale.ROOT, "%nMissing (not run, or not finished; shown as –, not as a number): %s.%n",
                    String.join(", ", missing));
            log.println("missing curves: " + String.join(", ", missing));
        }
        AtomicFiles.write(summary, md.getBytes(StandardCharsets.UTF_8));
        return new Figure2.Result(curves, csv, png, summary, seconds);
    }

    /**
     * The finished curves of a CSV (those that reach the budget, or stopped at a NaN), after
     * checking that the settings in the {@value Figure2#CONFIG} beside it, if any, are this figure's.
     */
    static List<Curve> finished(Figure2.Config cfg, Path file, long total) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file + ": no such file (--import takes the " + Figure2.CSV + " of a figure 2 run)");
        }
        Path config = file.toAbsolutePath().resolveSibling(Figure2.CONFIG);
        if (Files.exists(config)) {
            Map<String, String> theirs = CurveJob.readSettings(config);
            for (Map.Entry<String, String> e : cfg.header().entrySet()) {
                String was = theirs.get(e.getKey());
                if (was != null && !was.equals(e.getValue())) {
                    throw new IOException("cannot merge " + file + ": its " + e.getKey() + " is " + was + " ("
                            + config + "), this figure's is " + e.getValue());
                }
            }
        }
        List<Curve> done = new ArrayList<>();
        for (Curve c : Figure2Csv.read(file)) {
            if (c.complete(total)) {
                done.add(c);
            }
        }
        return done;
    }

    /** How far an unfinished job has come, from the last row of its CSV. */
    private static String progress(Path dir, long total) {
        try {
            if (Files.exists(dir.resolve(CurveJob.CSV))) {
                List<Curve> c = Figure2Csv.read(dir.resolve(CurveJob.CSV));
                if (!c.isEmpty() && !c.getFirst().points().isEmpty()) {
                    return String.format(Locale.ROOT, " (running: %,d of %,d samples)",
                            c.getFirst().points().getLast().samples(), total);
                }
            }
            return Files.exists(dir) ? " (started)" : "";
        } catch (IOException e) {
            return " (its " + CurveJob.CSV + " cannot be read: " + e.getMessage() + ")";
        }
    }
}
