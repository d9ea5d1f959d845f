package aevb.cli;

import static org.junit.jupiter.api.Assertions.*;

import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.run.Progress;
import aevb.run.RunConfig;
import aevb.run.TrainingRun;
import aevb.sgvb.VaeConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aevb compare}: two runs on one chart; every bad --runs gets one line and a non-zero exit. */
class CompareCommandTest {
    record Result(int code, String out, String err) {}

    static Result run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static DataSplits data() {
        SplittableRandom rnd = new SplittableRandom(3);
        float[] train = new float[200 * 16], test = new float[40 * 16];
        for (int i = 0; i < train.length; i++) train[i] = rnd.nextDouble() < 0.3 ? 1 : 0;
        for (int i = 0; i < test.length; i++) test[i] = rnd.nextDouble() < 0.3 ? 1 : 0;
        return new DataSplits("generated", new Dataset("train", 200, 4, 4, train, null), null,
                new Dataset("test", 40, 4, 4, test, null), Map.of());
    }

    static Path train(Path dir, String optimizer, double lr) throws Exception {
        RunConfig cfg = new RunConfig("generated", null, new VaeConfig(16, 8, 2, "bernoulli"), "B", 1, 20, optimizer, lr,
                1.0 / 200, "none", 200 * 3, 1, 5, 40);
        TrainingRun.start(cfg, data(), dir).run(new Progress(new PrintStream(new ByteArrayOutputStream()), false, 1, 1e9));
        return dir;
    }

    @Test
    void twoRunsOnOneChartLabelledByTheirOptimiser(@TempDir Path tmp) throws Exception {
        Path a = train(tmp.resolve("adagrad"), "adagrad", 0.05), b = train(tmp.resolve("adam"), "adam", 0.001);
        Path png = tmp.resolve("cmp.png");
        Result r = run("compare", "--runs", a + "," + b, "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("adagrad lr=0.05") && r.out().contains("adam lr=0.001") && r.out().contains("test bound"), r.out());
        assertNotNull(ImageIO.read(png.toFile()));

        Result same = run("compare", "--runs", a + "," + a, "--out", tmp.resolve("same.png").toString());
        assertEquals(0, same.code(), same.err());
        assertTrue(same.out().contains("(adagrad)"), "equal labels get the folder's name: " + same.out());

        Path notPng = tmp.resolve("notes.txt.png");
        Files.writeString(notPng, "mine");
        Result kept = run("compare", "--runs", a + "," + b, "--out", notPng.toString());
        assertNotEquals(0, kept.code());
        assertEquals("mine", Files.readString(notPng), "a file aevb did not write is never replaced");
    }

    @Test
    void badRunsGetOneLineAndANonZeroExit(@TempDir Path tmp) throws Exception {
        Path a = train(tmp.resolve("a"), "adagrad", 0.05);
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        String[][] cases = {
            {"compare"},
            {"compare", "--runs", a.toString()},
            {"compare", "--runs", a + ","},
            {"compare", "--runs", a + "," + tmp.resolve("missing")},
            {"compare", "--runs", a + "," + empty},
            {"compare", "--runs", a + "," + file},
        };
        for (String[] c : cases) {
            Result r = run(c);
            String what = String.join(" ", c);
            assertNotEquals(0, r.code(), what);
            assertEquals(1, r.err().strip().lines().count(), what + ": one line, got " + r.err());
            assertTrue(r.err().contains("--runs"), what + ": names the flag: " + r.err());
            assertFalse(r.err().contains("Exception"), what + ": no stack trace: " + r.err());
        }
    }
}
