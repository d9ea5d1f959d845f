package aevb.experiments;

import aevb.data.DataSplits;
import aevb.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code aevb reproduce iwae-table}: the log-likelihood anchor. The IWAE paper's one-stochastic-
 * layer VAE (784-200-200-50, Table 1: test log p(x) = -86.76 nats with K = 5000 after 3280
 * epochs) and the Kingma-Welling MNIST model (784-500-20) under the same protocol, each an
 * {@link IwaeRun} in its own subfolder of the output folder. The runs take turns one stage of the
 * schedule at a time (the one with fewer epochs goes next), so both have numbers at the same
 * stage ends whenever the work is stopped. {@code --minutes} ends a slice with a checkpoint;
 * the next call with {@code --resume} continues bit for bit. When every run is done the folder
 * gets {@value #FINISHED}.
 */
public final class IwaeTable {
    public static final String FINISHED = "FINISHED";
    public static final String TABLE = "table.md";

    private IwaeTable() {}

    /**
     * @param minutes wall-clock minutes for this slice (0: no limit)
     * @return true when every run is finished
     */
    public static boolean run(List<IwaeRun.Config> configs, DataSplits data, Path out, double minutes, PrintStream log)
            throws IOException {
        long deadline = minutes > 0 ? System.nanoTime() + (long) (minutes * 60e9) : Long.MAX_VALUE;
        List<IwaeRun> runs = new ArrayList<>();
        for (IwaeRun.Config c : configs) {
            runs.add(IwaeRun.open(c, data, out.resolve(c.arch().folder())));
        }
        boolean all = true;
        while (true) {
            IwaeRun next = null;
            for (IwaeRun r : runs) {
                if (!r.finished() && (next == null || r.epochsDone() < next.epochsDone())) {
                    next = r;
                }
            }
            if (next == null) {
                break;
            }
            // this run to its next scored epoch (a stage end), then the other catches up
            if (!next.run(deadline, nextEvalEpoch(next), log)) {
                all = false;
                break;
            }
        }
        writeTable(runs, out);
        if (all) {
            AtomicFiles.write(out.resolve(FINISHED), "every run of the IWAE table is trained and scored\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        return all;
    }

    /** The first scored epoch (stage end or budget) after the epochs the run has done. */
    static long nextEvalEpoch(IwaeRun r) throws IOException {
        for (long e : r.config().evalEpochs()) {
            if (e > r.epochsDone() || (e == r.epochsDone() && !r.scoredAt(e))) {
                return e;
            }
        }
        return r.config().epochs();
    }

    /** table.md: one line per run and stage end, ours against the published number. */
    static void writeTable(List<IwaeRun> runs, Path out) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("| model | epochs | samples | K | test images | test log p(x) | ± s.e. | K-sample ELBO | published | training s | evaluation s | GFLOP/s |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (IwaeRun r : runs) {
            for (String row : r.stageRows()) {
                String[] f = row.split(",");
                double published = r.config().arch().published;
                sb.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        r.config().arch().shape, f[1], Long.parseLong(f[2]), f[4], f[5], f[6], f[7], f[8],
                        Double.isNaN(published) ? "-" : String.format(Locale.ROOT, "%.2f (3280 epochs)", published),
                        f[9], f[10], f[11]));
            }
        }
        AtomicFiles.write(out.resolve(TABLE), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Prints table.md. */
    public static void print(Path out, PrintStream log) throws IOException {
        log.print(Files.readString(out.resolve(TABLE), StandardCharsets.UTF_8));
    }
}
