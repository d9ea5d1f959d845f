package aevb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aevb.nn.Optimizers;
import aevb.run.ModelCheckpoint;
import aevb.run.RunConfig;
import aevb.sgvb.ModelFixtures;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aevb export} and {@code aevb evaluate --weights}: the same numbers from the export as from the run. */
class ExportCommandTest {
    @TempDir
    Path dir;

    /** A run folder holding a small model of the embedded sample (784 pixels), as train leaves it. */
    private Path run() throws Exception {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        RunConfig cfg = new RunConfig("sample", null, new VaeConfig(784, 16, 2, "bernoulli"), "B", 1, 100, "adagrad",
                0.02, 1.0 / 9000, "none", 900, 1, 10, 100);
        Vae vae = ModelFixtures.model(784, 16, 2, "bernoulli", 5);
        ModelCheckpoint.save(run.resolve("model.aevb"), new ModelCheckpoint.State(cfg, 9, 900, 1, 0, 0, Map.of()), vae,
                Optimizers.create("adagrad", 0.02));
        return run;
    }

    @Test
    void evaluateOnAnExportPrintsExactlyWhatEvaluateOnTheRunPrints() throws Exception {
        Path run = run();
        CliArgsTest.Result fromRun = CliArgsTest.run("evaluate", "--checkpoint", run.toString(), "--points", "200",
                "--ll-samples", "10");
        assertEquals(0, fromRun.code(), fromRun.err());
        assertTrue(fromRun.out().contains("validation split, 200 points"), "the sample's held-out split: " + fromRun.out());
        for (String format : new String[] {"npz", "safetensors"}) {
            Path file = dir.resolve("model." + format);
            CliArgsTest.Result export = CliArgsTest.run("export", "--checkpoint", run.toString(), "--out", file.toString());
            assertEquals(0, export.code(), export.err());
            assertTrue(export.out().startsWith("wrote " + file + " (" + format + ", 10 arrays"), export.out());
            CliArgsTest.Result fromFile = CliArgsTest.run("evaluate", "--weights", file.toString(), "--points", "200",
                    "--ll-samples", "10");
            assertEquals(0, fromFile.code(), fromFile.err());
            assertEquals(withoutTimes(fromRun.out()), withoutTimes(fromFile.out()), format);
        }
        Path small = dir.resolve("shared.aevb");
        CliArgsTest.Result export = CliArgsTest.run("export", "--checkpoint", run.toString(), "--out", small.toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(Files.size(small) < Files.size(run.resolve("model.aevb")) * 0.6);
        CliArgsTest.Result fromSmall = CliArgsTest.run("evaluate", "--checkpoint", small.toString(), "--points", "200",
                "--ll-samples", "10");
        assertEquals(withoutTimes(fromRun.out()), withoutTimes(fromSmall.out()));
    }

    /** The output without what depends on the clock: the progress lines and the seconds taken. */
    private static String withoutTimes(String s) {
        return s.replaceAll("(?m)^points .*\\R", "").replaceAll("\\([0-9.]+ s\\)", "(s)");
    }

    @Test
    void exportRefusesToOverwriteAndNeedsAFormat() throws Exception {
        Path run = run();
        Path taken = dir.resolve("taken.npz");
        Files.writeString(taken, "mine");
        CliArgsTest.Result r = CliArgsTest.run("export", "--checkpoint", run.toString(), "--out", taken.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("exists"), r.err());
        assertEquals("mine", Files.readString(taken));
        r = CliArgsTest.run("export", "--checkpoint", run.toString(), "--out", dir.resolve("model.bin").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--format npz|safetensors|aevb"), r.err());
        r = CliArgsTest.run("evaluate", "--weights", dir.resolve("none.npz").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("none.npz"), r.err());
    }
}
