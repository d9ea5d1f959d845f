package aevb.bench;

import aevb.sgvb.VaeConfig;
import aevb.tensor.Kernels;
import aevb.tensor.Parallel;
import aevb.tensor.ScalarKernels;
import aevb.tensor.TensorKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * GEMM throughput at the paper's shapes (MNIST, minibatch M = 100, 784-500-20 encoder and
 * 20-500-784 decoder): GFLOP/s = 2·m·k·n / time, after a warm-up, as the median, min and max
 * of several timed windows, for the scalar twin on 1 thread and the SIMD kernels on 1 thread
 * and on all threads. The warm-up lasts until the rate stops improving (the JIT has compiled
 * the kernels); the min-max spread shows how much the machine's other work got in the way.
 *
 * <p>Run: {@code java --add-modules=jdk.incubator.vector -cp target/aevb.jar aevb.bench.GemmBench
 * [--quick] [--threads N]}. {@link #run} returns the numbers for other callers (./aevb bench).
 */
public final class GemmBench {

    /** The three layouts backprop needs. */
    public enum Layout {
        /** C = A·B: an input gradient dY·W. */
        AB("A*B"),
        /** C = A·Bᵀ: a forward pass X·Wᵀ. */
        ABT("A*B^T"),
        /** C = Aᵀ·B: a weight gradient dYᵀ·X. */
        ATB("A^T*B");

        public final String symbol;

        Layout(String symbol) {
            this.symbol = symbol;
        }
    }

    /** One GEMM: C (m,n) from a k-long sum; {@code perStep} is how often a training step calls it. */
    public record Shape(Layout layout, int m, int k, int n, int perStep, String role) {
        public double flops() {
            return 2.0 * m * k * n;
        }

        public String label() {
            return String.format(Locale.ROOT, "%-5s m=%-3d k=%-3d n=%-3d", layout.symbol, m, k, n);
        }
    }

    /** Throughput of one shape with one kernel set and thread count, in GFLOP/s. */
    public record Result(Shape shape, String kernels, int threads, double median, double min, double max) {
        /** Seconds per call at the median rate. */
        public double seconds() {
            return shape.flops() / (median * 1e9);
        }
    }

    /** How long to measure: a warm-up, then {@code windows} windows of {@code windowMillis}. */
    public record Options(int warmupMillis, int windowMillis, int windows, int threads, boolean scalar) {
        public static Options standard() {
            return new Options(400, 100, 9, Runtime.getRuntime().availableProcessors(), true);
        }

        public static Options quick() {
            return new Options(150, 40, 5, Runtime.getRuntime().availableProcessors(), true);
        }

        public Options withThreads(int n) {
            return new Options(warmupMillis, windowMillis, windows, n, scalar);
        }

        public Options withoutScalar() {
            return new Options(warmupMillis, windowMillis, windows, threads, false);
        }
    }

    /** The GEMMs of one AEVB training step of the paper's MNIST model (M = 100, Nz = 20, 500 hidden units). */
    public static List<Shape> trainingStep() {
        return trainingStep(BenchModel.MNIST.vae(), 100);
    }

    /**
     * The GEMMs of one AEVB training step of {@code c} on minibatches of {@code m}, forward and
     * backward; an encoder or decoder layer W (out, in) maps x (m, in) to x·Wᵀ (m, out). A
     * Gaussian decoder has two output heads (mu and log σ²), a Bernoulli one (the logits).
     */
    public static List<Shape> trainingStep(VaeConfig c, int m) {
        int d = c.dataDim(), h = c.hidden(), nz = c.latent();
        int heads = c.decoder().equals("gaussian") ? 2 : 1;
        String out = heads == 2 ? "mu, logVar" : "logits";
        return List.of(
                new Shape(Layout.ABT, m, d, h, 1, "encoder h = x W3^T"),
                new Shape(Layout.ABT, m, h, nz, 2, "encoder mu, logVar = h W4^T, h W5^T"),
                new Shape(Layout.ABT, m, nz, h, 1, "decoder h = z W1^T"),
                new Shape(Layout.ABT, m, h, d, heads, "decoder " + out + " = h W2^T"),
                new Shape(Layout.AB, m, d, h, heads, "decoder dh = d" + out + " W2"),
                new Shape(Layout.AB, m, h, nz, 1, "decoder dz = dh W1"),
                new Shape(Layout.AB, m, nz, h, 2, "encoder dh = dmu W4, dlogVar W5"),
                new Shape(Layout.AB, m, h, d, 0, "a " + h + " -> " + d + " input gradient (not in the step)"),
                new Shape(Layout.ATB, d, m, h, heads, "dW2 = d" + out + "^T h"),
                new Shape(Layout.ATB, h, m, nz, 1, "dW1 = dh^T z"),
                new Shape(Layout.ATB, nz, m, h, 2, "dW4, dW5 = dmu^T h, dlogVar^T h"),
                new Shape(Layout.ATB, h, m, d, 1, "dW3 = dh^T x"));
    }

    public static void main(String[] args) {
        Options o = Options.standard();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> o = Options.quick();
                case "--threads" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--threads needs a number");
                    }
                    o = o.withThreads(Integer.parseInt(args[++i]));
                }
                case "--no-scalar" -> o = o.withoutScalar();
                case "--help", "-h" -> {
                    System.out.println("usage: GemmBench [--quick] [--threads N] [--no-scalar]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
            }
        }
        System.out.println("GEMM throughput, GFLOP/s = 2mkn/time, median [min-max] of " + o.windows()
                + " windows of " + o.windowMillis() + " ms after a warm-up of at least " + o.warmupMillis() + " ms");
        System.out.println("SIMD: " + Kernels.describe() + "; " + Runtime.version() + "; "
                + Runtime.getRuntime().availableProcessors() + " cores");
        List<Result> results = run(trainingStep(), o);
        print(results);
    }

    /** Measures every shape: scalar 1 thread, SIMD 1 thread, SIMD {@code o.threads()} threads. */
    public static List<Result> run(List<Shape> shapes, Options o) {
        int before = Parallel.threads();
        List<Result> out = new ArrayList<>();
        try {
            for (Shape s : shapes) {
                Parallel.setThreads(1);
                if (o.scalar()) {
                    out.add(measure(s, ScalarKernels.SCALAR, "scalar", 1, o));
                }
                out.add(measure(s, Kernels.SIMD, "simd", 1, o));
                if (o.threads() > 1) {
                    Parallel.setThreads(o.threads());
                    out.add(measure(s, Kernels.SIMD, "simd", o.threads(), o));
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
        return out;
    }

    /** Times one shape with one kernel set; the thread count is whatever Parallel has now. */
    public static Result measure(Shape s, TensorKernels kernels, String name, int threads, Options o) {
        SplittableRandom rnd = new SplittableRandom(42);
        float[] a = random(rnd, s.m() * s.k());
        float[] b = random(rnd, s.k() * s.n());
        float[] c = new float[s.m() * s.n()];
        Runnable call = switch (s.layout()) {
            case AB -> () -> kernels.gemm(a, b, c, s.m(), s.k(), s.n(), false);
            case ABT -> () -> kernels.gemmABt(a, b, c, s.m(), s.k(), s.n(), false);
            case ATB -> () -> kernels.gemmAtB(a, b, c, s.m(), s.k(), s.n(), false);
        };
        // GFLOP/s: 10⁻⁹ of the FLOPs per call, per second. Warm-up in 20 ms windows until the rate
        // has not improved by 5% for 3 windows in a row (at most 10 s).
        Throughput.Rates r = Throughput.measure(call, s.flops() / 1e9,
                new Throughput.Warmup(o.warmupMillis() / 1e3, 10, 0.020, 0.05), o.windows(), o.windowMillis() / 1e3);
        return new Result(s, name, threads, r.median(), r.min(), r.max());
    }

    private static float[] random(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** A table, one row per shape and one column per kernel set, and the rate over a training step. */
    public static void print(List<Result> results) {
        print(results, System.out);
    }

    /** The same table, to {@code out}. */
    public static void print(List<Result> results, java.io.PrintStream out) {
        List<String> columns = results.stream().map(GemmBench::column).distinct().toList();
        List<Shape> shapes = results.stream().map(Result::shape).distinct().toList();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-27s", "shape"));
        for (String col : columns) {
            head.append(String.format(Locale.ROOT, " %-22s", col));
        }
        out.println(head + " role");
        double[] stepSeconds = new double[columns.size()];
        double stepFlops = 0;
        for (Shape s : shapes) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-27s", s.label()));
            for (int c = 0; c < columns.size(); c++) {
                for (Result r : results) {
                    if (r.shape() == s && column(r).equals(columns.get(c))) {
                        line.append(String.format(Locale.ROOT, " %6.1f [%6.1f-%6.1f]", r.median(), r.min(), r.max()));
                        stepSeconds[c] += s.perStep() * r.seconds();
                    }
                }
            }
            stepFlops += s.perStep() * s.flops();
            out.println(line + " " + s.role());
        }
        StringBuilder step = new StringBuilder(String.format(Locale.ROOT, "%-27s", "training-step GEMMs"));
        for (double sec : stepSeconds) {
            step.append(String.format(Locale.ROOT, " %6.1f %15s", stepFlops / sec / 1e9, ""));
        }
        out.println(step);
        StringBuilder ms = new StringBuilder(String.format(Locale.ROOT, "%-27s", "  ms of GEMM per step"));
        for (double sec : stepSeconds) {
            ms.append(String.format(Locale.ROOT, " %6.2f %15s", sec * 1e3, ""));
        }
        out.println(ms + String.format(Locale.ROOT, " (%.1f MFLOP per step)", stepFlops / 1e6));
    }

    private static String column(Result r) {
        return r.kernels() + " " + r.threads() + "t";
    }
}
