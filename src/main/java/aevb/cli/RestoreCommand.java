package aevb.cli;

import aevb.eval.Summary;
import aevb.infer.Baselines;
import aevb.infer.Corruptions;
import aevb.infer.Denoising;
import aevb.infer.Inpainting;
import aevb.infer.MapEstimate;
import aevb.infer.PosteriorPredictive;
import aevb.infer.RestorationError;
import aevb.infer.SuperResolution;
import aevb.tensor.Tensor;
import aevb.viz.ImageGrid;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code aevb inpaint}, {@code aevb denoise} and {@code aevb upscale}: section 2.1's third use
 * (inpainting, denoising, super-resolution) on held-out images of a trained model, each method
 * against its baseline. Prints the error of each and draws truth, corrupted input and results,
 * one labelled row each.
 */
public final class RestoreCommand implements Command {
    private final String name;

    private RestoreCommand(String name) {
        this.name = name;
    }

    public static List<Command> all() {
        return List.of(new RestoreCommand("inpaint"), new RestoreCommand("denoise"), new RestoreCommand("upscale"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return switch (name) {
            case "inpaint" -> "fill missing pixels: mean fill, Rezende et al.'s iterations, MAP and HMC over z (section 2.1)";
            case "denoise" -> "remove salt-and-pepper or Gaussian noise by the posterior over z (section 2.1)";
            default -> "infer 28x28 images from 14x14 block means, against bilinear upsampling (section 2.1)";
        };
    }

    @Override
    public List<Flag> flags() {
        List<Flag> f = new ArrayList<>(UseData.flags("100"));
        f.add(Flag.text("out", "FILE", name + ".png", "the PNG to write"));
        f.add(Flag.integer("seed", "1", Long.MIN_VALUE, Long.MAX_VALUE, "seed of the corruption and of HMC"));
        f.add(Flag.integer("warmup", "30", 0, 100_000, "HMC warm-up transitions (step size adapts)"));
        f.add(Flag.integer("samples", "30", 1, 100_000, "HMC transitions kept for the posterior-predictive mean"));
        f.add(Flag.integer("leapfrog", "10", 1, 1000, "leapfrog steps per HMC transition"));
        f.add(Flag.integer("map-steps", String.valueOf(MapEstimate.DEFAULT_STEPS), 1, 100_000, "gradient steps of the MAP estimate"));
        f.add(Flag.integer("show", "8", 1, 20, "images in the PNG"));
        switch (name) {
            case "inpaint" -> {
                f.add(Flag.choice("mask", "lower-half", "which pixels are missing (quadrant: all but the lower-left quadrant,"
                        + " the conditional VAE's task)", "lower-half", "random", "quadrant"));
                f.add(Flag.real("missing", "0.8", 0, 0.999, "fraction of pixels missing for --mask random"));
                f.add(Flag.integer("rounds", "2", 1, 10_000, "encode-decode rounds of the iterative scheme"));
            }
            case "denoise" -> {
                f.add(Flag.choice("noise", "salt-and-pepper", "the corruption", "salt-and-pepper", "gaussian"));
                f.add(Flag.real("level", null, 0, 5, "ρ for salt-and-pepper (default 0.2), s for Gaussian (default 0.3)"));
            }
            default -> { }
        }
        return f;
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        Path file = UseData.figure(a, name + ".png");   // refused now, not after the inference
        UseData u = UseData.load(a, name, err);
        if (!u.vae().decoder.kind().equals("bernoulli")) {
            throw new UsageException("aevb " + name + ": needs a model with a Bernoulli decoder (MNIST); "
                    + a.get("checkpoint") + " has a " + u.vae().decoder.kind() + " decoder");
        }
        long seed = a.longValue("seed");
        PosteriorPredictive.Settings hmc = new PosteriorPredictive.Settings(a.integer("warmup"), a.integer("samples"),
                a.integer("leapfrog"), 0.8, seed);
        int mapSteps = a.integer("map-steps"), h = u.height(), w = u.width();
        Tensor truth = u.images().asTensor();
        Map<String, Tensor> rows = new LinkedHashMap<>();   // label -> images, in PNG order
        Tensor which = null;                               // the pixels scored (null: all)
        String task;
        Map<String, Tensor> results = new LinkedHashMap<>();
        switch (name) {
            case "inpaint" -> {
                Tensor mask = switch (a.get("mask")) {
                    case "lower-half" -> Corruptions.lowerHalfMissing(truth.rows, h, w);
                    case "quadrant" -> Corruptions.quadrantObserved(truth.rows, h, w);
                    default -> Corruptions.randomMissing(truth.rows, truth.cols, a.real("missing"), seed);
                };
                which = RestorationError.missing(mask);
                Tensor mean = Baselines.pixelMean(u.data().train().asTensor());
                Inpainting.Settings s = new Inpainting.Settings(a.integer("rounds"), mapSteps, hmc);
                Tensor shown = truth.copy();
                for (int j = 0; j < shown.data.length; j++) {
                    if (mask.data[j] == 0f) {
                        shown.data[j] = Float.NaN;          // drawn red: missing
                    }
                }
                rows.put("input (red: missing)", shown);
                results.put("mean fill", Inpainting.fill(Inpainting.Method.MEAN_FILL, u.vae(), truth, mask, mean, s));
                results.put("iterative x" + s.rounds(), Inpainting.fill(Inpainting.Method.ITERATIVE, u.vae(), truth, mask, mean, s));
                results.put("MAP", Inpainting.fill(Inpainting.Method.MAP, u.vae(), truth, mask, mean, s));
                results.put("HMC", Inpainting.fill(Inpainting.Method.HMC, u.vae(), truth, mask, mean, s));
                task = switch (a.get("mask")) {
                    case "lower-half" -> "lower half missing";
                    case "quadrant" -> "only the lower-left quadrant observed";
                    default -> String.format(Locale.ROOT, "%.0f%% of pixels missing", 100 * a.real("missing"));
                };
            }
            case "denoise" -> {
                Denoising.Noise noise = a.get("noise").equals("gaussian") ? Denoising.Noise.GAUSSIAN : Denoising.Noise.SALT_AND_PEPPER;
                double level = a.given("level") ? a.real("level") : noise == Denoising.Noise.GAUSSIAN ? 0.3 : 0.2;
                if (noise == Denoising.Noise.SALT_AND_PEPPER && level >= 1) {
                    throw new UsageException("aevb denoise: --level for salt-and-pepper is a probability below 1, got " + level);
                }
                Tensor y = Denoising.corrupt(noise, truth, level, seed);
                for (Denoising.Method m : Denoising.Method.values()) {
                    String label = switch (m) {
                        case NOISY -> "noisy input";
                        case MEDIAN -> "3x3 median";
                        case ENCODE_DECODE -> "encode-decode";
                        case MAP -> "MAP";
                        case HMC -> "HMC";
                    };
                    results.put(label, Denoising.denoise(m, u.vae(), y, noise, level, h, w, mapSteps, hmc));
                }
                task = noise == Denoising.Noise.GAUSSIAN ? "Gaussian noise s = " + level : "salt-and-pepper ρ = " + level;
            }
            default -> {
                Tensor low = Corruptions.averagePool(truth, h, w, 2);
                rows.put("14x14 input", nearest(low, h, w));
                for (SuperResolution.Method m : SuperResolution.Method.values()) {
                    results.put(m == SuperResolution.Method.BILINEAR ? "bilinear" : m.name(),
                            SuperResolution.upscale(m, u.vae(), low, h, w, 2, mapSteps, hmc));
                }
                task = "super-resolution from 14x14 block means";
            }
        }
        out.println(name + ": " + task + "; " + u.describe(a));
        out.printf(Locale.ROOT, "%-22s %18s %24s%n", "method", "MSE per pixel", "log p(truth), nats/image");
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : results.entrySet()) {
            RestorationError err2 = RestorationError.of(e.getValue(), truth, which);
            out.printf(Locale.ROOT, "%-22s %18s %24s%n", e.getKey(), pm(err2.mse(), 4), pm(err2.logLikelihood(), 2));
            labels.put(e.getKey(), String.format(Locale.ROOT, "%s (%.3f)", e.getKey(), err2.mse().mean()));
        }
        out.println("(" + (which == null ? "all pixels" : "missing pixels only") + "; ± one standard error over images)");
        int show = Math.min(a.integer("show"), truth.rows);
        List<String> rowLabels = new ArrayList<>();
        List<Tensor> picture = new ArrayList<>();
        rowLabels.add("truth");
        picture.add(truth);
        rows.forEach((k, v) -> {
            rowLabels.add(k);
            picture.add(v);
        });
        results.forEach((k, v) -> {
            rowLabels.add(labels.get(k));
            picture.add(v);
        });
        float[] pixels = new float[picture.size() * show * truth.cols];
        for (int r = 0; r < picture.size(); r++) {
            System.arraycopy(picture.get(r).data, 0, pixels, r * show * truth.cols, show * truth.cols);
        }
        ImageGrid.of(h, w).columns(show).scale(2).gap(1)
                .title(name + ": " + task + " (MSE per pixel in brackets, over " + truth.rows + " images)")
                .rowLabels(rowLabels.toArray(String[]::new)).write(file, pixels, picture.size() * show);
        out.println("wrote " + file);
        return 0;
    }

    /** The low-resolution input drawn at full size by repeating each block mean (what was observed). */
    private static Tensor nearest(Tensor low, int h, int w) {
        Tensor x = new Tensor(low.rows, h * w);
        int lw = w / 2;
        for (int i = 0; i < low.rows; i++) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    x.data[i * h * w + r * w + c] = low.data[i * low.cols + (r / 2) * lw + c / 2];
                }
            }
        }
        return x;
    }

    static String pm(Summary s, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f ± %." + digits + "f", s.mean(), s.standardError());
    }
}
