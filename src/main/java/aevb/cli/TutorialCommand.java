package aevb.cli;

import aevb.data.DataDirs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * {@code aevb tutorial [N]}: the step-by-step tutorials, one short program per idea of the paper.
 *
 * <p>A step is a compact Java source file {@code tutorials/StepNN<Name>.java} (JDK 25: a
 * {@code void main()} and its imports, no class around them) whose header comment is its text,
 * opening with the line {@code Step N. <title>}. This command finds the {@code tutorials/} folder
 * the way the embedded sample is found ({@link DataDirs#homeCandidates()}), compiles the step in
 * memory with the JDK's own compiler against aevb's classes, and runs its {@code main} in this
 * JVM. Nothing is written next to the sources, and an edited step runs as edited, with no build.
 *
 * <p>The steps read three system properties, which the flags set: {@value #QUICK} (shorter runs,
 * for the tests), {@value #RUNS} (the folder their output folders go in, {@code runs} by default)
 * and {@value #DATA_DIR} (where downloaded data sets are). Run by hand with the JDK's source
 * launcher, {@code java --add-modules jdk.incubator.vector -cp target/aevb.jar tutorials/Step02Tape.java},
 * a step behaves the same with the defaults.
 */
public final class TutorialCommand implements Command {
    /** System property: "true" makes the long steps (training) shorter; same code path. */
    public static final String QUICK = "aevb.tutorial.quick";
    /** System property: the folder the steps write their output folders into (default runs). */
    public static final String RUNS = "aevb.tutorial.runs";
    /** System property: where downloaded data sets are (the {@code --data-dir} of other commands). */
    public static final String DATA_DIR = "aevb.tutorial.dataDir";
    /** The folder of the tutorials inside the aevb folder. */
    public static final String FOLDER = "tutorials";

    private static final Pattern FILE = Pattern.compile("Step(\\d{2})\\w*\\.java");
    private static final Pattern TITLE = Pattern.compile("^\\s*(?:/\\*+|\\*|//)?\\s*Step (\\d+)\\.\\s+(.+?)\\s*$");

    /** One tutorial: its number, its source file and the title line of its header. */
    record Step(int number, Path file, String title) {
        String className() {
            String name = file.getFileName().toString();
            return name.substring(0, name.length() - ".java".length());
        }
    }

    @Override
    public String name() {
        return "tutorial";
    }

    @Override
    public String summary() {
        return "run step N of the tutorials (no N: list them)";
    }

    @Override
    public String positionalUsage() {
        return "[N]";
    }

    @Override
    public int maxPositional() {
        return 1;
    }

    @Override
    public List<Flag> flags() {
        return List.of(
                Flag.toggle("quick", "shorter training in the long steps (what the tests run); same code"),
                Flag.text("runs", "DIR", "runs", "where the steps write their folders (tutorial-NN/)"),
                Flag.text("data-dir", "DIR", null, "where downloaded data sets are (step 11 uses Frey Face from there if present)"));
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        Path folder = folder();
        List<Step> steps = steps(folder);
        if (steps.isEmpty()) {
            throw new IllegalStateException("no tutorials (Step01*.java ...) in " + folder);
        }
        if (a.positional().isEmpty()) {
            out.print(listing(steps, folder));
            return 0;
        }
        String word = a.positional().get(0);
        Step step = null;
        for (Step s : steps) {
            if (word.matches("\\d{1,3}") && s.number() == Integer.parseInt(word)) {
                step = s;
            }
        }
        if (step == null) {
            throw new UsageException("aevb tutorial: no step '" + word + "'; the steps are 1 to "
                    + steps.get(steps.size() - 1).number() + " (aevb tutorial lists them)");
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put(QUICK, a.toggle("quick") ? "true" : null);
        props.put(RUNS, a.get("runs"));
        props.put(DATA_DIR, a.get("data-dir"));
        return runStep(step, props, out, err);
    }

    /** The tutorials folder: beside the jar's project folder, the working folder, or -Daevb.home. */
    static Path folder() {
        List<Path> tried = new ArrayList<>();
        for (Path home : DataDirs.homeCandidates()) {
            Path p = home.resolve(FOLDER).normalize();
            if (tried.contains(p)) {
                continue;
            }
            tried.add(p);
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p)) {
                return p;
            }
        }
        StringBuilder sb = new StringBuilder("the tutorials folder (" + FOLDER + "/) was not found; looked in:");
        for (Path p : tried) {
            sb.append("\n  ").append(p.toAbsolutePath());
        }
        sb.append("\nrun aevb from its own folder (./aevb tutorial), or pass -D" + DataDirs.HOME_PROPERTY + "=<the aevb folder>");
        throw new IllegalStateException(sb.toString());
    }

    /** The steps in a folder, by number; the title is the header's "Step N. ..." line. */
    static List<Step> steps(Path folder) throws IOException {
        List<Step> steps = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                Matcher m = FILE.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                int n = Integer.parseInt(m.group(1));
                String title = "(no 'Step " + n + ". title' line in its header)";
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    Matcher t = TITLE.matcher(line);
                    if (t.matches() && Integer.parseInt(t.group(1)) == n) {
                        title = t.group(2);
                        break;
                    }
                }
                steps.add(new Step(n, f, title));
            }
        }
        steps.sort(Comparator.comparingInt(Step::number));
        return steps;
    }

    static String listing(List<Step> steps, Path folder) {
        StringBuilder sb = new StringBuilder();
        sb.append("The aevb tutorials: one short program per idea of Kingma & Welling (2013), in order.\n");
        sb.append("Each prints what it measures and ends with CHECK lines you can verify; the text is at the top of its file.\n\n");
        for (Step s : steps) {
            sb.append(String.format(Locale.ROOT, "  ./aevb tutorial %-3d %s%n", s.number(), s.title()));
        }
        sb.append("\nfolder: ").append(folder).append("  (README.md there describes the path)\n");
        sb.append("flags:  --quick for shorter runs, --runs DIR for where they write (default runs/),\n");
        sb.append("        --data-dir DIR for downloaded data (step 11 uses Frey Face from there if present)\n");
        return sb.toString();
    }

    /**
     * Compiles and runs one step with the given system properties (null values clear them), its
     * System.out and System.err going to out and err. Returns 0, or 1 with a message on err when
     * it does not compile or fails (a CHECK that fails throws).
     */
    static int runStep(Step step, Map<String, String> props, PrintStream out, PrintStream err) {
        out.println("== Step " + step.number() + ". " + step.title());
        out.println("   (" + step.file() + ")");
        out.println();
        out.flush();
        long t0 = System.nanoTime();
        Class<?> main;
        try {
            main = compile(step);
        } catch (CompileException e) {
            err.println("aevb tutorial " + step.number() + ": " + step.file().getFileName() + " does not compile:");
            err.print(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("aevb tutorial " + step.number() + ": " + e.getMessage());
            return 1;
        }
        Map<String, String> saved = new HashMap<>();
        PrintStream sysOut = System.out, sysErr = System.err;
        try {
            props.forEach((k, v) -> {
                saved.put(k, System.getProperty(k));
                set(k, v);
            });
            System.setProperty("java.awt.headless", "true");
            System.setOut(out);
            System.setErr(err);
            invokeMain(main);
        } catch (Throwable e) {
            out.flush();
            err.println("aevb tutorial " + step.number() + " failed: " + e);
            for (StackTraceElement f : e.getStackTrace()) {
                if (f.getClassName().startsWith(step.className())) {
                    err.println("    at " + step.file().getFileName() + " line " + f.getLineNumber());
                }
            }
            if (System.getenv("AEVB_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        } finally {
            System.setOut(sysOut);
            System.setErr(sysErr);
            saved.forEach(TutorialCommand::set);
        }
        out.println();
        out.printf(Locale.ROOT, "== step %d done in %.1f s%n", step.number(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    /** A step's source did not compile; the message lists the errors as javac words them. */
    static final class CompileException extends Exception {
        private static final long serialVersionUID = 1L;

        CompileException(String message) {
            super(message);
        }
    }

    /**
     * Compiles one source file in memory against aevb's own classes (the jar or classes folder
     * this class came from) and loads it with a class loader whose parent knows aevb.
     */
    static Class<?> compile(Step step) throws IOException, CompileException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IOException("this Java runtime (" + System.getProperty("java.home") + ") has no compiler;"
                    + " the tutorials are compiled when they run and need a full JDK 25");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("--release", "25", "--add-modules", "jdk.incubator.vector",
                "-classpath", aevbClasspath(), "-proc:none", "-g", "-encoding", "UTF-8");
        boolean ok;
        Map<String, ByteArrayOutputStream> classes;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
             MemoryFiles memory = new MemoryFiles(files)) {
            ok = javac.getTask(null, memory, diagnostics, options, null, files.getJavaFileObjects(step.file())).call();
            classes = memory.classes;
        }
        if (!ok) {
            StringBuilder sb = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) {
                    continue; // e.g. "using incubating module(s)": true, and no help to a reader
                }
                sb.append(String.format(Locale.ROOT, "  %s:%d:%d: error: %s%n", step.file().getFileName(),
                        d.getLineNumber(), d.getColumnNumber(), d.getMessage(Locale.ROOT)));
            }
            throw new CompileException(sb.toString());
        }
        ClassLoader loader = new MemoryClassLoader(classes, TutorialCommand.class.getClassLoader());
        try {
            return loader.loadClass(step.className());
        } catch (ClassNotFoundException e) {
            throw new CompileException("  " + step.file().getFileName() + " compiled but declares no class "
                    + step.className() + " (a step is a compact source file: imports and void main())\n");
        }
    }

    /** Where aevb's classes are: target/aevb.jar, target/classes, or what the class path says. */
    static String aevbClasspath() {
        try {
            var src = TutorialCommand.class.getProtectionDomain().getCodeSource();
            if (src != null) {
                URI uri = src.getLocation().toURI();
                return Path.of(uri).toString();
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // fall back to the class path
        }
        return System.getProperty("java.class.path");
    }

    /** Calls main(String[]) or main(), static or not, as the java launcher does (JEP 512). */
    static void invokeMain(Class<?> c) throws Throwable {
        Method m;
        Object[] args;
        try {
            m = c.getDeclaredMethod("main", String[].class);
            args = new Object[] {new String[0]};
        } catch (NoSuchMethodException e) {
            try {
                m = c.getDeclaredMethod("main");
                args = new Object[0];
            } catch (NoSuchMethodException e2) {
                throw new IllegalStateException(c.getName() + " has no main method");
            }
        }
        m.setAccessible(true);
        Object target = null;
        if (!Modifier.isStatic(m.getModifiers())) {
            var ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            target = ctor.newInstance();
        }
        try {
            m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Keeps the class files javac writes in memory; everything else goes to the standard manager. */
    private static final class MemoryFiles extends ForwardingJavaFileManager<JavaFileManager> {
        final Map<String, ByteArrayOutputStream> classes = new HashMap<>();

        MemoryFiles(JavaFileManager files) {
            super(files);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    classes.put(className, bytes);
                    return bytes;
                }
            };
        }
    }

    /** Defines the compiled classes; asks its parent (aevb, the JDK) for everything else. */
    private static final class MemoryClassLoader extends ClassLoader {
        private final Map<String, ByteArrayOutputStream> classes;

        MemoryClassLoader(Map<String, ByteArrayOutputStream> classes, ClassLoader parent) {
            super("tutorial", parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            ByteArrayOutputStream bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] b = bytes.toByteArray();
            return defineClass(name, b, 0, b.length);
        }
    }
}
