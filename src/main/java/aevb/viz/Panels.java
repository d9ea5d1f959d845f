package aevb.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Charts side by side in one PNG under a shared title: Figure 2 has one panel per latent size
 * Nz, each with the train and test curves of AEVB and wake-sleep.
 */
public final class Panels {
    static {
        Png.init();
    }

    private static final float TITLE_SIZE = 16f;
    private static final int PAD = 8;

    private Panels() {}

    /** The charts left to right, top-aligned, under title (null or empty: none). */
    public static BufferedImage render(String title, List<? extends Chart> charts) {
        if (charts.isEmpty()) throw new IllegalArgumentException("panels: need at least one chart");
        boolean hasTitle = title != null && !title.isEmpty();
        int titleH = hasTitle ? (int) Math.ceil(Text.height(TITLE_SIZE)) + 2 * PAD : 0;
        int width = 0, height = 0;
        for (Chart c : charts) {
            width += c.width();
            height = Math.max(height, c.height());
        }
        if (hasTitle) width = Math.max(width, (int) Math.ceil(Text.width(title, TITLE_SIZE)) + 2 * PAD);
        BufferedImage img = Canvas.image(width, titleH + height);
        Graphics2D g = Canvas.graphics(img);
        if (hasTitle) {
            g.setColor(Color.BLACK);
            Text.draw(g, title, width / 2.0, PAD, TITLE_SIZE, 0.5, 0);
        }
        int x = 0;
        for (Chart c : charts) {
            Graphics2D panel = (Graphics2D) g.create(x, titleH, c.width(), c.height());
            c.draw(panel);
            panel.dispose();
            x += c.width();
        }
        g.dispose();
        return img;
    }

    public static void write(Path file, String title, List<? extends Chart> charts) throws IOException {
        Png.write(file, render(title, charts));
    }
}
