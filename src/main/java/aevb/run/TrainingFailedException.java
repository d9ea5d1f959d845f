package aevb.run;

import java.io.IOException;

/** Training stopped on a non-finite value; the message names it, the step and the last good checkpoint. */
public final class TrainingFailedException extends IOException {
    public TrainingFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
