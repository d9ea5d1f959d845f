package aevb.experiments;

import static org.junit.jupiter.api.Assertions.*;

import aevb.cli.Main;
import aevb.data.DataSplits;
import aevb.io.Checkpoint;
import aevb.run.ModelCheckpoint;
import aevb.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IWAE-protocol run stops anywhere (a slice's deadline, a kill between checkpoints) and
 * resumes to exactly the run it would have been: parameters, Adam's moments, the per-epoch bounds
 * and the stage-end scores. On generated 8x8 digits (1,000 training images, 50 steps an epoch),
 * four epochs: the schedule's first learning-rate change (after epoch 1), an evaluation of
 * stageTestPoints there and one of testPoints at the end.
 */
class IwaeRunTest {
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    static IwaeRun.Config config(long epochs) {
        return new IwaeRun.Config(IwaeRun.Architecture.IWAE, "digits", null, 3, epochs, 7, 30, 20, 10, 0.01);
    }

    static DataSplits digits() {
        return ExperimentFixtures.digits(1000, 40);
    }

    @Test
    void slicedAtShortDeadlinesTheRunEndsBitForBitAsTheWholeOne(@TempDir Path tmp) throws Exception {
        DataSplits data = digits();
        IwaeRun whole = IwaeRun.open(config(4), data, tmp.resolve("whole"));
        assertTrue(whole.run(Long.MAX_VALUE, QUIET));

        Path sliced = tmp.resolve("sliced");
        int slices = 0;
        while (true) {
            IwaeRun r = IwaeRun.open(config(4), data, sliced);
            slices++;
            if (r.run(System.nanoTime() + 15_000_000L, QUIET)) {
                break;
            }
            assertTrue(slices < 2000, "the run makes progress from slice to slice");
        }
        assertTrue(slices > 2, "the run was really cut (" + slices + " slices)");
        assertSameRun(tmp.resolve("whole"), sliced);
        assertEquals(List.of(1L, 4L), config(4).evalEpochs());
        assertEquals(2, whole.stageRows().size());
        assertEquals("20", whole.stageRows().get(0).split(",")[5], "a stage end before the last scores stageTestPoints");
        assertEquals("30", whole.stageRows().get(1).split(",")[5], "the last epoch scores testPoints");
    }

    @Test
    void aRunThatLostItsLastStepsToAKillRepeatsThemExactly(@TempDir Path tmp) throws Exception {
        DataSplits data = digits();
        IwaeRun whole = IwaeRun.open(config(4), data, tmp.resolve("whole"));
        assertTrue(whole.run(Long.MAX_VALUE, QUIET));
        // the state a kill -9 leaves: the checkpoint of epoch 2 and CSV rows written after it
        Path killed = tmp.resolve("killed");
        IwaeRun early = IwaeRun.open(config(4), data, killed);
        assertTrue(early.run(Long.MAX_VALUE, 2, QUIET));
        Files.copy(killed.resolve(IwaeRun.CHECKPOINT), tmp.resolve("epoch2.aevb"));
        assertTrue(IwaeRun.open(config(4), data, killed).run(Long.MAX_VALUE, 3, QUIET));
        Files.copy(tmp.resolve("epoch2.aevb"), killed.resolve(IwaeRun.CHECKPOINT),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(IwaeRun.open(config(4), data, killed).run(Long.MAX_VALUE, QUIET));
        assertSameRun(tmp.resolve("whole"), killed);
    }

    @Test
    void aFlagOfTheTableIsRefusedByTheFiguresAndTheFiguresFlagsByTheTable() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err);
        assertNotEquals(0, Main.run(new String[] {"reproduce", "figure4", "--minutes", "3"}, QUIET, e));
        assertNotEquals(0, Main.run(new String[] {"reproduce", "iwae-table", "--nz", "3"}, QUIET, e));
        assertNotEquals(0, Main.run(new String[] {"reproduce", "iwae-table", "--models", "iwae,foo"}, QUIET, e));
        String text = err.toString();
        assertTrue(text.contains("--minutes is for iwae-table only"), text);
        assertTrue(text.contains("--nz does not apply"), text);
        assertTrue(text.contains("unknown model 'foo'"), text);
    }

    /** Same parameters and optimiser arrays, same step, same CSVs once the time columns are dropped. */
    static void assertSameRun(Path a, Path b) throws Exception {
        Checkpoint ca = Checkpoint.load(a.resolve(IwaeRun.CHECKPOINT)), cb = Checkpoint.load(b.resolve(IwaeRun.CHECKPOINT));
        assertEquals(ModelCheckpoint.state(ca).step(), ModelCheckpoint.state(cb).step());
        assertEquals(ca.arrays().keySet(), cb.arrays().keySet());
        for (Map.Entry<String, Tensor> e : ca.arrays().entrySet()) {
            assertArrayEquals(e.getValue().data, cb.arrays().get(e.getKey()).data, e.getKey());
        }
        assertEquals(ca.get("adam.t"), cb.get("adam.t"));
        assertEquals(columns(a.resolve(IwaeRun.EPOCHS), 4), columns(b.resolve(IwaeRun.EPOCHS), 4));
        assertEquals(columns(a.resolve(IwaeRun.STAGES), 9), columns(b.resolve(IwaeRun.STAGES), 9));
        assertEquals(columns(a.resolve("eval-epoch-4.csv"), 3), columns(b.resolve("eval-epoch-4.csv"), 3));
    }

    /** The first n columns of every line (the rest are times). */
    static List<String> columns(Path csv, int n) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",");
            out.add(String.join(",", List.of(f).subList(0, Math.min(n, f.length))));
        }
        return out;
    }
}
