package aevb.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fallback font, forced with -Daevb.viz.pixelFont=true as on a machine without fonts. */
class PixelFontTest {
    @BeforeEach
    void force() {
        System.setProperty(Text.FORCE_PIXEL_FONT, "true");
    }

    @AfterEach
    void release() {
        System.clearProperty(Text.FORCE_PIXEL_FONT);
    }

    @Test
    void thePropertyForcesThePixelFont() {
        assertTrue(Text.pixelFont());
        assertEquals(PixelFont.width("Hello", 1), Text.width("Hello", 11f), 0);
        assertEquals((5 * 6 - 1) * 2, PixelFont.width("Hello", 2));
    }

    @Test
    void coversWhatFiguresWrite() {
        String used = "0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz .,:;-+=()[]/%#*!?<>_'\"\u00d7";
        for (char c : used.toCharArray()) assertTrue(PixelFont.covers(c), "glyph for '" + c + "'");
    }

    @Test
    void drawsCrispNonBlankText() {
        BufferedImage img = Canvas.image(120, 20);
        Graphics2D g = Canvas.graphics(img);
        g.setColor(Color.BLACK);
        Text.draw(g, "Nz = 20", 2, 2, 11f, 0, 0);
        g.dispose();
        int dark = Pixels.dark(img, 0, 0, 120, 20);
        assertTrue(dark > 40, "ink: " + dark);
        // no antialiasing: every pixel is pure black or pure white
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 120; x++) {
                int v = img.getRGB(x, y) & 0xffffff;
                assertTrue(v == 0 || v == 0xffffff, "pixel " + Integer.toHexString(v) + " at " + x + "," + y);
            }
        }
        // the "N" (first glyph): its left column is on for all 7 rows; the text box starts at y = 2
        int baseline = 2 + (int) Text.ascent(11f);
        for (int r = 1; r <= 7; r++) assertEquals(0, img.getRGB(2, baseline - r) & 0xffffff, "N row " + r);
    }

    @Test
    void chartsRenderTheirTextWithIt() {
        BufferedImage img = new LineChart().title("A TITLE").xLabel("x").yLabel("y").logX(true)
                .add(new LineChart.Series("s", new double[] {1e5, 1e7}, new double[] {-100, -90}, Color.RED, false))
                .render();
        assertTrue(Pixels.dark(img, 0, 0, img.getWidth(), 22) > 30, "title in pixels");
        BufferedImage grid = ImageGrid.of(4, 4).columns(2).title("TITLE").render(new float[32], 2);
        assertTrue(Pixels.dark(grid, 0, 0, grid.getWidth(), 10) > 10, "grid title in pixels");
    }
}
