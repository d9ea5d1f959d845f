package aevb.experiments;

import aevb.baselines.Mcem;
import aevb.baselines.WakeSleep;
import aevb.data.Dataset;
import aevb.data.Minibatches;
import aevb.experiments.Figure3.Curve;
import aevb.experiments.Figure3.Method;
import aevb.experiments.Figure3.Point;
import aevb.nn.Adagrad;
import aevb.nn.WeightDecay;
import aevb.prob.Decoder;
import aevb.random.Randomness;
import aevb.sgvb.Aevb;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.Learner;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import aevb.sgvb.VaeLearner;
import aevb.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One curve of Figure 3, (N, method), as a resumable {@link CurveJob} in
 * {@code out/curves/n<N>-<method>/}. The three methods start from the same decoder (AEVB and
 * wake-sleep also from the same encoder), {@code Vae.initialised(model, seed)}, and see the
 * minibatches of {@code Minibatches(first N images, M, seed)}; they differ only in the learner
 * built here and in what a step counts on the x axis (M for AEVB and wake-sleep; for MCEM
 * {@link McemCounting}: N per iteration of the authors' batch E-step).
 *
 * <p>The curve's settings file records MCEM's E-step, its θ-updates per iteration, what its
 * iteration counts and the Adagrad schedule only where they differ from this project's first
 * Figure 3 (on-line E-step, 5 updates, the points sampled, annealed Adagrad), so the folders and
 * checkpoints of curves made before these switches existed continue bit for bit, and a job with
 * other switches is refused by them.
 *
 * @param n      the training points actually used (N, cut to the data set's size)
 * @param method AEVB, wake-sleep or MCEM
 */
record Figure3Curve(int n, Method method) {

    Path dir(Path out) {
        return out.resolve(Figure2Curve.FOLDER).resolve("n" + n + "-" + method.id);
    }

    /** The learner of this curve; the only thing in which the three curves of an N differ. */
    Learner learner(Figure3.Config cfg) {
        DataSetting s = cfg.setting();
        Dataset train = s.data().train();
        VaeConfig model = new VaeConfig(train.dim(), s.hidden(), Figure3.PAPER_LATENT, s.decoder());
        WeightDecay decay = new WeightDecay(cfg.prior() / n);
        Vae vae = Vae.initialised(model, cfg.seed());
        Adagrad.Schedule schedule = cfg.schedule();
        return switch (method) {
            case AEVB -> new Aevb(vae, new EstimatorB(), new Adagrad(s.aevbLr(), schedule), decay, 1, cfg.seed());
            case WAKE_SLEEP -> new WakeSleep(vae, new Adagrad(s.wakeSleepLr(), schedule), decay, cfg.seed());
            case MCEM -> cfg.mcem().eStep() == Mcem.EStep.ALL
                    ? Mcem.batch(vae.decoder, train.slice(train.name(), 0, n).asTensor(), new Adagrad(cfg.mcemLr(), schedule),
                            decay, cfg.mcem(), cfg.seed())
                    : new Mcem(vae.decoder, n, new Adagrad(cfg.mcemLr(), schedule), decay, cfg.mcem(), cfg.seed());
        };
    }

    double learningRate(Figure3.Config cfg) {
        return switch (method) {
            case AEVB -> cfg.setting().aevbLr();
            case WAKE_SLEEP -> cfg.setting().wakeSleepLr();
            case MCEM -> cfg.mcemLr();
        };
    }

    Map<String, String> settings(Figure3.Config cfg) {
        DataSetting s = cfg.setting();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("figure", "3");
        h.put("curve", n + ":" + method.id);
        h.put("samples", Long.toString(cfg.samples()));
        h.put("batch", Integer.toString(cfg.batch()));
        h.put("evalPoints", Integer.toString(cfg.evalPoints()));
        h.put("isSamples", Integer.toString(cfg.isSamples()));
        h.put("appendixD", cfg.appendixD().toString());
        h.put("seed", Long.toString(cfg.seed()));
        h.put("dataset", s.name());
        h.put("hidden", Integer.toString(s.hidden()));
        h.put("decoder", s.decoder());
        h.put("lr", Double.toString(learningRate(cfg)));
        // the switches of issue 18, only where they differ from the first Figure 3 (see the class Javadoc)
        Mcem.Settings first = Mcem.Settings.online();
        if (method == Method.MCEM && cfg.mcem().eStep() != first.eStep()) {
            h.put("mcem.eStep", cfg.mcem().eStep() == Mcem.EStep.ALL ? "all" : "minibatch");
        }
        if (method == Method.MCEM && cfg.mcem().weightUpdates() != first.weightUpdates()) {
            h.put("mcem.weightUpdates", Integer.toString(cfg.mcem().weightUpdates()));
        }
        if (method == Method.MCEM && cfg.counting() != McemCounting.POINTS_SAMPLED) {
            h.put("mcem.counting", cfg.counting().id());
        }
        if (cfg.prior() != 1) {
            h.put("prior", Double.toString(cfg.prior()));
        }
        if (cfg.schedule().countsSteps()) {
            h.put("adagrad", cfg.schedule().id());
        }
        return h;
    }

    /** What one step of this curve adds to the x axis. */
    long samplesPerStep(Figure3.Config cfg) {
        return method == Method.MCEM ? cfg.mcemSamplesPerStep(n) : cfg.batch();
    }

    /** The steps of the whole curve. */
    long steps(Figure3.Config cfg) {
        return method == Method.MCEM ? cfg.mcemSteps(n) : cfg.steps();
    }

    /** Trains (or continues) the curve into its folder, measuring at {@link Figure2#evalSamples}. */
    void run(Figure3.Config cfg, double checkpointSeconds, PrintStream log) throws IOException {
        DataSetting s = cfg.setting();
        Dataset full = s.data().train();
        Dataset train = full.slice(full.name(), 0, n);
        Dataset held = s.data().heldOut() != null ? s.data().heldOut() : full;
        Learner learner = learner(cfg);
        Vae vae = learner instanceof VaeLearner v ? v.vae() : null;
        Decoder decoder = vae != null ? vae.decoder : ((Mcem) learner).decoder();
        Tensor trainX = Figure2.first(train, cfg.evalPoints());
        Tensor testX = Figure2.first(held, cfg.evalPoints());
        long evalSeed = Randomness.key(cfg.seed(), Randomness.Stream.EVAL, 0);
        long perStep = samplesPerStep(cfg);
        CurveJob.Spec spec = new CurveJob.Spec(dir(cfg.out()), settings(cfg), Figure3.COLUMNS,
                Figure2.evalSamples(cfg.samples(), Math.toIntExact(perStep)), steps(cfg), perStep);
        CurveJob.run(spec, learner, new Minibatches(train, cfg.batch(), cfg.seed()),
                (csv, seen, seconds) -> {
                    Point p = Figure3.measure(cfg, decoder, vae, trainX, testX, evalSeed, seen, seconds);
                    Figure3.write(csv, n, method, p);
                    return String.format(Locale.ROOT, "  N = %,6d  %-10s samples %,11d  %.1f / %.1f  (train / test log p(x),"
                            + " App. D; %.0f s)", n, method.label, seen, p.trainD(), p.testD(), seconds);
                },
                (csv, seen, seconds, e) -> String.format(Locale.ROOT, "  N = %,d: %s stopped at %,d samples: %s", n,
                        method.label, seen, e.getMessage()),
                checkpointSeconds, log);
    }

    /** The curve's points from its CSV: Appendix D always, importance sampling when measured. */
    Curve read(Figure3.Config cfg) throws IOException {
        Path dir = dir(cfg.out());
        Map<Long, double[]> at = new LinkedHashMap<>();   // samples -> seconds, trainD, testD, trainIs, testIs
        List<String> lines = Files.readAllLines(dir.resolve(CurveJob.CSV), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            double[] v = at.computeIfAbsent(Long.parseLong(f[2]),
                    k -> new double[] {0, Double.NaN, Double.NaN, Double.NaN, Double.NaN});
            v[0] = Double.parseDouble(f[6]);
            int col = (f[3].equals(Figure3.APPENDIX_D) ? 1 : 3) + (f[4].equals("train") ? 0 : 1);
            v[col] = Double.parseDouble(f[5]);
        }
        List<Point> points = new ArrayList<>();
        at.forEach((samples, v) -> points.add(new Point(samples, v[0], v[1], v[2], v[3], v[4])));
        return new Curve(n, method, points, CurveJob.diverged(dir));
    }
}
