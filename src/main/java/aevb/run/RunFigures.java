package aevb.run;

import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.random.Randomness;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The figures of a finished run, written to {@code <run>/figures/}. */
public final class RunFigures {
    private RunFigures() {}

    public static List<Path> writeAll(Path runDir, Vae vae, RunConfig cfg, DataSplits data) throws IOException {
        Path dir = runDir.resolve("figures");
        Files.createDirectories(dir);
        Dataset held = data.heldOut() != null ? data.heldOut() : data.train();
        int h = held.height(), w = held.width();
        Tensor x = held.slice(held.name(), 0, Math.min(held.size(), cfg.evalPoints())).asTensor();
        int[] labels = held.hasLabels() ? Arrays.copyOf(held.labels(), x.rows) : null;
        int[] dims = Figures.mostActiveDims(vae, x);
        String setting = cfg.dataset() + ", Nz = " + cfg.model().latent() + ", " + cfg.model().hidden() + " hidden";
        String dimText = cfg.model().latent() <= 2 ? "" : ", z" + (dims[0] + 1) + " and z" + (dims[1] + 1) + " (largest KL)";
        long sampleSeed = Randomness.key(cfg.seed(), Randomness.Stream.SAMPLE, 1);
        List<Path> out = new ArrayList<>();

        Path p = dir.resolve("bound.png");
        Figures.boundCurve(p, runDir.resolve(TrainingRun.METRICS), "Lower bound per data point (" + setting + ")",
                held == data.train() ? "train" : TrainingRun.splitName(held));
        out.add(p);
        p = dir.resolve("bound-terms.png");
        if (BoundTermsFigure.write(p, runDir.resolve(TrainingRun.METRICS),
                "The bound's two terms, eq. (10): L = -KL + E_q[log p(x|z)] (" + setting + ")",
                held == data.train() ? "train" : TrainingRun.splitName(held))) {
            out.add(p);
        }
        p = dir.resolve("samples.png");
        Figures.samples(p, vae, h, w, 100, sampleSeed, "Samples: E[x|z], z ~ p(z) (" + setting + ")");
        out.add(p);
        p = dir.resolve("manifold.png");
        Figures.manifold(p, vae, h, w, cfg.model().latent() <= 2 ? 20 : 15, dims[0], dims[1],
                "Learned manifold" + dimText + " (" + setting + ")");
        out.add(p);
        p = dir.resolve("reconstructions.png");
        Figures.reconstructions(p, vae, x.rowSlice(0, Math.min(20, x.rows)), h, w, "Held-out images and E[x | z = mu(x)]");
        out.add(p);
        p = dir.resolve("over-training.png");
        if (TrainingSnapshots.writeOverTraining(runDir, p)) {
            out.add(p);
        }
        p = dir.resolve("latent.png");
        Figures.latentScatter(p, vae, x, labels, dims[0], dims[1], "Latent means of held-out images" + dimText);
        out.add(p);
        return out;
    }
}
