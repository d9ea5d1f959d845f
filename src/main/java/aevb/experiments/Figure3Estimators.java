package aevb.experiments;

import aevb.baselines.Mcem;
import aevb.data.Dataset;
import aevb.eval.AppendixDEstimator;
import aevb.eval.ImportanceSampledLikelihood;
import aevb.experiments.Figure3.Method;
import aevb.infer.Codes;
import aevb.io.AtomicFiles;
import aevb.prob.Decoder;
import aevb.random.Randomness;
import aevb.run.LearnerCheckpoint;
import aevb.sgvb.Learner;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeLearner;
import aevb.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the estimators say of one trained Figure 3 model: the final checkpoint of a curve job,
 * scored on the curve's own P training and test images by Appendix D as the curve ran it, by
 * Appendix D with chains that start elsewhere or run longer, and by importance sampling with the
 * encoder (AEVB).
 *
 * <p>The check rests on one inequality. Importance sampling with any proposal is unbiased for
 * p(x), so by Jensen E[log p̂_K] ≤ log p(x): averaged over P images it is a lower bound up to its
 * Monte Carlo error, tighter as K grows. Appendix D has no such guarantee: with exact posterior
 * samples it is a stochastic upper bound (1/p̂ is unbiased for 1/p(x)), but a chain that stays in
 * one mode A of a multimodal posterior gives p(x)·P(A)/Q(A), an underestimate by the mass it
 * missed. So an importance-sampled value above Appendix D's shows Appendix D too low by at
 * least the difference.
 */
public final class Figure3Estimators {
    public static final String SUMMARY = "estimators.md";

    private Figure3Estimators() {}

    /** One estimator's mean log p(x) on the training and test images, and its seconds. */
    public record Line(String estimator, double train, double test, double seconds) {}

    /** Appendix D with 5x the warm-up, 4x the samples and 25 leapfrog steps a transition. */
    static AppendixDEstimator.Settings longer(AppendixDEstimator.Settings s) {
        return new AppendixDEstimator.Settings(s.warmUp() * 5, s.samples() * 4, 25, s.starts(), s.covarianceShrink(),
                s.keptMass());
    }

    /**
     * Restores the curve (n, method) of cfg from its checkpoint and scores it by every estimator;
     * {@code isSamples} is K of the importance-sampled lines (AEVB only); {@code thorough} adds
     * another seed and 28x longer chains (slow at P = 1,000).
     */
    public static List<Line> score(Figure3.Config cfg, Figure3Curve curve, int isSamples, boolean thorough, PrintStream log)
            throws IOException {
        Learner learner = curve.learner(cfg);
        Path ckpt = curve.dir(cfg.out()).resolve(CurveJob.CHECKPOINT);
        long steps = LearnerCheckpoint.restore(LearnerCheckpoint.load(ckpt), learner);
        Vae vae = learner instanceof VaeLearner v ? v.vae() : null;
        Decoder decoder = vae != null ? vae.decoder : ((Mcem) learner).decoder();
        Dataset full = cfg.setting().data().train();
        Dataset held = cfg.setting().data().heldOut() != null ? cfg.setting().data().heldOut() : full;
        Tensor trainX = Figure2.first(full.slice(full.name(), 0, curve.n()), cfg.evalPoints());
        Tensor testX = Figure2.first(held, cfg.evalPoints());
        long evalSeed = Randomness.key(cfg.seed(), Randomness.Stream.EVAL, 0);
        log.printf(Locale.ROOT, "%s at step %,d: %d training and %d test images%n", ckpt, steps, trainX.rows, testX.rows);

        List<Line> lines = new ArrayList<>();
        AppendixDEstimator.Settings d = cfg.appendixD();
        lines.add(appendixD("Appendix D as the curve ran it (chains at the best of " + d.starts() + " prior draws)", d,
                decoder, trainX, testX, null, null, evalSeed, log));
        if (thorough) {
            lines.add(appendixD("Appendix D, another seed", d, decoder, trainX, testX, null, null, evalSeed + 1, log));
            lines.add(appendixD("Appendix D, chains with 5x the warm-up, 4x the samples, 25 leapfrog steps", longer(d), decoder,
                    trainX, testX, null, null, evalSeed, log));
        }
        for (int k : new int[] {200, 1000, 5000}) {
            lines.add(appendixD("Appendix D, chains at the best of " + k + " prior draws", d.withStarts(k), decoder, trainX,
                    testX, null, null, evalSeed, log));
        }
        if (vae != null) {
            lines.add(appendixD("Appendix D, chains started at the encoder's mean", d, decoder, trainX, testX,
                    Codes.mean(vae, trainX), Codes.mean(vae, testX), evalSeed, log));
            for (int k : new int[] {cfg.isSamples(), isSamples}) {
                long t0 = System.nanoTime();
                double tr = new ImportanceSampledLikelihood(vae, k, evalSeed).evaluate(trainX).summary().mean();
                double te = new ImportanceSampledLikelihood(vae, k, evalSeed).evaluate(testX).summary().mean();
                lines.add(line("importance sampling with the encoder, K = " + k + " (a lower bound)", tr, te, t0, log));
            }
        }
        return lines;
    }

    private static Line appendixD(String name, AppendixDEstimator.Settings s, Decoder decoder, Tensor trainX, Tensor testX,
            Tensor trainZ0, Tensor testZ0, long seed, PrintStream log) {
        long t0 = System.nanoTime();
        AppendixDEstimator d = new AppendixDEstimator(s, seed);
        return line(name, d.estimate(decoder, trainX, trainZ0).mean(), d.estimate(decoder, testX, testZ0).mean(), t0, log);
    }

    private static Line line(String name, double train, double test, long t0, PrintStream log) {
        Line l = new Line(name, train, test, (System.nanoTime() - t0) / 1e9);
        log.printf(Locale.ROOT, "  %-80s %8.2f %8.2f  (%.0f s)%n", name, train, test, l.seconds());
        return l;
    }

    static String markdown(String title, List<Line> lines) {
        StringBuilder sb = new StringBuilder("## " + title + "\n\n| estimator | train | test | s |\n|---|---:|---:|---:|\n");
        for (Line l : lines) {
            sb.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.0f |%n", l.estimator(), l.train(), l.test(), l.seconds()));
        }
        return sb.toString();
    }

    /**
     * {@code java -cp aevb.jar aevb.experiments.Figure3Estimators DATA small|long SAMPLES POINTS OUT VARIANT|- N METHOD K}:
     * scores the final model of a curve job and writes {@code estimators-n<N>-METHOD.md} beside its
     * {@code curves/} folder. {@code small}: a {@link Figure3SmallN} variant's curve in OUT/VARIANT
     * (thorough); {@code long}: a curve of {@code reproduce figure3 --budget paper --samples SAMPLES}
     * in OUT.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 9 || !(args[1].equals("small") || args[1].equals("long"))) {
            System.err.println("usage: Figure3Estimators DATA_DIR small|long SAMPLES POINTS OUT VARIANT|- N METHOD K");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]);
        var data = aevb.data.Datasets.load("mnist", dataDir, false, System.out);
        DataSetting mnist = DataSetting.paper("mnist", data, dataDir.toString());
        long samples = Long.parseLong(args[2]);
        int points = Integer.parseInt(args[3]), n = Integer.parseInt(args[6]);
        boolean small = args[1].equals("small");
        Figure3.Config cfg;
        String title;
        if (small) {
            Figure3SmallN.Variant v = Figure3SmallN.variants().get(args[5]);
            if (v == null) {
                throw new IllegalArgumentException("no variant '" + args[5] + "' (" + Figure3SmallN.variants().keySet() + ")");
            }
            cfg = Figure3SmallN.config(Figure3SmallN.base(mnist, n, samples, points, 1, Path.of(args[4])), v);
            title = "small-N ablation, variant " + v.id();
        } else {
            cfg = Figure3.Config.forBudget(Budget.PAPER, Figure3.paperSetting(mnist), 1, Path.of(args[4]))
                    .withSamples(samples).withEvalPoints(points);
            title = "reproduce figure3 --budget paper";
        }
        Method method = null;
        for (Method m : Method.values()) {
            method = m.id.equals(args[7]) ? m : method;
        }
        if (method == null) {
            throw new IllegalArgumentException("no method '" + args[7] + "' (aevb, wake-sleep, mcem)");
        }
        List<Line> lines = score(cfg, new Figure3Curve(n, method), Integer.parseInt(args[8]), small, System.out);
        String md = markdown(String.format(Locale.ROOT, "%s: %s, N = %,d, after %,d samples, the first %d training and test images",
                title, method.label, n, samples, points), lines);
        AtomicFiles.write(cfg.out().resolve("estimators-n" + n + "-" + method.id + ".md"), md.getBytes(StandardCharsets.UTF_8));
        System.out.print(md);
    }
}
