package aevb.cli;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of {@code aevb}. */
public interface Command {
    String name();

    /** One line for the command list. */
    String summary();

    List<Flag> flags();

    /** Positional words shown in the usage line, e.g. "N" or "[mnist|frey]"; empty if none. */
    default String positionalUsage() {
        return "";
    }

    default int maxPositional() {
        return 0;
    }

    /** Runs the command; returns the exit code. */
    int run(Args args, PrintStream out, PrintStream err) throws Exception;
}
