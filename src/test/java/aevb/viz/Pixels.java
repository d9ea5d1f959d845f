package aevb.viz;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Test helpers that look at rendered pixels. */
final class Pixels {
    private Pixels() {}

    static BufferedImage read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) throw new IOException("not an image: " + file);
        return img;
    }

    /** Variance of the gray level (0..255) over the region; 0 for a blank region. */
    static double variance(BufferedImage img, int x0, int y0, int w, int h) {
        double sum = 0, sumSq = 0;
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                double v = gray(img.getRGB(x, y));
                sum += v;
                sumSq += v * v;
                n++;
            }
        }
        double mean = sum / n;
        return sumSq / n - mean * mean;
    }

    static double variance(BufferedImage img) {
        return variance(img, 0, 0, img.getWidth(), img.getHeight());
    }

    static double gray(int rgb) {
        return (((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255)) / 3.0;
    }

    /** Pixels in the region darker than mid gray (text, lines). */
    static int dark(BufferedImage img, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) if (gray(img.getRGB(x, y)) < 128) n++;
        }
        return n;
    }

    /** Pixels whose colour is within tol of rgb in every channel. */
    static int count(BufferedImage img, int rgb, int tol) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs(((p >> 16) & 255) - ((rgb >> 16) & 255)) <= tol
                        && Math.abs(((p >> 8) & 255) - ((rgb >> 8) & 255)) <= tol
                        && Math.abs((p & 255) - (rgb & 255)) <= tol) n++;
            }
        }
        return n;
    }
}
