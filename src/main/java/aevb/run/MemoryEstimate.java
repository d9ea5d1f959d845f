package aevb.run;

import static aevb.io.MemoryBudget.plus;
import static aevb.io.MemoryBudget.times;

import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.io.MemoryBudget;
import aevb.io.MemoryBudget.InsufficientMemoryException;
import aevb.sgvb.VaeConfig;
import java.util.Locale;

/**
 * What a job will hold in memory, estimated before it allocates, so that a valid but too large
 * combination of flags or files is refused with a line naming them and the memory needed,
 * instead of an out-of-memory error half way through.
 *
 * <p>The estimates count float32 arrays (4 bytes a value) and round generously up: the tape
 * keeps a value and a gradient for each of the forward pass's intermediate (rows, width) arrays,
 * about {@code 4H + 6Nz + 4D} values a row (encoder hidden layer, mu, log σ², eps, z, decoder
 * hidden layer, output and log-likelihood terms); parameters have a gradient, an optimiser state
 * (one array for Adagrad, two for Adam) and a copy while a checkpoint is encoded.
 */
public final class MemoryEstimate {
    private MemoryEstimate() {}

    /** Values per row of a forward and backward pass through the VAE, values and gradients. */
    static long activationFloatsPerRow(VaeConfig m) {
        return 2L * (4L * m.hidden() + 6L * m.latent() + 4L * m.dataDim());
    }

    static long parameterBytes(VaeConfig m, String optimizer) {
        long p = RunHeaderRules.parameterFloats(m.dataDim(), m.hidden(), m.latent(), m.decoder().equals("gaussian"));
        int state = optimizer.equals("adam") ? 2 : 1;
        // value + gradient + optimiser state, and the checkpoint's encoded copy of values and state
        return times(4L * (2 + state + 1 + state), p);
    }

    static long dataBytes(DataSplits data) {
        long b = 0;
        for (Dataset d : new Dataset[] {data.train(), data.validation(), data.test()}) {
            if (d != null) {
                b = plus(b, times(4L * d.size(), d.dim()));
            }
        }
        return b;
    }

    /** Rows of one pass of {@link aevb.eval.SplitBound}: about 1000 rows, whole points of L samples each. */
    static long boundPassRows(long points, int l) {
        return Math.min(points, Math.max(1, 1000 / l)) * l;
    }

    /**
     * Refuses a training run that cannot fit: the data (already read), the evaluation copies, the
     * model with its optimiser state, and L·M rows of activations. {@code source} names where
     * the settings came from ("the flags" or the checkpoint being resumed).
     */
    public static void requireTraining(RunConfig cfg, DataSplits data, String source) throws InsufficientMemoryException {
        VaeConfig m = cfg.model();
        long rows = times(cfg.samples(), cfg.batch());
        long eval = Math.min(cfg.evalPoints(), data.train().size());
        long bytes = plus(dataBytes(data),
                times(3L * 4 * eval, m.dataDim()),                       // binarised copies of the evaluation rows
                parameterBytes(m, cfg.optimizer()),
                times(4L * activationFloatsPerRow(m), rows),               // one training step, L·M rows
                times(2L * activationFloatsPerRow(m), boundPassRows(eval, cfg.samples())), // the logged bounds (forward only)
                times(4L * cfg.batch(), m.dataDim()));                    // the minibatch
        MemoryBudget.require(bytes, String.format(Locale.ROOT,
                "training with --L %d --batch %d (%,d rows of activations), --hidden %d, --latent %d on %s (D = %,d, %s; %s)",
                cfg.samples(), cfg.batch(), rows, m.hidden(), m.latent(), data.name(), m.dataDim(), data.summary(), source),
                "lower --L, --batch or --hidden");
    }

    /** Refuses an evaluation that cannot fit: the split, the bounds' passes and log p(x)'s buffers. */
    public static void requireEvaluation(VaeConfig m, String optimizer, long points, int l, int k, String what)
            throws InsufficientMemoryException {
        int chunk = Math.max(1, Math.min(k, 1000));
        long passRows = Math.max(boundPassRows(points, l), Math.min(points, Math.max(1, 1000 / chunk)) * chunk);
        long bytes = plus(times(2L * 4 * points, m.dataDim()),              // the split, binarised
                parameterBytes(m, optimizer),
                times(2L * activationFloatsPerRow(m), passRows),           // forward only: no gradients
                times(8L * 2, points),                                     // per-point results
                times(4L + 8, times(k, Math.max(1, m.latent()))),          // eps and log w of a point
                times(4L * points, 2L * m.hidden() + 4L * m.latent()));    // active units: q(z|x) of every point
        MemoryBudget.require(bytes, String.format(Locale.ROOT, "evaluating %,d points with --L %d --ll-samples %d (%s)",
                points, l, k, what), "lower --points, --L or --ll-samples");
    }

    /** Refuses a figure that cannot fit: decoder means for every tile and the image itself. */
    public static void requireFigure(VaeConfig m, long tiles, int height, int width, String what)
            throws InsufficientMemoryException {
        long bytes = plus(times(4L * tiles, 2L * m.hidden() + 3L * m.dataDim() + 2L * m.latent()),
                times(4L * 4 * tiles, (long) height * width),                 // ARGB pixels at scale 2
                times(4L * tiles, (long) height * width),                     // the PNG's encoding buffers
                parameterBytes(m, "adagrad"));
        MemoryBudget.require(bytes, String.format(Locale.ROOT, "%s (%,d images of %dx%d)", what, tiles, height, width),
                "draw fewer images");
    }
}
