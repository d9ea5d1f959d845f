package aevb.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reproduce --list}: one complete command per curve, and the usage rules of --only, --list and --merge. */
class CurveJobsTest {

    @Test
    void listPrintsOneRunnableCommandPerCurveAndTheMergeCommand(@TempDir Path dir) {
        Path out = dir.resolve("long runs");
        ReproduceCommandTest.Result r = ReproduceCommandTest.run("reproduce", "figure2", "--list", "--budget", "long",
                "--data-dir", "/data", "--threads", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(18, lines.size(), "5 MNIST and 4 Frey Face Nz, two methods each: " + r.out());
        String first = lines.getFirst();
        assertTrue(first.endsWith(" reproduce figure2 --only mnist:3:aevb --budget long --samples 10000000 --eval-points"
                + " 1000 --seed 1 --threads 1 --data-dir /data --out '" + out.toAbsolutePath() + "'"), first);
        assertTrue(lines.contains(first.replace("mnist:3:aevb", "frey:20:wake-sleep")), r.out());
        assertTrue(r.err().contains(" reproduce figure2 --merge --datasets mnist,frey --budget long"), r.err());

        ReproduceCommandTest.Result f3 = ReproduceCommandTest.run("reproduce", "figure3", "--list", "--out", out.toString());
        assertEquals(0, f3.code(), f3.err());
        assertEquals(6, f3.out().lines().count(), f3.out());
        assertTrue(f3.out().contains("--only 50000:mcem --datasets mnist --budget quick --samples 300000"), f3.out());
    }

    @Test
    void usageRules() {
        String[][] bad = {
                {"reproduce", "figure2", "--only", "mnist:20:aevb"},
                {"reproduce", "figure2", "--only", "mnist:20:mcem", "--out", "x"},
                {"reproduce", "figure2", "--only", "mnist:20:aevb", "--nz", "20", "--out", "x"},
                {"reproduce", "figure2", "--list", "--merge", "--out", "x"},
                {"reproduce", "figure2", "--import", "a.csv", "--out", "x"},
                {"reproduce", "figure3", "--only", "1000:vae", "--out", "x"},
                {"reproduce", "figure4", "--list", "--out", "x"},
                {"reproduce", "figure4", "--budget", "long"}};
        String[] expected = {"give it with --out DIR", "--only expects data set:Nz:method", "drop --datasets and --nz",
                "give one of --only, --list and --merge", "--import goes with --merge", "figure3's --only expects N:method",
                "--list is for figure2 and figure3", "--budget long is for figure2 and figure3"};
        for (int i = 0; i < bad.length; i++) {
            ReproduceCommandTest.Result r = ReproduceCommandTest.run(bad[i]);
            assertEquals(2, r.code(), String.join(" ", bad[i]) + ": " + r.err());
            assertTrue(r.err().contains(expected[i]), "expected '" + expected[i] + "' in: " + r.err());
        }
    }
}
