package aevb.experiments;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Putting figures together, and the grey copy that keeps grey levels exact. */
class LayoutTest {

    static BufferedImage filled(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    @Test
    void sideBySideAndStackPlaceImagesOnWhite() {
        BufferedImage a = filled(3, 2, 0x000000), b = filled(2, 4, 0x808080);
        BufferedImage row = Layout.sideBySide(List.of(a, b), 1);
        assertEquals(3 + 1 + 2, row.getWidth());
        assertEquals(4, row.getHeight());
        assertEquals(0x000000, row.getRGB(0, 0) & 0xffffff);
        assertEquals(0xffffff, row.getRGB(3, 0) & 0xffffff, "the gap is white");
        assertEquals(0xffffff, row.getRGB(0, 3) & 0xffffff, "below the shorter image is white");
        assertEquals(0x808080, row.getRGB(4, 3) & 0xffffff);
        BufferedImage col = Layout.stack(List.of(a, b));
        assertEquals(3, col.getWidth());
        assertEquals(6, col.getHeight());
        assertEquals(0x808080, col.getRGB(1, 5) & 0xffffff);
        assertEquals(0xffffff, col.getRGB(2, 5) & 0xffffff);
    }

    @Test
    void greyCopyKeepsEveryLevel() {
        BufferedImage rgb = new BufferedImage(256, 1, BufferedImage.TYPE_INT_RGB);
        for (int v = 0; v < 256; v++) {
            rgb.setRGB(v, 0, v << 16 | v << 8 | v);
        }
        BufferedImage g = Layout.grey(rgb);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, g.getType());
        for (int v = 0; v < 256; v++) {
            assertEquals(v, g.getRaster().getSample(v, 0, 0), "level " + v);
        }
    }
}
