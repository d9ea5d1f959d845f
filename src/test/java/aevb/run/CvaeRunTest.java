package aevb.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.io.Checkpoint;
import aevb.nn.Parameter;
import aevb.sgvb.Condition;
import aevb.sgvb.Cvae;
import aevb.sgvb.CvaeConfig;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Parallel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conditional VAE's run is a function of its seed: stopped and resumed twice it ends with the
 * bits and metrics of the uninterrupted run, and on 1 and 2 threads it gives the same bits.
 */
class CvaeRunTest {
    private static final int DEFAULT_THREADS = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(DEFAULT_THREADS);
    }

    static RunConfig config(CvaeConfig m, long budget, int batch) {
        return new RunConfig("generated", null, new VaeConfig(m.dataDim(), m.hidden(), m.latent(), "bernoulli"), "B", 1,
                batch, "adagrad", 0.05, 1.0 / 200, "dynamic", budget, 5, 4, 50);
    }

    static void assertSameModel(Path a, Path b) throws Exception {
        Cvae x = CvaeCheckpoint.trained(Checkpoint.load(a.resolve(TrainingRun.MODEL)));
        Cvae y = CvaeCheckpoint.trained(Checkpoint.load(b.resolve(TrainingRun.MODEL)));
        List<Parameter> px = x.parameters(), py = y.parameters();
        for (int i = 0; i < px.size(); i++) {
            assertArrayEquals(px.get(i).value.data, py.get(i).value.data, px.get(i).name + " differs");
        }
    }

    @Test
    void aResumedRunEqualsTheUninterruptedOneBitForBit(@TempDir Path tmp) throws Exception {
        DataSplits data = RunFixtures.data(200, 60);
        for (CvaeConfig m : List.of(new CvaeConfig(Condition.LABEL, 8, 8, 24, 3), new CvaeConfig(Condition.QUADRANT, 8, 8, 24, 3),
                new CvaeConfig(Condition.QUADRANT, 8, 8, 24, 3, true))) {
            String condition = m.condition().key() + (m.learnedPrior() ? "-learned" : "");
            RunConfig cfg = config(m, 200 * 6, 20);
            Path whole = tmp.resolve(condition + "-whole"), split = tmp.resolve(condition + "-split");
            CvaeRun.start(cfg, m, data, whole).run(TrainingRunTest.QUIET);

            CvaeRun first = CvaeRun.start(cfg, m, data, split).checkpointEvery(0);
            first.hook(t -> { if (t == 17) first.requestStop(); }).run(TrainingRunTest.QUIET);
            assertEquals(17, first.steps());
            assertFalse(Files.exists(split.resolve(TrainingRun.MODEL)), "no final model before the end");
            CvaeRun second = CvaeRun.resume(split, data, 0, null);
            second.hook(t -> { if (t == 41) second.requestStop(); }).run(TrainingRunTest.QUIET);
            assertEquals(41, second.steps());
            CvaeRun.resume(split, data, 0, null).run(TrainingRunTest.QUIET);

            assertSameModel(whole, split);
            assertEquals(TrainingRunTest.metricsWithoutTime(whole), TrainingRunTest.metricsWithoutTime(split));
        }
    }

    /** 16x16 images and 200 hidden units, so that the kernels split their work over the threads. */
    @Test
    void oneAndTwoThreadsGiveTheSameBits(@TempDir Path tmp) throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 300, d = 256;
        float[] x = new float[n * d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(10);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) rnd.nextDouble();
            }
        }
        Dataset train = new Dataset("train", n, 16, 16, x, y);
        DataSplits data = new DataSplits("generated", train, null, train.slice("test", 0, 100), Map.of());
        for (Condition condition : Condition.values()) {
            CvaeConfig m = new CvaeConfig(condition, 16, 16, 200, 10);
            RunConfig cfg = config(m, 300 * 4, 50);
            Parallel.setThreads(1);
            CvaeRun.start(cfg, m, data, tmp.resolve(condition.key() + "-1")).run(TrainingRunTest.QUIET);
            Parallel.setThreads(2);
            CvaeRun.start(cfg, m, data, tmp.resolve(condition.key() + "-2")).run(TrainingRunTest.QUIET);
            assertSameModel(tmp.resolve(condition.key() + "-1"), tmp.resolve(condition.key() + "-2"));
            assertEquals(TrainingRunTest.metricsWithoutTime(tmp.resolve(condition.key() + "-1")),
                    TrainingRunTest.metricsWithoutTime(tmp.resolve(condition.key() + "-2")));
        }
    }
}
