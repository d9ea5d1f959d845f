package aevb.cli;

import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.data.Dataset;
import aevb.io.Checkpoint;
import aevb.run.CvaeFigures;
import aevb.run.CvaeCheckpoint;
import aevb.run.DataRecord;
import aevb.run.Figures;
import aevb.run.MemoryEstimate;
import aevb.run.ModelCheckpoint;
import aevb.run.RunConfig;
import aevb.sgvb.Condition;
import aevb.sgvb.Cvae;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import aevb.viz.Png;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code aevb sample}, {@code aevb manifold} and {@code aevb reconstruct}: the figures of a run
 * drawn again from any of its checkpoints, with other sizes or seeds.
 */
public final class DrawCommand implements Command {
    private final String name;

    private DrawCommand(String name) {
        this.name = name;
    }

    public static List<Command> all() {
        return List.of(new DrawCommand("sample"), new DrawCommand("manifold"), new DrawCommand("reconstruct"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return switch (name) {
            case "sample" -> "draw samples from a trained model (Figure 5)";
            case "manifold" -> "draw the learned manifold over two latent dimensions (Figure 4)";
            default -> "draw held-out images beside their reconstructions";
        };
    }

    @Override
    public List<Flag> flags() {
        return switch (name) {
            case "sample" -> List.of(Checkpoints.FLAG, Flag.text("out", "FILE", "samples.png", "the PNG to write"),
                    Flag.integer("count", "100", 1, 10000, "how many samples (a CVAE: per digit, default 10)"),
                    Flag.integer("seed", "1", Long.MIN_VALUE, Long.MAX_VALUE, "seed of the draws"),
                    new Flag("digit", "D[,D]", null, "a conditional VAE on the label (train --model cvae --condition label):"
                            + " samples of these digits, one row each (default: all ten)", DrawCommand::digitsProblem));
            case "manifold" -> List.of(Checkpoints.FLAG, Flag.text("out", "FILE", "manifold.png", "the PNG to write"),
                    Flag.integer("grid", "20", 2, 100, "K: a K x K grid of z"),
                    Flag.integer("dim-x", null, 1, 1000, "latent dimension across (default: the one with the largest KL)"),
                    Flag.integer("dim-y", null, 1, 1000, "latent dimension down (default: the second largest KL)"),
                    Flag.text("data-dir", "DIR", null, "where the data files are, to rank dimensions by KL"));
            default -> List.of(Checkpoints.FLAG, Flag.text("out", "FILE", "reconstructions.png", "the PNG to write"),
                    Flag.integer("count", "20", 1, 1000, "how many held-out images"),
                    Flag.text("data-dir", "DIR", null, "where the data files are"));
        };
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        if (name.equals("manifold") && a.given("dim-x") != a.given("dim-y")) {
            throw new UsageException("aevb manifold: give both --dim-x and --dim-y (or neither: the two with the largest KL)");
        }
        if (name.equals("manifold") && a.given("dim-x") && a.integer("dim-x") == a.integer("dim-y")) {
            throw new UsageException("aevb manifold: --dim-x and --dim-y must differ, got " + a.integer("dim-x") + " twice");
        }
        if (name.equals("sample")) {
            Path f = Checkpoints.file(a, "checkpoint", name);
            if (CvaeCheckpoint.isCvae(f)) {
                return sampleCvae(a, f, out);
            }
            if (a.given("digit")) {
                throw new UsageException("aevb sample: --digit needs a conditional VAE on the label (train --model cvae"
                        + " --condition label); " + a.path("checkpoint") + " is a VAE run");
            }
        }
        Checkpoint c = Checkpoints.load(a, name);
        RunConfig cfg = RunConfig.fromCheckpoint(c);
        Vae vae = ModelCheckpoint.model(c);
        int[] shape = DataRecord.imageShape(c, cfg);  // the data set's own image shape, not 28x28 for all
        long tiles = switch (name) {
            case "manifold" -> (long) a.integer("grid") * a.integer("grid");
            case "reconstruct" -> 2L * a.integer("count");
            default -> a.integer("count");
        };
        MemoryEstimate.requireFigure(cfg.model(), tiles, shape[0], shape[1], "aevb " + name + " of " + c.source());
        Path file = Png.figureTarget(a.path("out"), flags().get(1).defaultValue(), "--out");
        String setting = cfg.dataset() + ", Nz = " + cfg.model().latent();
        switch (name) {
            case "sample" -> Figures.samples(file, vae, shape[0], shape[1], a.integer("count"), a.longValue("seed"),
                    "Samples: E[x|z], z ~ p(z) (" + setting + ")");
            case "manifold" -> {
                int nz = cfg.model().latent();
                int[] dims;
                if (a.given("dim-x") && a.given("dim-y")) {
                    dims = new int[] {a.integer("dim-x") - 1, a.integer("dim-y") - 1};
                } else if (nz <= 2) {
                    dims = new int[] {0, Math.min(1, nz - 1)};
                } else {
                    dims = Figures.mostActiveDims(vae, heldOut(cfg, a, 1000).asTensor());
                }
                for (int d : dims) {
                    if (d >= nz) {
                        throw new UsageException("aevb manifold: --dim-x/--dim-y must be from 1 to " + nz + " (the model's Nz)"
                                + ", got " + (d + 1));
                    }
                }
                Figures.manifold(file, vae, shape[0], shape[1], a.integer("grid"), dims[0], dims[1],
                        "Learned manifold over z" + (dims[0] + 1) + ", z" + (dims[1] + 1) + " (" + setting + ")");
            }
            default -> {
                Dataset held = heldOut(cfg, a, a.integer("count"));
                Figures.reconstructions(file, vae, held.asTensor(), held.height(), held.width(),
                        "Held-out images and E[x | z = mu(x)] (" + setting + ")");
            }
        }
        out.println("wrote " + file);
        return 0;
    }

    /** Samples of the chosen digits from a conditional VAE, one row per digit, the same z down each column. */
    private static int sampleCvae(Args a, Path f, PrintStream out) throws Exception {
        Checkpoint c = CvaeCheckpoint.load(f);
        Cvae cvae = CvaeCheckpoint.trained(c);
        if (cvae.config.condition() != Condition.LABEL) {
            throw new UsageException("aevb sample: " + a.path("checkpoint") + " is a CVAE conditioned on the quadrant;"
                    + " complete images from a quadrant with aevb complete --checkpoint " + a.path("checkpoint"));
        }
        int[] digits = a.given("digit") ? parseDigits(a.get("digit")) : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        int perDigit = a.given("count") ? a.integer("count") : 10;
        MemoryEstimate.requireFigure(CvaeCheckpoint.config(c).model(), (long) perDigit * digits.length, cvae.config.height(),
                cvae.config.width(), "aevb sample of " + c.source());
        Path file = Png.figureTarget(a.path("out"), "samples.png", "--out");
        CvaeFigures.digitSamples(file, cvae, digits, perDigit, a.longValue("seed"),
                "CVAE samples E[x | z, digit], z ~ N(0, I) (" + CvaeCheckpoint.config(c).dataset() + ", Nz = "
                        + cvae.config.latent() + ")");
        out.println("wrote " + file);
        return 0;
    }

    static String digitsProblem(String v) {
        return parseDigits(v) == null ? "expects digits 0-9 separated by commas, e.g. 7 or 3,5,8" : null;
    }

    /** "3,5,8" -> {3, 5, 8}; null when it is not a list of digits. */
    static int[] parseDigits(String v) {
        String[] parts = v.split(",", -1);
        int[] d = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.length() != 1 || p.charAt(0) < '0' || p.charAt(0) > '9') {
                return null;
            }
            d[i] = p.charAt(0) - '0';
        }
        return d;
    }

    /** The first n held-out images of the run's data set. */
    static Dataset heldOut(RunConfig cfg, Args a, int n) throws Exception {
        Path dir = a.given("data-dir") ? a.path("data-dir") : cfg.dataDir() == null ? null : Path.of(cfg.dataDir());
        DataSplits data = Datasets.load(cfg.dataset(), dir, true, System.err);
        Dataset held = data.heldOut() != null ? data.heldOut() : data.train();
        if (held.dim() != cfg.model().dataDim()) {
            throw new UsageException("aevb: the data in " + (dir == null ? "the default data folder" : dir) + " have "
                    + held.dim() + " pixels per image (" + held.height() + "x" + held.width() + ") but the model expects "
                    + cfg.model().dataDim() + "; give the run's data with --data-dir");
        }
        return held.slice(held.name(), 0, Math.min(n, held.size()));
    }

    static int[] labels(Dataset d) {
        return d.hasLabels() ? Arrays.copyOf(d.labels(), d.size()) : null;
    }
}
