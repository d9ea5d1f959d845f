package aevb.eval;

/**
 * A mean over the data points of a split and its standard error, {@code s / sqrt(n)} with s the
 * sample standard deviation (n - 1 in the denominator). The standard error says how far the
 * mean might move on another split of the same size; on a test set it is dominated by how much
 * data points differ, not by the Monte Carlo noise of each point's estimate.
 */
public record Summary(double mean, double standardError, int n) {

    /** The mean and standard error of {@code values}, accumulated in double. */
    public static Summary of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new Summary(Double.NaN, Double.NaN, 0);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : Double.NaN;
        return new Summary(mean, se, n);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.3f ± %.3f (n = %d)", mean, standardError, n);
    }
}
