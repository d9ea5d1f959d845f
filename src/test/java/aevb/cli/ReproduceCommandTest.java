package aevb.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code aevb reproduce}: a tiny figure 2 end to end on the embedded sample, and its usage errors. */
class ReproduceCommandTest {

    record Result(int code, String out, String err) {}

    static Result run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void figure2QuickOnTinySettingsWritesPngCsvAndSummary(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("fig2");
        Result r = run("reproduce", "figure2", "--budget", "quick", "--datasets", "sample", "--nz", "2,3",
                "--samples", "1500", "--hidden", "12", "--eval-points", "50", "--threads", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        for (String f : new String[] {"figure2.png", "figure2.csv", "summary.md", "config.txt"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(r.out().contains("| MNIST sample | 3 |"), "the summary is printed: " + r.out());
        assertTrue(r.out().contains("1,500 training samples per curve"), r.out());
        // 2 Nz x 2 methods x measurements at 1000 and 1500 samples
        assertEquals(1 + 2 * 2 * 2, Files.readAllLines(out.resolve("figure2.csv")).size());
        // the same command again would overwrite: it says how to continue instead
        Result again = run("reproduce", "figure2", "--datasets", "sample", "--nz", "2,3", "--samples", "1500",
                "--hidden", "12", "--eval-points", "50", "--out", out.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("--resume"), again.err());
        Result resumed = run("reproduce", "figure2", "--datasets", "sample", "--nz", "2,3", "--samples", "1500",
                "--hidden", "12", "--eval-points", "50", "--out", out.toString(), "--resume");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("reusing the finished curves"), resumed.out());
    }

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of(new String[] {"reproduce"}, "which figure?"),
                Arguments.of(new String[] {"reproduce", "figure6"}, "unknown figure 'figure6'"),
                Arguments.of(new String[] {"reproduce", "figure2", "figure4"}, "unexpected argument 'figure4'"),
                Arguments.of(new String[] {"reproduce", "figure2", "--budget", "huge"}, "--budget expects one of quick, long, paper"),
                Arguments.of(new String[] {"reproduce", "figure2", "--datasets", "cifar"}, "--datasets expects data sets from mnist, frey, sample"),
                Arguments.of(new String[] {"reproduce", "figure2", "--datasets", "mnist,mnist"}, "--datasets lists an item twice"),
                Arguments.of(new String[] {"reproduce", "figure2", "--nz", "3,x"}, "--nz expects latent sizes from 1 to 1000"),
                Arguments.of(new String[] {"reproduce", "figure2", "--nz", "0"}, "--nz expects latent sizes from 1 to 1000"),
                Arguments.of(new String[] {"reproduce", "figure2", "--samples", "0"}, "--samples expects an integer from 1"),
                Arguments.of(new String[] {"reproduce", "figure2", "--wake-sleep-lr", "0"}, "--wake-sleep-lr expects a number greater than 0"),
                Arguments.of(new String[] {"reproduce", "figure4", "--eval-points", "10"}, "--eval-points is for figure2 and figure3 only"),
                Arguments.of(new String[] {"reproduce", "figure5", "--wake-sleep-lr", "0.1"}, "--wake-sleep-lr is for figure2 and figure3 only"),
                Arguments.of(new String[] {"reproduce", "figure4", "--nz", "3"}, "figure4 is the manifold of Nz = 2"),
                Arguments.of(new String[] {"reproduce", "figure5", "--datasets", "frey"}, "figure5 draws MNIST samples"),
                Arguments.of(new String[] {"reproduce", "figure3", "--datasets", "frey"}, "figure3 is an MNIST experiment"),
                Arguments.of(new String[] {"reproduce", "figure3", "--nz", "2"}, "figure3 is the paper's Nz = 3"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void badCommandLinesGetOneLineAndExitCode2(String[] argv, String expected) {
        Result r = run(argv);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
