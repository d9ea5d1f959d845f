package aevb.run;

import aevb.io.Checkpoint;
import aevb.io.CheckpointException;
import aevb.io.CheckpointHeader;
import aevb.sgvb.Estimator;
import aevb.tensor.Tensor;
import java.util.List;

/**
 * The allowed range of every header entry of a training checkpoint, checked when it is loaded
 * and before a model is sized from it: a crafted or damaged file with a valid CRC but batch 0,
 * a negative step or hidden = 2,000,000 is refused with the file, the entry and its range,
 * instead of a division by zero, a bad tensor shape or an out-of-memory later.
 *
 * <p>The ranges are those of the flags that write the entries, widened where the experiments
 * write more. The model's size is also checked against the arrays the file really holds, so
 * the model a header asks for can never be larger than the checkpoint that was read.
 */
public final class RunHeaderRules {
    static final long MAX_DATA_DIM = 4096L * 4096;
    static final long MAX_HIDDEN = 100_000;
    static final long MAX_LATENT = 10_000;
    static final long MAX_BUDGET = Long.MAX_VALUE / 2;

    /** Hidden layers per MLP (the IWAE model has 2). */
    static final long MAX_DEPTH = 16;

    private RunHeaderRules() {}

    /** Checks every entry a run checkpoint needs; throws the first problem, named. */
    public static void check(Checkpoint c) throws CheckpointException {
        CheckpointHeader h = new CheckpointHeader(c);
        String dataset = h.text("run.dataset", 64);
        if (dataset.isBlank()) {
            throw h.bad("run.dataset", dataset, "a data set name (sample, mnist, binarized-mnist, frey)");
        }
        h.text("run.dataDir", 4096);
        long d = h.integer("model.dataDim", 1, MAX_DATA_DIM);
        long hidden = h.integer("model.hidden", 1, MAX_HIDDEN);
        long nz = h.integer("model.latent", 1, MAX_LATENT);
        String decoder = h.choice("model.decoder", List.of("bernoulli", "gaussian"));
        long depth = c.get("model.depth") == null ? 1 : h.integer("model.depth", 1, MAX_DEPTH); // absent: the paper's 1
        String estimator = h.text("run.estimator", 64);
        if (!Estimator.isKnown(estimator)) {
            throw h.bad("run.estimator", estimator, "A, B or B(beta=X) with X > 0");
        }
        h.integer("run.samples", 1, 10_000);
        long batch = h.integer("run.batch", 1, 1_000_000);
        String optimizer = h.choice("run.optimizer", List.of("adagrad", "adam"));
        h.real("run.learningRate", 0, true, 10);
        h.real("run.weightDecay", 0, false, 1e6);
        h.choice("run.binarization", List.of("none", "dynamic", "fixed"));
        h.integer("run.budget", 1, MAX_BUDGET);
        h.integer("run.seed", Long.MIN_VALUE, Long.MAX_VALUE);
        h.integer("run.logEvery", 1, Integer.MAX_VALUE);
        h.integer("run.evalPoints", 1, Integer.MAX_VALUE);

        long step = h.integer("state.step", 0, MAX_BUDGET / batch + 1);
        long seen = h.integer("state.samplesSeen", 0, Long.MAX_VALUE);
        if (seen != step * batch) {
            throw h.bad("state.samplesSeen", Long.toString(seen), "state.step x run.batch = " + step * batch);
        }
        h.real("state.seconds", 0, false, 1e12);
        h.real("state.accumulatedBound", -Double.MAX_VALUE, false, Double.MAX_VALUE);
        h.integer("state.accumulatedSteps", 0, step);
        String opt = h.choice("optimizer.name", List.of("adagrad", "adam"));
        if (!opt.equals(optimizer)) {
            throw h.bad("optimizer.name", opt, "the run's optimiser, '" + optimizer + "'");
        }
        if (opt.equals("adam") && c.get("adam.t") != null) {
            h.integer("adam.t", 0, step);
        }

        if (c.get("extra.data.height") != null || c.get("extra.data.width") != null) {
            long ih = h.integer("extra.data.height", 1, d), iw = h.integer("extra.data.width", 1, d);
            if (ih * iw != d) {
                throw h.bad("extra.data.width", Long.toString(iw), "model.dataDim / extra.data.height = " + d + " / " + ih);
            }
        }
        if (c.get("extra.data.files") != null) {
            h.integer("extra.data.files", 0, 1000);
        }

        // The parameters alone of the smallest model with these sizes; deeper models only have more.
        long params = parameterFloats(d, hidden, nz, decoder.equals("gaussian"))
                + 2 * (depth - 1) * (hidden * hidden + hidden);   // the deeper tanh layers of encoder and decoder
        long held = 0;
        for (Tensor t : c.arrays().values()) {
            held += t.size();
        }
        if (params > held) {
            throw new CheckpointException(c.source(), "the header describes a model of D = " + d + ", " + hidden
                    + " hidden, Nz = " + nz + " (at least " + params + " parameters) but the file holds only " + held
                    + " array values; the header and the arrays do not agree (the file is damaged)");
        }
    }

    /** A checked header against the data it is to be resumed on: the same D, and a batch the data can fill. */
    public static void checkAgainstData(String source, RunConfig cfg, aevb.data.DataSplits data) throws CheckpointException {
        if (data.train().dim() != cfg.model().dataDim()) {
            throw new CheckpointException(source, "the model takes images of " + cfg.model().dataDim() + " pixels but "
                    + data.name() + " has " + data.train().dim() + " (" + data.train().height() + "x" + data.train().width()
                    + "); give the run's data with --data-dir");
        }
        if (cfg.batch() > data.train().size()) {
            throw new CheckpointException(source, "header entry 'run.batch' is " + cfg.batch() + "; allowed: at most the "
                    + data.train().size() + " training images of " + data.name());
        }
    }

    /**
     * Floats in the parameters of the VAE with one hidden layer per MLP: encoder D-H-(Nz, Nz),
     * decoder Nz-H-D (Bernoulli) or Nz-H-(D, D) (Gaussian), weights and biases. Saturates.
     */
    public static long parameterFloats(long d, long hidden, long nz, boolean gaussian) {
        long enc = d * hidden + hidden + 2 * (hidden * nz + nz);
        long dec = nz * hidden + hidden + (gaussian ? 2 : 1) * (hidden * d + d);
        return enc + dec; // every factor is bounded above (MAX_*), so no overflow: 2^24 * 1e5 * 4 < 2^63
    }
}
