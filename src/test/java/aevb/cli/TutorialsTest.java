package aevb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tutorial runs, with --quick, in this JVM as {@code ./aevb tutorial N --quick} runs it, and
 * prints the line it promises; every CHECK line it prints says "passed". A tutorial that no
 * longer compiles, throws, or fails a check fails the build.
 */
class TutorialsTest {

    /** What each step must print, and the files it must write (relative to its --runs folder). */
    record Expect(int step, String line, String... files) {}

    static final List<Expect> EXPECTED = List.of(
            new Expect(1, "CHECK all four products are equal bit for bit"),
            new Expect(2, "CHECK GradientCheck passed for x, W and b"),
            new Expect(3, "CHECK the mean squared error fell", "tutorial-03/fit.png"),
            new Expect(4, "CHECK Nz = 2: the estimates with 64² and 128² grid points agree"),
            new Expect(5, "CHECK variance ratio score / reparameterised"),
            new Expect(6, "CHECK variance ratio of the φ gradient var(A) / var(B)"),
            new Expect(7, "CHECK the held-out bound rose", "tutorial-07/model.aevb"),
            new Expect(8, "CHECK the latent plane sorts the digits", "tutorial-08/manifold.png",
                    "tutorial-08/samples.png", "tutorial-08/latent.png"),
            // Step 9 runs in a folder of its own, without step 7's model, so that it trains one:
            // the path a reader takes who starts there.
            new Expect(9, "CHECK log p(x) - L equals KL(q || p(z|x))", "tutorial-07/model.aevb"),
            new Expect(10, "CHECK after 10,000 samples AEVB's held-out bound", "tutorial-10/figure2.png"),
            new Expect(11, "CHECK the held-out bound rose", "tutorial-11/data.png", "tutorial-11/manifold.png"),
            // Steps 12-16 share the model step 12 trains (the sample without digit 0).
            new Expect(12, "CHECK prior draws through the VAE's decoder are more likely", "tutorial-12/prior-draws.png"),
            new Expect(13, "CHECK HMC inpainting beats the training mean", "tutorial-13/uses.png"),
            new Expect(14, "CHECK both paths start and end at the reconstructions", "tutorial-14/codes.png"),
            new Expect(15, "CHECK every score ranks uniform noise above the digits", "tutorial-15/likely.png"),
            new Expect(16, "CHECK blank and faint images are MORE likely", "tutorial-16/ood.png"),
            new Expect(17, "CHECK with 1% of the labels M2 beats the classifier trained on them alone", "tutorial-17/analogies.png"),
            new Expect(18, "CHECK the quadrant CVAE fills better than the mean fill", "tutorial-18/digits.png",
                    "tutorial-18/completion.png"),
            new Expect(19, "CHECK with fewer active latent units than β = 1", "tutorial-19-quick/rate-distortion.png",
                    "tutorial-19-quick/traversals.png", "tutorial-19-quick/reconstructions.png"));

    @TempDir
    static Path runs;

    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Run run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(argv, o, e);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @TestFactory
    Stream<DynamicTest> everyStepRunsAndPassesItsChecks() throws Exception {
        List<TutorialCommand.Step> steps = TutorialCommand.steps(TutorialCommand.folder());
        assertEquals(EXPECTED.stream().map(Expect::step).toList(), steps.stream().map(TutorialCommand.Step::number).toList(),
                "every step in tutorials/ has an expectation here, in order");
        return EXPECTED.stream().map(x -> dynamicTest("step " + x.step(), () -> {
            Path folder = x.step() == 9 ? runs.resolve("fresh") : runs;
            long t0 = System.nanoTime();
            Run r = run("tutorial", Integer.toString(x.step()), "--quick", "--runs", folder.toString());
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(0, r.code(), "step " + x.step() + " failed:\n" + r.all());
            List<String> checks = r.out().lines().filter(l -> l.startsWith("CHECK ")).toList();
            assertFalse(checks.isEmpty(), "step " + x.step() + " prints no CHECK line:\n" + r.out());
            for (String c : checks) {
                assertTrue(c.endsWith(": passed"), "step " + x.step() + ": " + c);
            }
            assertTrue(checks.stream().anyMatch(c -> c.startsWith(x.line())),
                    "step " + x.step() + " should print a line starting '" + x.line() + "':\n" + r.out());
            for (String f : x.files()) {
                Path p = folder.resolve(f);
                assertTrue(Files.isRegularFile(p) && Files.size(p) > 0, "step " + x.step() + " should write " + p);
            }
            System.out.printf(Locale.ROOT, "tutorial %2d (quick) %5.1f s  %s%n", x.step(), seconds,
                    checks.stream().filter(c -> c.startsWith(x.line())).findFirst().orElseThrow());
        }));
    }

    @Test
    void theListingShowsEveryStepWithItsCommand() throws Exception {
        Run r = run("tutorial");
        assertEquals(0, r.code(), r.all());
        for (Expect x : EXPECTED) {
            assertTrue(r.out().contains("./aevb tutorial " + x.step() + " "), "listing lacks step " + x.step() + ":\n" + r.out());
        }
        assertTrue(Main.overview().contains("tutorial"), "aevb --help lists the command");
    }

    @Test
    void theReadmeListsEveryStepWithItsCommandAndFile() throws Exception {
        Path folder = TutorialCommand.folder();
        String readme = Files.readString(folder.resolve("README.md"));
        for (TutorialCommand.Step s : TutorialCommand.steps(folder)) {
            assertTrue(readme.contains("./aevb tutorial " + s.number() + "`"), "README lacks the command of step " + s.number());
            assertTrue(readme.contains(s.file().getFileName().toString()), "README lacks " + s.file().getFileName());
        }
    }

    @Test
    void anUnknownStepIsAUsageError() {
        Run r = run("tutorial", "99");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no step '99'") && r.err().contains("1 to " + EXPECTED.getLast().step()), r.err());
    }

    @Test
    void aStepThatDoesNotCompileSaysWhereAndWhy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("Step01Broken.java");
        Files.writeString(file, "/*\n * Step 1. Broken\n */\nvoid main() {\n    int x = \"text\";\n}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = TutorialCommand.runStep(TutorialCommand.steps(dir).get(0), Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code);
        assertTrue(e.contains("Step01Broken.java does not compile") && e.contains("Step01Broken.java:5:")
                && e.contains("error: incompatible types"), e);
    }

    @Test
    void aFailedCheckFailsTheStepAndNamesTheLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("Step02Fails.java");
        Files.writeString(file, "/*\n * Step 2. Fails\n */\nvoid main() {\n    IO.println(\"quick=\" + Boolean.getBoolean(\"aevb.tutorial.quick\"));\n"
                + "    throw new IllegalStateException(\"check failed: 1 > 2\");\n}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Map<String, String> props = new HashMap<>();
        props.put(TutorialCommand.QUICK, "true");
        String before = System.getProperty(TutorialCommand.QUICK);
        int code = TutorialCommand.runStep(TutorialCommand.steps(dir).get(0), props,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("quick=true"), "the step sees the properties");
        assertTrue(e.contains("check failed: 1 > 2") && e.contains("Step02Fails.java line 6"), e);
        assertEquals(before, System.getProperty(TutorialCommand.QUICK), "the properties are restored afterwards");
        assertTrue(Stream.of(e.split("\n")).noneMatch(l -> l.contains("jdk.internal")),
                "only the tutorial's own lines are shown: " + e.lines().collect(Collectors.joining(" | ")));
    }
}
