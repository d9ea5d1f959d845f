package aevb.io;

import java.util.Locale;

/**
 * The heap a job may plan for, and the refusal when an estimate does not fit: no combination of
 * valid flags and valid files may end in an {@link OutOfMemoryError}, so jobs estimate what they
 * will allocate (data, model, activations, evaluation buffers) and ask here first.
 *
 * <p>The budget is the JVM's maximum heap ({@code -Xmx}) less a reserve for the JVM's own needs
 * and fragmentation. The system property {@code aevb.heapBytes} lowers it (tests use it to check
 * the refusals without starving the test JVM).
 */
public final class MemoryBudget {
    /** Kept free for class metadata, the tape's pools, strings, figures' small buffers. */
    static final long RESERVE = 16L << 20;

    private MemoryBudget() {}

    /** The bytes a job may plan to hold at once. */
    public static long available() {
        long max = Runtime.getRuntime().maxMemory();
        String p = System.getProperty("aevb.heapBytes");
        if (p != null) {
            try {
                max = Math.min(max, Long.parseLong(p.trim()));
            } catch (NumberFormatException ignored) {
                // a malformed test setting: keep the JVM's own limit
            }
        }
        return Math.max(0, (long) (0.9 * max) - RESERVE);
    }

    /**
     * Refuses a job that needs more than {@link #available()}: {@code what} names the file or the
     * flags it comes from, {@code fix} says what to change.
     */
    public static void require(long bytes, String what, String fix) throws InsufficientMemoryException {
        long have = available();
        if (bytes < 0 || bytes > have) {
            throw new InsufficientMemoryException(what + " needs about " + bytes(bytes) + " of memory, more than the "
                    + bytes(have) + " this JVM can give; " + fix + " (or give the JVM more: AEVB_JAVA_OPTS=-Xmx"
                    + suggestXmx(bytes) + ")");
        }
    }

    /** Saturating a·b (for estimates that must not wrap around into small numbers). */
    public static long times(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return (hi == 0 && lo >= 0) ? lo : Long.MAX_VALUE;
    }

    /** Saturating sum. */
    public static long plus(long... xs) {
        long s = 0;
        for (long x : xs) {
            s = x > Long.MAX_VALUE - s ? Long.MAX_VALUE : s + x;
        }
        return s;
    }

    /** "1.5 GB", "300 MB". */
    public static String bytes(long n) {
        if (n < 0 || n == Long.MAX_VALUE) {
            return "more than 8 EB";
        }
        if (n >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", n / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%d MB", Math.max(1, (n + (1 << 20) - 1) >> 20));
    }

    private static String suggestXmx(long bytes) {
        if (bytes == Long.MAX_VALUE || bytes > 1L << 50) {
            return "(far more than any machine has)";
        }
        double heap = (bytes + RESERVE) / 0.9;
        if (heap < 1L << 30) {
            return (long) Math.ceil(heap / (256L << 20)) * 256 + "m";
        }
        return (long) Math.ceil(heap / (1L << 30)) + 1 + "g";
    }

    /** A job that would not fit in the heap; the message names its source and the memory needed. */
    public static final class InsufficientMemoryException extends java.io.IOException {
        public InsufficientMemoryException(String message) {
            super(message);
        }
    }
}
