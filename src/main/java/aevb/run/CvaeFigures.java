package aevb.run;

import aevb.data.Dataset;
import aevb.random.Randomness;
import aevb.sgvb.Condition;
import aevb.sgvb.Cvae;
import aevb.sgvb.CvaeConfig;
import aevb.tensor.Tensor;
import aevb.viz.ImageGrid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pictures of a conditional VAE: for the label, samples E[x | z, c = one-hot(d)] with
 * z ~ N(0, I), one row per chosen digit (the same z in every row, so a column keeps its style and
 * changes its class); for the quadrant, held-out images completed from their lower-left quadrant.
 */
public final class CvaeFigures {
    private CvaeFigures() {}

    /** One row per digit of {@code digits}, {@code perDigit} samples each, z from (seed, SAMPLE, 0). */
    public static void digitSamples(Path file, Cvae cvae, int[] digits, int perDigit, long seed, String title)
            throws IOException {
        CvaeConfig k = cvae.config;
        if (k.condition() != Condition.LABEL) {
            throw new IllegalArgumentException("samples of a chosen digit need a CVAE conditioned on the label");
        }
        Tensor z = new Tensor(perDigit, k.latent());
        Randomness.gaussian(seed, Randomness.Stream.SAMPLE, 0, z.data, z.data.length);
        float[] pixels = new float[digits.length * perDigit * k.height() * k.width()];
        String[] labels = new String[digits.length];
        for (int r = 0; r < digits.length; r++) {
            Tensor c = new Tensor(perDigit, Condition.CLASSES);
            for (int i = 0; i < perDigit; i++) {
                c.set(i, digits[r], 1f);
            }
            Tensor x = cvae.mean(cvae.priorSample(c, z), c);   // (perDigit, h·w); z is eps for a learned prior
            System.arraycopy(x.data, 0, pixels, r * x.data.length, x.data.length);
            labels[r] = "digit " + digits[r];
        }
        ImageGrid.of(k.height(), k.width()).columns(perDigit).scale(2).gap(1).title(title).rowLabels(labels)
                .write(file, pixels, digits.length * perDigit);
    }

    /**
     * The first {@code count} images of {@code held}: the observed quadrant (the rest red), three
     * completions from single draws z ~ p(z), the decoder mean averaged over 100 draws, and the truth.
     */
    public static void completions(Path file, Cvae cvae, Dataset held, int count, long seed, String title)
            throws IOException {
        CvaeConfig k = cvae.config;
        int h = k.height(), w = k.width(), n = Math.min(count, held.size());
        Tensor truth = held.slice(held.name(), 0, n).asTensor();
        Tensor c = k.condition().context(truth, null, h, w);
        Tensor nan = Tensor.filled(n, k.dataDim(), Float.NaN);
        Tensor[] rows = new Tensor[6];
        String[] labels = {"observed", "draw 1", "draw 2", "draw 3", "mean of 100", "truth"};
        rows[0] = k.condition().image(c, nan, h, w);
        Tensor z = new Tensor(n, k.latent());
        for (int s = 0; s < 3; s++) {
            Randomness.gaussian(seed, Randomness.Stream.SAMPLE, 1000 + s, z.data, z.data.length);
            rows[1 + s] = k.condition().image(c, cvae.mean(cvae.priorSample(c, z), c), h, w);
        }
        rows[4] = k.condition().image(c, cvae.predict(c, 100, seed), h, w);
        rows[5] = truth;
        float[] pixels = new float[rows.length * n * h * w];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r].data, 0, pixels, r * n * h * w, n * h * w);
        }
        ImageGrid.of(h, w).columns(n).scale(2).gap(1).title(title).rowLabels(labels).write(file, pixels, rows.length * n);
    }

    /** The run's figures: digit samples (label) or completions of held-out images (quadrant); returns the file. */
    public static Path writeAll(Path dir, Cvae cvae, Dataset held, long seed, String setting) throws IOException {
        Path figures = dir.resolve("figures");
        Files.createDirectories(figures);
        if (cvae.config.condition() == Condition.LABEL) {
            Path file = figures.resolve("digits.png");
            digitSamples(file, cvae, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 10, seed,
                    "CVAE samples E[x | z, digit], z ~ N(0, I), the same z down each column (" + setting + ")");
            return file;
        }
        Path file = figures.resolve("completions.png");
        completions(file, cvae, held, 12, seed, "CVAE: the other three quadrants from the lower-left one (" + setting + ")");
        return file;
    }
}
