package aevb.cli;

import aevb.io.Checkpoint;
import aevb.run.ModelCheckpoint;
import aevb.run.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Finds the checkpoint a drawing or evaluating command was pointed at. */
final class Checkpoints {
    private Checkpoints() {}

    static final Flag FLAG = Flag.text("checkpoint", "PATH", null,
            "a run folder (its model.aevb, else checkpoint.aevb) or a checkpoint file (required)");

    static Checkpoint load(Args a, String command) throws UsageException, IOException {
        return ModelCheckpoint.load(file(a, "checkpoint", command));
    }

    /** The checkpoint file flag {@code --name} points at: a run folder's model.aevb (else checkpoint.aevb), or the file. */
    static Path file(Args a, String name, String command) throws UsageException {
        Path p = a.path(name);
        String flag = "--" + name;
        if (p == null) {
            throw new UsageException("aevb " + command + ": " + flag + " is required (a run folder written by aevb train)");
        }
        if (Files.isDirectory(p)) {
            Path model = p.resolve(TrainingRun.MODEL);
            Path ckpt = p.resolve(TrainingRun.CHECKPOINT);
            if (!Files.exists(model) && !Files.exists(ckpt)) {
                throw new UsageException("aevb " + command + ": " + flag + " " + p + " is a folder that holds neither "
                        + TrainingRun.MODEL + " nor " + TrainingRun.CHECKPOINT + " (give a run folder aevb train wrote)");
            }
            p = Files.exists(model) ? model : ckpt;
        }
        if (!Files.exists(p)) {
            throw new UsageException("aevb " + command + ": " + flag + " " + p + (Files.exists(p, LinkOption.NOFOLLOW_LINKS)
                    ? " is a symbolic link that leads nowhere (or loops)" : " does not exist"));
        }
        return p;
    }
}
