package aevb.io;

import java.io.IOException;

/**
 * A checkpoint that cannot be used: not a checkpoint, another format version, truncated,
 * corrupt (CRC32 mismatch), or lacking a header entry or array the model needs. The message
 * starts with the file and says what is wrong.
 */
public class CheckpointException extends IOException {
    public CheckpointException(String file, String problem) {
        super(file + ": " + problem);
    }
}
