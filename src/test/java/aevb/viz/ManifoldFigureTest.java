package aevb.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figure 4's axes: the label areas beside and below the grid hold text; the picture stays small. */
class ManifoldFigureTest {
    @TempDir
    Path dir;

    /** Red (NaN) tiles, so the grid is told apart from the black text by colour alone. */
    private static BufferedImage figure(int k, int h, int w, int scale, String title) {
        float[] pixels = new float[k * k * h * w];
        Arrays.fill(pixels, Float.NaN);
        double[][][] z = Manifold.grid(Manifold.linspace(0.05, 0.95, k));
        double[] across = new double[k], up = new double[k];
        for (int i = 0; i < k; i++) {
            across[i] = z[0][i][0];
            up[i] = z[k - 1 - i][0][1];
        }
        return new ManifoldFigure(h, w, scale, 1).render(pixels, across, up, "z3 (latent dimension 3 of 20), runs across",
                "z7 (latent dimension 7 of 20), runs up", title, "z = inverse normal CDF of p, p evenly from 0.05 to 0.95");
    }

    /** The bounding box of the red grid: {x0, y0, x1, y1}, inclusive. */
    private static int[] gridBox(BufferedImage img) {
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == 0xff0000) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return new int[] {x0, y0, x1, y1};
    }

    /** Pixels darker than mid-gray (text, ticks) in the rectangle. */
    private static int dark(BufferedImage img, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
                int rgb = img.getRGB(x, y);
                if ((rgb & 0xffffff) != 0xff0000 && Pixels.gray(rgb) < 128) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void theAreasBelowAndLeftOfTheGridHoldLabels() {
        int k = 15;
        BufferedImage img = figure(k, 28, 28, 1, "Learned manifold");
        int[] g = gridBox(img);
        assertEquals(k * 28 + (k - 1), g[2] - g[0] + 1, "the grid is whole: K tiles and K-1 gaps across");
        int midX = (g[0] + g[2]) / 2, midY = (g[1] + g[3]) / 2;
        // below: the column ticks under the left and the right half, and the name of z across
        assertTrue(dark(img, g[0], g[3] + 1, midX, g[3] + 18) > 20, "column ticks under the left half");
        assertTrue(dark(img, midX, g[3] + 1, g[2], g[3] + 18) > 20, "column ticks under the right half");
        assertTrue(dark(img, g[0], g[3] + 18, g[2], img.getHeight()) > 100, "the name of the dimension across");
        // left: the row ticks beside the top and the bottom half, and the (vertical) name of z up
        assertTrue(dark(img, 0, g[1], g[0], midY) > 40, "row ticks and name beside the top half");
        assertTrue(dark(img, 0, midY, g[0], g[3]) > 40, "row ticks and name beside the bottom half");
        assertTrue(dark(img, 0, g[1], 20, g[3]) > 40, "the vertical name at the far left");
        assertTrue(dark(img, 0, 0, img.getWidth(), g[1]) > 40, "the title above");
        // right of the grid and between the tiles: no labels
        assertEquals(0, dark(img, g[2] + 1, g[1], img.getWidth(), g[3]));
    }

    @Test
    void ticksAreTheGridsZValuesAndThePictureStaysSmall() throws Exception {
        assertEquals("-1.64", ManifoldFigure.tick(Manifold.grid(Manifold.linspace(0.05, 0.95, 20))[0][0][0]));
        assertEquals("0.00", ManifoldFigure.tick(-1e-17));
        int k = 20;
        BufferedImage img = figure(k, 28, 28, 1, "Learned manifold (sample, Nz = 20, 500 hidden)");
        int[] g = gridBox(img);
        int gridW = g[2] - g[0] + 1, gridH = g[3] - g[1] + 1;
        assertTrue(img.getWidth() - gridW < 120, "axes add little width: " + img.getWidth() + " for a grid of " + gridW);
        assertTrue(img.getHeight() - gridH < 120, "axes add little height: " + img.getHeight() + " for " + gridH);
        Path file = dir.resolve("manifold.png");
        Png.write(file, img);
        assertTrue(Files.size(file) < 60_000, Files.size(file) + " bytes");
    }
}
