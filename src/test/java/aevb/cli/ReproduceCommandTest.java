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

    @Test
    void rateDistortionOnTheSampleWritesItsFiguresAndResumes(@TempDir Path dir) {
        Path out = dir.resolve("rd");
        String[] argv = {"reproduce", "rate-distortion", "--dataset", "sample", "--betas", "1,4", "--nz", "2",
                "--samples", "300", "--hidden", "12", "--eval-points", "50", "--threads", "1", "--out", out.toString()};
        Result r = run(argv);
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("| 4 | "), "the summary is printed: " + r.out());
        for (String f : new String[] {"rate-distortion.png", "rate-distortion.csv", "traversals.png", "reconstructions.png",
                "summary.md", "beta-1/model.aevb", "beta-4/model.aevb"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        Result again = run(argv);
        assertEquals(2, again.code(), again.out());
        assertTrue(again.err().contains("already holds a model; continue the sweep with --resume"), again.err());
        String[] resume = java.util.Arrays.copyOf(argv, argv.length + 1);
        resume[argv.length] = "--resume";
        Result resumed = run(resume);
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("reusing the finished model"), resumed.out());
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
                Arguments.of(new String[] {"reproduce", "figure3", "--nz", "2"}, "figure3 is the paper's Nz = 3"),
                Arguments.of(new String[] {"reproduce", "rate-distortion", "--betas", "0,1"}, "--betas expects β in (0, 1000]"),
                Arguments.of(new String[] {"reproduce", "rate-distortion", "--betas", "1,x"}, "--betas expects numbers β > 0"),
                Arguments.of(new String[] {"reproduce", "rate-distortion", "--betas", "1,4,1"}, "--betas lists β = 1 twice"),
                Arguments.of(new String[] {"reproduce", "rate-distortion", "--betas", "NaN"}, "--betas expects β in (0, 1000]"),
                Arguments.of(new String[] {"reproduce", "rate-distortion", "--nz", "2,3"}, "--nz takes one latent size"),
                Arguments.of(new String[] {"reproduce", "rate-distortion", "--budget", "quick"}, "--budget does not apply"),
                Arguments.of(new String[] {"reproduce", "rate-distortion", "--epochs", "3"}, "--epochs does not apply"),
                Arguments.of(new String[] {"reproduce", "rate-distortion", "--dataset", "frey"}, "--dataset takes mnist or sample"),
                Arguments.of(new String[] {"reproduce", "figure2", "--betas", "1,4"}, "--betas is for rate-distortion only"),
                Arguments.of(new String[] {"reproduce", "iwae-table", "--betas", "1,4"}, "--betas is for rate-distortion only"),
                Arguments.of(new String[] {"reproduce", "figure4", "--dataset", "sample"}, "--dataset is for iwae-table, rate-distortion and semi-supervised only"),
                Arguments.of(new String[] {"reproduce", "figure2", "--epochs", "3"}, "--epochs is for iwae-table and semi-supervised only"),
                Arguments.of(new String[] {"reproduce", "rate-distortion", "--labels", "100"}, "--labels is for semi-supervised only"),
                Arguments.of(new String[] {"reproduce", "semi-supervised", "--betas", "1"}, "--betas is for rate-distortion only"));
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
