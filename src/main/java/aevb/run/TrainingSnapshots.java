package aevb.run;

import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.io.Weights;
import aevb.random.Randomness;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import aevb.viz.ImageGrid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pictures of a model while it trains, as the PyTorch VAE example draws them: with
 * {@code train --figures-every N}, samples from the prior and reconstructions of ten held-out
 * images every N epochs, into {@code <run>/figures/epochs/}. Always (it costs one decoder pass
 * of ten images), the reconstructions of the same ten images after epochs 1, 2, 5, 10, 20, 50,
 * ... and at the end are kept in {@code <run>/figures/over-training.npz} (float32 arrays a NumPy
 * user can open), from which the final figures draw one row per snapshot.
 *
 * <p>Only the model is read (no noise is drawn, samples use their own stream): the training
 * numbers are the same with and without snapshots. A resumed run finds the earlier snapshots in
 * the file and rewrites any it passes again with the same values.
 */
public final class TrainingSnapshots implements TrainingRun.StepHook {
    public static final String FILE = "over-training.npz";
    /** Reconstructed held-out images per snapshot. */
    static final int IMAGES = 10;

    private final Path figures;
    private final RunConfig cfg;
    private final Tensor originals;   // (10, D): the first held-out images
    private final int height;
    private final int width;
    private final long stepsPerEpoch;
    private final int every;

    /** @param every epochs between PNG snapshots ({@code --figures-every}); 0: none, only the kept reconstructions */
    public TrainingSnapshots(Path runDir, RunConfig cfg, DataSplits data, long stepsPerEpoch, int every) {
        this.figures = runDir.resolve("figures");
        this.cfg = cfg;
        Dataset held = data.heldOut() != null ? data.heldOut() : data.train();
        this.originals = held.slice(held.name(), 0, Math.min(IMAGES, held.size())).asTensor();
        this.height = held.height();
        this.width = held.width();
        this.stepsPerEpoch = stepsPerEpoch;
        this.every = every;
    }

    @Override
    public void beforeStep(long step, Vae vae) {
        if (step == 0 || step % stepsPerEpoch != 0) {
            return;
        }
        long epoch = step / stepsPerEpoch;
        try {
            if (every > 0 && epoch % every == 0) {
                writePngs(vae, String.format(Locale.ROOT, "epoch-%03d", epoch), "epoch " + epoch);
            }
            if (isKept(epoch)) {
                keep(vae, step, "epoch " + epoch);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** After the last step: the end's snapshot (and its PNGs when a multiple of N). */
    public void finish(long step, Vae vae) throws IOException {
        boolean whole = step % stepsPerEpoch == 0;
        long epoch = step / stepsPerEpoch;
        String label = whole ? "epoch " + epoch : String.format(Locale.ROOT, "step %,d", step);
        if (every > 0 && whole && epoch % every == 0) {
            writePngs(vae, String.format(Locale.ROOT, "epoch-%03d", epoch), label);
        }
        keep(vae, step, label);
    }

    /** Epochs 1, 2, 5, 10, 20, 50, ...: a few snapshots spread over a log axis, as Figure 2's. */
    static boolean isKept(long epoch) {
        for (long decade = 1; decade <= epoch; decade *= 10) {
            if (epoch == decade || epoch == 2 * decade || epoch == 5 * decade) {
                return true;
            }
        }
        return false;
    }

    private void writePngs(Vae vae, String name, String label) throws IOException {
        Path dir = figures.resolve("epochs");
        Files.createDirectories(dir);
        String setting = " (" + label + ")";
        Figures.samples(dir.resolve(name + "-samples.png"), vae, height, width, 64,
                Randomness.key(cfg.seed(), Randomness.Stream.SAMPLE, 1), "Samples: E[x|z], z ~ p(z)" + setting);
        Figures.reconstructions(dir.resolve(name + "-reconstructions.png"), vae, originals, height, width,
                "Held-out images and E[x | z = mu(x)]" + setting);
    }

    private void keep(Vae vae, long step, String label) throws IOException {
        Files.createDirectories(figures);
        Path file = figures.resolve(FILE);
        Map<String, Tensor> arrays = new TreeMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        if (Files.exists(file)) {
            Weights old = Weights.load(file);
            arrays.putAll(old.arrays());
            meta.putAll(old.metadata());
        }
        arrays.put("data", originals);
        meta.put("height", Integer.toString(height));
        meta.put("width", Integer.toString(width));
        String key = String.format(Locale.ROOT, "step-%012d", step);
        arrays.put(key, reconstruct(vae));
        meta.put(key, label);
        new Weights(arrays, meta).save(file, Weights.Format.NPZ);
    }

    private Tensor reconstruct(Vae vae) {
        return vae.decoder.mean(Figures.posterior(vae, originals)[0]).copy();
    }

    /**
     * The final figure: the ten held-out images, then their reconstructions at each kept
     * snapshot, one row each, labelled by epoch. Returns false when the run kept none.
     */
    public static boolean writeOverTraining(Path runDir, Path file) throws IOException {
        Path kept = runDir.resolve("figures").resolve(FILE);
        if (!Files.isRegularFile(kept)) {
            return false;
        }
        Weights w = Weights.load(kept);
        Tensor data = w.arrays().get("data");
        if (data == null) {
            return false;
        }
        List<String> labels = new ArrayList<>(List.of("data"));
        List<Tensor> rows = new ArrayList<>(List.of(data));
        new TreeMap<>(w.arrays()).forEach((k, t) -> {
            if (k.startsWith("step-") && t.rows == data.rows && t.cols == data.cols) {
                labels.add(w.metadata().getOrDefault(k, k));
                rows.add(t);
            }
        });
        int d = data.cols, n = data.rows;
        int h, wd;
        try {
            h = Integer.parseInt(w.metadata().get("height"));
            wd = Integer.parseInt(w.metadata().get("width"));
        } catch (NumberFormatException e) {
            return false;
        }
        if ((long) h * wd != d) {
            return false;
        }
        float[] all = new float[rows.size() * n * d];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r).data, 0, all, r * n * d, n * d);
        }
        ImageGrid.of(h, wd).columns(n).scale(2).gap(1).title("Reconstructions E[x | z = mu(x)] over training")
                .rowLabels(labels.toArray(String[]::new)).write(file, all, rows.size() * n);
        return true;
    }
}
