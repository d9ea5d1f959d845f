package aevb.cli;

import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.data.Datasets;
import aevb.eval.Summary;
import aevb.infer.Baselines;
import aevb.infer.Corruptions;
import aevb.infer.Inpainting;
import aevb.infer.MapEstimate;
import aevb.infer.PosteriorPredictive;
import aevb.infer.QuadrantCompletion;
import aevb.infer.RestorationError;
import aevb.io.Checkpoint;
import aevb.random.Randomness;
import aevb.run.CvaeCheckpoint;
import aevb.run.ModelCheckpoint;
import aevb.run.RunConfig;
import aevb.sgvb.Condition;
import aevb.sgvb.Cvae;
import aevb.sgvb.Vae;
import aevb.tensor.Parallel;
import aevb.tensor.Tensor;
import aevb.viz.ImageGrid;
import aevb.viz.Png;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code aevb complete}: held-out images completed from their lower-left quadrant by the
 * conditional VAE ({@code train --model cvae --condition quadrant}) against the plain VAE's
 * inpainting with the same mask ({@code --vae RUN}: HMC and MAP over z, as {@code aevb inpaint
 * --mask quadrant}) and the mean fill ({@link QuadrantCompletion}). Prints the MSE per missing
 * pixel and the log-likelihood of the true missing pixels of each, and draws observed quadrant,
 * CVAE completion, VAE completion and truth side by side.
 */
public final class CompleteCommand implements Command {

    @Override
    public String name() {
        return "complete";
    }

    @Override
    public String summary() {
        return "complete images from one quadrant: the conditional VAE against the VAE's inpainting and the mean fill";
    }

    @Override
    public List<Flag> flags() {
        return List.of(Flag.text("checkpoint", "PATH", null, "the conditional VAE's run (train --model cvae --condition quadrant; required)"),
                Flag.text("vae", "PATH", null, "a VAE run on the same data set, to compare its inpainting (HMC and MAP over z)"),
                Flag.text("data-dir", "DIR", null, "where the data files are (default: the CVAE run's)"),
                Flag.choice("split", "test", "the images to use (choose settings on train or validation, report on test)",
                        "train", "validation", "test"),
                Flag.integer("from", "0", 0, 10_000_000, "the first image of the split to use"),
                Flag.integer("count", "100", 1, 100_000, "how many images"),
                Flag.integer("seed", "1", Long.MIN_VALUE, Long.MAX_VALUE, "seed of the CVAE's prior draws and of HMC"),
                Flag.integer("warmup", "30", 0, 100_000, "HMC warm-up transitions (step size adapts)"),
                Flag.integer("samples", "30", 1, 100_000, "HMC transitions kept for the posterior-predictive mean"),
                Flag.integer("leapfrog", "10", 1, 1000, "leapfrog steps per HMC transition"),
                Flag.integer("map-steps", String.valueOf(MapEstimate.DEFAULT_STEPS), 1, 100_000, "gradient steps of the MAP estimate"),
                Flag.integer("show", "8", 1, 20, "images in the PNG"),
                Flag.text("out", "FILE", "complete.png", "the PNG to write"),
                Flag.integer("threads", null, 1, 256, "threads for the kernels (default: all cores)"));
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        if (a.given("threads")) {
            Parallel.setThreads(a.integer("threads"));
        }
        Path png = Png.figureTarget(a.path("out"), "complete.png", "--out");   // refused now, not after the inference
        Path file = Checkpoints.file(a, "checkpoint", "complete");
        if (!CvaeCheckpoint.isCvae(file)) {
            throw new UsageException("aevb complete: --checkpoint " + a.path("checkpoint") + " is not a conditional VAE"
                    + " (train one with --model cvae --condition quadrant; a VAE run goes to --vae)");
        }
        Checkpoint c = CvaeCheckpoint.load(file);
        Cvae cvae = CvaeCheckpoint.trained(c);
        RunConfig cfg = CvaeCheckpoint.config(c);
        if (cvae.config.condition() != Condition.QUADRANT) {
            throw new UsageException("aevb complete: --checkpoint " + a.path("checkpoint") + " is conditioned on the "
                    + cvae.config.condition().key() + ", not the quadrant (train with --condition quadrant)");
        }
        Vae vae = null;
        if (a.given("vae")) {
            Path vf = Checkpoints.file(a, "vae", "complete");
            if (CvaeCheckpoint.isCvae(vf)) {
                throw new UsageException("aevb complete: --vae " + a.path("vae") + " is a conditional VAE; give a plain VAE run");
            }
            Checkpoint v = ModelCheckpoint.load(vf);
            RunConfig vcfg = RunConfig.fromCheckpoint(v);
            if (!vcfg.dataset().equals(cfg.dataset())) {
                throw new UsageException("aevb complete: --vae was trained on " + vcfg.dataset() + ", the CVAE on "
                        + cfg.dataset() + "; give runs of the same data set");
            }
            vae = ModelCheckpoint.model(v);
            if (!vae.decoder.kind().equals("bernoulli")) {
                throw new UsageException("aevb complete: --vae needs a Bernoulli decoder; " + a.path("vae") + " has a "
                        + vae.decoder.kind() + " one");
            }
        }
        Path dir = a.given("data-dir") ? a.path("data-dir") : cfg.dataDir() == null ? null : Path.of(cfg.dataDir());
        DataSplits data = Datasets.load(cfg.dataset(), dir, true, err);
        Dataset d = switch (a.get("split")) {
            case "train" -> data.train();
            case "validation" -> data.validation();
            default -> data.test() != null ? data.test() : data.validation();
        };
        if (d == null) {
            throw new UsageException("aevb complete: " + cfg.dataset() + " has no " + a.get("split") + " split (" + data.summary() + ")");
        }
        int from = a.integer("from"), h = cvae.config.height(), w = cvae.config.width();
        if (from >= d.size()) {
            throw new UsageException("aevb complete: --from " + from + " is past the " + d.size() + " images of " + d.name());
        }
        if (d.height() != h || d.width() != w) {
            throw new UsageException("aevb complete: the CVAE is for " + h + "x" + w + " images, " + d.name() + " has "
                    + d.height() + "x" + d.width() + "; give the run's data with --data-dir");
        }
        Tensor truth = d.slice(d.name(), from, Math.min(d.size(), from + a.integer("count"))).asTensor();
        long seed = a.longValue("seed");
        Inpainting.Settings s = new Inpainting.Settings(2, a.integer("map-steps"),
                new PosteriorPredictive.Settings(a.integer("warmup"), a.integer("samples"), a.integer("leapfrog"), 0.8, seed));
        long t0 = System.nanoTime();
        Map<String, Tensor> done = QuadrantCompletion.complete(cvae, vae, truth, h, w,
                Baselines.pixelMean(data.train().asTensor()), s);
        Map<String, RestorationError> errors = QuadrantCompletion.errors(done, truth, h, w);
        out.printf(Locale.ROOT, "complete: the lower-left quadrant observed, the other three filled; %s images %d..%d, seed %d%n",
                d.name(), from, from + truth.rows - 1, seed);
        out.println("CVAE: " + file + (vae == null ? "" : "; VAE: " + a.path("vae")));
        out.printf(Locale.ROOT, "%-32s %18s %26s%n", "method", "MSE per missing pixel", "log p(true missing), nats/image");
        errors.forEach((k, e) -> out.printf(Locale.ROOT, "%-32s %18s %26s%n", k, RestoreCommand.pm(e.mse(), 4),
                RestoreCommand.pm(e.logLikelihood(), 2)));
        out.printf(Locale.ROOT, "(± one standard error over images; %.1f s)%n", (System.nanoTime() - t0) / 1e9);
        String first = done.keySet().iterator().next();
        if (vae != null) {
            Summary[] diff = QuadrantCompletion.pairedDifference(done.get(first), done.get("VAE, HMC"), truth, h, w);
            out.printf(Locale.ROOT, "paired, image by image, %s minus VAE, HMC: MSE %s, log p(true missing) %s%n", first,
                    RestoreCommand.pm(diff[0], 4), RestoreCommand.pm(diff[1], 2));
        }
        int show = Math.min(a.integer("show"), truth.rows), n = h * w;
        Tensor observed = truth.copy();
        Tensor mask = Corruptions.quadrantObserved(truth.rows, h, w);
        for (int j = 0; j < observed.data.length; j++) {
            if (mask.data[j] == 0f) {
                observed.data[j] = Float.NaN;   // drawn red: to be filled
            }
        }
        String cvaeKey = done.keySet().iterator().next();
        Tensor ctx = Condition.QUADRANT.context(truth, null, h, w), eps = new Tensor(truth.rows, cvae.config.latent());
        Randomness.gaussian(seed, Randomness.Stream.SAMPLE, 1000, eps.data, eps.data.length);
        Tensor oneDraw = Condition.QUADRANT.image(ctx, cvae.mean(cvae.priorSample(ctx, eps), ctx), h, w);
        List<String> labels = new ArrayList<>(List.of("observed", "CVAE, one draw", "CVAE, mean"));
        List<Tensor> rows = new ArrayList<>(List.of(observed, oneDraw, done.get(cvaeKey)));
        if (vae != null) {
            labels.add("VAE, HMC");
            rows.add(done.get("VAE, HMC"));
        }
        labels.add("truth");
        rows.add(truth);
        float[] pixels = new float[rows.size() * show * n];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r).data, 0, pixels, r * show * n, show * n);
        }
        ImageGrid.of(h, w).columns(show).scale(2).gap(1)
                .title("Completion from the lower-left quadrant: " + cvaeKey + (vae == null ? "" : ", and the VAE's HMC"))
                .rowLabels(labels.toArray(String[]::new)).write(png, pixels, rows.size() * show);
        out.println("wrote " + png);
        return 0;
    }
}
