package aevb.bench;

import aevb.autodiff.Tape;
import aevb.data.Dataset;
import aevb.data.Minibatches;
import aevb.run.PaperSettings;
import aevb.run.TrainingLoop;
import aevb.nn.Adagrad;
import aevb.nn.WeightDecay;
import aevb.random.Randomness;
import aevb.sgvb.Aevb;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Backend;
import aevb.tensor.Kernels;
import aevb.tensor.Parallel;
import aevb.tensor.Tensor;
import aevb.tensor.TensorKernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Training throughput of the paper's MNIST model (section 5): a 784-500-20 tanh encoder and a
 * 20-500-784 tanh decoder with Bernoulli outputs, estimator B (analytic KL), M = 100, L = 1,
 * Adagrad with the paper's step size, weight decay 1/N on θ with N = 60,000. Each timed step is one
 * step of the training loop ({@link TrainingLoop#step}: a minibatch gathered from a shuffled data
 * set, then {@link Aevb#step}), as a training run does.
 *
 * <p>The data are generated (pixel intensities uniform in [0, 1]): the time of a step does not
 * depend on the pixel values, so the benchmark needs no download.
 *
 * <p>What is reported, each as the median, min and max of several timed windows after a warm-up
 * (the warm-up lasts until the rate stops improving, i.e. the JIT is done):
 * <ul>
 *   <li>training images/s, ms per step and achieved GFLOP/s, on 1 thread and on all threads;
 *   <li>evaluation images/s: encoder and one decoder pass (the bound of estimator B) on a batch
 *       of 1000, forward only;
 *   <li>optionally the GEMM table of {@link GemmBench} at the model's shapes, and a profile of
 *       one step by kernel ({@link TimedKernels}).
 * </ul>
 *
 * <p>The FLOP count ({@link #trainingFlops}) counts only the matrix products, 2·m·k·n each: for
 * every layer the forward product x·Wᵀ, the weight gradient dYᵀ·X and the input gradient dY·W,
 * except the input gradient of the encoder's first layer, whose input is the data. For the MNIST
 * model that is 410 MFLOP per step of M = 100; everything else (tanh, exp, the optimiser) is not
 * counted, so GFLOP/s is a lower bound of the work done per second.
 */
public final class TrainBench {
    public static final VaeConfig MNIST = new VaeConfig(784, 500, 20, "bernoulli");
    public static final int M = 100;
    public static final int N = 60_000;
    /** The paper's step size for MNIST ({@link PaperSettings}); the time of a step does not depend on it. */
    public static final double LEARNING_RATE = PaperSettings.MNIST_AEVB_LR;
    public static final int EVAL_BATCH = 1000;
    private static final long SEED = 1;

    private TrainBench() {}

    /** How long to measure. {@code seconds} is the timed time per measurement, split in windows. */
    public record Options(double seconds, int windows, double warmupSeconds, int threads, boolean gemm,
                          boolean profile) {
        public static Options standard() {
            return new Options(4, 8, 1.5, Runtime.getRuntime().availableProcessors(), true, false);
        }

        public Options withSeconds(double s) {
            return new Options(s, windows, warmupSeconds, threads, gemm, profile);
        }

        public Options withThreads(int n) {
            return new Options(seconds, windows, warmupSeconds, n, gemm, profile);
        }

        public Options withGemm(boolean g) {
            return new Options(seconds, windows, warmupSeconds, threads, g, profile);
        }

        public Options withProfile(boolean p) {
            return new Options(seconds, windows, warmupSeconds, threads, gemm, p);
        }
    }

    /** A throughput in images per second over timed windows: median, min, max. */
    public record Rate(String what, int threads, double median, double min, double max, int windows, long steps) {}

    /** One profile line: a kernel (and shape), its time per step and its GFLOP/s (GEMMs). */
    public record ProfileLine(String name, double msPerStep, double callsPerStep, double gflops) {}

    /** Everything one run measures. */
    public record Report(String machine, double flopsPerStep, double evalFlopsPerImage, double fmaPeak,
                         List<Rate> training, List<Rate> evaluation, List<GemmBench.Result> gemm,
                         List<ProfileLine> profile, int profileThreads, double profileMsPerStep) {}

    // ---- the FLOP count ----

    /** One affine layer (in -> out) and whether backprop needs the gradient of its input. */
    record Layer(String name, int in, int out, boolean inputGradient) {}

    static List<Layer> layers(VaeConfig c) {
        return List.of(
                new Layer("encoder.hidden", c.dataDim(), c.hidden(), false),   // x is data
                new Layer("encoder.mu", c.hidden(), c.latent(), true),
                new Layer("encoder.logVar", c.hidden(), c.latent(), true),
                new Layer("decoder.hidden", c.latent(), c.hidden(), true),
                new Layer("decoder.logits", c.hidden(), c.dataDim(), true));
    }

    /** FLOPs of the matrix products of one training step on m rows (see the class comment). */
    public static double trainingFlops(VaeConfig c, int m) {
        double f = 0;
        for (Layer l : layers(c)) {
            f += 2.0 * m * l.in() * l.out() * (l.inputGradient() ? 3 : 2);
        }
        return f;
    }

    /** FLOPs of the matrix products of one forward pass on m rows. */
    public static double forwardFlops(VaeConfig c, int m) {
        double f = 0;
        for (Layer l : layers(c)) {
            f += 2.0 * m * l.in() * l.out();
        }
        return f;
    }

    // ---- running ----

    public static Report run(Options o, java.io.PrintStream progress) {
        int before = Parallel.threads();
        try {
            progress.println("measuring the FMA peak of one core ...");
            double peak = Kernels.fmaPeakGflops(1000);
            progress.println("generating " + N + " images of " + MNIST.dataDim() + " pixels ...");
            float[] images = images(N, MNIST.dataDim());
            List<Rate> training = new ArrayList<>();
            List<Rate> evaluation = new ArrayList<>();
            for (int threads : threadCounts(o.threads())) {
                Parallel.setThreads(threads);
                progress.println("training on " + threads + " thread" + (threads == 1 ? "" : "s") + " ...");
                training.add(training(images, threads, o));
            }
            for (int threads : threadCounts(o.threads())) {
                Parallel.setThreads(threads);
                progress.println("evaluating on " + threads + " thread" + (threads == 1 ? "" : "s") + " ...");
                evaluation.add(evaluation(images, threads, o));
            }
            List<ProfileLine> profile = List.of();
            double profileStep = 0;
            if (o.profile()) {
                Parallel.setThreads(o.threads());
                progress.println("profiling on " + o.threads() + " threads ...");
                double[] total = new double[1];
                profile = profile(images, o, total);
                profileStep = total[0];
            }
            List<GemmBench.Result> gemm = List.of();
            if (o.gemm()) {
                progress.println("GEMM at the model's shapes ...");
                gemm = GemmBench.run(GemmBench.trainingStep(),
                        GemmBench.Options.quick().withThreads(o.threads()).withoutScalar());
            }
            return new Report(machine(), trainingFlops(MNIST, M), forwardFlops(MNIST, 1), peak, training, evaluation,
                    gemm, profile, o.threads(), profileStep);
        } finally {
            Parallel.setThreads(before);
        }
    }

    private static int[] threadCounts(int threads) {
        return threads == 1 ? new int[] {1} : new int[] {1, threads};
    }

    public static String machine() {
        return (Backend.simd() ? "SIMD " + Kernels.describe() : "scalar kernels, " + Parallel.threads() + " threads")
                .replaceAll(", \\d+ threads$", "") + "; Java " + Runtime.version() + "; "
                + Runtime.getRuntime().availableProcessors() + " cores; " + System.getProperty("os.arch");
    }

    /** Intensities uniform in [0, 1], one image per row. */
    static float[] images(int n, int d) {
        SplittableRandom rnd = new SplittableRandom(SEED);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextDouble();
        }
        return x;
    }

    /** The training loop of a run ({@link TrainingLoop}), one step per call: shuffled minibatches of M copied out of the data set. */
    static final class Trainer {
        final Aevb aevb;
        final TrainingLoop loop;

        Trainer(float[] images) {
            Vae vae = Vae.initialised(MNIST, SEED);
            aevb = new Aevb(vae, new EstimatorB(), new Adagrad(LEARNING_RATE), WeightDecay.priorPerDataPoint(N), 1, SEED);
            Dataset data = new Dataset("generated", N, 28, 28, images, null);
            loop = new TrainingLoop(aevb, new Minibatches(data, M, SEED), Long.MAX_VALUE);
        }

        void step() {
            loop.step();
        }
    }

    static Rate training(float[] images, int threads, Options o) {
        Trainer t = new Trainer(images);
        return measure("train", threads, o, M, t::step);
    }

    static Rate evaluation(float[] images, int threads, Options o) {
        Vae vae = Vae.initialised(MNIST, SEED);
        EstimatorB estimator = new EstimatorB();
        Tensor x = new Tensor(EVAL_BATCH, MNIST.dataDim(), Arrays.copyOf(images, EVAL_BATCH * MNIST.dataDim()));
        Tensor eps = new Tensor(EVAL_BATCH, MNIST.latent());
        Randomness.gaussian(SEED, Randomness.Stream.EVAL, 0, eps.data, eps.data.length);
        Tape tape = new Tape();
        double[] sink = new double[1];
        return measure("eval", threads, o.withSeconds(o.seconds() / 2), EVAL_BATCH, () -> {
            tape.reset();
            sink[0] += Backend.kernels().sum(estimator.terms(vae, tape.constant(x), eps, 1).data(), EVAL_BATCH);
        });
    }

    /**
     * Runs {@code call} (which handles {@code images} images) until warm, then for
     * {@code o.seconds()} in {@code o.windows()} windows; returns the images/s of the windows.
     */
    static Rate measure(String what, int threads, Options o, int imagesPerCall, Runnable call) {
        Throughput.Rates r = Throughput.measure(call, imagesPerCall,
                new Throughput.Warmup(o.warmupSeconds(), 5, 0.25, 0.03), o.windows(), o.seconds() / o.windows());
        return new Rate(what, threads, r.median(), r.min(), r.max(), o.windows(), r.calls());
    }

    /** Time per kernel per training step, with the kernels wrapped in a {@link TimedKernels}. */
    static List<ProfileLine> profile(float[] images, Options o, double[] stepMs) {
        Trainer t = new Trainer(images);
        TimedKernels timed = new TimedKernels(Backend.kernels());
        TensorKernels old = Backend.install(timed.kernels());
        try {
            measure("warm-up", o.threads(), o.withSeconds(0.5), M, t::step);
            timed.reset();
            long steps = 0;
            long start = System.nanoTime();
            long stop = start + (long) (o.seconds() / 2 * 1e9);
            while (System.nanoTime() < stop) {
                t.step();
                steps++;
            }
            double total = (System.nanoTime() - start) / 1e6 / steps;
            stepMs[0] = total;
            List<ProfileLine> lines = new ArrayList<>();
            double inKernels = 0;
            for (TimedKernels.Entry e : timed.entries()) {
                double ms = e.nanos() / 1e6 / steps;
                inKernels += ms;
                lines.add(new ProfileLine(e.name(), ms, (double) e.calls() / steps,
                        e.flops() > 0 ? e.flops() / e.nanos() : 0));
            }
            lines.add(new ProfileLine("(outside the kernels)", total - inKernels, 0, 0));
            return lines;
        } finally {
            Backend.install(old);
        }
    }

    // ---- output ----

    public static String text(Report r) {
        StringBuilder sb = new StringBuilder();
        sb.append("aevb bench: the paper's MNIST model (784-500-20 tanh encoder and decoder, Bernoulli decoder,\n")
                .append("estimator B, M = 100, L = 1, Adagrad " + LEARNING_RATE + ", weight decay 1/N), generated data\n");
        sb.append(r.machine()).append('\n');
        sb.append(String.format(Locale.ROOT, "FLOPs counted: the matrix products, 2·m·k·n each, forward and backward"
                + " (no input gradient\nfor the first layer): %.1f MFLOP per step of M = %d%n", r.flopsPerStep() / 1e6, M));
        sb.append(String.format(Locale.ROOT, "FMA peak of one core (register-only loop): %.0f GFLOP/s%n%n", r.fmaPeak()));
        sb.append(String.format(Locale.ROOT, "%-24s %-28s %-22s %s%n", "training", "images/s median [min-max]",
                "ms/step median", "GFLOP/s median"));
        for (Rate t : r.training()) {
            sb.append(String.format(Locale.ROOT, "  %-22s %8.0f [%6.0f-%6.0f]   %8.3f               %6.1f%n",
                    t.threads() + (t.threads() == 1 ? " thread" : " threads"), t.median(), t.min(), t.max(),
                    1e3 * M / t.median(), t.median() / M * r.flopsPerStep() / 1e9));
        }
        sb.append(String.format(Locale.ROOT, "%n%-24s %-28s %-22s %s%n", "evaluation (batch " + EVAL_BATCH + ")",
                "images/s median [min-max]", "ms/batch median", "GFLOP/s median"));
        for (Rate t : r.evaluation()) {
            sb.append(String.format(Locale.ROOT, "  %-22s %8.0f [%6.0f-%6.0f]   %8.3f               %6.1f%n",
                    t.threads() + (t.threads() == 1 ? " thread" : " threads"), t.median(), t.min(), t.max(),
                    1e3 * EVAL_BATCH / t.median(), t.median() * r.evalFlopsPerImage() / 1e9));
        }
        if (!r.profile().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nprofile of one step on %d thread%s (%.3f ms per step with timers):%n",
                    r.profileThreads(), r.profileThreads() == 1 ? "" : "s", r.profileMsPerStep()));
            for (ProfileLine p : r.profile()) {
                sb.append(String.format(Locale.ROOT, "  %-36s %7.3f ms %5.1f%%  %s%n", p.name(), p.msPerStep(),
                        100 * p.msPerStep() / r.profileMsPerStep(),
                        p.gflops() > 0 ? String.format(Locale.ROOT, "%6.1f GFLOP/s", p.gflops())
                                : p.callsPerStep() > 0 ? String.format(Locale.ROOT, "%4.0f calls", p.callsPerStep()) : ""));
            }
        }
        if (!r.gemm().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nGEMM GFLOP/s at the model's shapes, median [min-max] (FMA peak"
                    + " %.0f GFLOP/s per core):%n", r.fmaPeak()));
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            java.io.PrintStream ps = new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8);
            GemmBench.print(r.gemm(), ps);
            sb.append(buf.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    public static String json(Report r) {
        Json j = new Json();
        j.open();
        j.field("model", "mnist 784-500-20 bernoulli, estimator B, M=100, L=1, adagrad " + LEARNING_RATE + ", weight decay 1/60000");
        j.field("machine", r.machine());
        j.field("flops_per_step", r.flopsPerStep());
        j.field("fma_peak_gflops_per_core", r.fmaPeak());
        j.field("flop_count", "matrix products only, 2*m*k*n, forward and backward, no input gradient of the first layer");
        j.array("training");
        for (Rate t : r.training()) {
            j.open();
            j.field("threads", t.threads());
            j.field("images_per_s_median", t.median());
            j.field("images_per_s_min", t.min());
            j.field("images_per_s_max", t.max());
            j.field("ms_per_step_median", 1e3 * M / t.median());
            j.field("gflops_median", t.median() / M * r.flopsPerStep() / 1e9);
            j.field("windows", t.windows());
            j.field("steps", t.steps());
            j.close();
        }
        j.closeArray();
        j.array("evaluation");
        for (Rate t : r.evaluation()) {
            j.open();
            j.field("threads", t.threads());
            j.field("batch", EVAL_BATCH);
            j.field("images_per_s_median", t.median());
            j.field("images_per_s_min", t.min());
            j.field("images_per_s_max", t.max());
            j.field("gflops_median", t.median() * r.evalFlopsPerImage() / 1e9);
            j.close();
        }
        j.closeArray();
        j.array("gemm");
        for (GemmBench.Result g : r.gemm()) {
            j.open();
            j.field("layout", g.shape().layout().symbol);
            j.field("m", g.shape().m());
            j.field("k", g.shape().k());
            j.field("n", g.shape().n());
            j.field("role", g.shape().role());
            j.field("threads", g.threads());
            j.field("gflops_median", g.median());
            j.field("gflops_min", g.min());
            j.field("gflops_max", g.max());
            j.close();
        }
        j.closeArray();
        j.array("profile");
        for (ProfileLine p : r.profile()) {
            j.open();
            j.field("op", p.name().trim().replaceAll("\\s+", " "));
            j.field("ms_per_step", p.msPerStep());
            j.field("calls_per_step", p.callsPerStep());
            j.field("gflops", p.gflops());
            j.close();
        }
        j.closeArray();
        j.closeLast();
        return j.toString();
    }

    /** Just enough JSON writing for the report: objects, arrays, strings and numbers. */
    private static final class Json {
        private final StringBuilder sb = new StringBuilder();
        private boolean first = true;

        void open() {
            comma();
            sb.append('{');
            first = true;
        }

        void close() {
            sb.append('}');
            first = false;
        }

        void closeLast() {
            sb.append("}\n");
        }

        void array(String name) {
            key(name);
            sb.append('[');
            first = true;
        }

        void closeArray() {
            sb.append(']');
            first = false;
        }

        void field(String name, String value) {
            key(name);
            sb.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }

        void field(String name, double value) {
            key(name);
            sb.append(Double.isFinite(value) ? String.format(Locale.ROOT, "%.6g", value) : "null");
        }

        void field(String name, long value) {
            key(name);
            sb.append(value);
        }

        private void key(String name) {
            comma();
            sb.append('"').append(name).append("\":");
            first = false;
        }

        private void comma() {
            if (!first) {
                sb.append(',');
            }
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    public static void main(String[] args) {
        Options o = Options.standard();
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--profile" -> o = o.withProfile(true);
                case "--no-gemm" -> o = o.withGemm(false);
                case "--threads" -> o = o.withThreads(Integer.parseInt(args[++i]));
                case "--seconds" -> o = o.withSeconds(Double.parseDouble(args[++i]));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Report r = run(o, System.err);
        System.out.print(json ? json(r) : text(r));
    }
}
