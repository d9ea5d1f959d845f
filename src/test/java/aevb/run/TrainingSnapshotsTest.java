package aevb.run;

import static org.junit.jupiter.api.Assertions.*;

import aevb.data.DataSplits;
import aevb.io.Weights;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --figures-every N}: pictures while training, reconstructions kept over training, the numbers untouched. */
class TrainingSnapshotsTest {
    @Test
    void everyNEpochsAPictureAndTheKeptReconstructionsWithoutChangingTraining(@TempDir Path tmp) throws Exception {
        DataSplits data = RunFixtures.data(200, 60);
        RunConfig cfg = RunFixtures.config(200 * 6);   // M = 20: 10 steps an epoch, 6 epochs
        Path plain = tmp.resolve("plain"), pictured = tmp.resolve("pictured");
        TrainingRun.start(cfg, data, plain).run(TrainingRunTest.QUIET);

        TrainingRun run = TrainingRun.start(cfg, data, pictured);
        assertEquals(10, run.stepsPerEpoch());
        TrainingSnapshots snapshots = new TrainingSnapshots(pictured, run.config(), data, run.stepsPerEpoch(), 2);
        run.hook(snapshots).run(TrainingRunTest.QUIET);
        snapshots.finish(run.steps(), run.vae());

        TrainingRunTest.assertSameModel(TrainingRunTest.finalModel(plain), TrainingRunTest.finalModel(pictured));
        assertEquals(TrainingRunTest.metricsWithoutTime(plain), TrainingRunTest.metricsWithoutTime(pictured));

        Path epochs = pictured.resolve("figures/epochs");
        try (Stream<Path> files = Files.list(epochs)) {
            assertEquals(List.of("epoch-002-reconstructions.png", "epoch-002-samples.png", "epoch-004-reconstructions.png",
                    "epoch-004-samples.png", "epoch-006-reconstructions.png", "epoch-006-samples.png"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Weights kept = Weights.load(pictured.resolve("figures").resolve(TrainingSnapshots.FILE));
        assertEquals(List.of("data", "step-000000000010", "step-000000000020", "step-000000000050", "step-000000000060"),
                kept.arrays().keySet().stream().sorted().toList(), "epochs 1, 2, 5 and the end");
        assertEquals("epoch 5", kept.metadata().get("step-000000000050"));
        assertEquals(10, kept.arrays().get("data").rows);

        Path png = tmp.resolve("over.png");
        assertTrue(TrainingSnapshots.writeOverTraining(pictured, png));
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getHeight() > 5 * 16, "a row per snapshot and the data: " + img.getHeight());
        assertFalse(TrainingSnapshots.writeOverTraining(plain, tmp.resolve("none.png")), "nothing kept, nothing drawn");
    }

    @Test
    void keptEpochsSpreadOverALogAxis() {
        List<Long> kept = java.util.stream.LongStream.rangeClosed(1, 1000).filter(TrainingSnapshots::isKept).boxed().toList();
        assertEquals(List.of(1L, 2L, 5L, 10L, 20L, 50L, 100L, 200L, 500L, 1000L), kept);
    }
}
