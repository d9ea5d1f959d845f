package aevb.io;

import java.util.List;
import java.util.Locale;

/**
 * Range-checked reads of a checkpoint's header. A checkpoint is untrusted input: its CRC only
 * says the bytes are the ones that were written, not that whoever wrote them wrote sense. Every
 * value is checked against its allowed range before anything is sized from it, and every failure
 * is a {@link CheckpointException} naming the file, the entry and what it may be.
 */
public final class CheckpointHeader {
    private final Checkpoint c;

    public CheckpointHeader(Checkpoint c) {
        this.c = c;
    }

    /** An integer entry in [min, max]. */
    public long integer(String key, long min, long max) throws CheckpointException {
        String v = c.require(key);
        long x;
        try {
            x = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "an integer from " + min + " to " + max);
        }
        if (x < min || x > max) {
            throw bad(key, v, "an integer from " + min + " to " + max);
        }
        return x;
    }

    /** A finite real entry in [min, max]; {@code minOpen} excludes min itself. */
    public double real(String key, double min, boolean minOpen, double max) throws CheckpointException {
        String v = c.require(key);
        String range = "a finite number " + (minOpen ? "greater than " : "from ") + fmt(min) + (minOpen ? " and at most "
                : " to ") + fmt(max);
        double x;
        try {
            x = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, range);
        }
        if (!Double.isFinite(x) || x < min || (minOpen && x == min) || x > max) {
            throw bad(key, v, range);
        }
        return x;
    }

    /** An entry that must be one of {@code allowed}. */
    public String choice(String key, List<String> allowed) throws CheckpointException {
        String v = c.require(key);
        if (!allowed.contains(v)) {
            throw bad(key, v, "one of " + String.join(", ", allowed));
        }
        return v;
    }

    /** A text entry of at most {@code maxLength} characters (possibly empty). */
    public String text(String key, int maxLength) throws CheckpointException {
        String v = c.require(key);
        if (v.length() > maxLength) {
            throw bad(key, v.substring(0, 40) + "...", "text of at most " + maxLength + " characters");
        }
        return v;
    }

    /** An error about entry {@code key}, whose value is {@code value}, which should be {@code allowed}. */
    public CheckpointException bad(String key, String value, String allowed) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return new CheckpointException(c.source(), "header entry '" + key + "' is '" + shown + "'; allowed: " + allowed
                + " (the file is damaged or was not written by aevb)");
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : String.format(Locale.ROOT, "%g", x);
    }
}
