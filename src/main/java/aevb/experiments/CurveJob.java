package aevb.experiments;

import aevb.data.Minibatches;
import aevb.io.AtomicFiles;
import aevb.io.MetricsLog;
import aevb.run.LearnerCheckpoint;
import aevb.run.Progress;
import aevb.run.TrainingLoop;
import aevb.sgvb.Learner;
import aevb.sgvb.NonFiniteException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One curve of a figure (one method at one setting) as a job of its own in its own folder, so the
 * curves of a long reproduction can run one after another, side by side, or on other machines
 * that share the output folder, and survive being killed. The folder holds:
 * <ul>
 *   <li>{@value #SETTINGS}: what the curve depends on; a job continued with other settings is refused;
 *   <li>{@value #CSV}: its measurements, in the figure's own columns, one row per measurement;
 *   <li>{@value #CHECKPOINT}: the learner and the loop, written every few minutes
 *       ({@link #DEFAULT_CHECKPOINT_SECONDS}) and at the end; a killed job continues from it bit
 *       for bit (the minibatches and the noise are functions of (seed, step)), dropping the rows
 *       measured after it;
 *   <li>{@value #DONE}: written when the curve is finished (or stopped at a NaN): then the job is
 *       not run again, and a merge takes its rows.
 * </ul>
 */
final class CurveJob {
    static final String CSV = "curve.csv";
    static final String CHECKPOINT = "checkpoint.aevb";
    static final String SETTINGS = "config.txt";
    static final String DONE = "done.txt";
    /** A killed job loses at most this much training. */
    static final double DEFAULT_CHECKPOINT_SECONDS = 120;

    /** Measures the learner after {@code samples} training samples, appends the rows; returns a line for the log. */
    interface Measure {
        String at(MetricsLog csv, long samples, double seconds) throws IOException;
    }

    /** Records that the learner met a NaN or infinity at {@code samples}; returns a line for the log. */
    interface Diverged {
        String at(MetricsLog csv, long samples, double seconds, NonFiniteException e) throws IOException;
    }

    /**
     * @param dir          the job's folder
     * @param settings     what the curve depends on (written to {@value #SETTINGS}, checked on continuing)
     * @param columns      the CSV's columns; one of them is {@code samples}
     * @param evalAt       the sample counts to measure at, increasing multiples of {@code samplesPerStep}
     * @param totalSteps   iterations of the whole curve
     * @param samplesPerStep what one iteration adds to the x axis ("# training samples evaluated"):
     *                     the minibatch's M for AEVB and wake-sleep; for MCEM, {@link McemCounting}
     */
    record Spec(Path dir, Map<String, String> settings, List<String> columns, List<Long> evalAt, long totalSteps,
                long samplesPerStep) {
        Spec {
            if (samplesPerStep < 1) {
                throw new IllegalArgumentException("a curve's step must count at least one sample, got " + samplesPerStep);
            }
            settings = Map.copyOf(new LinkedHashMap<>(settings));
            if (!columns.contains("samples")) {
                throw new IllegalArgumentException("a curve's CSV needs a samples column, got " + columns);
            }
        }
    }

    private CurveJob() {}

    /** True when the job in {@code dir} has finished. */
    static boolean done(Path dir) {
        return Files.exists(dir.resolve(DONE));
    }

    /** True when the finished job in {@code dir} stopped at a NaN or infinity. */
    static boolean diverged(Path dir) throws IOException {
        return done(dir) && Files.readString(dir.resolve(DONE), StandardCharsets.UTF_8).startsWith(DIVERGED);
    }

    private static final String DIVERGED = "stopped at a NaN";

    /**
     * Runs the job, or continues it from its checkpoint; does nothing when it is done. Returns
     * the seconds spent in training steps in all.
     */
    static double run(Spec spec, Learner learner, Minibatches batches, Measure measure, Diverged diverged,
            double checkpointSeconds, PrintStream log) throws IOException {
        Path dir = spec.dir();
        Files.createDirectories(dir);
        checkSettings(dir.resolve(SETTINGS), spec.settings());
        if (done(dir)) {
            return 0;
        }
        long batch = spec.samplesPerStep();   // samples on the x axis per step
        Path ckpt = dir.resolve(CHECKPOINT), csvFile = dir.resolve(CSV);
        TrainingLoop loop = new TrainingLoop(learner, batches, spec.totalSteps()).checkpointEvery(checkpointSeconds);
        Map<String, String> header = new LinkedHashMap<>();
        spec.settings().forEach((k, v) -> header.put("curve." + k, v));
        if (Files.exists(ckpt)) {
            var c = LearnerCheckpoint.load(ckpt);
            for (Map.Entry<String, String> e : header.entrySet()) {
                if (!e.getValue().equals(c.get(e.getKey()))) {
                    throw new IOException(ckpt + " was written with " + e.getKey() + " = " + c.get(e.getKey())
                            + ", this job has " + e.getValue() + "; move the folder away to start it afresh");
                }
            }
            long steps = LearnerCheckpoint.restore(c, learner);
            loop.stepSecondsBefore(c.requireDouble("loop.stepSeconds"));
            keepRowsUpTo(csvFile, spec.columns().indexOf("samples"), steps * batch);
            log.printf("  continuing %s at %,d of %,d samples%n", dir, steps * batch, spec.totalSteps() * batch);
        } else {
            Files.deleteIfExists(csvFile);   // no checkpoint: nothing measured survives
            save(ckpt, header, learner, loop);
        }
        List<Long> at = spec.evalAt();
        int[] next = {0};
        while (next[0] < at.size() && at.get(next[0]) <= learner.steps() * batch) {
            next[0]++;
        }
        Progress progress = new Progress(log, Progress.stdoutIsTerminal() && log == System.out,
                spec.totalSteps() * batch, 15);
        NonFiniteException stopped = null;
        try (MetricsLog csv = MetricsLog.open(csvFile, spec.columns())) {
            try {
                loop.run(new TrainingLoop.Listener() {
                    @Override
                    public boolean afterStep(long s, double bound) throws IOException {
                        long seen = s * batch;
                        if (next[0] < at.size() && seen >= at.get(next[0])) {
                            next[0]++;
                            progress.pause();   // measuring is not training: no part of the speed or the ETA
                            String measured = measure.at(csv, seen, loop.stepSeconds());
                            progress.resume();
                            progress.message(measured);
                        } else {
                            progress.update(s, seen, bound, false);
                        }
                        return true;
                    }

                    @Override
                    public void checkpoint(long s) throws IOException {
                        save(ckpt, header, learner, loop);
                    }
                });
            } catch (NonFiniteException e) {
                stopped = e;
                progress.message(diverged.at(csv, (learner.steps() + 1) * batch, loop.stepSeconds(), e));
            }
        }
        progress.finish();
        save(ckpt, header, learner, loop);
        AtomicFiles.write(dir.resolve(DONE), ((stopped != null ? DIVERGED + ": " + stopped.getMessage() + "; "
                : "finished: ") + learner.steps() + " of " + spec.totalSteps() + " steps\n").getBytes(StandardCharsets.UTF_8));
        return loop.stepSeconds();
    }

    private static void save(Path ckpt, Map<String, String> header, Learner learner, TrainingLoop loop)
            throws IOException {
        Map<String, String> h = new LinkedHashMap<>(header);
        h.put("loop.stepSeconds", Double.toString(loop.stepSeconds()));
        LearnerCheckpoint.save(ckpt, h, learner);
    }

    /** Writes the settings of a new job; refuses to continue one made with other settings. */
    static void checkSettings(Path file, Map<String, String> settings) throws IOException {
        Map<String, String> sorted = new java.util.TreeMap<>(settings);
        if (Files.exists(file)) {
            Map<String, String> old = readSettings(file);
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                String was = old.get(e.getKey());
                if (!e.getValue().equals(was)) {
                    throw new IOException("cannot continue " + file.getParent() + ": its " + e.getKey() + " is " + was
                            + ", this run's is " + e.getValue() + " (give the same settings, or another --out)");
                }
            }
            return;
        }
        StringBuilder sb = new StringBuilder("# aevb: the settings of this curve; continuing it needs the same\n");
        sorted.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code key = value} lines of a settings file. */
    static Map<String, String> readSettings(Path file) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf(" = ");
            if (!line.startsWith("#") && eq > 0) {
                h.put(line.substring(0, eq), line.substring(eq + 3));
            }
        }
        return h;
    }

    /** Drops the rows measured after {@code samples} (the continued job measures them again). */
    static void keepRowsUpTo(Path csv, int samplesColumn, long samples) throws IOException {
        if (!Files.exists(csv)) {
            return;
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            Files.delete(csv);
            return;
        }
        List<String> keep = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            try {
                if (i == 0 || (f.length > samplesColumn && Long.parseLong(f[samplesColumn]) <= samples)) {
                    keep.add(lines.get(i));
                }
            } catch (NumberFormatException e) {
                // a row cut short by the kill: measured again
            }
        }
        AtomicFiles.write(csv, (String.join("\n", keep) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
