package aevb.run;

import aevb.io.Checkpoint;
import aevb.io.CheckpointException;
import aevb.nn.Optimizer;
import aevb.nn.Parameter;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training run's state in a {@link Checkpoint}: the configuration, the step, the parameters
 * (by name), the optimiser's state, and the bookkeeping a resumed run needs to continue exactly
 * where the saved one was. Randomness is counter-based, so no generator state is saved.
 */
public final class ModelCheckpoint {
    public static final String FORMAT = "aevb-run-1";

    private ModelCheckpoint() {}

    /** The state of a run between two steps. */
    public record State(RunConfig config, long step, long samplesSeen, double seconds,
                        double accumulatedBound, long accumulatedSteps, Map<String, String> extra) {}

    public static void save(Path file, State s, Vae vae, Optimizer optimizer) throws IOException {
        Checkpoint c = new Checkpoint();
        c.put("format", FORMAT);
        s.config().toHeader().forEach(c::put);
        c.put("state.step", s.step());
        c.put("state.samplesSeen", s.samplesSeen());
        c.put("state.seconds", s.seconds());
        c.put("state.accumulatedBound", s.accumulatedBound());
        c.put("state.accumulatedSteps", s.accumulatedSteps());
        s.extra().forEach(c::put);
        c.put("optimizer.name", optimizer.name());
        optimizer.scalars().forEach(c::put);
        for (Parameter p : vae.parameters()) {
            c.putArray(p.name, p.value);
        }
        List<Parameter> params = vae.parameters();
        for (Map.Entry<String, float[]> e : optimizer.state(params).entrySet()) {
            c.putArray(e.getKey(), new Tensor(1, e.getValue().length, e.getValue()));
        }
        c.save(file);
    }

    /** Loads a checkpoint and checks it is a run of ours. */
    public static Checkpoint load(Path file) throws IOException {
        Checkpoint c = Checkpoint.load(file);
        if (c.get(CvaeCheckpoint.CONDITION_KEY) != null) {
            throw new CheckpointException(file.toString(), "is a conditional VAE (aevb train --model cvae); this command"
                    + " reads VAE runs: use aevb sample --digit or aevb complete on it");
        }
        if (!FORMAT.equals(c.get("format"))) {
            throw new CheckpointException(file.toString(), "not an aevb training checkpoint (format '"
                    + c.get("format") + "', expected '" + FORMAT + "')");
        }
        RunHeaderRules.check(c); // every entry in its range before anything is sized from it
        return c;
    }

    public static State state(Checkpoint c) throws CheckpointException {
        Map<String, String> extra = new LinkedHashMap<>();
        c.header().forEach((k, v) -> {
            if (k.startsWith("extra.")) {
                extra.put(k, v);
            }
        });
        return new State(RunConfig.fromCheckpoint(c), c.requireLong("state.step"), c.requireLong("state.samplesSeen"),
                c.requireDouble("state.seconds"), c.requireDouble("state.accumulatedBound"),
                c.requireLong("state.accumulatedSteps"), extra);
    }

    /** A model built from the checkpoint's configuration, with its parameters. */
    public static Vae model(Checkpoint c) throws CheckpointException {
        Vae vae = new Vae(RunConfig.fromCheckpoint(c).model());
        for (Parameter p : vae.parameters()) {
            p.value.copyFrom(c.requireArray(p.name, p.value.rows, p.value.cols));
        }
        return vae;
    }

    /** Restores the optimiser's state saved beside the parameters of {@code vae}. */
    public static void restoreOptimizer(Checkpoint c, Vae vae, Optimizer optimizer) throws CheckpointException {
        if (!optimizer.name().equals(c.get("optimizer.name"))) {
            throw new CheckpointException(c.source(), "was written by optimiser '" + c.get("optimizer.name")
                    + "', not '" + optimizer.name() + "'");
        }
        List<Parameter> params = vae.parameters();
        Map<String, float[]> arrays = new LinkedHashMap<>();
        for (String name : optimizer.state(params).keySet()) {
            Tensor t = c.array(name);
            if (t == null) {
                throw new CheckpointException(c.source(), "misses the optimiser array '" + name + "'");
            }
            arrays.put(name, t.data);
        }
        try {
            optimizer.restore(params, arrays, c.header());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(c.source(), e.getMessage());
        }
    }
}
