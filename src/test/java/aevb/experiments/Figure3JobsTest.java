package aevb.experiments;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figure 3's curves as jobs give the rows of the lock-step trainer, and a run continues with --resume. */
class Figure3JobsTest {

    /**
     * {@code figure3-lockstep.csv}: written by the lock-step trainer of commit 5bd4684 for {@link Figure3Test#tiny}
     * with the settings of that time ({@link Figure3.Config#firstCommitted}).
     */
    static List<String> lockStepRows() throws IOException {
        try (InputStream in = Figure3JobsTest.class.getResourceAsStream("figure3-lockstep.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The first Figure 3, with the estimator the golden file was written with (chains at the best of 20 prior draws). */
    static Figure3.Config first(Path out) {
        Figure3.Config tiny = Figure3Test.tiny(out).firstCommitted();
        return tiny.withAppendixD(tiny.appendixD().withStarts(20));
    }

    @Test
    void curvesRunAsJobsGiveTheRowsOfTheLockStepRun(@TempDir Path dir) throws IOException {
        assertEquals(Figure2JobsTest.withoutSeconds(lockStepRows()),
                Figure2JobsTest.withoutSeconds(LockStepGolden.rows("figure3", dir.resolve("golden"))),
                "the same bits as the lock-step trainer (at the golden file's vector width)");
        Figure3.Result r = Figure3.run(first(dir.resolve("fig3")), Figure3Test.QUIET);
        List<String> rows = Files.readAllLines(r.csv());

        IOException e = assertThrows(IOException.class,
                () -> Figure3.run(first(dir.resolve("fig3")), Figure3Test.QUIET));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        // a killed run: one curve lost its end; --resume runs only that one again, to the same rows
        Path job = new Figure3Curve(200, Figure3.Method.MCEM).dir(dir.resolve("fig3"));
        Files.delete(job.resolve(CurveJob.DONE));
        Figure3.Result again = Figure3.run(first(dir.resolve("fig3")), Figure3Test.QUIET, true);
        assertEquals(Figure2JobsTest.withoutSeconds(rows), Figure2JobsTest.withoutSeconds(again.csv()));
    }

    @Test
    void aMergeDrawsTheFinishedCurvesAndNamesTheMissingOnes(@TempDir Path dir) throws IOException {
        Figure3.Config cfg = first(dir.resolve("jobs"));
        assertEquals(List.of("200:aevb", "200:wake-sleep", "200:mcem", "1000:aevb", "1000:wake-sleep", "1000:mcem"),
                Figure3.curveIds(cfg));
        Figure3.runCurve(cfg, "200:aevb", 120, Figure3Test.QUIET);
        Figure3.runCurve(cfg, "1000:mcem", 120, Figure3Test.QUIET);   // N = 1000 is cut to the 300 images there are
        Figure3.Result r = Figure3.merge(cfg, Figure3Test.QUIET);
        assertEquals(2, r.curves().size());
        // the rows of a whole run at this machine's vector width (the test above ties them to the golden file)
        List<String> whole = Files.readAllLines(Figure3.run(first(dir.resolve("whole")), Figure3Test.QUIET).csv());
        List<String> expected = whole.stream()
                .filter(l -> l.startsWith("dataset_n") || l.startsWith("200,aevb,") || l.startsWith("300,mcem,")).toList();
        assertEquals(Figure2JobsTest.withoutSeconds(expected), Figure2JobsTest.withoutSeconds(r.csv()));
        String md = Files.readString(r.summary());
        assertTrue(md.contains("Missing (not run, or not finished; shown as –, not as a number): 200:wake-sleep, 200:mcem,"
                + " 1000:aevb, 1000:wake-sleep."), md);
    }

    @Test
    void aCurveRecordsTheSwitchesOfIssue18OnlyWhereTheyDifferFromTheFirstFigure3(@TempDir Path dir) throws IOException {
        Figure3Curve mcem = new Figure3Curve(200, Figure3.Method.MCEM), aevbCurve = new Figure3Curve(200, Figure3.Method.AEVB);
        Figure3.Config first = first(dir), paper = Figure3Test.tiny(dir).withAppendixD(first.appendixD());
        for (Figure3Curve c : List.of(mcem, aevbCurve)) {
            assertTrue(c.settings(first).keySet().stream().noneMatch(k -> k.startsWith("mcem.") || k.equals("adagrad")),
                    "the first Figure 3's curves keep their settings files: " + c.settings(first));
        }
        assertEquals("all", mcem.settings(paper).get("mcem.eStep"), "the paper's MCEM is the batch one");
        assertFalse(aevbCurve.settings(paper).containsKey("mcem.eStep"));
        Figure3.Config ablated = paper.withMcem(paper.mcem().withWeightUpdates(1), 0.1, McemCounting.POINTS_UPDATED)
                .withSchedule(aevb.nn.Adagrad.Schedule.NOT_ANNEALED);
        assertEquals("1", mcem.settings(ablated).get("mcem.weightUpdates"));
        assertEquals("updated", mcem.settings(ablated).get("mcem.counting"));
        assertEquals("not-annealed", aevbCurve.settings(ablated).get("adagrad"));
        assertEquals(200, paper.mcemSamplesPerStep(200), "a batch iteration counts N");
        assertEquals(100, first.mcemSamplesPerStep(200), "an on-line one M");
        assertEquals(100, ablated.mcemSamplesPerStep(200), "counting the updates: one update of M points");
        assertEquals(500, paper.withMcem(paper.mcem(), 0.1, McemCounting.POINTS_UPDATED).mcemSamplesPerStep(200), "5 of M");

        // a folder of the first Figure 3 refuses to continue as the paper's MCEM
        Figure3.runCurve(first, "200:mcem", 120, Figure3Test.QUIET);
        IOException e = assertThrows(IOException.class, () -> Figure3.runCurve(paper, "200:mcem", 120, Figure3Test.QUIET));
        assertTrue(e.getMessage().contains("mcem.eStep") || e.getMessage().contains("lr"), e.getMessage());
    }
}
