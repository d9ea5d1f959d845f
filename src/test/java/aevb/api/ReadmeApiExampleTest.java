package aevb.api;

import static org.junit.jupiter.api.Assertions.*;

import aevb.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's JShell example runs, as written, in JShell (on a small model trained here). */
class ReadmeApiExampleTest {
    static final String MARKER = "<!-- api-example: run by ReadmeApiExampleTest -->";

    static String example() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf(MARKER);
        assertTrue(at >= 0, "README.md has the marked API example");
        int from = readme.indexOf("```java\n", at) + "```java\n".length(), to = readme.indexOf("```", from);
        return readme.substring(from, to);
    }

    @Test
    void theReadmeExampleRunsInJShell(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(sink, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(new String[] {"train", "--epochs", "1", "--hidden", "30", "--latent", "3", "--out",
                run.toString(), "--no-figures", "--eval-points", "50"}, quiet, quiet), sink.toString());
        String code = example().replace("runs/sample-z20-s1", run.toString().replace('\\', '/'))
                .replace("\"reconstructions.png\"", "\"" + tmp.resolve("recon.png").toString().replace('\\', '/') + "\"");
        assertTrue(code.lines().filter(l -> !l.isBlank()).count() <= 6, "the example is about five lines:\n" + code);
        try (JShell shell = JShell.builder().executionEngine("local").out(quiet).err(quiet)
                .compilerOptions("--add-modules", "jdk.incubator.vector").build()) {
            shell.addToClasspath(Path.of("target", "classes").toAbsolutePath().toString());
            for (String imp : List.of("import aevb.api.TrainedVae;", "import aevb.tensor.Tensor;")) {
                shell.eval(imp);
            }
            String rest = code;
            while (!rest.isBlank()) {
                SourceCodeAnalysis.CompletionInfo c = shell.sourceCodeAnalysis().analyzeCompletion(rest);
                for (SnippetEvent e : shell.eval(c.source())) {
                    assertNull(e.exception(), "snippet threw: " + c.source() + " " + e.exception());
                    assertNotEquals(Snippet.Status.REJECTED, e.status(), "snippet rejected: " + c.source()
                            + shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
                }
                rest = c.remaining();
            }
        }
        assertTrue(Files.size(tmp.resolve("recon.png")) > 500, "the example wrote its PNG");

        TrainedVae vae = TrainedVae.load(run.toString());
        aevb.tensor.Tensor a = vae.sample(4, 7), b = vae.sample(4, 7);
        assertArrayEquals(a.data, b.data, "sample(n, seed) is a function of the seed");
        assertEquals(784, a.cols);
        aevb.tensor.Tensor x = vae.heldOutImages(3);
        aevb.tensor.Tensor mask = aevb.infer.Corruptions.lowerHalfMissing(3, 28, 28);
        aevb.tensor.Tensor filled = vae.inpaint(x, mask, 1);
        for (int j = 0; j < 14 * 28; j++) {
            assertEquals(x.data[j], filled.data[j], "inpaint keeps the observed pixels");
        }
        assertEquals(5, vae.interpolate(x.rowSlice(0, 1), x.rowSlice(1, 2), 5).rows);
        for (double l : vae.logLikelihood(x, 10, 1)) {
            assertTrue(l < 0 && Double.isFinite(l), "log p(x) " + l);
        }
        assertThrows(java.io.IOException.class, () -> TrainedVae.load(tmp.resolve("none").toString()));
    }
}
