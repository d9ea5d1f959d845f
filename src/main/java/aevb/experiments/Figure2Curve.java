package aevb.experiments;

import aevb.baselines.WakeSleep;
import aevb.data.Dataset;
import aevb.data.Minibatches;
import aevb.experiments.Figure2.Method;
import aevb.experiments.Figure2.Point;
import aevb.nn.Adagrad;
import aevb.nn.WeightDecay;
import aevb.random.Randomness;
import aevb.sgvb.Aevb;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.Learner;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeLearner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One curve of Figure 2, (data set, Nz, method), as a resumable {@link CurveJob} in
 * {@code out/curves/<dataset>-z<Nz>-<method>/}. What makes the two methods' curves comparable is
 * here: both start from {@code Vae.initialised(model, seed)}, see the minibatches of
 * {@code Minibatches(train, M, seed)} and are measured with estimator B (L = 1) on the first P
 * training and test images with the noise of (seed, EVAL, 0). The curves are independent, so
 * running them one at a time gives the numbers the two methods gave when trained in lock step
 * on one panel (the way the first version of {@code reproduce figure2} ran them).
 *
 * @param setting the data set, its architecture and step sizes
 * @param latent  Nz
 * @param method  AEVB or wake-sleep
 */
record Figure2Curve(DataSetting setting, int latent, Method method) {
    static final String FOLDER = "curves";

    /** The job's name on the command line: {@code mnist:20:aevb}. */
    String id() {
        return setting.name() + ":" + latent + ":" + method.id;
    }

    /** Its folder under the output folder. */
    Path dir(Path out) {
        return out.resolve(FOLDER).resolve(setting.name() + "-z" + latent + "-" + method.id);
    }

    /** The curves of a figure, in the order of the figure: data set by data set, Nz by Nz, AEVB then wake-sleep. */
    static List<Figure2Curve> all(Figure2.Config cfg) {
        List<Figure2Curve> jobs = new java.util.ArrayList<>();
        for (Figure2.Row r : cfg.rows()) {
            for (int nz : r.latents()) {
                for (Method m : Method.values()) {
                    jobs.add(new Figure2Curve(r.setting(), nz, m));
                }
            }
        }
        return jobs;
    }

    /** The learner of this curve; the only thing in which the two curves of a panel differ. */
    VaeLearner learner(long seed) {
        Dataset train = setting.data().train();
        Vae vae = Vae.initialised(setting.model(latent), seed);
        WeightDecay decay = WeightDecay.priorPerDataPoint(train.size());
        return switch (method) {
            case AEVB -> new Aevb(vae, new EstimatorB(), new Adagrad(setting.aevbLr()), decay, 1, seed);
            case WAKE_SLEEP -> new WakeSleep(vae, new Adagrad(setting.wakeSleepLr()), decay, seed);
        };
    }

    double learningRate() {
        return method == Method.AEVB ? setting.aevbLr() : setting.wakeSleepLr();
    }

    /** What the curve's numbers depend on; a job is continued only with the same. */
    Map<String, String> settings(Figure2.Config cfg) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("figure", "2");
        h.put("curve", id());
        h.put("samples", Long.toString(cfg.samples()));
        h.put("batch", Integer.toString(cfg.batch()));
        h.put("evalPoints", Integer.toString(cfg.evalPoints()));
        h.put("seed", Long.toString(cfg.seed()));
        h.put("train", Integer.toString(setting.data().train().size()));
        h.put("hidden", Integer.toString(setting.hidden()));
        h.put("decoder", setting.decoder());
        h.put("lr", Double.toString(learningRate()));
        if (setting.data().heldOut().name().endsWith("-random")) {
            h.put("heldOut", "random");  // only when not the files' split, so the curves made before it still continue
        }
        return h;
    }

    /**
     * Trains (or continues) the curve into its folder, measuring at {@link Figure2#evalSamples};
     * a NaN ends the curve with a NaN row. Does nothing when the curve is done.
     */
    void run(Figure2.Config cfg, double checkpointSeconds, PrintStream log) throws IOException {
        Dataset train = setting.data().train();
        Dataset held = setting.data().heldOut() != null ? setting.data().heldOut() : train;
        if (train.size() < cfg.batch()) {
            throw new IllegalArgumentException(setting.name() + ": the training set (" + train.size()
                    + " images) is smaller than a minibatch (M = " + cfg.batch() + ")");
        }
        Learner learner = learner(cfg.seed());
        Vae vae = ((VaeLearner) learner).vae();
        var trainX = Figure2.first(train, cfg.evalPoints());
        var testX = Figure2.first(held, cfg.evalPoints());
        long evalSeed = Randomness.key(cfg.seed(), Randomness.Stream.EVAL, 0);
        CurveJob.Spec spec = new CurveJob.Spec(dir(cfg.out()), settings(cfg), Figure2.COLUMNS,
                Figure2.evalSamples(cfg.samples(), cfg.batch()), cfg.steps(), cfg.batch());
        log.printf(Locale.ROOT, "%s, Nz = %d, %s (lr %s): %d hidden, %s decoder, %,d samples, in %s%n",
                setting.label(), latent, method.label, learningRate(), setting.hidden(), setting.decoder(),
                cfg.steps() * cfg.batch(), spec.dir());
        CurveJob.run(spec, learner, new Minibatches(train, cfg.batch(), cfg.seed()),
                (csv, seen, seconds) -> {
                    Point p = Figure2.measure(vae, trainX, testX, evalSeed, seen, seconds);
                    csv.append(setting.name(), latent, method.id, seen, p.trainBound(), p.testBound(), p.seconds());
                    return String.format(Locale.ROOT, "  %-10s Nz = %d  %s  samples %,12d  train %9.2f  test %9.2f  (%.0f s)",
                            setting.label(), latent, method.label, seen, p.trainBound(), p.testBound(), seconds);
                },
                (csv, seen, seconds, e) -> {
                    csv.append(setting.name(), latent, method.id, seen, Double.NaN, Double.NaN, seconds);
                    return String.format(Locale.ROOT, "  %s, Nz = %d: %s stopped: %s", setting.label(), latent,
                            method.label, e.getMessage());
                },
                checkpointSeconds, log);
    }
}
