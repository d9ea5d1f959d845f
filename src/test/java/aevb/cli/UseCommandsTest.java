package aevb.cli;

import static org.junit.jupiter.api.Assertions.*;

import aevb.infer.OneClass;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands of the paper's three uses on a small model of the embedded sample. */
class UseCommandsTest {
    @TempDir
    static Path tmp;
    static Path run;

    /** A small run on the sample with digit 7 left out of training (one epoch, 50 hidden units, Nz = 5). */
    @BeforeAll
    static void train() {
        run = tmp.resolve("run");
        CliArgsTest.Result r = CliArgsTest.run("train", "--epochs", "1", "--hidden", "50", "--latent", "5",
                "--optimizer", "adam", "--exclude-digits", "7", "--out", run.toString(), "--no-figures", "--eval-points", "100");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("excluded: digits 7"), r.out());
    }

    @Test
    void theRunRemembersTheDigitsItLeftOut() throws Exception {
        assertArrayEquals(new int[] {7}, OneClass.read(run));
        assertEquals("7", Files.readString(run.resolve(OneClass.FILE)).strip());
    }

    CliArgsTest.Result ok(String... argv) {
        CliArgsTest.Result r = CliArgsTest.run(argv);
        assertEquals(0, r.code(), String.join(" ", argv) + ": " + r.err());
        return r;
    }

    @Test
    void restorationCommandsPrintEachMethodAndDrawAPng() throws Exception {
        String small = "--count", n = "12";
        for (String[] cmd : new String[][] {
                {"inpaint", "--mask", "random", "--missing", "0.5"},
                {"inpaint"},
                {"denoise", "--noise", "gaussian"},
                {"denoise"},
                {"upscale"}}) {
            Path png = tmp.resolve(String.join("-", cmd) + ".png");
            String[] argv = concat(cmd, "--checkpoint", run.toString(), small, n, "--warmup", "3", "--samples", "3",
                    "--map-steps", "5", "--split", "validation", "--out", png.toString());
            CliArgsTest.Result r = ok(argv);
            assertTrue(Files.size(png) > 1000, "a PNG was written for " + cmd[0]);
            assertTrue(r.out().contains("HMC") && r.out().contains("MAP") && r.out().contains("MSE"), r.out());
        }
    }

    @Test
    void latentCommandsDrawTheirPaths() throws Exception {
        Path png = tmp.resolve("interp.png");
        CliArgsTest.Result r = ok("interpolate", "--checkpoint", run.toString(), "--split", "validation", "--pairs", "2",
                "--out", png.toString());
        assertTrue(r.out().contains("ends differ from the reconstructions by at most"), r.out());
        assertTrue(Files.exists(png));
        Path png2 = tmp.resolve("trav.png");
        r = ok("traverse", "--checkpoint", run.toString(), "--split", "validation", "--count", "200", "--out", png2.toString());
        assertTrue(r.out().contains("latent dimensions are active"), r.out());
        assertTrue(Files.exists(png2));
    }

    @Test
    void scoreReportsTheHeldOutDigitAndOodSets() throws Exception {
        Path png = tmp.resolve("score.png"), csv = tmp.resolve("score.csv");
        CliArgsTest.Result r = ok("score", "--checkpoint", run.toString(), "--split", "validation", "--count", "300",
                "--k", "5", "--ood", "inverted,noise", "--out", png.toString(), "--csv", csv.toString());
        assertTrue(r.out().contains("digits 7 in test"), r.out());
        assertTrue(r.out().contains("inverted vs test") && r.out().contains("noise vs test"), r.out());
        assertEquals(1 + 300 + 300 + 300, Files.readAllLines(csv).size(), "a header and one line per image");
        assertTrue(Files.exists(png));
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        String[][] bad = {
                {"inpaint"},
                {"inpaint", "--checkpoint", tmp.resolve("nothing").toString()},
                {"inpaint", "--checkpoint", "x", "--missing", "1.5"},
                {"denoise", "--checkpoint", "x", "--noise", "speckle"},
                {"score", "--checkpoint", "x", "--digits", "0,1,2,3,4,5,6,7,8,9"},
                {"score", "--checkpoint", "x", "--digits", "12"},
                {"train", "--exclude-digits", "a"},
                {"traverse", "--checkpoint", "x", "--steps", "1"}};
        for (String[] argv : bad) {
            CliArgsTest.Result r = CliArgsTest.run(argv);
            assertEquals(2, r.code(), String.join(" ", argv) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        }
        CliArgsTest.Result r = CliArgsTest.run("score", "--checkpoint", run.toString(), "--ood", "cats");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--ood"), r.err());
        r = CliArgsTest.run("denoise", "--checkpoint", run.toString(), "--level", "1.5");
        assertEquals(2, r.code(), r.err());
        r = CliArgsTest.run("traverse", "--checkpoint", run.toString(), "--image", "5000");
        assertEquals(2, r.code(), r.err());
    }

    /** Every uses command: a file it did not write is never replaced, and it says so before any work. */
    @Test
    void noCommandOverwritesAFileItDidNotWrite() throws Exception {
        Path photo = tmp.resolve("photo.png"), notes = tmp.resolve("notes.csv");
        byte[] mine = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};   // a PNG aevb did not write
        Files.write(photo, mine);
        Files.writeString(notes, "my notes\n");
        for (String c : new String[] {"inpaint", "denoise", "upscale", "interpolate", "traverse", "score"}) {
            CliArgsTest.Result r = CliArgsTest.run(c, "--checkpoint", run.toString(), "--split", "validation", "--out",
                    photo.toString());
            assertNotEquals(0, r.code(), c);
            assertTrue(r.err().contains("--out") && r.err().contains("photo.png"), c + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), c + ": one line: " + r.err());
            assertFalse(r.out().contains("HMC") || r.out().contains("score:"), c + " refused before the work: " + r.out());
            assertArrayEquals(mine, Files.readAllBytes(photo), c + " left the file alone");
        }
        CliArgsTest.Result r = CliArgsTest.run("score", "--checkpoint", run.toString(), "--split", "validation",
                "--out", tmp.resolve("s.png").toString(), "--csv", notes.toString());
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("--csv") && r.err().contains("notes.csv"), r.err());
        assertEquals("my notes\n", Files.readString(notes));
        // a scores file aevb wrote may be replaced: the same command twice works
        Path csv = tmp.resolve("again.csv"), png = tmp.resolve("again.png");
        for (int i = 0; i < 2; i++) {
            ok("score", "--checkpoint", run.toString(), "--split", "validation", "--count", "20", "--k", "2", "--ood", "none",
                    "--out", png.toString(), "--csv", csv.toString());
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
