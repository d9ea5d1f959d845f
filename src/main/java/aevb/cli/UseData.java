package aevb.cli;

import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.data.Datasets;
import aevb.io.Checkpoint;
import aevb.run.DataRecord;
import aevb.run.ModelCheckpoint;
import aevb.run.RunConfig;
import aevb.sgvb.Vae;
import aevb.tensor.Parallel;
import aevb.viz.Png;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * What the commands of the paper's three uses share: the model of {@code --checkpoint}, its data
 * set, and the images to work on ({@code --split}, {@code --from}, {@code --count}). Settings
 * are to be chosen on training or validation images, and the numbers reported on test images.
 */
record UseData(Vae vae, RunConfig config, DataSplits data, Dataset images, int height, int width) {

    static List<Flag> flags(String defaultCount) {
        return List.of(Checkpoints.FLAG,
                Flag.text("data-dir", "DIR", null, "where the data files are (default: the run's)"),
                Flag.choice("split", "test", "the images to use (choose settings on train or validation, report on test)",
                        "train", "validation", "test"),
                Flag.integer("from", "0", 0, 10_000_000, "the first image of the split to use"),
                Flag.integer("count", defaultCount, 1, 100_000, "how many images"),
                Flag.integer("threads", null, 1, 256, "threads for the kernels (default: all cores)"));
    }

    static UseData load(Args a, String command, PrintStream err) throws Exception {
        if (a.given("threads")) {
            Parallel.setThreads(a.integer("threads"));
        }
        Checkpoint c = Checkpoints.load(a, command);
        RunConfig cfg = RunConfig.fromCheckpoint(c);
        Vae vae = ModelCheckpoint.model(c);
        Path dir = a.given("data-dir") ? a.path("data-dir") : cfg.dataDir() == null ? null : Path.of(cfg.dataDir());
        DataSplits data = Datasets.load(cfg.dataset(), dir, true, err);
        String split = a.get("split");
        Dataset d = switch (split) {
            case "train" -> data.train();
            case "validation" -> data.validation();
            default -> data.test() != null ? data.test() : data.validation();
        };
        if (d == null) {
            throw new UsageException("aevb " + command + ": " + cfg.dataset() + " has no " + split + " split (" + data.summary() + ")");
        }
        int from = a.integer("from");
        if (from >= d.size()) {
            throw new UsageException("aevb " + command + ": --from " + from + " is past the " + d.size() + " images of " + d.name());
        }
        Dataset images = d.slice(d.name(), from, Math.min(d.size(), from + a.integer("count")));
        int[] shape = DataRecord.imageShape(c, cfg);   // the data's own (height, width), recorded in the checkpoint
        return new UseData(vae, cfg, data, images, shape[0], shape[1]);
    }

    /**
     * The PNG {@code --out} names, checked before any work: a folder gets {@code defaultName}
     * inside it, and an existing file is replaced only when it is a PNG aevb wrote.
     */
    static Path figure(Args a, String defaultName) throws Exception {
        return Png.figureTarget(a.path("out"), defaultName, "--out");
    }

    /** "mnist/test images 0..999, model mnist Nz = 20": what the numbers were measured on. */
    String describe(Args a) {
        int from = a.integer("from");
        return images.name() + " images " + from + ".." + (from + images.size() - 1) + "; model " + config.describe();
    }
}
