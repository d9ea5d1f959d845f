package aevb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conditional VAE on the command line: {@code train --model cvae} for both conditions, a
 * resume, {@code sample --digit}, {@code complete} against a VAE, and each misuse answered with
 * its exit code and one line naming the flag or file, leaving every file there byte-identical.
 */
class CvaeCommandsTest {
    @TempDir
    static Path root;
    static Path data, vae, label, quadrant;

    static List<String> tiny(String... more) {
        List<String> a = new ArrayList<>(CliFixtures.tinyRun(data));
        a.addAll(List.of(more));
        return a;
    }

    static CliFixtures.Result train(Path out, String... more) {
        List<String> argv = new ArrayList<>(List.of("train", "--out", out.toString()));
        argv.addAll(tiny(more));
        return CliFixtures.run(argv.toArray(String[]::new));
    }

    @BeforeAll
    static void runs() throws Exception {
        data = CliFixtures.mnistFolder(root.resolve("gen"), 100, 20, 1);
        vae = root.resolve("vae");
        label = root.resolve("label");
        quadrant = root.resolve("quadrant");
        CliFixtures.Result r = train(vae);
        assertEquals(0, r.code(), r.err());
        r = train(label, "--model", "cvae", "--condition", "label");
        assertEquals(0, r.code(), r.err());
        r = train(quadrant, "--model", "cvae", "--condition", "quadrant");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void aCvaeRunHasTheVaesFolderAndResumes() throws Exception {
        for (Path run : List.of(label, quadrant)) {
            for (String f : List.of("config.txt", "metrics.csv", "checkpoint.aevb", "model.aevb")) {
                assertTrue(Files.exists(run.resolve(f)), run + " has " + f);
            }
        }
        assertTrue(Files.readString(label.resolve("metrics.csv")).startsWith("step,samples,epoch,train_bound,test_bound"));
        CliFixtures.Result r = CliFixtures.run("train", "--resume", label.toString(), "--epochs", "2", "--no-figures");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("resuming") && r.out().contains("done after 20 steps"), r.out());
    }

    @Test
    void sampleDrawsAChosenDigitAndCompletePrintsTheTable() throws Exception {
        Path png = root.resolve("seven.png");
        CliFixtures.Result r = CliFixtures.run("sample", "--checkpoint", label.toString(), "--digit", "7", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(png) > 0);
        Path cmp = root.resolve("complete.png");
        r = CliFixtures.run("complete", "--checkpoint", quadrant.toString(), "--vae", vae.toString(), "--count", "5",
                "--warmup", "2", "--samples", "2", "--map-steps", "5", "--out", cmp.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        for (String method : List.of("CVAE, mean over 100", "CVAE, mean at z = 0", "VAE, HMC", "VAE, MAP", "mean fill")) {
            assertTrue(r.out().contains(method), method + " in:\n" + r.out());
        }
        assertTrue(Files.size(cmp) > 0);
        r = CliFixtures.run("inpaint", "--checkpoint", vae.toString(), "--mask", "quadrant", "--count", "3", "--warmup", "1",
                "--samples", "1", "--map-steps", "2", "--out", root.resolve("inpaint.png").toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("only the lower-left quadrant observed"), r.out());
    }

    record Case(String name, List<String> argv, int code, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> misuses() {
        String t = "{T}";
        return Stream.of(
                new Case("condition without cvae", List.of("train", "--condition", "label"), 2, "add --model cvae"),
                new Case("prior without cvae", List.of("train", "--prior", "learned"), 2, "--prior is for the conditional VAE"),
                new Case("cvae without condition", List.of("train", "--model", "cvae"), 2, "needs --condition"),
                new Case("cvae full VB", List.of("train", "--model", "cvae", "--condition", "label", "--full-vb"), 2, "--full-vb"),
                new Case("cvae estimator A", List.of("train", "--model", "cvae", "--condition", "label", "--estimator", "A"), 2,
                        "estimator B"),
                new Case("cvae beta", List.of("train", "--model", "cvae", "--condition", "quadrant", "--beta", "4"), 2, "--beta"),
                new Case("cvae gaussian", List.of("train", "--model", "cvae", "--condition", "quadrant", "--decoder", "gaussian"), 2,
                        "Bernoulli"),
                new Case("label on Frey Face", List.of("train", "--model", "cvae", "--condition", "label", "--dataset", "frey"), 2,
                        "Frey Face has no labels"),
                new Case("bad condition", List.of("train", "--model", "cvae", "--condition", "digit"), 2, "--condition"),
                new Case("cvae too large for memory", List.of("train", "--model", "cvae", "--condition", "label", "--hidden",
                        "10000", "--L", "1000", "--batch", "1000"), 1, "memory"),
                new Case("figures-every on a CVAE resume", List.of("train", "--resume", t + "/label", "--figures-every", "1"), 2,
                        "--figures-every is for the VAE"),
                new Case("resume with model", List.of("train", "--resume", t + "/label", "--model", "cvae"), 2,
                        "cannot change a resumed run"),
                new Case("digit of a VAE", List.of("sample", "--checkpoint", t + "/vae", "--digit", "7"), 2,
                        "--digit needs a conditional VAE"),
                new Case("bad digit", List.of("sample", "--checkpoint", t + "/label", "--digit", "7,x"), 2, "--digit expects"),
                new Case("digit of a quadrant CVAE", List.of("sample", "--checkpoint", t + "/quadrant", "--digit", "3"), 2,
                        "aevb complete"),
                new Case("complete a VAE", List.of("complete", "--checkpoint", t + "/vae"), 2, "is not a conditional VAE"),
                new Case("complete a label CVAE", List.of("complete", "--checkpoint", t + "/label"), 2, "not the quadrant"),
                new Case("complete with a CVAE as --vae", List.of("complete", "--checkpoint", t + "/quadrant", "--vae",
                        t + "/label"), 2, "--vae"),
                new Case("complete without checkpoint", List.of("complete"), 2, "--checkpoint is required"),
                new Case("evaluate a CVAE", List.of("evaluate", "--checkpoint", t + "/label"), 1, "is a conditional VAE"));
    }

    @ParameterizedTest
    @MethodSource("misuses")
    void eachMisuseGetsOneLine(Case c) {
        Map<String, String> before = CliFixtures.fingerprint(root);
        List<String> a = new ArrayList<>(c.argv());
        if (a.get(0).equals("train") && !a.contains("--resume")) {
            // were the check missing, a short run into a fresh folder under root: the fingerprint would catch it
            a.addAll(List.of("--out", "{T}/never", "--epochs", "1", "--no-figures"));
            if (!a.contains("--hidden")) {
                a.addAll(List.of("--hidden", "8"));
            }
            if (!a.contains("frey")) {
                a.addAll(List.of("--dataset", "mnist", "--data-dir", "{T}/gen"));
            } else {
                a.addAll(List.of("--data-dir", "{T}/nofrey"));
            }
        }
        String[] argv = a.stream().map(s -> s.replace("{T}", root.toString())).toArray(String[]::new);
        CliFixtures.Result r = CliFixtures.run(argv);
        assertEquals(c.code(), r.code(), c.name() + ": " + r.err());
        List<String> lines = r.errors();
        assertEquals(1, lines.size(), c.name() + ": one line, got " + r.err());
        assertTrue(lines.get(0).contains(c.expected()), c.name() + ": " + lines.get(0));
        assertFalse(r.err().contains("Exception"), c.name() + ": no stack trace");
        assertEquals(before, CliFixtures.fingerprint(root), c.name() + ": no file changed");
    }
}
