package aevb.experiments;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The schedule's form, as section 5.1 of the IWAE paper states it. */
class IwaeScheduleTest {

    @Test
    void stagesLast3ToTheIEpochsAnd3280InAll() {
        long[] ends = {1, 4, 13, 40, 121, 364, 1093, 3280};
        long start = 0;
        for (int i = 0; i < IwaeSchedule.STAGES; i++) {
            assertEquals((long) Math.pow(3, i), IwaeSchedule.epochsOf(i));
            assertEquals(ends[i], IwaeSchedule.endOf(i));
            assertEquals(i, IwaeSchedule.stageOf(start), "first epoch of stage " + i);
            assertEquals(i, IwaeSchedule.stageOf(ends[i] - 1), "last epoch of stage " + i);
            start = ends[i];
        }
        assertEquals(3280, IwaeSchedule.totalEpochs());
        assertThrows(IllegalArgumentException.class, () -> IwaeSchedule.stageOf(3280));
        assertThrows(IllegalArgumentException.class, () -> IwaeSchedule.stageOf(-1));
    }

    @Test
    void theLearningRateFallsBy10ToTheOneSeventhPerStageFrom1e3To1e4() {
        assertEquals(1e-3, IwaeSchedule.learningRate(0), 1e-18);
        assertEquals(1e-4, IwaeSchedule.learningRate(7), 1e-16);
        for (int i = 1; i < IwaeSchedule.STAGES; i++) {
            assertEquals(Math.pow(10, 1 / 7.0), IwaeSchedule.learningRate(i - 1) / IwaeSchedule.learningRate(i), 1e-12);
        }
        // the authors' code rounds 10^(1 - i/7) to one decimal: within 1.7% of the formula
        for (int i = 0; i < IwaeSchedule.STAGES; i++) {
            double code = 1e-4 * Math.round(Math.pow(10, 1 - i / 7.0) * 10) / 10.0;
            assertEquals(1, code / IwaeSchedule.learningRate(i), 0.017);
        }
        assertEquals(IwaeSchedule.learningRate(2), IwaeSchedule.learningRateAt(4));
        assertEquals(IwaeSchedule.learningRate(2), IwaeSchedule.learningRateAt(12));
        assertEquals(IwaeSchedule.learningRate(3), IwaeSchedule.learningRateAt(13));
    }

    @Test
    void thePublishedNumberInTheCodeIsTheOneInDocsPaper() throws Exception {
        String row = Files.readAllLines(Path.of("docs/paper/iwae-table1.csv")).stream()
                .filter(l -> l.startsWith("mnist_vae_1layer_k1_test_log_likelihood,")).findFirst().orElseThrow();
        assertEquals(IwaeRun.Architecture.IWAE.published, Double.parseDouble(row.split(",")[1]));
        assertTrue(Double.isNaN(IwaeRun.Architecture.KINGMA.published), "no published K = 5000 figure for 784-500-20");
    }
}
