package aevb.experiments;

import static org.junit.jupiter.api.Assertions.*;

import aevb.io.Checkpoint;
import aevb.run.LearnerCheckpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figure 2's curves as jobs ({@code --only}, {@code --merge}): a curve run on its own gives the
 * rows the lock-step panel of the first {@code reproduce figure2} wrote; curves run by separate
 * processes merge into the figure one run makes; a job killed with -9 continues bit for bit.
 * Everything is compared without the seconds column (wall time differs from run to run).
 */
class Figure2JobsTest {

    /**
     * {@code figure2-lockstep.csv} was written by the lock-step panel trainer of commit 5bd4684
     * (before curves were jobs) for {@link Figure2Test#tiny}: two data sets, two Nz each, both methods.
     */
    static List<String> lockStepRows() throws IOException {
        try (InputStream in = Figure2JobsTest.class.getResourceAsStream("figure2-lockstep.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The rows without their last field (seconds), sorted: the numbers, whatever order they were written in. */
    static List<String> withoutSeconds(List<String> rows) {
        List<String> out = new ArrayList<>();
        for (String r : rows) {
            out.add(r.substring(0, r.lastIndexOf(',')));
        }
        out.sort(null);
        return out;
    }

    static List<String> withoutSeconds(Path csv) throws IOException {
        return withoutSeconds(Files.readAllLines(csv));
    }

    @Test
    void eachCurveRunAloneGivesTheRowsOfTheLockStepPanel(@TempDir Path dir) throws IOException {
        List<String> old = lockStepRows();
        assertEquals(withoutSeconds(old), withoutSeconds(LockStepGolden.rows("figure2", dir.resolve("golden"))),
                "same minibatches, eps, evaluation subsets and seeds: the same bits (at the golden file's vector width)");

        // at this machine's width: each curve alone, and the merge of the jobs is that figure
        Figure2.Config cfg = Figure2Test.tiny(dir.resolve("jobs"));
        List<String> rows = new ArrayList<>();
        for (String id : Figure2.curveIds(cfg)) {
            Path csv = Figure2.runCurve(cfg, id, 0, Figure2Test.QUIET);
            List<String> lines = Files.readAllLines(csv);
            assertEquals(String.join(",", Figure2.COLUMNS), lines.getFirst());
            rows.addAll(lines.subList(rows.isEmpty() ? 0 : 1, lines.size()));
        }
        Figure2.Result merged = Figure2.merge(cfg, List.of(), Figure2Test.QUIET);
        assertEquals(withoutSeconds(rows), withoutSeconds(merged.csv()));
        assertEquals(old.size(), rows.size());
        assertFalse(Files.readString(merged.summary()).contains("Missing"));
    }

    @Test
    void aMergeTakesCurvesFromAFigure2CsvOfTheLockStepRunAndShowsTheRestAsMissing(@TempDir Path dir) throws IOException {
        Path old = dir.resolve("old");
        Files.createDirectories(old);
        List<String> lines = lockStepRows();
        // a lock-step run still going: the Frey Face panels are not finished
        Files.write(old.resolve(Figure2.CSV), lines.stream().filter(l -> !l.startsWith("frey,5,")).toList());
        Figure2.Config cfg = Figure2Test.tiny(dir.resolve("merged"));
        Figure2.Result r = Figure2.merge(cfg, List.of(old.resolve(Figure2.CSV)), Figure2Test.QUIET);
        assertEquals(6, r.curves().size());
        assertEquals(withoutSeconds(lines.stream().filter(l -> !l.startsWith("frey,5,")).toList()),
                withoutSeconds(r.csv()));
        String md = Files.readString(r.summary());
        assertTrue(md.contains("Missing (not run, or not finished; shown as –, not as a number): frey:5:aevb, frey:5:wake-sleep"), md);
        assertTrue(md.contains("| Frey Face | 5 | – | – | – | – |"), md);

        // a merge never writes over the figure2.csv of a run without jobs: it may still be running
        IOException e = assertThrows(IOException.class,
                () -> Figure2.merge(Figure2Test.tiny(old), List.of(), Figure2Test.QUIET));
        assertTrue(e.getMessage().contains("--import " + old.resolve(Figure2.CSV)), e.getMessage());
    }

    @Test
    void curvesRunAsSeparateProcessesMergeIntoTheFigureOfOneRun(@TempDir Path dir) throws Exception {
        Path shared = dir.resolve("shared");
        Process a = child(shared, "mnist:2:aevb", 1_500, 120, dir.resolve("a.log"));
        Process w = child(shared, "mnist:2:wake-sleep", 1_500, 120, dir.resolve("w.log"));
        assertEquals(0, a.waitFor(), () -> log(dir.resolve("a.log")));
        assertEquals(0, w.waitFor(), () -> log(dir.resolve("w.log")));
        Figure2.Result merged = Figure2.merge(Figure2JobMain.config(shared, 1_500), List.of(), Figure2Test.QUIET);
        Figure2.Result one = Figure2.run(Figure2JobMain.config(dir.resolve("one"), 1_500), Figure2Test.QUIET);

        List<String> m = Files.readAllLines(merged.csv()), o = Files.readAllLines(one.csv());
        assertEquals(1 + 2 * 2, m.size());
        assertEquals(noSeconds(o), noSeconds(m), "the same rows in the same order, bit for bit but the seconds");
        assertEquals(masked(Files.readString(one.summary())), masked(Files.readString(merged.summary())));
    }

    @Test
    void aJobKilledWithoutWarningContinuesToTheSameCurve(@TempDir Path dir) throws Exception {
        long samples = 100_000;   // 1,000 steps of M = 100, measured at 1, 2 and 5 times 10^3 and 10^4, and 10^5
        long seed = System.nanoTime();
        int killAfter = 20 + new Random(seed).nextInt(400);
        System.out.println("curve kill test: killing after checkpoint step >= " + killAfter + " (seed " + seed + ")");
        Path killed = dir.resolve("killed"), whole = dir.resolve("whole");
        String id = "mnist:2:aevb";
        Process child = child(killed, id, samples, 0, dir.resolve("child.log"));
        Path ckpt = Figure2.curve(Figure2JobMain.config(killed, samples), id).dir(killed).resolve(CurveJob.CHECKPOINT);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (child.isAlive() && System.nanoTime() < deadline) {
            if (Files.exists(ckpt) && stepOf(ckpt) >= killAfter) {
                break;
            }
            Thread.sleep(5);
        }
        child.destroyForcibly().waitFor();
        long at = stepOf(ckpt);
        System.out.println("curve kill test: killed with the checkpoint at step " + at);
        assertFalse(CurveJob.done(ckpt.getParent()), "killed before the end (raise samples if the machine is fast)");

        Path a = Figure2.runCurve(Figure2JobMain.config(killed, samples), id, 120, Figure2Test.QUIET);
        Path b = Figure2.runCurve(Figure2JobMain.config(whole, samples), id, 120, Figure2Test.QUIET);
        assertEquals(noSeconds(Files.readAllLines(b)), noSeconds(Files.readAllLines(a)));
        Map<String, aevb.tensor.Tensor> pa = Checkpoint.load(a.resolveSibling(CurveJob.CHECKPOINT)).arrays();
        Map<String, aevb.tensor.Tensor> pb = Checkpoint.load(b.resolveSibling(CurveJob.CHECKPOINT)).arrays();
        assertEquals(pb.keySet(), pa.keySet());
        for (String k : pa.keySet()) {
            assertArrayEquals(pb.get(k).data, pa.get(k).data, k);
        }

        // the same command once more: the curve is done, nothing runs, nothing changes
        List<String> before = Files.readAllLines(a);
        Figure2.runCurve(Figure2JobMain.config(killed, samples), id, 120, Figure2Test.QUIET);
        assertEquals(before, Files.readAllLines(a));
        // a job continued with other settings is refused
        IOException e = assertThrows(IOException.class,
                () -> Figure2.runCurve(Figure2JobMain.config(killed, samples).withEvalPoints(41), id, 120, Figure2Test.QUIET));
        assertTrue(e.getMessage().contains("evalPoints is 40"), e.getMessage());
    }

    static long stepOf(Path ckpt) throws IOException {
        return LearnerCheckpoint.load(ckpt).requireLong("learner.steps");
    }

    static Process child(Path out, String id, long samples, double checkpointSeconds, Path log) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Figure2JobMain.class.getName(), out.toString(), id, Long.toString(samples), Double.toString(checkpointSeconds));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static List<String> noSeconds(List<String> rows) {
        return rows.stream().map(r -> r.substring(0, r.lastIndexOf(','))).toList();
    }

    /** The summary with its times (training seconds per curve, wall time) blanked. */
    static String masked(String md) {
        return md.replaceAll("\\| \\d+ / \\d+ \\|", "| s / s |").replaceAll("\\d+ s", "N s");
    }

    static String log(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
