package aevb.cli;

/** A bad command line: the message is one line naming the flag and what it accepts (exit 2). */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
