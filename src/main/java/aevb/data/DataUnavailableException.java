package aevb.data;

import java.io.IOException;

/**
 * A data set that is not on this machine and could not be fetched: not downloaded yet (and
 * downloads not allowed), offline, every mirror failing, or a download that did not verify.
 * The message says what was tried and what to do by hand.
 */
public class DataUnavailableException extends IOException {
    public DataUnavailableException(String message) {
        super(message);
    }

    public DataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
