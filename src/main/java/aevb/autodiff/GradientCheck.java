package aevb.autodiff;

import aevb.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Checks reverse-mode gradients against central finite differences.
 *
 * <p>For every element x of every tensor checked, the numerical derivative is the central
 * difference {@code D(h) = (f(x + h) - f(x - h)) / 2h} with {@code h = STEP · max(1, |x|)},
 * refined by Richardson extrapolation, {@code (4 D(h/2) - D(h)) / 3}, which cancels its h² error
 * term (a gradient of 4e-4 next to a third derivative of order 1 was off by 1.4e-5 with D(h)
 * alone); and each tensor's
 * analytic gradient g is compared with its numerical one g_num through the relative error
 * {@code ‖g - g_num‖ / (‖g‖ + ‖g_num‖)} over the whole tensor (0 when both are zero).
 *
 * <p>Why these numbers, for float32: f is evaluated in float32, so each value carries a relative
 * rounding error of a few units of 6e-8; divided by 2h that becomes an error of about
 * 1e-6 · |f| / h in the derivative. The truncation error of the central difference is about
 * h² · |f'''| / 6. With h = 1e-2 both stay near 1e-4 relative for the smooth, moderate functions
 * the tests build (Richardson makes the truncation part h⁴-small), so a tolerance of
 * {@link #TOLERANCE} = 1e-2 leaves a margin of about 100,
 * while a wrong derivative (a missing term, a factor of 2, {@code =} instead of {@code +=})
 * gives errors of order 0.1 to 1.
 *
 * <p>The loss comes back as a float, so a central difference cannot resolve differences below
 * {@link #NOISE_ULPS} · (ulp(f+) + ulp(f-)) / 2h (for the Richardson combination, the same
 * combination of the two resolutions): a gradient element smaller than that (say 5e-5 on a loss
 * of 10) would be compared with noise. A loss built from many float32 operations carries a few
 * units of rounding, not one: M2's unlabelled bound on one point (f = -0.96) gave a classifier
 * gradient of 7.1e-5 a central difference read as 4.7e-5, 1.4 times one unit's resolution, in a
 * case where every other gradient agreed. Each element's difference is therefore reduced by that
 * resolution before it enters the error; a wrong derivative of any size the check can see still
 * stands out.
 */
public final class GradientCheck {
    public static final double STEP = 1e-2;
    public static final double TOLERANCE = 1e-2;
    /** Units of float32 rounding in a computed loss that a difference is not asked to resolve. */
    public static final double NOISE_ULPS = 4;

    private GradientCheck() {}

    /** A tensor to differentiate with respect to, and the buffer the analytic gradient lands in. */
    public record Wrt(String name, Tensor value, Tensor grad) {}

    /** The outcome for one tensor. */
    public record Result(String name, double relativeError, float[] analytic, double[] numeric) {
        public boolean ok(double tolerance) {
            return relativeError <= tolerance;
        }
    }

    /** The outcome for all tensors checked. */
    public record Report(List<Result> results) {
        public double maxRelativeError() {
            return results.stream().mapToDouble(Result::relativeError).max().orElse(0);
        }

        public boolean ok() {
            return maxRelativeError() <= TOLERANCE;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (Result r : results) {
                sb.append(String.format("%-12s relative error %.2e%n", r.name(), r.relativeError()));
            }
            return sb.toString();
        }
    }

    /**
     * Checks f with respect to fresh variables holding {@code inputs} (which are left unchanged).
     * f builds its expression from the variables and returns a 1x1 node.
     */
    public static Report ofInputs(List<Tensor> inputs, Function<List<Var>, Var> f) {
        List<Wrt> wrt = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor x = inputs.get(i);
            wrt.add(new Wrt("input " + i, x.copy(), new Tensor(x.rows, x.cols)));
        }
        return of(wrt, tape -> {
            List<Var> vars = new ArrayList<>();
            for (Wrt w : wrt) {
                vars.add(tape.leaf(w.value(), w.grad()));
            }
            return f.apply(vars);
        });
    }

    /**
     * Checks a loss with respect to the given tensors. {@code loss} must bind each tensor on the
     * tape it is given as {@code tape.leaf(value, grad)}, so that backward fills the gradients;
     * it is called once for the analytic gradient and four times per element for the numerical one.
     */
    public static Report of(List<Wrt> wrt, Function<Tape, Var> loss) {
        for (Wrt w : wrt) {
            w.grad().zero();
        }
        Tape tape = new Tape();
        tape.backward(loss.apply(tape));
        List<Result> results = new ArrayList<>();
        for (Wrt w : wrt) {
            float[] x = w.value().data;
            double[] numeric = new double[x.length];
            double[] resolution = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double h = STEP * Math.max(1.0, Math.abs(x[i]));
                double[] full = centralDifference(loss, x, i, h);
                double[] half = centralDifference(loss, x, i, h / 2);
                // Richardson: the h² terms of the two truncation errors cancel.
                numeric[i] = (4 * half[0] - full[0]) / 3;
                resolution[i] = (4 * half[1] + full[1]) / 3;
            }
            float[] analytic = w.grad().data.clone();
            results.add(new Result(w.name(), relativeError(analytic, numeric, resolution), analytic, numeric));
        }
        return new Report(results);
    }

    /**
     * (f(x + h) - f(x - h)) / 2h at element i, with the steps float32 really took, and its
     * resolution NOISE_ULPS · (ulp(f+) + ulp(f-)) / 2h; x[i] is left as it was.
     */
    private static double[] centralDifference(Function<Tape, Var> loss, float[] x, int i, double h) {
        float saved = x[i];
        x[i] = (float) (saved + h);
        double hPlus = x[i] - (double) saved;
        double fPlus = evaluate(loss);
        x[i] = (float) (saved - h);
        double hMinus = saved - (double) x[i];
        double fMinus = evaluate(loss);
        x[i] = saved;
        return new double[] {(fPlus - fMinus) / (hPlus + hMinus),
                NOISE_ULPS * (Math.ulp((float) fPlus) + Math.ulp((float) fMinus)) / (hPlus + hMinus)};
    }

    private static double evaluate(Function<Tape, Var> loss) {
        return loss.apply(new Tape()).item();
    }

    /** ‖g - g_num‖ / (‖g‖ + ‖g_num‖), and 0 when both vanish. */
    public static double relativeError(float[] g, double[] gNum) {
        return relativeError(g, gNum, new double[g.length]);
    }

    /** The same with each |g_i - g_num,i| first reduced by resolution_i (not below 0). */
    public static double relativeError(float[] g, double[] gNum, double[] resolution) {
        double diff = 0, ng = 0, nn = 0;
        for (int i = 0; i < g.length; i++) {
            double d = Math.max(0, Math.abs(g[i] - gNum[i]) - resolution[i]);
            diff += d * d;
            ng += (double) g[i] * g[i];
            nn += gNum[i] * gNum[i];
        }
        double denom = Math.sqrt(ng) + Math.sqrt(nn);
        return denom == 0 ? 0 : Math.sqrt(diff) / denom;
    }
}
