package aevb.cli;

import java.util.List;
import java.util.Locale;

/**
 * One command-line flag: its name, what it accepts, its default and its help line. The check of
 * a value lives here so every command answers a bad value with the same kind of one-line message.
 */
public record Flag(String name, String metavar, String defaultValue, String help, Check check) {

    /** Returns null when the value is fine, else what is wrong ("expects ..."). */
    @FunctionalInterface
    public interface Check {
        String problem(String value);
    }

    public static Flag integer(String name, String def, long min, long max, String help) {
        return new Flag(name, "N", def, help, v -> {
            try {
                long x = Long.parseLong(v.replace("_", ""));
                return x >= min && x <= max ? null : "expects an integer from " + min + " to " + max;
            } catch (NumberFormatException e) {
                return "expects an integer from " + min + " to " + max;
            }
        });
    }

    /** A real number in (minExclusive, max]. */
    public static Flag real(String name, String def, double minExclusive, double max, String help) {
        return new Flag(name, "X", def, help, v -> {
            try {
                double x = Double.parseDouble(v);
                return x > minExclusive && x <= max && Double.isFinite(x) ? null
                        : "expects a number greater than " + fmt(minExclusive) + " and at most " + fmt(max);
            } catch (NumberFormatException e) {
                return "expects a number greater than " + fmt(minExclusive) + " and at most " + fmt(max);
            }
        });
    }

    public static Flag choice(String name, String def, String help, String... choices) {
        List<String> allowed = List.of(choices);
        return new Flag(name, String.join("|", choices), def, help,
                v -> allowed.contains(v) ? null : "expects one of " + String.join(", ", choices));
    }

    public static Flag text(String name, String metavar, String def, String help) {
        return new Flag(name, metavar, def, help, v -> v.isBlank() ? "expects a value" : null);
    }

    /** A flag without a value: present or not. */
    public static Flag toggle(String name, String help) {
        return new Flag(name, null, null, help, v -> null);
    }

    public boolean isToggle() {
        return metavar == null;
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : String.format(Locale.ROOT, "%g", x);
    }
}
