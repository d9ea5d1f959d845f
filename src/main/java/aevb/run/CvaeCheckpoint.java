package aevb.run;

import aevb.io.Checkpoint;
import aevb.io.CheckpointException;
import aevb.sgvb.Cvae;
import aevb.sgvb.CvaeConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A conditional VAE's checkpoint ({@link CvaeRun} writes it as a {@link LearnerCheckpoint}): the
 * run's configuration, the model's ({@link CvaeConfig}, the entries {@code cvae.*}) and the
 * parameters, read back with every size checked before anything is allocated from it.
 */
public final class CvaeCheckpoint {
    /** The header entry that marks a CVAE checkpoint. */
    public static final String CONDITION_KEY = "cvae.condition";

    private CvaeCheckpoint() {}

    /** Whether {@code file} is a checkpoint of a conditional VAE (read without checking more). */
    public static boolean isCvae(Path file) {
        try {
            return Checkpoint.load(file).get(CONDITION_KEY) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** A CVAE checkpoint, its configuration checked. */
    public static Checkpoint load(Path file) throws IOException {
        Checkpoint c = LearnerCheckpoint.load(file);
        model(c);
        config(c);
        return c;
    }

    /** The model's configuration. */
    public static CvaeConfig model(Checkpoint c) throws CheckpointException {
        try {
            return CvaeConfig.fromHeader(c.header());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(c.source(), "bad CVAE configuration: " + e.getMessage());
        }
    }

    /** The run's configuration. */
    public static RunConfig config(Checkpoint c) throws CheckpointException {
        return RunConfig.fromCheckpoint(c);
    }

    /** The trained model in a checkpoint. */
    public static Cvae trained(Checkpoint c) throws CheckpointException {
        Cvae cvae = new Cvae(model(c));
        for (var p : cvae.parameters()) {
            p.value.copyFrom(c.requireArray(p.name, p.value.rows, p.value.cols));
        }
        return cvae;
    }

}
