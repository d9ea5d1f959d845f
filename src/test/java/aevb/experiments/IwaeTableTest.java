package aevb.experiments;

import static org.junit.jupiter.api.Assertions.*;

import aevb.data.DataSplits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table's two models take turns one stage at a time, so whenever the work stops both have
 * been scored at the same stage ends; table.md lists every stage end with the published figure,
 * and FINISHED appears only when both are done. On generated 8x8 digits, four epochs (stage ends 1 and 4).
 */
class IwaeTableTest {

    static IwaeRun.Config config(IwaeRun.Architecture arch) {
        return new IwaeRun.Config(arch, "digits", null, 5, 4, 5, 20, 10, 10, 60);
    }

    @Test
    void theModelsTakeTurnsByStageAndTheTableListsEveryStageEnd(@TempDir Path tmp) throws Exception {
        DataSplits data = ExperimentFixtures.digits(400, 30);
        List<IwaeRun.Config> both = List.of(config(IwaeRun.Architecture.IWAE), config(IwaeRun.Architecture.KINGMA));
        IwaeRun first = IwaeRun.open(both.get(0), data, tmp.resolve(IwaeRun.Architecture.IWAE.folder()));
        assertEquals(1, IwaeTable.nextEvalEpoch(first), "an unstarted run goes to the end of stage 0 first");

        assertTrue(IwaeTable.run(both, data, tmp, 0, IwaeRunTest.QUIET));
        assertTrue(Files.exists(tmp.resolve(IwaeTable.FINISHED)));
        String table = Files.readString(tmp.resolve(IwaeTable.TABLE));
        assertEquals(2 + 4, table.lines().count(), table);   // header, rule, two stage ends per model
        assertTrue(table.contains("| 784-200-200-50 | 1 | 400 |"), table);
        assertTrue(table.contains("| 784-200-200-50 | 4 | 1,600 |"), table);
        assertTrue(table.contains("| 784-500-20 | 4 | 1,600 |"), table);
        assertTrue(table.contains("-86.76 (3280 epochs)"), "the published figure beside ours: " + table);
        for (IwaeRun.Architecture a : IwaeRun.Architecture.values()) {
            List<String> rows = Files.readAllLines(tmp.resolve(a.folder()).resolve(IwaeRun.STAGES));
            assertEquals(3, rows.size(), a + ": a header and the stage ends 1 and 4");
        }
    }

    @Test
    void aSliceThatEndsEarlyLeavesNoFinishedMarkAndTheNextGoesOn(@TempDir Path tmp) throws Exception {
        DataSplits data = ExperimentFixtures.digits(400, 30);
        List<IwaeRun.Config> both = List.of(config(IwaeRun.Architecture.IWAE), config(IwaeRun.Architecture.KINGMA));
        assertFalse(IwaeTable.run(both, data, tmp, 1e-9, IwaeRunTest.QUIET));  // a deadline already past
        assertFalse(Files.exists(tmp.resolve(IwaeTable.FINISHED)));
        assertTrue(IwaeTable.run(both, data, tmp, 0, IwaeRunTest.QUIET));
        assertTrue(Files.exists(tmp.resolve(IwaeTable.FINISHED)));
    }
}
