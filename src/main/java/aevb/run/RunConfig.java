package aevb.run;

import aevb.io.Checkpoint;
import aevb.io.CheckpointException;
import aevb.sgvb.VaeConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that defines a training run. Stored in every checkpoint header, so that a run can
 * be resumed, evaluated and drawn from its checkpoint alone.
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

    /** The same run with another budget (to train a finished run further). */
    public RunConfig withBudget(long newBudget) {
        return new RunConfig(dataset, dataDir, model, estimator, samples, batch, optimizer, learningRate, weightDecay,
                binarization, newBudget, seed, logEvery, evalPoints);
    }

    /** One line for logs and figure titles. */
    public String describe() {
        return String.format("%s, Nz=%d, %d hidden, %s decoder, estimator %s, L=%d, M=%d, %s lr=%s, seed %d",
                dataset, model.latent(), model.hidden(), model.decoder(), estimator, samples, batch, optimizer,
                learningRate, seed);
    }
}
