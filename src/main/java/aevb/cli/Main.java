package aevb.cli;

import aevb.io.OutputPaths;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code aevb} command line: {@code aevb <command> [flags]}. Exit codes: 0 done, 1 the work
 * failed (a message says why), 2 a bad command line (one line names the flag).
 */
public final class Main {
    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command c : commands()) {
            COMMANDS.put(c.name(), c);
        }
    }

    private Main() {}

    static List<Command> commands() {
        List<Command> cs = new ArrayList<>();
        cs.add(new TrainCommand());
        cs.addAll(DrawCommand.all());
        cs.add(new EvaluateCommand());
        cs.add(new CompareCommand());
        cs.add(new ExportCommand());
        cs.add(new DownloadCommand());
        cs.add(new ReproduceCommand());
        cs.add(new BenchCommand());
        cs.add(new TutorialCommand());
        cs.addAll(RestoreCommand.all());     // the paper's three uses (section 2.1)
        cs.addAll(LatentCommand.all());
        cs.add(new ScoreCommand());
        cs.add(new CompleteCommand());   // the conditional VAE (Sohn et al. 2015) against the VAE's inpainting
        return cs;
    }

    public static void main(String[] argv) {
        System.setProperty("java.awt.headless", "true");
        int code = run(argv, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line; returns its exit code. Used by main and by the tests. */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
            if (argv.length > 1 && COMMANDS.containsKey(argv[1])) {
                Command c = COMMANDS.get(argv[1]);
                out.print(Args.usage(c.name(), c.positionalUsage(), c.summary(), c.flags()));
                return 0;
            }
            out.print(overview());
            return 0;
        }
        if (argv[0].equals("--version") || argv[0].equals("version")) {
            out.println(Version.line());
            return 0;
        }
        Command c = COMMANDS.get(argv[0]);
        if (c == null) {
            String near = Suggest.nearest(argv[0], COMMANDS.keySet());
            err.println("aevb: unknown command '" + argv[0] + "'" + (near != null ? "; did you mean " + near + "?" : "")
                    + " (commands: " + String.join(", ", COMMANDS.keySet()) + "; see aevb --help)");
            return 2;
        }
        if (!vectorModuleLoaded()) {
            err.println(VECTOR_MODULE_MISSING);
            return 1;
        }
        try {
            Args args = Args.parse(c.name(), c.flags(), Arrays.copyOfRange(argv, 1, argv.length), c.maxPositional());
            if (args.help()) {
                out.print(Args.usage(c.name(), c.positionalUsage(), c.summary(), c.flags()));
                return 0;
            }
            return c.run(args, out, err);
        } catch (UsageException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("aevb " + c.name() + ": " + OutputPaths.describe(e));
            debug(e, err);
            return 1;
        } catch (UncheckedIOException e) {
            err.println("aevb " + c.name() + ": " + OutputPaths.describe(e.getCause()));
            debug(e, err);
            return 1;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("aevb " + c.name() + ": " + e.getMessage());
            debug(e, err);
            return 1;
        } catch (NoClassDefFoundError e) {
            if (!isVectorModuleMissing(e)) {
                throw e;
            }
            err.println(VECTOR_MODULE_MISSING);
            return 1;
        } catch (OutOfMemoryError e) {
            err.println("aevb " + c.name() + ": out of memory; give the JVM more with AEVB_JAVA_OPTS=-Xmx8g");
            return 1;
        } catch (Exception e) {
            err.println("aevb " + c.name() + ": " + e);
            debug(e, err);
            return 1;
        }
    }

    /**
     * What to say when the JVM was started without the Vector API module: a jar's manifest cannot
     * add a module, so {@code java -jar target/aevb.jar} alone fails with ClassNotFoundException.
     */
    static final String VECTOR_MODULE_MISSING = "aevb: the Vector API module is not loaded; start java with "
            + "--add-modules jdk.incubator.vector, e.g. java --add-modules jdk.incubator.vector -jar target/aevb.jar "
            + "train (./aevb adds it for you)";

    /** True when jdk.incubator.vector is in the boot layer, or when the scalar kernels were asked for. */
    static boolean vectorModuleLoaded() {
        String simd = System.getProperty("aevb.simd", System.getenv().getOrDefault("AEVB_SIMD", "true"));
        return !Boolean.parseBoolean(simd) || ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** True when {@code e} (or its cause) is a class of jdk.incubator.vector that could not be found. */
    static boolean isVectorModuleMissing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("jdk/incubator/vector") || m.contains("jdk.incubator.vector")) {
                return true;
            }
        }
        return false;
    }

    private static void debug(Throwable e, PrintStream err) {
        if (System.getenv("AEVB_DEBUG") != null) {
            e.printStackTrace(err);
        }
    }

    static String overview() {
        StringBuilder sb = new StringBuilder();
        sb.append("aevb: Auto-Encoding Variational Bayes (Kingma & Welling, 2013) in plain Java\n\n");
        sb.append("usage: aevb <command> [flags]    (aevb <command> --help for its flags; aevb --version)\n\ncommands:\n");
        for (Command c : COMMANDS.values()) {
            sb.append(String.format("  %-12s %s%n", c.name(), c.summary()));
        }
        sb.append(String.format("  %-12s %s%n", "test", "run the test suite (through Maven)"));
        return sb.toString();
    }
}
