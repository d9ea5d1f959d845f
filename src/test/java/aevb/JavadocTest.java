package aevb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API documentation builds: the JDK's javadoc on the main sources reports no error (an unescaped &lt; fails it). */
class JavadocTest {
    @Test
    void javadocBuildsWithoutErrors(@TempDir Path out) {
        ToolProvider javadoc = ToolProvider.findFirst("javadoc").orElse(null);
        assertNotNull(javadoc, "the JDK's javadoc tool (the tests run on a JDK, not a JRE)");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
        int code = javadoc.run(ps, ps, "-quiet", "-d", out.toString(), "--add-modules", "jdk.incubator.vector",
                "-sourcepath", Path.of("src/main/java").toString(), "-subpackages", "aevb");
        String errors = String.join("\n", log.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("error:")).toList());
        assertEquals("", errors, "javadoc errors");
        assertEquals(0, code, "javadoc exit code; its output:\n" + log.toString(StandardCharsets.UTF_8).lines().limit(40).toList());
    }
}
