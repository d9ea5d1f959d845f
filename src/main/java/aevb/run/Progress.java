package aevb.run;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress of a long job: on a terminal one live line redrawn in place (step, samples seen,
 * bound per data point, examples/s, ETA); elsewhere (CI, a pipe, a log file) plain lines every
 * few seconds, so logs stay readable.
 */
public final class Progress {
    private final PrintStream out;
    private final boolean live;
    private final long total;
    private final long plainEveryNanos;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int lastWidth;

    public Progress(PrintStream out, boolean live, long totalSamples, double plainEverySeconds) {
        this.out = out;
        this.live = live;
        this.total = totalSamples;
        this.plainEveryNanos = (long) (plainEverySeconds * 1e9);
    }

    /** True when the launcher says stdout is a terminal (AEVB_TTY=1). */
    public static boolean stdoutIsTerminal() {
        return "1".equals(System.getenv("AEVB_TTY"));
    }

    /** Shows the state after {@code step} steps; {@code bound} may be NaN when there is none to show. */
    public void update(long step, long samples, double bound, boolean force) {
        long now = System.nanoTime();
        long every = live ? 100_000_000L : plainEveryNanos;
        if (!force && now - lastDraw < every) {
            return;
        }
        lastDraw = now;
        double secs = (now - start) / 1e9;
        double rate = secs > 0 ? samples / secs : 0;
        String eta = rate > 0 && total > samples ? duration((total - samples) / rate) : "-";
        int pct = total > 0 ? (int) Math.min(100, 100.0 * samples / total) : 0;
        String boundText = Double.isNaN(bound) ? "" : String.format(Locale.ROOT, "  bound %.2f nats", bound);
        String line = String.format(Locale.ROOT, "step %,d  samples %,d/%,d (%d%%)%s  %,.0f ex/s  ETA %s",
                step, samples, total, pct, boundText, rate, eta);
        if (live) {
            String bar = bar(pct, 20);
            String full = bar + " " + line;
            out.print("\r" + full + " ".repeat(Math.max(0, lastWidth - full.length())));
            lastWidth = full.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Prints a whole line, moving the live line out of the way first. */
    public void message(String text) {
        if (live && lastWidth > 0) {
            out.print("\r" + " ".repeat(lastWidth) + "\r");
            lastWidth = 0;
        }
        out.println(text);
        out.flush();
    }

    /** Ends the live line. */
    public void finish() {
        if (live && lastWidth > 0) {
            out.println();
            lastWidth = 0;
        }
        out.flush();
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    static String bar(int pct, int width) {
        int filled = pct * width / 100;
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }

    public static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
