package aevb.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A grid of grayscale images: the samples of Figure 5, the learned manifolds of Figure 4, and
 * reconstructions (originals above their reconstructions, with row labels).
 *
 * <p>Each image is h rows x w columns of intensities in [0, 1], row-major; 0 is black, as in MNIST.
 * Values are clamped to [0, 1]; NaN pixels are drawn red so a broken model is visible rather than
 * fatal. Tiles are enlarged by an integer factor (nearest neighbour, so h ≠ w keeps its aspect:
 * Frey Face is 28 x 20) and separated by thin white gaps, in reading order: image i goes to row
 * i / columns, column i % columns.
 *
 * <pre>{@code
 * ImageGrid.of(28, 28).columns(10).scale(2).title("AEVB samples, Nz = 20")
 *          .write(Path.of("samples.png"), pixels, 100);
 * }</pre>
 *
 * <p>Without a title or row labels the image is exactly
 * {@code columns·w·scale + (columns+1)·gap} wide and {@code rows·h·scale + (rows+1)·gap} high.
 */
public final class ImageGrid {
    static {
        Png.init();
    }

    /** Colour of NaN pixels. */
    public static final Color NAN_COLOR = new Color(255, 0, 0);

    private static final float TITLE_SIZE = 15f;
    private static final float LABEL_SIZE = 12f;
    private static final int PAD = 6;

    private final int h;
    private final int w;
    private int columns; // 0: about square
    private int scale = 2;
    private int gap = 2;
    private String title;
    private String[] rowLabels = new String[0];

    private ImageGrid(int h, int w) {
        if (h < 1 || w < 1) throw new IllegalArgumentException("image grid: tile size must be positive, got " + h + " x " + w);
        this.h = h;
        this.w = w;
    }

    /** A grid of images of h rows by w columns (28 x 28 for MNIST, 28 x 20 for Frey Face). */
    public static ImageGrid of(int h, int w) {
        return new ImageGrid(h, w);
    }

    /** Images per row (default: the smallest number that makes the grid about square). */
    public ImageGrid columns(int columns) {
        if (columns < 1) throw new IllegalArgumentException("image grid: columns must be >= 1, got " + columns);
        this.columns = columns;
        return this;
    }

    /** Integer enlargement of each image pixel (default 2). */
    public ImageGrid scale(int scale) {
        if (scale < 1 || scale > 64) throw new IllegalArgumentException("image grid: scale must be 1..64, got " + scale);
        this.scale = scale;
        return this;
    }

    /** Pixels of white between tiles and around the grid (default 2). */
    public ImageGrid gap(int gap) {
        if (gap < 0 || gap > 100) throw new IllegalArgumentException("image grid: gap must be 0..100, got " + gap);
        this.gap = gap;
        return this;
    }

    /** A title above the grid (null or empty: none). */
    public ImageGrid title(String title) {
        this.title = title;
        return this;
    }

    /**
     * Labels left of the rows; row r gets {@code labels[r % labels.length]}, so
     * {@code rowLabels("original", "reconstruction")} labels alternating rows.
     */
    public ImageGrid rowLabels(String... labels) {
        this.rowLabels = labels == null ? new String[0] : labels.clone();
        return this;
    }

    /** Renders the first count images of pixels, a (count, h·w) row-major array. */
    public BufferedImage render(float[] pixels, int count) {
        if (count < 1) throw new IllegalArgumentException("image grid: need at least one image, got " + count);
        if ((long) count * h * w > pixels.length) {
            throw new IllegalArgumentException("image grid: " + count + " images of " + h + " x " + w
                    + " need " + (long) count * h * w + " pixels, got " + pixels.length);
        }
        int cols = columns > 0 ? columns : (int) Math.ceil(Math.sqrt(count));
        int rows = (count + cols - 1) / cols;
        int tileW = w * scale;
        int tileH = h * scale;
        int gridW = cols * tileW + (cols + 1) * gap;
        int gridH = rows * tileH + (rows + 1) * gap;

        boolean hasTitle = title != null && !title.isEmpty();
        int titleH = hasTitle ? (int) Math.ceil(Text.height(TITLE_SIZE)) + 2 * PAD : 0;
        int labelW = 0;
        for (String label : rowLabels) labelW = Math.max(labelW, (int) Math.ceil(Text.width(label, LABEL_SIZE)));
        if (labelW > 0) labelW += 2 * PAD;
        int width = Math.max(labelW + gridW, hasTitle ? (int) Math.ceil(Text.width(title, TITLE_SIZE)) + 2 * PAD : 0);
        int height = titleH + gridH;

        BufferedImage img = Canvas.image(width, height);
        Graphics2D g = Canvas.graphics(img);
        int gridX = labelW + (width - labelW - gridW) / 2;
        int gridY = titleH;
        for (int i = 0; i < count; i++) {
            int x0 = gridX + gap + (i % cols) * (tileW + gap);
            int y0 = gridY + gap + (i / cols) * (tileH + gap);
            drawTile(img, pixels, i * h * w, x0, y0);
        }
        g.setColor(Color.BLACK);
        if (hasTitle) Text.draw(g, title, width / 2.0, PAD, TITLE_SIZE, 0.5, 0);
        if (rowLabels.length > 0) {
            for (int r = 0; r < rows; r++) {
                double cy = gridY + gap + r * (tileH + gap) + tileH / 2.0;
                Text.draw(g, rowLabels[r % rowLabels.length], gridX - PAD, cy, LABEL_SIZE, 1, 0.5);
            }
        }
        g.dispose();
        return img;
    }

    /** Renders images, each of length h·w. */
    public BufferedImage render(float[][] images) {
        return render(flatten(images), images.length);
    }

    public void write(Path file, float[] pixels, int count) throws IOException {
        Png.write(file, render(pixels, count));
    }

    public void write(Path file, float[][] images) throws IOException {
        Png.write(file, render(images));
    }

    /** Nearest-neighbour enlargement of one image into the raster at (x0, y0). */
    private void drawTile(BufferedImage img, float[] pixels, int offset, int x0, int y0) {
        int[] row = new int[w * scale];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = rgb(pixels[offset + y * w + x]);
                for (int s = 0; s < scale; s++) row[x * scale + s] = rgb;
            }
            for (int s = 0; s < scale; s++) img.setRGB(x0, y0 + y * scale + s, row.length, 1, row, 0, row.length);
        }
    }

    /** Gray level of v clamped to [0, 1]; NaN is red. */
    static int rgb(float v) {
        if (Float.isNaN(v)) return NAN_COLOR.getRGB();
        int level = Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
        return 0xff000000 | level << 16 | level << 8 | level;
    }

    private float[] flatten(float[][] images) {
        if (images.length == 0) throw new IllegalArgumentException("image grid: need at least one image, got 0");
        float[] flat = new float[images.length * h * w];
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != h * w) {
                throw new IllegalArgumentException("image grid: image " + i + " has " + images[i].length
                        + " pixels, expected " + h + " x " + w + " = " + h * w);
            }
            System.arraycopy(images[i], 0, flat, i * h * w, h * w);
        }
        return flat;
    }
}
