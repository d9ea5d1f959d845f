package aevb.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of a long job: on a terminal one live line redrawn in place (step, samples seen,
 * bound per data point, examples/s, ETA); elsewhere (CI, a pipe, a log file) plain lines every
 * few seconds, so logs stay readable.
 *
 * <p>The speed and the ETA come from the recent past only: the samples of the last
 * {@value #WINDOW_SECONDS} seconds over their time. The average since start-up would count the
 * JIT's warm-up, the loading of the data and every evaluation pause, and at step 1 would promise
 * hours for a run of seconds. Until {@value #MIN_SPAN_SECONDS} seconds of steps have been seen
 * the line says "warming up" instead of guessing. A run without a budget (total &lt;= 0) gets no
 * ETA and no percentage at all.
 */
public final class Progress {
    /** The speed is measured over this many seconds of the most recent updates. */
    static final double WINDOW_SECONDS = 5;
    /** No speed is claimed before the updates span this long. */
    static final double MIN_SPAN_SECONDS = 2;
    /** Updates are remembered at most this often (the window holds ~60 of them). */
    private static final long RECORD_EVERY_NANOS = 100_000_000L;
    private static final int RING = 128;

    private final PrintStream out;
    private final boolean live;
    private final long total;
    private final long plainEveryNanos;
    private final LongSupplier clock;
    private final long start;
    // A ring of (time, samples) points, oldest at head: the window the speed is measured over.
    private final long[] ringTime = new long[RING];
    private final long[] ringSamples = new long[RING];
    private int head;
    private int count;
    private long lastDraw;
    private boolean drawn;
    private String unit; // null: training ("step N  samples M"); else what is counted, e.g. "points"
    private int lastWidth;
    // Time spent between pause() and resume() (evaluations), left out of the speed's window.
    private long pausedNanos;
    private long pausedAt = -1;

    public Progress(PrintStream out, boolean live, long totalSamples, double plainEverySeconds) {
        this(out, live, totalSamples, plainEverySeconds, System::nanoTime);
    }

    /** As above, on the given clock (nanoseconds), so that tests can simulate time. */
    Progress(PrintStream out, boolean live, long totalSamples, double plainEverySeconds, LongSupplier clock) {
        this.out = out;
        this.live = live;
        this.total = totalSamples;
        this.plainEveryNanos = (long) (plainEverySeconds * 1e9);
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /**
     * Progress over data points rather than training steps (an evaluation): the line reads
     * "points 320/1,000 (32%)  36 points/s  ETA 19s".
     */
    public static Progress overPoints(PrintStream out, boolean live, long totalPoints, double plainEverySeconds) {
        Progress p = new Progress(out, live, totalPoints, plainEverySeconds);
        p.unit = "points";
        return p;
    }

    /** True when the launcher says stdout is a terminal (AEVB_TTY=1). */
    public static boolean stdoutIsTerminal() {
        return "1".equals(System.getenv("AEVB_TTY"));
    }

    private String boundLabel = "bound";

    /** Shows the state after {@code step} steps; {@code bound} may be NaN when there is none to show. */
    public void update(long step, long samples, double bound, boolean force) {
        update(step, samples, bound, "bound", force);
    }

    /**
     * As {@link #update(long, long, double, boolean)}, naming what the bound is measured on, e.g.
     * "minibatch bound" (one minibatch's estimate) or "validation bound" (the held-out images).
     */
    public void update(long step, long samples, double bound, String boundLabel, boolean force) {
        this.boundLabel = boundLabel;
        resume();
        long now = clock.getAsLong() - pausedNanos;
        record(now, samples);
        long every = live ? 100_000_000L : plainEveryNanos;
        if (!force && drawn && now - lastDraw < every) {
            return;
        }
        lastDraw = now;
        drawn = true;
        String line = line(step, samples, bound, now);
        if (live) {
            int pct = bounded() ? percent(samples) : -1;
            String full = (pct >= 0 ? bar(pct, 20) + " " : "") + line;
            out.print("\r" + full + " ".repeat(Math.max(0, lastWidth - full.length())));
            lastWidth = full.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** The text of one progress line at time {@code now}. */
    String line(long step, long samples, double bound, long now) {
        StringBuilder sb = new StringBuilder(unit == null
                ? String.format(Locale.ROOT, "step %,d  samples %,d", step, samples)
                : String.format(Locale.ROOT, "%s %,d", unit, samples));
        if (bounded()) {
            sb.append(String.format(Locale.ROOT, "/%,d (%d%%)", total, percent(samples)));
        }
        if (!Double.isNaN(bound)) {
            sb.append(String.format(Locale.ROOT, "  %s %.2f nats", boundLabel, bound));
        }
        double rate = recentRate(now);
        if (Double.isNaN(rate)) {
            sb.append("  warming up");
        } else {
            sb.append(String.format(Locale.ROOT, "  %,.0f %s/s", rate, unit == null ? "ex" : unit));
            if (bounded()) {
                sb.append("  ETA ").append(samples >= total ? "0s" : rate > 0 ? duration((total - samples) / rate) : "-");
            }
        }
        return sb.toString();
    }

    private boolean bounded() {
        return total > 0;
    }

    private int percent(long samples) {
        return (int) Math.min(100, 100.0 * samples / total);
    }

    private void record(long now, long samples) {
        if (count >= 2 && now - ringTime[(head + count - 2) % RING] < RECORD_EVERY_NANOS) {
            int last = (head + count - 1) % RING; // the newest point moves forward until it is 100 ms past the one before
            ringTime[last] = now;
            ringSamples[last] = samples;
        } else {
            if (count == RING) {
                head = (head + 1) % RING;
                count--;
            }
            int at = (head + count) % RING;
            ringTime[at] = now;
            ringSamples[at] = samples;
            count++;
        }
        // Forget points older than the window, keeping the last one before it as its left end.
        long windowStart = now - (long) (WINDOW_SECONDS * 1e9);
        while (count > 2 && ringTime[(head + 1) % RING] <= windowStart) {
            head = (head + 1) % RING;
            count--;
        }
    }

    /** Samples per second over the recent window, or NaN while the window is still too short. */
    double recentRate(long now) {
        if (count < 2) {
            return Double.NaN;
        }
        int last = (head + count - 1) % RING;
        double span = (ringTime[last] - ringTime[head]) / 1e9;
        if (span < MIN_SPAN_SECONDS) {
            return Double.NaN;
        }
        return (ringSamples[last] - ringSamples[head]) / span;
    }

    /**
     * From here until {@link #resume} (or the next update) the clock of the speed stands still:
     * an evaluation between two steps is not training, and counted in the window it would turn
     * the speed after step 1's evaluation into a promise of hours.
     */
    public void pause() {
        if (pausedAt < 0) {
            pausedAt = clock.getAsLong();
        }
    }

    /** Ends a {@link #pause}; the time it lasted is left out of the speed and the ETA. */
    public void resume() {
        if (pausedAt >= 0) {
            pausedNanos += clock.getAsLong() - pausedAt;
            pausedAt = -1;
        }
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
        return (clock.getAsLong() - start) / 1e9;
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
