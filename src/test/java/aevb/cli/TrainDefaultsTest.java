package aevb.cli;

import static org.junit.jupiter.api.Assertions.*;

import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.experiments.Budget;
import aevb.experiments.DataSetting;
import aevb.experiments.Figure2;
import aevb.io.Checkpoint;
import aevb.run.Progress;
import aevb.run.RunConfig;
import aevb.run.TrainingRun;
import aevb.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./aevb train} with no flags is one curve of Figure 2: the MNIST sample, Nz = 20, AEVB,
 * with the settings of that curve (one place: {@code run.PaperSettings}), and it trains the same
 * parameters as {@code reproduce figure2 --only sample:20:aevb}.
 */
class TrainDefaultsTest {
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @Test
    void trainWithNoFlagsIsTheFigure2CurveOfTheSampleAtNz20(@TempDir Path dir) throws Exception {
        DataSplits data = Datasets.load("sample", null, false, QUIET);
        RunConfig train = TrainCommand.config(Args.parse("train", TrainCommand.FLAGS, new String[0], 0), "sample", data);
        DataSetting curve = DataSetting.paper("sample", data, null);
        int n = data.train().size();

        assertEquals(curve.model(20), train.model());
        assertEquals(curve.aevbLr(), train.learningRate());
        assertEquals("adagrad", train.optimizer());
        assertEquals(Figure2.PAPER_BATCH, train.batch());
        assertEquals(1.0 / n, train.weightDecay());
        assertEquals("B", train.estimator());
        assertEquals(1, train.samples());
        assertEquals("none", train.binarization());
        assertEquals(1, train.seed());
        assertEquals(RunConfig.paper("sample"), train.evalPoints(1000), "the paper's run, N from the data");

        // and the same parameters after a few steps: 3 steps of M = 100
        TrainingRun run = TrainingRun.start(train.budget(300).evalPoints(20), data, dir.resolve("train"));
        run.run(new Progress(QUIET, false, 300, 1e9));
        Figure2.Config fig = Figure2.Config.forBudget(Budget.QUICK, List.of(new Figure2.Row(curve, List.of(20))), 1,
                dir.resolve("figure2")).withSamples(300).withEvalPoints(20);
        Path csv = Figure2.runCurve(fig, "sample:20:aevb", 120, QUIET);
        Map<String, Tensor> a = Checkpoint.load(dir.resolve("train").resolve(TrainingRun.CHECKPOINT)).arrays();
        Map<String, Tensor> b = Checkpoint.load(csv.resolveSibling("checkpoint.aevb")).arrays();
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).data, b.get(k).data, k);
        }
    }
}
