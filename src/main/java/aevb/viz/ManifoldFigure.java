package aevb.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Figure 4 with its axes: the K x K grid of decoded images ({@link Manifold}, {@link ImageGrid})
 * with the latent value of every column below it and of every row left of it, and both latent
 * dimensions named, so a reader sees which z runs across (ascending left to right) and which runs
 * up (ascending bottom to top), and that the values are Φ⁻¹ of evenly spaced probabilities, dense
 * near 0 and sparse in the tails. Ticks that would collide are thinned to every second (third, ...)
 * one. The picture stays a few hundred pixels on a side, so the PNG stays small.
 */
public final class ManifoldFigure {
    private static final float TITLE_SIZE = 15f;
    private static final float NAME_SIZE = 13f;
    private static final float TICK_SIZE = 10f;
    private static final int PAD = 6;
    private static final int TICK = 3;

    private final int h;
    private final int w;
    private final int scale;
    private final int gap;

    /** Tiles of h x w pixels, enlarged {@code scale} times, {@code gap} pixels apart. */
    public ManifoldFigure(int h, int w, int scale, int gap) {
        this.h = h;
        this.w = w;
        this.scale = scale;
        this.gap = gap;
    }

    /**
     * The figure for images {@code pixels} ((K², h·w), row-major, in the reading order of
     * {@link Manifold#grid(double[])}): {@code across[c]} is the z of column c (ascending),
     * {@code up[r]} the z of row r counted from the bottom (ascending).
     */
    public BufferedImage render(float[] pixels, double[] across, double[] up, String acrossName, String upName,
                                String title, String note) {
        int k = across.length;
        if (up.length != k) {
            throw new IllegalArgumentException("manifold figure: " + k + " columns but " + up.length + " rows");
        }
        BufferedImage grid = ImageGrid.of(h, w).columns(k).scale(scale).gap(gap).render(pixels, k * k);
        int tileW = w * scale, tileH = h * scale;
        double tickH = Text.height(TICK_SIZE), nameH = Text.height(NAME_SIZE);
        int leftTicks = 0;
        for (double z : up) {
            leftTicks = Math.max(leftTicks, (int) Math.ceil(Text.width(tick(z), TICK_SIZE)));
        }
        int left = PAD + (int) Math.ceil(nameH) + PAD + leftTicks + TICK + 2;
        int top = title == null || title.isEmpty() ? PAD : (int) Math.ceil(Text.height(TITLE_SIZE)) + 2 * PAD;
        int bottom = TICK + 2 + (int) Math.ceil(tickH) + PAD + (int) Math.ceil(nameH)
                + (note == null || note.isEmpty() ? 0 : PAD / 2 + (int) Math.ceil(tickH)) + PAD;
        int width = Math.max(left + grid.getWidth() + PAD, (int) Math.ceil(Math.max(
                Text.width(title == null ? "" : title, TITLE_SIZE), Text.width(note == null ? "" : note, TICK_SIZE))) + 2 * PAD);
        int height = top + grid.getHeight() + bottom;

        BufferedImage img = Canvas.image(width, height);
        Graphics2D g = Canvas.graphics(img);
        g.drawImage(grid, left, top, null);
        g.setColor(Color.BLACK);
        if (title != null && !title.isEmpty()) {
            Text.draw(g, title, width / 2.0, PAD, TITLE_SIZE, 0.5, 0);
        }
        int gridBottom = top + grid.getHeight();
        // Columns: z across, ascending left to right. Thin the ticks so that labels keep a gap.
        int every = stride(across, tileW + gap);
        for (int c = 0; c < k; c += every) {
            double cx = left + gap + c * (tileW + gap) + tileW / 2.0;
            g.drawLine((int) cx, gridBottom, (int) cx, gridBottom + TICK);
            Text.draw(g, tick(across[c]), cx, gridBottom + TICK + 2, TICK_SIZE, 0.5, 0);
        }
        // Rows: z up, ascending bottom to top (row r from the top holds up[k - 1 - r]).
        int everyRow = (int) Math.max(1, Math.ceil((tickH + 2) / (tileH + gap)));
        for (int i = 0; i < k; i += everyRow) {
            int r = k - 1 - i;
            double cy = top + gap + r * (tileH + gap) + tileH / 2.0;
            g.drawLine(left - TICK, (int) cy, left - 1, (int) cy);
            Text.draw(g, tick(up[i]), left - TICK - 2, cy, TICK_SIZE, 1, 0.5);
        }
        double nameY = gridBottom + TICK + 2 + tickH + PAD;
        Text.draw(g, acrossName, left + grid.getWidth() / 2.0, nameY, NAME_SIZE, 0.5, 0);
        Text.drawVertical(g, upName, PAD + nameH / 2.0, top + grid.getHeight() / 2.0, NAME_SIZE);
        if (note != null && !note.isEmpty()) {
            Text.draw(g, note, width / 2.0, nameY + nameH + PAD / 2.0, TICK_SIZE, 0.5, 0);
        }
        g.dispose();
        return img;
    }

    public void write(Path file, float[] pixels, double[] across, double[] up, String acrossName, String upName,
                      String title, String note) throws IOException {
        Png.write(file, render(pixels, across, up, acrossName, upName, title, note));
    }

    /** Every how many columns a tick fits, its label centred under the column with 4 pixels to spare. */
    private static int stride(double[] z, int pitch) {
        double widest = 0;
        for (double v : z) {
            widest = Math.max(widest, Text.width(tick(v), TICK_SIZE));
        }
        return (int) Math.max(1, Math.ceil((widest + 4) / pitch));
    }

    static String tick(double z) {
        String s = String.format(Locale.ROOT, "%.2f", z);
        return s.equals("-0.00") ? "0.00" : s;
    }
}
