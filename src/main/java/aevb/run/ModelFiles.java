package aevb.run;

import aevb.io.Checkpoint;
import aevb.io.CheckpointException;
import aevb.io.Weights;
import aevb.nn.Parameter;
import aevb.sgvb.Vae;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A trained model as a file to share: its parameters and the configuration they belong to, and
 * nothing else. A run's {@code model.aevb} is its whole last checkpoint, the optimiser's state
 * included (Adagrad's accumulators double its size); a finished model needs only the weights.
 * Three ways out: {@link #weights} for NumPy and PyTorch ({@code .npz}, {@code .safetensors}), and
 * {@link #saveModelOnly} as an aevb checkpoint that every aevb command reads but that cannot
 * be resumed.
 */
public final class ModelFiles {
    /** The metadata key that names what wrote a weights file. */
    public static final String FORMAT_KEY = "aevb.format";
    public static final String FORMAT = "aevb-weights-1";

    private ModelFiles() {}

    /** The parameters of checkpoint {@code c} by name, with its configuration (and step) as metadata. */
    public static Weights weights(Checkpoint c) throws CheckpointException {
        Vae vae = ModelCheckpoint.model(c);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(FORMAT_KEY, FORMAT);
        meta.putAll(RunConfig.fromCheckpoint(c).toHeader());
        for (String k : new String[] {"state.step", "state.samplesSeen"}) {
            if (c.get(k) != null) {
                meta.put(k, c.get(k));
            }
        }
        Map<String, aevb.tensor.Tensor> arrays = new LinkedHashMap<>();
        for (Parameter p : vae.parameters()) {
            arrays.put(p.name, p.value);
        }
        return new Weights(arrays, meta);
    }

    /**
     * Imported weights as a checkpoint in memory, for the commands that read checkpoints: the
     * configuration from the metadata, the arrays by name. The arrays must be exactly the model's
     * parameters, with the shapes the configuration gives.
     */
    public static Checkpoint checkpoint(Weights w, Path source) throws CheckpointException {
        String name = String.valueOf(source);
        if (!FORMAT.equals(w.metadata().get(FORMAT_KEY))) {
            throw new CheckpointException(name, "has no aevb configuration in its metadata ("
                    + FORMAT_KEY + " = " + FORMAT + "); export it with aevb export");
        }
        Checkpoint c = Checkpoint.inMemory(name);
        c.put("format", ModelCheckpoint.FORMAT);
        w.metadata().forEach((k, v) -> {
            if (!k.equals(FORMAT_KEY)) {
                c.put(k, v);
            }
        });
        Vae shape = new Vae(RunConfig.fromCheckpoint(c).model());
        Set<String> expected = new TreeSet<>();
        for (Parameter p : shape.parameters()) {
            expected.add(p.name);
        }
        Set<String> extra = new TreeSet<>(w.arrays().keySet());
        extra.removeAll(expected);
        if (!extra.isEmpty()) {
            throw new CheckpointException(name, "holds arrays the model does not have: " + String.join(", ", extra));
        }
        w.arrays().forEach(c::putArray);
        ModelCheckpoint.model(c); // every parameter present, with its shape
        return c;
    }

    /** Writes the parameters and the configuration of {@code c} (no optimiser state) to {@code file}. */
    public static void saveModelOnly(Checkpoint c, Path file) throws IOException {
        Checkpoint out = Checkpoint.inMemory(String.valueOf(file));
        c.header().forEach(out::put);
        out.put("model.only", "true");
        for (Parameter p : ModelCheckpoint.model(c).parameters()) {
            out.putArray(p.name, p.value);
        }
        out.save(file);
    }
}
