package aevb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./aevb} launcher, run by bash on a copy of the project: with {@code mvn} hidden from
 * the PATH it builds the jar with javac and jar and says so once; with no JDK 25 anywhere it lists
 * what it found (each JDK once) and how to install one.
 */
class LauncherTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    /** Removes the links of {@link #pathWithout} ourselves: JUnit's clean-up warns about each one it meets. */
    @AfterEach
    void removeLinks() throws IOException {
        Path bin = tmp.resolve("bin");
        if (Files.isDirectory(bin)) {
            try (Stream<Path> links = Files.list(bin)) {
                for (Path l : (Iterable<Path>) links::iterator) {
                    Files.delete(l);
                }
            }
        }
        Path jdks = tmp.resolve("jdks/current");
        Files.deleteIfExists(jdks);
    }

    /** A copy of the launcher and the sources (not target/, not runs/). */
    private Path project() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        Path copy = tmp.resolve("aevb project");  // a space in the path, on purpose
        for (String top : List.of("aevb", "pom.xml", "src/main")) {
            Path from = root.resolve(top);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path to = copy.resolve(root.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        return copy;
    }

    /** A folder of links to every program on the PATH except {@code hidden}: the PATH of a machine without them. */
    private Path pathWithout(Set<String> hidden) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    Path link = bin.resolve(name);
                    if (!hidden.contains(name) && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && Files.isExecutable(f) && !Files.isDirectory(f)) {
                        Files.createSymbolicLink(link, f);
                    }
                }
            }
        }
        return bin;
    }

    private static Run run(Path project, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("/bin/bash", project.resolve("aevb").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("AEVB_TTY");
        pb.environment().putAll(env);
        Path out = Files.createTempFile("launcher", ".out"), err = Files.createTempFile("launcher", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the launcher ends");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static boolean hasBash() {
        return Files.isExecutable(Path.of("/bin/bash"));
    }

    @Test
    void withoutMavenTheJarIsBuiltWithJavacAndTheCommandRuns() throws Exception {
        assumeTrue(hasBash(), "needs bash");
        Path jdk = Path.of(System.getProperty("java.home"));
        assumeTrue(Files.isExecutable(jdk.resolve("bin/javac")), "the tests run on a JDK");
        Path project = project();
        Path bin = pathWithout(Set.of("mvn", "mvnw"));
        Map<String, String> env = Map.of("PATH", bin.toString(), "JAVA_HOME", jdk.toString(),
                "AEVB_JDK_DIRS", tmp.resolve("no-jdks-here/*").toString());
        Run first = run(project, env, "--help");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.err().contains("Maven (mvn) not found; building target/aevb.jar with the JDK's javac and jar"),
                first.err());
        assertTrue(first.err().contains("(chosen: JAVA_HOME)"), first.err());
        assertTrue(first.out().startsWith("aevb: Auto-Encoding Variational Bayes"), first.out());
        assertTrue(Files.isRegularFile(project.resolve("target/aevb.jar")));
        Run second = run(project, env, "evaluate", "--help");
        assertEquals(0, second.code(), second.err());
        assertFalse(second.err().contains("javac"), "says so once, when it builds: " + second.err());
        assertTrue(second.out().contains("--weights"), second.out());
    }

    @Test
    void withNoJdk25TheLauncherListsWhatItFoundOnceAndHowToInstallOne() throws Exception {
        assumeTrue(hasBash(), "needs bash");
        Path project = project();
        Path bin = pathWithout(Set.of("mvn", "mvnw", "java", "javac"));
        // A fake JDK 17, reachable three ways: JAVA_HOME through a symlink, and twice in the scanned folder.
        Path jdks = Files.createDirectories(tmp.resolve("jdks"));
        Path old = Files.createDirectories(jdks.resolve("jdk-17.0.15/bin"));
        for (String tool : List.of("java", "javac")) {
            Path f = old.resolve(tool);
            Files.writeString(f, "#!/bin/sh\necho 'unexpected call' >&2\nexit 3\n");
            f.toFile().setExecutable(true);
        }
        Files.writeString(jdks.resolve("jdk-17.0.15/release"), "JAVA_VERSION=\"17.0.15\"\n");
        Files.createSymbolicLink(jdks.resolve("current"), jdks.resolve("jdk-17.0.15"));
        Map<String, String> env = Map.of("PATH", bin.toString(), "JAVA_HOME", jdks.resolve("current").toString(),
                "AEVB_JDK_DIRS", jdks + "/*");
        Run r = run(project, env, "train");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("aevb: no JDK 25 or newer found"), r.err());
        String listed = jdks.resolve("jdk-17.0.15").toRealPath() + " (java 17, from JAVA_HOME)";
        assertTrue(r.err().contains(listed), r.err());
        assertEquals(1, r.err().split(java.util.regex.Pattern.quote(jdks.resolve("jdk-17.0.15").toRealPath().toString()), -1).length - 1,
                "each JDK once: " + r.err());
        assertTrue(r.err().contains("Debian 12 has no openjdk-25-jdk"), r.err());
        assertTrue(r.err().contains("apt-get install -y temurin-25-jdk"), r.err());
        assertTrue(r.err().contains("sdk install java"), r.err());
        assertFalse(r.err().contains("unexpected call"), "the version comes from the release file");
        assertFalse(Files.exists(project.resolve("target")), "nothing was built");
    }
}
