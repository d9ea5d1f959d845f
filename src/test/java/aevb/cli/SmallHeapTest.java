package aevb.cli;

import static org.junit.jupiter.api.Assertions.*;

import aevb.io.Checkpoint;
import aevb.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The estimates against a real small heap (a child JVM with -Xmx64m): a valid small job still
 * runs, and files or headers that ask for more than the heap are refused with the memory they
 * need, never an out-of-memory error.
 */
class SmallHeapTest {

    @Test
    void aSmallHeapRefusesWhatWouldNotFitAndRunsWhatDoes(@TempDir Path tmp) throws Exception {
        Path data = CliFixtures.mnistFolder(tmp.resolve("data"), 100, 20, 7);
        Path run = tmp.resolve("run");
        List<String> train = new ArrayList<>(List.of("train", "--out", run.toString()));
        train.addAll(CliFixtures.tinyRun(data));
        assertEquals(0, CliFixtures.run(train.toArray(String[]::new)).code());
        // a well-formed checkpoint of 40 MB: reading it whole (bytes, arrays, model) needs more than 64 MB
        new Checkpoint().put("format", "aevb-run-1").putArray("encoder.hidden.W", new Tensor(1000, 10_000)).save(
                tmp.resolve("big.aevb"));
        CliFixtures.craft(run.resolve("checkpoint.aevb"), tmp.resolve("wide.aevb"), Map.of("model.hidden", "100000"));
        CliFixtures.craft(run.resolve("checkpoint.aevb"), tmp.resolve("deep/checkpoint.aevb"),
                Map.of("run.samples", "10000"));

        Child ok = child(tmp, "evaluate", "--checkpoint", run.toString(), "--ll-samples", "50");
        assertEquals(0, ok.code(), ok.out());
        Child big = child(tmp, "sample", "--checkpoint", tmp.resolve("big.aevb").toString());
        assertEquals(1, big.code(), big.out());
        assertTrue(big.out().contains(tmp.resolve("big.aevb") + " (39 MB) needs about 115 MB of memory"), big.out());
        Child wide = child(tmp, "manifold", "--checkpoint", tmp.resolve("wide.aevb").toString());
        assertEquals(1, wide.code(), wide.out());
        assertTrue(wide.out().contains("the header and the arrays do not agree"), wide.out());
        Child deep = child(tmp, "train", "--resume", tmp.resolve("deep").toString(), "--no-figures");
        assertEquals(1, deep.code(), deep.out());
        assertTrue(deep.out().contains("training with --L 10000 --batch 10") && deep.out().contains("needs about"),
                deep.out());
        for (Child c : List.of(ok, big, wide, deep)) {
            assertFalse(c.out().contains("out of memory") || c.out().contains("OutOfMemoryError")
                    || c.out().contains("\tat "), c.out());
        }
    }

    record Child(int code, String out) {}

    static Child child(Path tmp, String... argv) throws Exception {
        List<String> cmd = new ArrayList<>(CliFixtures.childJava("-Xmx64m", "-XX:+UseSerialGC"));
        cmd.addAll(List.of(argv));
        Path log = Files.createTempFile(tmp, "child", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int code = p.waitFor();
        return new Child(code, Files.readString(log));
    }
}
