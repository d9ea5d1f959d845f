package aevb.run;

import static org.junit.jupiter.api.Assertions.*;

import aevb.cli.Main;
import aevb.io.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Killing is part of the contract: a training JVM killed without warning (no shutdown hook runs)
 * leaves a loadable checkpoint, and resuming from it ends exactly where an uninterrupted run ends.
 */
class KillAndResumeTest {
    static final String[] RUN = {"--dataset", "sample", "--hidden", "32", "--latent", "2", "--epochs", "2",
            "--checkpoint-every", "0", "--log-every", "5", "--eval-points", "100", "--no-figures", "--threads", "1"};

    @Test
    void aKilledRunResumesToTheSameResult(@TempDir Path tmp) throws Exception {
        long seed = System.nanoTime();
        int killAfter = 10 + new Random(seed).nextInt(140);  // of 180 steps
        System.out.println("kill test: killing after checkpoint step >= " + killAfter + " (seed " + seed + ")");
        Path killed = tmp.resolve("killed"), whole = tmp.resolve("whole");

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "train", "--out", killed.toString()));
        cmd.addAll(List.of(RUN));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        Path ckpt = killed.resolve(TrainingRun.CHECKPOINT);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (child.isAlive() && System.nanoTime() < deadline) {
            if (Files.exists(ckpt) && stepOf(ckpt) >= killAfter) {
                break;
            }
            Thread.sleep(5);
        }
        child.destroyForcibly().waitFor();
        assertTrue(Files.exists(ckpt), () -> "the child wrote a checkpoint: " + log(tmp));
        long at = stepOf(ckpt);  // loads and checks the CRC: the kill left no corrupt checkpoint
        System.out.println("kill test: killed with the checkpoint at step " + at);

        assertEquals(0, quiet("train", "--resume", killed.toString(), "--no-figures"));
        List<String> args = new ArrayList<>(List.of("train", "--out", whole.toString()));
        args.addAll(List.of(RUN));
        assertEquals(0, quiet(args.toArray(String[]::new)));

        TrainingRunTest.assertSameModel(TrainingRunTest.finalModel(whole), TrainingRunTest.finalModel(killed));
        assertEquals(TrainingRunTest.metricsWithoutTime(whole), TrainingRunTest.metricsWithoutTime(killed));
    }

    static long stepOf(Path ckpt) throws Exception {
        return ModelCheckpoint.state(Checkpoint.load(ckpt)).step();
    }

    static int quiet(String... argv) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        return Main.run(argv, sink, sink);
    }

    static String log(Path tmp) {
        try {
            return Files.readString(tmp.resolve("child.log"));
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
