package aevb.run;

import static org.junit.jupiter.api.Assertions.*;

import aevb.data.DataSplits;
import aevb.eval.RateDistortion;
import aevb.sgvb.BetaEstimatorB;
import aevb.sgvb.Vae;
import aevb.tensor.Parallel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A β-VAE run is the one training run with another estimator: the same bits on 1 and 2 threads,
 * exact resume, and the rate that a larger β should cost.
 */
class BetaRunTest {
    private static final int THREADS = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(THREADS);
    }

    static RunConfig beta(double b, long budget) {
        return RunFixtures.config(budget).estimator(BetaEstimatorB.nameFor(b));
    }

    @Test
    void oneAndTwoThreadsAndAResumeGiveTheSameBits(@TempDir Path tmp) throws Exception {
        DataSplits data = RunFixtures.data(200, 60);
        RunConfig cfg = beta(4, 200 * 4);
        Parallel.setThreads(1);
        TrainingRun.start(cfg, data, tmp.resolve("one")).run(TrainingRunTest.QUIET);
        Parallel.setThreads(2);
        TrainingRun.start(cfg, data, tmp.resolve("two")).run(TrainingRunTest.QUIET);
        TrainingRun first = TrainingRun.start(cfg, data, tmp.resolve("split"));
        first.hook((step, vae) -> { if (step == 23) first.requestStop(0); }).run(TrainingRunTest.QUIET);
        assertFalse(Files.exists(tmp.resolve("split").resolve(TrainingRun.MODEL)));
        TrainingRun.resume(tmp.resolve("split"), data, 0).run(TrainingRunTest.QUIET);

        Vae one = TrainingRunTest.finalModel(tmp.resolve("one"));
        TrainingRunTest.assertSameModel(one, TrainingRunTest.finalModel(tmp.resolve("two")));
        TrainingRunTest.assertSameModel(one, TrainingRunTest.finalModel(tmp.resolve("split")));
        assertEquals(TrainingRunTest.metricsWithoutTime(tmp.resolve("one")), TrainingRunTest.metricsWithoutTime(tmp.resolve("split")));
        assertEquals("B(beta=4.0)", TrainingRun.configOf(tmp.resolve("one")).estimator());
    }

    @Test
    void aLargerBetaBuysALowerRateWithMoreDistortion(@TempDir Path tmp) throws Exception {
        DataSplits data = RunFixtures.data(400, 200);
        RateDistortion[] points = new RateDistortion[3];
        double[] betas = {0.5, 1, 4};
        for (int i = 0; i < betas.length; i++) {
            Path dir = tmp.resolve("b" + i);
            TrainingRun.start(beta(betas[i], 400 * 15), data, dir).run(TrainingRunTest.QUIET);
            points[i] = RateDistortion.of(TrainingRunTest.finalModel(dir), data.heldOut().asTensor(), 1, 1);
            assertEquals(points[i].elbo(), -(points[i].rate() + points[i].distortion()), 1e-9);
        }
        for (int i = 1; i < betas.length; i++) {
            assertTrue(points[i].rate() < points[i - 1].rate(), "rate falls with beta: " + java.util.Arrays.toString(points));
            assertTrue(points[i].distortion() > points[i - 1].distortion(), "distortion rises with beta: "
                    + java.util.Arrays.toString(points));
        }
    }
}
