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

    /**
     * The same picture as 8-bit grey, for figures of grey images (a third of the PNG's size). The
     * grey level is copied from the red channel, not converted, so black stays 0 and white 255
     * (AWT's colour conversion to its linear grey space would lighten the mid-tones).
     */
    static BufferedImage grey(BufferedImage rgb) {
        BufferedImage g = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        var raster = g.getRaster();
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                raster.setSample(x, y, 0, (rgb.getRGB(x, y) >> 16) & 0xff);
            }
        }
        return g;
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
