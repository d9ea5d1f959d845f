package aevb.viz;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The maths of one chart axis, apart from any drawing: its range, the map from data values to
 * [0, 1] along the axis, and its ticks. Linear axes get "nice" ticks (steps of 1, 2 or 5 times a
 * power of ten); log10 axes (Figure 2: training samples evaluated) get a labelled tick at each
 * power of ten and unlabelled minor ticks at 2..9 times it.
 */
public final class Axis {
    public enum Scale { LINEAR, LOG10 }

    /**
     * A tick at value. Its label is {@code text}, followed by {@code exponent} as a superscript when
     * that is not null: a log tick at 1e5 is ("10", "5"), drawn 10⁵. Minor ticks have no label.
     */
    public record Tick(double value, String text, String exponent, boolean major) {
        /** The label in one line of plain text: "10^5", "0.5", "" for a minor tick. */
        public String plain() {
            return exponent == null ? text : text + "^" + exponent;
        }
    }

    public final Scale scale;
    public final double min;
    public final double max;

    private Axis(Scale scale, double min, double max) {
        if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
            throw new IllegalArgumentException("axis: need finite min < max, got [" + min + ", " + max + "]");
        }
        if (scale == Scale.LOG10 && !(min > 0)) {
            throw new IllegalArgumentException("log axis: need min > 0, got [" + min + ", " + max + "]");
        }
        this.scale = scale;
        this.min = min;
        this.max = max;
    }

    public static Axis linear(double min, double max) {
        return new Axis(Scale.LINEAR, min, max);
    }

    public static Axis log10(double min, double max) {
        return new Axis(Scale.LOG10, min, max);
    }

    /**
     * The axis that shows all finite values (positive ones on a log axis), widened by pad (a
     * fraction of the span, e.g. 0.05) on each side, in log space for a log axis. A single value
     * gets a small range around it; no usable value at all gives [0, 1] or [1, 10].
     */
    public static Axis fit(Scale scale, double pad, double[]... values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] vs : values) {
            for (double v : vs) {
                if (!Double.isFinite(v) || (scale == Scale.LOG10 && v <= 0)) continue;
                double t = scale == Scale.LOG10 ? Math.log10(v) : v;
                lo = Math.min(lo, t);
                hi = Math.max(hi, t);
            }
        }
        if (lo > hi) { // nothing to show
            lo = 0;
            hi = 1;
        } else if (lo == hi) {
            double half = scale == Scale.LOG10 ? 0.5 : (lo == 0 ? 1 : 0.1 * Math.abs(lo));
            lo -= half;
            hi += half;
        } else {
            double span = hi - lo;
            lo -= pad * span;
            hi += pad * span;
        }
        return scale == Scale.LOG10 ? log10(Math.pow(10, lo), Math.pow(10, hi)) : linear(lo, hi);
    }

    /** Where v lies along the axis: 0 at min, 1 at max (outside for values out of range); NaN if v cannot be shown. */
    public double toUnit(double v) {
        if (scale == Scale.LOG10) {
            if (!(v > 0) || !Double.isFinite(v)) return Double.NaN;
            return (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        }
        if (!Double.isFinite(v)) return Double.NaN;
        return (v - min) / (max - min);
    }

    /** The ticks inside [min, max], ascending. */
    public List<Tick> ticks() {
        return scale == Scale.LOG10 ? logTicks() : linearTicks();
    }

    // ---- linear ----

    /** The nice step (1, 2 or 5 times a power of ten) that gives about target intervals over span. */
    static double niceStep(double span, int target) {
        double rough = span / target;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double r = rough / magnitude;
        double nice = r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10;
        return nice * magnitude;
    }

    private List<Tick> linearTicks() {
        double step = niceStep(max - min, 5);
        long first = (long) Math.ceil(min / step - 1e-9);
        long last = (long) Math.floor(max / step + 1e-9);
        List<Tick> ticks = new ArrayList<>();
        for (long k = first; k <= last; k++) {
            double v = k * step; // k · step, not a running sum: no accumulated rounding
            ticks.add(new Tick(v, format(k, step), null, true));
        }
        return ticks;
    }

    /** k · step written with as many decimals as step needs ("0.2", "-150", "2e6", "1.00001e6", "5e-5"). */
    static String format(long k, double step) {
        if (k == 0) return "0";
        double v = k * step;
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-4) { // scientific, with the digits that tell neighbouring ticks apart
            int digits = Math.max(1, (int) (Math.floor(Math.log10(a)) - Math.floor(Math.log10(step) + 1e-9)) + 1);
            BigDecimal r = new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros();
            String mantissa = r.unscaledValue().abs().toString();
            int exponent = r.precision() - r.scale() - 1;
            return (v < 0 ? "-" : "") + mantissa.charAt(0)
                    + (mantissa.length() > 1 ? "." + mantissa.substring(1) : "") + "e" + exponent;
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        BigDecimal exact = BigDecimal.valueOf(k).multiply(new BigDecimal(Double.toString(step)));
        return String.format(Locale.ROOT, "%." + decimals + "f", exact);
    }

    // ---- log10 ----

    private List<Tick> logTicks() {
        int lo = (int) Math.ceil(Math.log10(min) - 1e-9);
        int hi = (int) Math.floor(Math.log10(max) + 1e-9);
        int decades = hi - lo + 1; // powers of ten inside the range
        List<Tick> ticks = new ArrayList<>();
        if (decades >= 2) {
            int every = Math.max(1, (int) Math.ceil(decades / 8.0)); // at most ~8 labels
            boolean minor = decades <= 10;
            for (int e = lo - 1; e <= hi; e++) {
                double decade = Math.pow(10, e);
                if (e >= lo && (e - lo) % every == 0) {
                    ticks.add(new Tick(decade, "10", Integer.toString(e), true));
                } else if (e >= lo) {
                    ticks.add(new Tick(decade, "", null, false));
                }
                if (!minor) continue;
                for (int m = 2; m <= 9; m++) {
                    double v = m * decade;
                    if (v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12)) ticks.add(new Tick(v, "", null, false));
                }
            }
        } else {
            // less than two powers of ten in view: label 1, 2 and 5 times a power of ten instead
            for (int e = lo - 1; e <= hi; e++) {
                for (int m = 1; m <= 9; m++) {
                    double v = m * Math.pow(10, e);
                    if (v < min * (1 - 1e-12) || v > max * (1 + 1e-12)) continue;
                    boolean labelled = m == 1 || m == 2 || m == 5;
                    String text = labelled ? (m == 1 ? "10" : m + "\u00d710") : "";
                    ticks.add(new Tick(v, text, labelled ? Integer.toString(e) : null, labelled));
                }
            }
        }
        ticks.sort((a, b) -> Double.compare(a.value(), b.value()));
        return ticks;
    }
}
