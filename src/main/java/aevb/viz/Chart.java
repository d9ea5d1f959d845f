package aevb.viz;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** A figure of a fixed size that can draw itself, alone or as one panel of {@link Panels}. */
public interface Chart {
    int width();

    int height();

    /** Draws the chart into the rectangle (0, 0, width, height) of g. */
    void draw(Graphics2D g);

    default BufferedImage render() {
        BufferedImage img = Canvas.image(width(), height());
        Graphics2D g = Canvas.graphics(img);
        draw(g);
        g.dispose();
        return img;
    }

    default void write(Path file) throws IOException {
        Png.write(file, render());
    }
}
