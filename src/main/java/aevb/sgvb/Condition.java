package aevb.sgvb;

import aevb.tensor.Tensor;
import java.util.Locale;

/**
 * What a conditional VAE ({@link Cvae}) is given, c, and what it models, x, both cut from one
 * image (and its label). Sohn, Lee &amp; Yan (2015) write the pair as (x, y), the input x and the
 * structured output y; here c is their x and x their y, so that x stays the thing p_θ(x|z, c)
 * draws, as in the rest of aevb.
 * <ul>
 *   <li>{@link #LABEL}: c = the one-hot digit label (10 columns), x = the whole image; the
 *       decoder then draws digits of a chosen class.</li>
 *   <li>{@link #QUADRANT}: c = the pixels of the lower-left quadrant (the one the Pyro CVAE
 *       tutorial observes), x = the pixels of the three other quadrants. x is not the whole
 *       image: the observed pixels are known, so modelling them would only teach the decoder to
 *       copy c, and the bound is then one of log p(x_missing | c), the very quantity completion
 *       is scored on (the Pyro tutorial likewise scores the missing quadrants only).</li>
 * </ul>
 * For h x w images (h and w even), the quadrant is rows h/2 .. h-1, columns 0 .. w/2-1; both x
 * and c keep the image's row-major order.
 */
public enum Condition {
    LABEL, QUADRANT;

    /** The digit labels are 0..9. */
    public static final int CLASSES = 10;

    /** "label" or "quadrant", as the command line and checkpoints name it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Condition parse(String key) {
        return switch (key) {
            case "label" -> LABEL;
            case "quadrant" -> QUADRANT;
            default -> throw new IllegalArgumentException("unknown condition '" + key + "' (use label or quadrant)");
        };
    }

    /** Whether it needs the images' labels. */
    public boolean needsLabels() {
        return this == LABEL;
    }

    /** Columns of c for h x w images. */
    public int contextDim(int height, int width) {
        return this == LABEL ? CLASSES : (height / 2) * (width / 2);
    }

    /** Columns of x for h x w images. */
    public int targetDim(int height, int width) {
        return this == LABEL ? height * width : height * width - contextDim(height, width);
    }

    /** Whether pixel (r, col) of an h x w image is in the observed quadrant. */
    public static boolean observed(int r, int col, int height, int width) {
        return r >= height / 2 && col < width / 2;
    }

    /** c of each image, (R, contextDim); {@code labels} may be null for {@link #QUADRANT}. */
    public Tensor context(Tensor images, int[] labels, int height, int width) {
        Tensor c = new Tensor(images.rows, contextDim(height, width));
        for (int i = 0; i < images.rows; i++) {
            if (this == LABEL) {
                int y = labels[i];
                if (y < 0 || y >= CLASSES) {
                    throw new IllegalArgumentException("a digit label is 0..9, got " + y);
                }
                c.data[i * CLASSES + y] = 1f;
            } else {
                split(images, i, height, width, c, true);
            }
        }
        return c;
    }

    /** x of each image, (R, targetDim). */
    public Tensor target(Tensor images, int height, int width) {
        if (this == LABEL) {
            return images;
        }
        Tensor x = new Tensor(images.rows, targetDim(height, width));
        for (int i = 0; i < images.rows; i++) {
            split(images, i, height, width, x, false);
        }
        return x;
    }

    /** The whole images again from c and x (for pictures): (R, h·w). */
    public Tensor image(Tensor c, Tensor x, int height, int width) {
        if (this == LABEL) {
            return x;
        }
        Tensor img = new Tensor(x.rows, height * width);
        for (int i = 0; i < x.rows; i++) {
            int ci = 0, xi = 0;
            for (int r = 0; r < height; r++) {
                for (int col = 0; col < width; col++) {
                    img.data[i * img.cols + r * width + col] = observed(r, col, height, width)
                            ? c.data[i * c.cols + ci++] : x.data[i * x.cols + xi++];
                }
            }
        }
        return img;
    }

    /** Copies image i's observed pixels (observedPart) or the others into row i of dst. */
    private static void split(Tensor images, int i, int height, int width, Tensor dst, boolean observedPart) {
        int k = 0;
        for (int r = 0; r < height; r++) {
            for (int col = 0; col < width; col++) {
                if (observed(r, col, height, width) == observedPart) {
                    dst.data[i * dst.cols + k++] = images.data[i * images.cols + r * width + col];
                }
            }
        }
    }
}
