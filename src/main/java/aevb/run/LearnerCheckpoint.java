package aevb.run;

import aevb.io.Checkpoint;
import aevb.io.CheckpointException;
import aevb.nn.Optimizer;
import aevb.nn.Parameter;
import aevb.sgvb.Learner;
import aevb.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any {@link Learner} between two steps in a {@link Checkpoint}: its parameters by name, its
 * optimiser's state, its extra state (MCEM's chains) and its step count, beside the caller's own
 * header entries (the settings a resume must share, the loop's bookkeeping). Randomness is
 * counter-based, so no generator state is saved: restoring this is resuming exactly.
 */
public final class LearnerCheckpoint {
    public static final String FORMAT = "aevb-learner-1";
    static final String STEPS = "learner.steps";

    private LearnerCheckpoint() {}

    /** Writes (atomically) the learner's state and the caller's {@code header} to {@code file}. */
    public static void save(Path file, Map<String, String> header, Learner learner) throws IOException {
        Checkpoint c = new Checkpoint();
        c.put("format", FORMAT);
        header.forEach(c::put);
        c.put(STEPS, learner.steps());
        Optimizer optimizer = learner.optimizer();
        c.put("optimizer.name", optimizer.name());
        optimizer.scalars().forEach(c::put);
        learner.extraScalars().forEach(c::put);
        for (Parameter p : learner.parameters()) {
            c.putArray(p.name, p.value);
        }
        for (Map.Entry<String, float[]> e : optimizer.state(learner.optimized()).entrySet()) {
            c.putArray(e.getKey(), new Tensor(1, e.getValue().length, e.getValue()));
        }
        learner.extraArrays().forEach(c::putArray);
        c.save(file);
    }

    /** Loads a checkpoint and checks it is one of ours. */
    public static Checkpoint load(Path file) throws IOException {
        Checkpoint c = Checkpoint.load(file);
        if (!FORMAT.equals(c.get("format"))) {
            throw new CheckpointException(file.toString(), "not a learner checkpoint of aevb (format '" + c.get("format")
                    + "', expected '" + FORMAT + "')");
        }
        return c;
    }

    /** Puts the saved state into {@code learner}, built as the saved one was; returns its step count. */
    public static long restore(Checkpoint c, Learner learner) throws CheckpointException {
        for (Parameter p : learner.parameters()) {
            p.value.copyFrom(c.requireArray(p.name, p.value.rows, p.value.cols));
        }
        Optimizer optimizer = learner.optimizer();
        if (!optimizer.name().equals(c.get("optimizer.name"))) {
            throw new CheckpointException(c.source(), "was written by optimiser '" + c.get("optimizer.name")
                    + "', not '" + optimizer.name() + "'");
        }
        List<Parameter> optimized = learner.optimized();
        Map<String, float[]> arrays = new LinkedHashMap<>();
        for (String name : optimizer.state(optimized).keySet()) {
            Tensor t = c.array(name);
            if (t == null) {
                throw new CheckpointException(c.source(), "misses the optimiser array '" + name + "'");
            }
            arrays.put(name, t.data);
        }
        long steps = c.requireLong(STEPS);
        try {
            optimizer.restore(optimized, arrays, c.header());
            learner.resumeAt(steps);
            Map<String, Tensor> extra = new LinkedHashMap<>();
            for (String name : learner.extraArrays().keySet()) {
                Tensor t = c.array(name);
                if (t == null) {
                    throw new CheckpointException(c.source(), "misses the learner's array '" + name + "'");
                }
                extra.put(name, t);
            }
            Map<String, String> scalars = new LinkedHashMap<>();
            for (String key : learner.extraScalars().keySet()) {
                scalars.put(key, c.require(key));
            }
            learner.restoreExtra(scalars, extra);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(c.source(), e.getMessage());
        }
        return steps;
    }
}
