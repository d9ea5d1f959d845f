package aevb.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that cannot be used as it is: wrong magic number, absurd or inconsistent
 * dimensions, truncated or corrupt content, a missing variable.
 *
 * <p>It is the one exception type the data readers throw for bad content, so the command line
 * can catch it and print its message, never a stack trace. The message always starts with the
 * file, then says what is wrong, and where it can, how to fix it:
 * {@code data/x.gz: truncated: header says 10000 images of 28x28 (7840000 bytes) but the
 * data ends after 1234 bytes; download it again with ./aevb download mnist}.
 */
public class DataFormatException extends IOException {
    private final String file;
    private final String problem;

    public DataFormatException(String file, String problem) {
        this(file, problem, null);
    }

    public DataFormatException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    public DataFormatException(Path file, String problem) {
        this(String.valueOf(file), problem, null);
    }

    public DataFormatException(Path file, String problem, Throwable cause) {
        this(String.valueOf(file), problem, cause);
    }

    /** The file (or source) the problem was found in, as the user named it. */
    public String file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }

    /**
     * The same problem with a fix appended ("; download it again with ..."): readers know what
     * is wrong, only the caller knows where the file came from and so how to get a good one.
     */
    public DataFormatException withFix(String fix) {
        return new DataFormatException(file, problem + "; " + fix, getCause() == null ? this : getCause());
    }
}
