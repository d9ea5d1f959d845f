package aevb.run;

import static org.junit.jupiter.api.Assertions.*;

import aevb.data.DataSplits;
import aevb.io.Checkpoint;
import aevb.io.CheckpointException;
import aevb.io.MemoryBudget.InsufficientMemoryException;
import aevb.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * A checkpoint is untrusted input. Whatever its header says (fields negative, zero, huge, not
 * numbers, other words), resuming it either gives a model that takes one more step, or fails
 * with a {@link CheckpointException} naming the file and the entry (or an
 * {@link InsufficientMemoryException} naming the settings and the memory they need); never
 * another exception, never an out-of-memory error. The heap budget is lowered to 64 MB while
 * the property runs, so a header that asks for more must be refused, not tried.
 */
class CheckpointHeaderProperties {
    static Path base;
    static DataSplits data;
    static String oldHeap;
    static final AtomicInteger TRY = new AtomicInteger();
    static final List<String> KEYS = List.of("run.dataset", "run.dataDir", "model.dataDim", "model.hidden",
            "model.latent", "model.decoder", "run.estimator", "run.samples", "run.batch", "run.optimizer",
            "run.learningRate", "run.weightDecay", "run.binarization", "run.budget", "run.seed", "run.logEvery",
            "run.evalPoints", "state.step", "state.samplesSeen", "state.seconds", "state.accumulatedBound",
            "state.accumulatedSteps", "optimizer.name", "format", "extra.data.height", "extra.data.width",
            "extra.data.files", "adam.t");

    @BeforeContainer
    static void trainBase() throws IOException {
        oldHeap = System.getProperty("aevb.heapBytes");
        System.setProperty("aevb.heapBytes", Long.toString(64L << 20));
        base = Files.createTempDirectory("aevb-header-props");
        data = RunFixtures.data(200, 50);
        TrainingRun.start(RunFixtures.config(200), data, base.resolve("run")).run(TrainingRunTest.QUIET);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        if (oldHeap == null) {
            System.clearProperty("aevb.heapBytes");
        } else {
            System.setProperty("aevb.heapBytes", oldHeap);
        }
        try (var s = Files.walk(base)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Object::toString),
                Arbitraries.longs().between(-3, 3).map(Object::toString),
                Arbitraries.integers().between(0, 5_000_000).map(Object::toString),
                Arbitraries.of("0", "-1", "1", "2", "20", "64", "2000000", "2147483647", "2147483648", "9223372036854775807",
                        "-9223372036854775808", "99999999999999999999", "1e3", "1e309", "NaN", "Infinity", "-Infinity",
                        "-0.0", "0.5", "", " ", "abc", "12abc", " 7 ", "A", "B", "C", "adam", "adagrad", "sgd", "bernoulli",
                        "gaussian", "poisson", "none", "dynamic", "fixed", "mnist", "sample", "aevb-run-1", "../../etc", "5000", "10000"),
                Arbitraries.doubles().map(Object::toString),
                Arbitraries.strings().ofMaxLength(12));
    }

    @Provide
    Arbitrary<Map<String, String>> changes() {
        Arbitrary<Map.Entry<String, String>> entry = Combinators.combine(Arbitraries.of(KEYS), values()).as(Map::entry);
        return entry.list().ofMinSize(1).ofMaxSize(3).map(l -> {
            Map<String, String> m = new java.util.LinkedHashMap<>();
            l.forEach(e -> m.put(e.getKey(), e.getValue()));
            return m;
        });
    }

    @Property(tries = 120)
    void anyHeaderRunsOneStepOrFailsNamed(@ForAll("changes") Map<String, String> changes) throws Exception {
        Path dir = base.resolve("try-" + TRY.incrementAndGet());
        Files.createDirectories(dir);
        Path file = dir.resolve(TrainingRun.CHECKPOINT);
        craft(base.resolve("run").resolve(TrainingRun.CHECKPOINT), file, changes);
        Files.copy(base.resolve("run").resolve(TrainingRun.METRICS), dir.resolve(TrainingRun.METRICS));
        try {
            RunConfig cfg = TrainingRun.configOf(dir);
            long step = ModelCheckpoint.state(ModelCheckpoint.load(file)).step();
            TrainingRun run = TrainingRun.resume(dir, data, (step + 1) * cfg.batch());
            run.run(TrainingRunTest.QUIET);
            assertEquals(step + 1, run.steps(), "one more step");
            Statistics.collect("ran one step");
        } catch (CheckpointException e) {
            Statistics.collect("refused: the checkpoint");
            String m = e.getMessage();
            assertTrue(m.startsWith(file.toString() + ": "), m);
            assertTrue(m.contains("'") || m.contains("do not agree") || m.contains("array"), "names the entry: " + m);
        } catch (InsufficientMemoryException e) {
            Statistics.collect("refused: memory");
            assertTrue(e.getMessage().contains("needs about") && e.getMessage().contains(file.toString()), e.getMessage());
        } catch (aevb.sgvb.NonFiniteException | TrainingFailedException e) {
            Statistics.collect("stopped: not finite");
            // a header may legally set a learning rate that diverges at once: stopping on NaN is the named outcome
            assertTrue(e.getMessage().contains("not finite") || e.getMessage().contains("NaN")
                    || e.getMessage().contains("infinit"), e.getMessage());
        }
    }

    static void craft(Path from, Path to, Map<String, String> changes) throws IOException {
        Checkpoint c = Checkpoint.load(from);
        Checkpoint out = new Checkpoint();
        c.header().forEach((k, v) -> out.put(k, changes.getOrDefault(k, v)));
        changes.forEach((k, v) -> {
            if (c.get(k) == null) {
                out.put(k, v);
            }
        });
        for (Map.Entry<String, Tensor> e : c.arrays().entrySet()) {
            out.putArray(e.getKey(), e.getValue());
        }
        out.save(to);
    }
}
