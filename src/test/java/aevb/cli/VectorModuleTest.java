package aevb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar aevb.jar train} without --add-modules: one line with the flag, no stack trace, no run folder. */
class VectorModuleTest {
    @TempDir
    Path dir;

    @Test
    void aJvmWithoutTheVectorModuleGetsTheFlagItNeeds() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = dir.resolve("run");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "aevb.cli.Main", "train", "--out", out.toString()))
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ends at once");
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), text);
        assertTrue(text.contains("--add-modules jdk.incubator.vector"), text);
        assertFalse(text.contains("Exception"), text);
        assertFalse(Files.exists(out), "nothing is written before the check");
    }

    @Test
    void recognisesTheErrorOfAMissingVectorClass() {
        NoClassDefFoundError e = new NoClassDefFoundError("jdk/incubator/vector/Vector");
        e.initCause(new ClassNotFoundException("jdk.incubator.vector.Vector"));
        assertTrue(Main.isVectorModuleMissing(e));
        assertFalse(Main.isVectorModuleMissing(new NoClassDefFoundError("com/example/Other")));
        assertTrue(Main.vectorModuleLoaded(), "the tests run with the module");
    }
}
