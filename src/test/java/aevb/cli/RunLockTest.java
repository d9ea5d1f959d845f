package aevb.cli;

import static org.junit.jupiter.api.Assertions.*;

import aevb.io.Checkpoint;
import aevb.run.ModelCheckpoint;
import aevb.run.RunFolder;
import aevb.run.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes, one run folder: of two trainings started at once into the same --out exactly
 * one trains and the other says which process holds the folder; a --resume of the running run is
 * refused the same way. And a signal always ends an endless run (--train-samples near 2^62) with
 * a checkpoint and the line that says how to continue.
 */
class RunLockTest {
    static final String ENDLESS = "4000000000000000000";

    @Test
    void oneFolderOneTrainingAndASignalLeavesACheckpoint(@TempDir Path tmp) throws Exception {
        Path data = CliFixtures.mnistFolder(tmp.resolve("data"), 100, 20, 3);
        Path dir = tmp.resolve("run");
        List<String> train = new ArrayList<>(CliFixtures.childJava("-Xmx256m"));
        train.addAll(List.of("train", "--out", dir.toString(), "--dataset", "mnist", "--data-dir", data.toString(),
                "--hidden", "8", "--latent", "2", "--batch", "10", "--train-samples", ENDLESS, "--log-every", "5",
                "--checkpoint-every", "1", "--eval-points", "20", "--threads", "1", "--no-figures"));
        Process a = new ProcessBuilder(train).redirectErrorStream(true).redirectOutput(tmp.resolve("a.log").toFile()).start();
        Process b = new ProcessBuilder(train).redirectErrorStream(true).redirectOutput(tmp.resolve("b.log").toFile()).start();
        try {
            // the loser stops at once; the winner trains on, endlessly
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (a.isAlive() && b.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(a.isAlive() != b.isAlive(), () -> "exactly one of the two trains: " + log(tmp, "a") + log(tmp, "b"));
            Process winner = a.isAlive() ? a : b, loser = a.isAlive() ? b : a;
            String loserLog = log(tmp, loser == a ? "a" : "b");
            assertEquals(1, loser.waitFor(), loserLog);
            assertTrue(loserLog.contains("--out " + dir + " is in use by another aevb process (pid "), loserLog);
            String pid = loserLog.replaceAll("(?s).*\\(pid ([0-9a-z]+).*", "$1");
            assertTrue(pid.equals(Long.toString(winner.pid())) || pid.equals("unknown"), "names the holder: " + loserLog);

            // the running run cannot be resumed by another process
            waitFor(() -> Files.exists(dir.resolve(TrainingRun.CHECKPOINT)), winner, tmp);
            List<String> resume = new ArrayList<>(CliFixtures.childJava("-Xmx256m"));
            resume.addAll(List.of("train", "--resume", dir.toString(), "--no-figures"));
            Process c = new ProcessBuilder(resume).redirectErrorStream(true).redirectOutput(tmp.resolve("c.log").toFile()).start();
            assertEquals(1, c.waitFor(), log(tmp, "c"));
            assertTrue(log(tmp, "c").contains("--resume " + dir + " is in use by another aevb process (pid " + winner.pid()),
                    log(tmp, "c"));

            // a signal (SIGINT as Ctrl-C sends it, else SIGTERM) stops the endless run with a checkpoint and says so
            waitFor(() -> metricRows(dir) >= 4, winner, tmp); // rows at steps 1, 2, 5, 10
            String winnerName = winner == a ? "a" : "b";
            new ProcessBuilder("kill", "-INT", Long.toString(winner.pid())).start().waitFor();
            if (!winner.waitFor(30, TimeUnit.SECONDS)) {
                // SIGINT is ignored by processes started in the background of a non-interactive shell (as this
                // JVM may be); SIGTERM takes the same path through the shutdown hook
                winner.destroy();
            }
            assertTrue(winner.waitFor(60, TimeUnit.SECONDS), "the run stops after a signal");
            String out = log(tmp, winnerName);
            assertTrue(out.contains("checkpoint written; continue with: ./aevb train --resume " + dir), out);
            Checkpoint ck = ModelCheckpoint.load(dir.resolve(TrainingRun.CHECKPOINT));
            long step = ModelCheckpoint.state(ck).step();
            assertTrue(step >= 10, "the checkpoint is the stopped run's, at step " + step);

            // the folder is free again: a resume (here of two more steps) runs
            CliFixtures.Result r = CliFixtures.run("train", "--resume", dir.toString(), "--train-samples",
                    Long.toString((step + 2) * 10), "--no-figures", "--threads", "1");
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.isRegularFile(dir.resolve(RunFolder.LOCK)));
        } finally {
            a.destroyForcibly();
            b.destroyForcibly();
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void waitFor(Condition c, Process p, Path tmp) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!c.holds()) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, () -> "the training stopped or hangs: "
                    + log(tmp, "a") + log(tmp, "b"));
            Thread.sleep(20);
        }
    }

    static int metricRows(Path dir) throws IOException {
        Path m = dir.resolve(TrainingRun.METRICS);
        return Files.exists(m) ? (int) Files.readAllLines(m).stream().filter(l -> !l.startsWith("step")).count() : 0;
    }

    static String log(Path tmp, String name) {
        try {
            return Files.readString(tmp.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no " + name + ".log)";
        }
    }
}
