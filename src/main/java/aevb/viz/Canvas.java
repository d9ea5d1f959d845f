package aevb.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** A white RGB image and a Graphics2D on it with antialiased lines and text. */
final class Canvas {
    static {
        Png.init(); // headless before the first Graphics2D
    }

    private Canvas() {}

    static BufferedImage image(int width, int height) {
        if (width < 1 || height < 1 || (long) width * height > 100_000_000L) {
            throw new IllegalArgumentException("figure size " + width + " x " + height
                    + " is out of range (1 .. 100 megapixels)");
        }
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    /** A Graphics2D for img, with quality hints, after filling it white. */
    static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        return g;
    }
}
