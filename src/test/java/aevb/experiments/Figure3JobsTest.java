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

    /** {@code figure3-lockstep.csv}: written by the lock-step trainer of commit 5bd4684 for {@link Figure3Test#tiny}. */
    static List<String> lockStepRows() throws IOException {
        try (InputStream in = Figure3JobsTest.class.getResourceAsStream("figure3-lockstep.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void curvesRunAsJobsGiveTheRowsOfTheLockStepRun(@TempDir Path dir) throws IOException {
        Figure3.Result r = Figure3.run(Figure3Test.tiny(dir.resolve("fig3")), Figure3Test.QUIET);
        assertEquals(Figure2JobsTest.withoutSeconds(lockStepRows()), Figure2JobsTest.withoutSeconds(r.csv()));

        IOException e = assertThrows(IOException.class,
                () -> Figure3.run(Figure3Test.tiny(dir.resolve("fig3")), Figure3Test.QUIET));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        // a killed run: one curve lost its end; --resume runs only that one again, to the same rows
        Path job = new Figure3Curve(200, Figure3.Method.MCEM).dir(dir.resolve("fig3"));
        Files.delete(job.resolve(CurveJob.DONE));
        Figure3.Result again = Figure3.run(Figure3Test.tiny(dir.resolve("fig3")), Figure3Test.QUIET, true);
        assertEquals(Figure2JobsTest.withoutSeconds(lockStepRows()), Figure2JobsTest.withoutSeconds(again.csv()));
    }
}
