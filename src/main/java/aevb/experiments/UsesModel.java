package aevb.experiments;

import aevb.data.DataSplits;
import aevb.infer.OneClass;
import aevb.run.ModelCheckpoint;
import aevb.run.Progress;
import aevb.run.RunConfig;
import aevb.run.TrainingRun;
import aevb.sgvb.Vae;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model tutorials 12 to 16 share: 784-200-10 with a Bernoulli decoder, Adam 0.003, on the
 * embedded sample with digit 0 left out of training (so that step 15 has an unseen digit to
 * score). Trained once into a run folder, then loaded by every later step.
 */
public final class UsesModel {
    private UsesModel() {}

    /** The run the steps train: 100 steps an epoch's worth of logging, bounds on 500 points, weight decay 1/N. */
    static RunConfig config(int steps, int trainingSize) {
        return RunConfig.paper("sample").hidden(200).latent(10).optimizer("adam").learningRate(0.003)
                .weightDecay(1.0 / trainingSize).budget(steps * 100L).logEvery(steps).evalPoints(500);
    }

    /** The model in {@code dir}, trained first (400 steps when {@code quick}, else 3,000) when it is not there yet. */
    public static Vae load(Path dir, DataSplits data, boolean quick) throws IOException {
        Path file = dir.resolve(TrainingRun.MODEL);
        if (!Files.exists(file)) {
            DataSplits without0 = OneClass.excludeFromTraining(data, new int[] {0});
            int steps = quick ? 400 : 3000;
            System.out.println("training the VAE of steps 12-16 (784-200-10, Adam 0.003, " + steps
                    + " steps, digit 0 left out) into " + dir);
            RunConfig cfg = config(steps, without0.train().size());
            Files.deleteIfExists(dir.resolve(TrainingRun.CHECKPOINT));
            TrainingRun.start(cfg, without0, dir).run(new Progress(System.out, false, cfg.budget(), 5));
        }
        System.out.println("model: " + file);
        return ModelCheckpoint.model(ModelCheckpoint.load(file));
    }
}
