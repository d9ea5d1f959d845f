package aevb.experiments;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** Puts rendered figures together: side by side (the panels of Figures 4 and 5) or one under another (Figure 2's rows). */
final class Layout {
    private Layout() {}

    /** The images left to right, top-aligned, {@code gap} white pixels apart. */
    static BufferedImage sideBySide(List<BufferedImage> images, int gap) {
        int w = gap * (images.size() - 1), h = 0;
        for (BufferedImage i : images) {
            w += i.getWidth();
            h = Math.max(h, i.getHeight());
        }
        BufferedImage img = white(w, h);
        Graphics2D g = img.createGraphics();
        int x = 0;
        for (BufferedImage i : images) {
            g.drawImage(i, x, 0, null);
            x += i.getWidth() + gap;
        }
        g.dispose();
        return img;
    }

    /** The images top to bottom, left-aligned. */
    static BufferedImage stack(List<BufferedImage> images) {
        int w = 0, h = 0;
        for (BufferedImage i : images) {
            w = Math.max(w, i.getWidth());
            h += i.getHeight();
        }
        BufferedImage img = white(w, h);
        Graphics2D g = img.createGraphics();
        int y = 0;
        for (BufferedImage i : images) {
            g.drawImage(i, 0, y, null);
            y += i.getHeight();
        }
        g.dispose();
        return img;
    }

    private static BufferedImage white(int w, int h) {
        if (w < 1 || h < 1) {
            throw new IllegalArgumentException("layout: nothing to draw (" + w + " x " + h + ")");
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }
}
