package aevb.run;

import aevb.io.Checkpoint;
import aevb.io.CheckpointException;
import aevb.sgvb.VaeConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that defines a training run. Stored in every checkpoint header, so that a run can
 * be resumed, evaluated and drawn from its checkpoint alone. Written by name from the paper's
 * run on a data set, changing what differs:
 * <pre>  RunConfig.paper("sample").latent(2).optimizer("adam").learningRate(0.003)</pre>
 *
 * @param dataset       sample, mnist, binarized-mnist or frey
 * @param dataDir       where the data files are ({@code --data-dir}), or null for the default
 * @param model         D, hidden units, Nz and the decoder family
 * @param estimator     "A" (eq. 6) or "B" (eq. 7)
 * @param samples       L, samples of eps per data point
 * @param batch         M, the minibatch size
 * @param optimizer     adagrad or adam
 * @param learningRate  the optimiser's step size
 * @param weightDecay   λ of the prior p(θ) = N(0, I) per data point (1/N by default)
 * @param binarization  none, dynamic or fixed
 * @param budget        training samples to see (epochs · N)
 * @param seed          the one seed every random stream derives from
 * @param logEvery      steps between two rows of metrics (and possible checkpoints)
 * @param evalPoints    held-out (and training) points the logged bounds are computed on
 */
public record RunConfig(String dataset, String dataDir, VaeConfig model, String estimator, int samples, int batch,
                        String optimizer, double learningRate, double weightDecay, String binarization,
                        long budget, long seed, int logEvery, int evalPoints) {

    public Map<String, String> toHeader() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("run.dataset", dataset);
        h.put("run.dataDir", dataDir == null ? "" : dataDir);
        h.putAll(model.toHeader());
        h.put("run.estimator", estimator);
        h.put("run.samples", Integer.toString(samples));
        h.put("run.batch", Integer.toString(batch));
        h.put("run.optimizer", optimizer);
        h.put("run.learningRate", Double.toString(learningRate));
        h.put("run.weightDecay", Double.toString(weightDecay));
        h.put("run.binarization", binarization);
        h.put("run.budget", Long.toString(budget));
        h.put("run.seed", Long.toString(seed));
        h.put("run.logEvery", Integer.toString(logEvery));
        h.put("run.evalPoints", Integer.toString(evalPoints));
        return h;
    }

    public static RunConfig fromCheckpoint(Checkpoint c) throws CheckpointException {
        try {
            String dir = c.require("run.dataDir");
            return new RunConfig(c.require("run.dataset"), dir.isEmpty() ? null : dir,
                    VaeConfig.fromHeader(c.header()), c.require("run.estimator"),
                    (int) c.requireLong("run.samples"), (int) c.requireLong("run.batch"), c.require("run.optimizer"),
                    c.requireDouble("run.learningRate"), c.requireDouble("run.weightDecay"),
                    c.require("run.binarization"), c.requireLong("run.budget"), c.requireLong("run.seed"),
                    (int) c.requireLong("run.logEvery"), (int) c.requireLong("run.evalPoints"));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(c.source(), "bad run configuration: " + e.getMessage());
        }
    }

    /**
     * The paper's run on a data set ({@link PaperSettings}): its architecture, estimator B with
     * L = 1, M = 100, Adagrad with the paper's step size, weight decay 1/N, intensities (no
     * binarisation), {@code aevb train}'s Nz and epochs, seed 1, a metrics row per epoch, bounds on
     * 1,000 points. This is what {@code ./aevb train --dataset NAME} runs with no other flag.
     */
    public static RunConfig paper(String dataset) {
        PaperSettings p = PaperSettings.of(dataset);
        int n = p.trainingSize(), m = PaperSettings.BATCH;
        return new RunConfig(p.dataset(), null, new VaeConfig(p.dataDim(), p.hidden(), p.latent(), p.decoder()), "B", 1, m,
                "adagrad", p.aevbLr(), 1.0 / n, "none", (long) p.epochs() * n, 1, Math.max(1, n / m), 1000);
    }

    /** The same run with another budget (to train a finished run further). */
    public RunConfig withBudget(long newBudget) {
        return budget(newBudget);
    }

    // ---- the same run with one setting changed, by name ----

    public RunConfig dataDir(String dir) {
        return new RunConfig(dataset, dir, model, estimator, samples, batch, optimizer, learningRate, weightDecay,
                binarization, budget, seed, logEvery, evalPoints);
    }

    public RunConfig model(VaeConfig m) {
        return new RunConfig(dataset, dataDir, m, estimator, samples, batch, optimizer, learningRate, weightDecay,
                binarization, budget, seed, logEvery, evalPoints);
    }

    /** Nz. */
    public RunConfig latent(int nz) {
        return model(new VaeConfig(model.dataDim(), model.hidden(), nz, model.decoder()));
    }

    public RunConfig hidden(int units) {
        return model(new VaeConfig(model.dataDim(), units, model.latent(), model.decoder()));
    }

    public RunConfig decoder(String family) {
        return model(new VaeConfig(model.dataDim(), model.hidden(), model.latent(), family));
    }

    /** "A" (eq. 6) or "B" (eq. 7). */
    public RunConfig estimator(String name) {
        return new RunConfig(dataset, dataDir, model, name, samples, batch, optimizer, learningRate, weightDecay,
                binarization, budget, seed, logEvery, evalPoints);
    }

    /** L, samples of eps per data point. */
    public RunConfig samples(int l) {
        return new RunConfig(dataset, dataDir, model, estimator, l, batch, optimizer, learningRate, weightDecay,
                binarization, budget, seed, logEvery, evalPoints);
    }

    /** M. */
    public RunConfig batch(int m) {
        return new RunConfig(dataset, dataDir, model, estimator, samples, m, optimizer, learningRate, weightDecay,
                binarization, budget, seed, logEvery, evalPoints);
    }

    /** adagrad or adam (the step size stays as it is: set it with {@link #learningRate(double)}). */
    public RunConfig optimizer(String name) {
        return new RunConfig(dataset, dataDir, model, estimator, samples, batch, name, learningRate, weightDecay,
                binarization, budget, seed, logEvery, evalPoints);
    }

    public RunConfig learningRate(double lr) {
        return new RunConfig(dataset, dataDir, model, estimator, samples, batch, optimizer, lr, weightDecay,
                binarization, budget, seed, logEvery, evalPoints);
    }

    /** λ of the prior on θ per data point (1/N in the paper's run). */
    public RunConfig weightDecay(double lambda) {
        return new RunConfig(dataset, dataDir, model, estimator, samples, batch, optimizer, learningRate, lambda,
                binarization, budget, seed, logEvery, evalPoints);
    }

    /** none, dynamic or fixed. */
    public RunConfig binarization(String kind) {
        return new RunConfig(dataset, dataDir, model, estimator, samples, batch, optimizer, learningRate, weightDecay,
                kind, budget, seed, logEvery, evalPoints);
    }

    /** Training samples to see. */
    public RunConfig budget(long trainingSamples) {
        return new RunConfig(dataset, dataDir, model, estimator, samples, batch, optimizer, learningRate, weightDecay,
                binarization, trainingSamples, seed, logEvery, evalPoints);
    }

    public RunConfig seed(long s) {
        return new RunConfig(dataset, dataDir, model, estimator, samples, batch, optimizer, learningRate, weightDecay,
                binarization, budget, s, logEvery, evalPoints);
    }

    /** Steps between two metrics rows. */
    public RunConfig logEvery(int steps) {
        return new RunConfig(dataset, dataDir, model, estimator, samples, batch, optimizer, learningRate, weightDecay,
                binarization, budget, seed, steps, evalPoints);
    }

    public RunConfig evalPoints(int n) {
        return new RunConfig(dataset, dataDir, model, estimator, samples, batch, optimizer, learningRate, weightDecay,
                binarization, budget, seed, logEvery, n);
    }

    /** One line for logs and figure titles. */
    public String describe() {
        return String.format("%s, Nz=%d, %d hidden, %s decoder, estimator %s, L=%d, M=%d, %s lr=%s, seed %d",
                dataset, model.latent(), model.hidden(), model.decoder(), estimator, samples, batch, optimizer,
                learningRate, seed);
    }
}
