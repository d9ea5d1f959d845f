package aevb.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The command line: help everywhere, and one clear line with exit code 2 for every bad input. */
class CliArgsTest {

    record Result(int code, String out, String err) {}

    static Result run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyCommandHasHelp() {
        Result top = run("--help");
        assertEquals(0, top.code());
        for (Command c : Main.commands()) {
            assertTrue(top.out().contains(c.name()), "the overview lists " + c.name());
            Result r = run(c.name(), "--help");
            assertEquals(0, r.code(), c.name());
            assertTrue(r.out().startsWith("usage: aevb " + c.name()), r.out());
            for (Flag f : c.flags()) {
                assertTrue(r.out().contains("--" + f.name()), c.name() + " --help mentions --" + f.name());
            }
            assertEquals(r.out(), run("help", c.name()).out());
        }
    }

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of(new String[] {"trian"}, "unknown command 'trian'"),
                Arguments.of(new String[] {"train", "--latnet", "2"}, "unknown flag --latnet"),
                Arguments.of(new String[] {"train", "--latent"}, "--latent needs a value"),
                Arguments.of(new String[] {"train", "--latent", "two"}, "--latent expects an integer from 1 to 1000, got 'two'"),
                Arguments.of(new String[] {"train", "--latent", "0"}, "--latent expects an integer from 1 to 1000, got '0'"),
                Arguments.of(new String[] {"train", "--latent", "-3"}, "--latent expects an integer"),
                Arguments.of(new String[] {"train", "--hidden", "1.5"}, "--hidden expects an integer"),
                Arguments.of(new String[] {"train", "--dataset", "cifar"}, "--dataset expects one of sample, mnist, binarized-mnist, frey, got 'cifar'"),
                Arguments.of(new String[] {"train", "--decoder", "poisson"}, "--decoder expects one of bernoulli, gaussian"),
                Arguments.of(new String[] {"train", "--estimator", "C"}, "--estimator expects one of A, B"),
                Arguments.of(new String[] {"train", "--optimizer", "sgd"}, "--optimizer expects one of adagrad, adam"),
                Arguments.of(new String[] {"train", "--lr", "0"}, "--lr expects a number greater than 0"),
                Arguments.of(new String[] {"train", "--lr", "fast"}, "--lr expects a number"),
                Arguments.of(new String[] {"train", "--lr", "NaN"}, "--lr expects a number"),
                Arguments.of(new String[] {"train", "--weight-decay", "-1"}, "--weight-decay expects a number >= 0"),
                Arguments.of(new String[] {"train", "--binarize", "yes"}, "--binarize expects one of none, dynamic, fixed"),
                Arguments.of(new String[] {"train", "--batch", "0"}, "--batch expects an integer from 1"),
                Arguments.of(new String[] {"train", "--L", "x"}, "--L expects an integer"),
                Arguments.of(new String[] {"train", "--epochs", "-1"}, "--epochs expects an integer"),
                Arguments.of(new String[] {"train", "--epochs", "2", "--train-samples", "10"}, "give --epochs or --train-samples, not both"),
                Arguments.of(new String[] {"train", "--seed", "1e3"}, "--seed expects an integer"),
                Arguments.of(new String[] {"train", "--threads", "0"}, "--threads expects an integer from 1 to 256"),
                Arguments.of(new String[] {"train", "--no-figures=yes"}, "--no-figures takes no value"),
                Arguments.of(new String[] {"train", "--seed", "1", "--seed", "2"}, "--seed is given twice"),
                Arguments.of(new String[] {"train", "extra"}, "unexpected argument 'extra'"),
                Arguments.of(new String[] {"train", "-l", "2"}, "unknown option -l"),
                Arguments.of(new String[] {"train", "--resume", "/nonexistent/run"}, "holds no checkpoint.aevb"),
                Arguments.of(new String[] {"train", "--resume", "/tmp", "--latent", "3"}, "--latent cannot change a resumed run"),
                Arguments.of(new String[] {"sample"}, "--checkpoint is required"),
                Arguments.of(new String[] {"sample", "--checkpoint", "/nonexistent/x.aevb"}, "does not exist"),
                Arguments.of(new String[] {"sample", "--count", "0"}, "--count expects an integer from 1"),
                Arguments.of(new String[] {"manifold", "--grid", "1"}, "--grid expects an integer from 2 to 100"),
                Arguments.of(new String[] {"evaluate", "--split", "dev"}, "--split expects one of train, validation, test"),
                Arguments.of(new String[] {"evaluate", "--ll-samples", "-5"}, "--ll-samples expects an integer"),
                Arguments.of(new String[] {"download"}, "name one data set"),
                Arguments.of(new String[] {"download", "cifar10"}, "name one data set: mnist, frey, binarized-mnist (got 'cifar10')"),
                Arguments.of(new String[] {"download", "mnist", "frey"}, "unexpected argument 'frey'"));
    }

    @ParameterizedTest
    @MethodSource("badCommandLines")
    void badInputGivesOneLineAndExitCode2(String[] argv, String expected) {
        Result r = run(argv);
        assertEquals(2, r.code(), () -> String.join(" ", argv) + " -> " + r.err());
        assertTrue(r.err().contains(expected), () -> "expected '" + expected + "' in: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), () -> "one line: " + r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }
}
