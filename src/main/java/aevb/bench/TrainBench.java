package aevb.bench;

import aevb.autodiff.Tape;
import aevb.data.Dataset;
import aevb.data.Minibatches;
import aevb.eval.ImportanceSampledLikelihood;
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
 * Training throughput of a model a learner trains ({@link BenchModel}; by default the paper's
 * MNIST model of section 5: a 784-500-20 tanh encoder and a 20-500-784 tanh decoder with
 * Bernoulli outputs), estimator B (analytic KL), M = 100, L = 1, Adagrad with the paper's step
 * size, weight decay 1/N on θ. Each timed step is one step of the training loop
 * ({@link TrainingLoop#step}: a minibatch gathered from a shuffled data set, then
 * {@link Aevb#step}), as a training run does.
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
 *   <li>optionally the importance-sampled log p(x) with K = 5000 ({@link ImportanceSampledLikelihood},
 *       as the IWAE table scores): images/s, GFLOP/s of the decoder's products, and the time
 *       of 1,000 test images;
 *   <li>optionally the GEMM table of {@link GemmBench} at the model's shapes, and a profile of
 *       one step by kernel ({@link TimedKernels}).
 * </ul>
 *
 * <p>The FLOP count ({@link BenchModel#trainingFlops}) counts only the matrix products, 2·m·k·n each: for
 * every layer the forward product x·Wᵀ, the weight gradient dYᵀ·X and the input gradient dY·W,
 * except the input gradient of the encoder's first layer, whose input is the data
 * ({@link BenchModel#trainingFlops}). For the MNIST model that is 410 MFLOP per step of M = 100; everything else (tanh, exp, the optimiser) is not
 * counted, so GFLOP/s is a lower bound of the work done per second.
 */
public final class TrainBench {
    public static final int M = 100;
    public static final int EVAL_BATCH = 1000;
    /** Importance samples per image, as the IWAE table (Burda et al.) scores; images timed, and the test set it projects to. */
    public static final int IS_SAMPLES = 5000, IS_IMAGES = 4, IS_TEST_IMAGES = 1000;
    private static final long SEED = 1;

    private TrainBench() {}

    /** How long to measure. {@code seconds} is the timed time per measurement, split in windows. */
    public record Options(BenchModel model, double seconds, int windows, double warmupSeconds, int threads, boolean gemm,
                          boolean profile, boolean importance) {
        public static Options standard() {
            return new Options(BenchModel.MNIST, 4, 8, 1.5, Runtime.getRuntime().availableProcessors(), true, false, false);
        }

        public Options withModel(BenchModel m) {
            return new Options(m, seconds, windows, warmupSeconds, threads, gemm, profile, importance);
        }

        public Options withSeconds(double s) {
            return new Options(model, s, windows, warmupSeconds, threads, gemm, profile, importance);
        }

        public Options withThreads(int n) {
            return new Options(model, seconds, windows, warmupSeconds, n, gemm, profile, importance);
        }

        public Options withGemm(boolean g) {
            return new Options(model, seconds, windows, warmupSeconds, threads, g, profile, importance);
        }

        public Options withProfile(boolean p) {
            return new Options(model, seconds, windows, warmupSeconds, threads, gemm, p, importance);
        }

        public Options withImportance(boolean i) {
            return new Options(model, seconds, windows, warmupSeconds, threads, gemm, profile, i);
        }
    }

    /** A throughput in images per second over timed windows: median, min, max. */
    public record Rate(String what, int threads, double median, double min, double max, int windows, long steps) {}

    /** One profile line: a kernel (and shape), its time per step and its GFLOP/s (GEMMs). */
    public record ProfileLine(String name, double msPerStep, double callsPerStep, double gflops) {}

    /** Everything one run measures. */
    public record Report(BenchModel model, String machine, double flopsPerStep, double evalFlopsPerImage, double fmaPeak,
                         List<Rate> training, List<Rate> evaluation, List<Rate> importance, List<GemmBench.Result> gemm,
                         List<ProfileLine> profile, int profileThreads, double profileMsPerStep) {
        /** Matrix-product FLOPs of importance sampling one image with K = {@value TrainBench#IS_SAMPLES}: K decoder rows and one encoder row. */
        public double importanceFlopsPerImage() {
            return model.decoderFlops(IS_SAMPLES) + model.forwardFlops(1) - model.decoderFlops(1);
        }
    }

    // ---- running ----

    public static Report run(Options o, java.io.PrintStream progress) {
        int before = Parallel.threads();
        try {
            progress.println("measuring the FMA peak of one core ...");
            double peak = Kernels.fmaPeakGflops(1000);
            BenchModel model = o.model();
            progress.println("generating " + model.n() + " images of " + model.vae().dataDim() + " pixels ...");
            float[] images = images(model.n(), model.vae().dataDim());
            List<Rate> training = new ArrayList<>();
            List<Rate> evaluation = new ArrayList<>();
            for (int threads : threadCounts(o.threads())) {
                Parallel.setThreads(threads);
                progress.println("training on " + threads + " thread" + (threads == 1 ? "" : "s") + " ...");
                training.add(training(model, images, threads, o));
            }
            for (int threads : threadCounts(o.threads())) {
                Parallel.setThreads(threads);
                progress.println("evaluating on " + threads + " thread" + (threads == 1 ? "" : "s") + " ...");
                evaluation.add(evaluation(model, images, threads, o));
            }
            List<Rate> importance = new ArrayList<>();
            for (int threads : o.importance() ? threadCounts(o.threads()) : new int[0]) {
                Parallel.setThreads(threads);
                progress.println("importance sampling (K = " + IS_SAMPLES + ") on " + threads + " thread"
                        + (threads == 1 ? "" : "s") + " ...");
                importance.add(importance(model, images, threads, o));
            }
            List<ProfileLine> profile = List.of();
            double profileStep = 0;
            if (o.profile()) {
                Parallel.setThreads(o.threads());
                progress.println("profiling on " + o.threads() + " threads ...");
                double[] total = new double[1];
                profile = profile(model, images, o, total);
                profileStep = total[0];
            }
            List<GemmBench.Result> gemm = List.of();
            if (o.gemm()) {
                progress.println("GEMM at the model's shapes ...");
                gemm = GemmBench.run(GemmBench.trainingStep(model.vae(), M),
                        GemmBench.Options.quick().withThreads(o.threads()).withoutScalar());
            }
            return new Report(model, machine(), model.trainingFlops(M), model.forwardFlops(1), peak, training, evaluation,
                    importance, gemm, profile, o.threads(), profileStep);
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

        Trainer(BenchModel model, float[] images) {
            Vae vae = Vae.initialised(model.vae(), SEED);
            aevb = new Aevb(vae, new EstimatorB(), new Adagrad(model.lr()), WeightDecay.priorPerDataPoint(model.n()), 1, SEED);
            int d = model.vae().dataDim(), width = d == 560 ? 20 : 28;   // Frey Face frames are 28 x 20
            Dataset data = new Dataset("generated", model.n(), d / width, width, images, null);
            loop = new TrainingLoop(aevb, new Minibatches(data, M, SEED), Long.MAX_VALUE);
        }

        void step() {
            loop.step();
        }
    }

    static Rate training(BenchModel model, float[] images, int threads, Options o) {
        Trainer t = new Trainer(model, images);
        return measure("train", threads, o, M, t::step);
    }

    static Rate evaluation(BenchModel model, float[] images, int threads, Options o) {
        VaeConfig c = model.vae();
        Vae vae = Vae.initialised(c, SEED);
        EstimatorB estimator = new EstimatorB();
        Tensor x = new Tensor(EVAL_BATCH, c.dataDim(), Arrays.copyOf(images, EVAL_BATCH * c.dataDim()));
        Tensor eps = new Tensor(EVAL_BATCH, c.latent());
        Randomness.gaussian(SEED, Randomness.Stream.EVAL, 0, eps.data, eps.data.length);
        Tape tape = new Tape();
        double[] sink = new double[1];
        return measure("eval", threads, o.withSeconds(o.seconds() / 2), EVAL_BATCH, () -> {
            tape.reset();
            sink[0] += Backend.kernels().sum(estimator.terms(vae, tape.constant(x), eps, 1).data(), EVAL_BATCH);
        });
    }

    /**
     * log p(x) by importance sampling with K = {@value #IS_SAMPLES} ({@link ImportanceSampledLikelihood},
     * its default 1,000 decoder rows a pass) on {@value #IS_IMAGES} images a call, a model
     * trained for a few hundred steps first so that q is not the prior.
     */
    static Rate importance(BenchModel model, float[] images, int threads, Options o) {
        Trainer t = new Trainer(model, images);
        for (int i = 0; i < 200; i++) {
            t.step();
        }
        int d = model.vae().dataDim();
        Tensor x = new Tensor(IS_IMAGES, d, Arrays.copyOf(images, IS_IMAGES * d));
        ImportanceSampledLikelihood is = new ImportanceSampledLikelihood(t.aevb.vae(), IS_SAMPLES, SEED);
        double[] sink = new double[1];
        return measure("importance", threads, o.withSeconds(o.seconds() / 2), IS_IMAGES,
                () -> sink[0] += is.evaluate(x).logPx()[0]);
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
    static List<ProfileLine> profile(BenchModel model, float[] images, Options o, double[] stepMs) {
        Trainer t = new Trainer(model, images);
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
        sb.append("aevb bench: " + r.model().name() + ", " + r.model().shape() + " (tanh encoder and decoder, estimator B,\n")
                .append("M = " + M + ", L = 1, Adagrad " + r.model().lr() + ", weight decay 1/" + r.model().n() + "), generated data\n");
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
        if (!r.importance().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%n%-24s %-28s %-22s %s%n", "log p(x), K = " + IS_SAMPLES,
                    "images/s median [min-max]", "s per " + IS_TEST_IMAGES + " images", "GFLOP/s median"));
            for (Rate t : r.importance()) {
                sb.append(String.format(Locale.ROOT, "  %-22s %8.1f [%6.1f-%6.1f]   %8.1f               %6.1f%n",
                        t.threads() + (t.threads() == 1 ? " thread" : " threads"), t.median(), t.min(), t.max(),
                        IS_TEST_IMAGES / t.median(), t.median() * r.importanceFlopsPerImage() / 1e9));
            }
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
        j.field("model", r.model().name() + " " + r.model().shape() + ", estimator B, M=" + M + ", L=1, adagrad " + r.model().lr()
                + ", weight decay 1/" + r.model().n());
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
        j.array("importance");
        for (Rate t : r.importance()) {
            j.open();
            j.field("threads", t.threads());
            j.field("k", IS_SAMPLES);
            j.field("images_per_s_median", t.median());
            j.field("images_per_s_min", t.min());
            j.field("images_per_s_max", t.max());
            j.field("seconds_per_1000_images", IS_TEST_IMAGES / t.median());
            j.field("gflops_median", t.median() * r.importanceFlopsPerImage() / 1e9);
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

    public static void main(String[] args) {
        Options o = Options.standard();
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--profile" -> o = o.withProfile(true);
                case "--no-gemm" -> o = o.withGemm(false);
                case "--importance" -> o = o.withImportance(true);
                case "--model" -> o = o.withModel(BenchModel.named(args[++i]));
                case "--threads" -> o = o.withThreads(Integer.parseInt(args[++i]));
                case "--seconds" -> o = o.withSeconds(Double.parseDouble(args[++i]));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Report r = run(o, System.err);
        System.out.print(json ? json(r) : text(r));
    }
}
