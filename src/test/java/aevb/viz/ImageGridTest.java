package aevb.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {
    @TempDir Path dir;

    /** n images of h x w, each a bright square on black whose position depends on i. */
    static float[] squares(int n, int h, int w) {
        float[] p = new float[n * h * w];
        for (int i = 0; i < n; i++) {
            int y0 = i % (h - 4), x0 = (3 * i) % (w - 4);
            for (int y = y0; y < y0 + 4; y++) for (int x = x0; x < x0 + 4; x++) p[i * h * w + y * w + x] = 1f;
        }
        return p;
    }

    @Test
    void mnistGridHasThePredictedSizeAndIsNotBlank() throws IOException {
        Path file = dir.resolve("samples.png");
        ImageGrid.of(28, 28).columns(10).scale(2).gap(2).write(file, squares(100, 28, 28), 100);
        BufferedImage img = Pixels.read(file);
        assertEquals(10 * 56 + 11 * 2, img.getWidth());
        assertEquals(10 * 56 + 11 * 2, img.getHeight());
        assertTrue(Pixels.variance(img) > 100, "variance " + Pixels.variance(img));
        assertTrue(Files.notExists(dir.resolve("samples.png.tmp")));
    }

    @Test
    void freyFaceTilesKeepTheirAspect() {
        BufferedImage one = ImageGrid.of(28, 20).columns(1).scale(3).gap(0).render(new float[28 * 20], 1);
        assertEquals(60, one.getWidth());
        assertEquals(84, one.getHeight());
        BufferedImage manifold = ImageGrid.of(28, 20).columns(20).scale(1).gap(1).render(squares(400, 28, 20), 400);
        assertEquals(20 * 20 + 21, manifold.getWidth());
        assertEquals(20 * 28 + 21, manifold.getHeight());
    }

    @Test
    void pixelsAreEnlargedClampedAndNaNIsRed() {
        float[] p = new float[2 * 3 * 4]; // two images of 3 rows x 4 columns
        p[1 * 4 + 2] = 1f;          // image 0, row 1, column 2: white
        p[2 * 4 + 3] = 7f;          // image 0, row 2, column 3: clamped to white
        p[0] = -3f;                 // image 0, row 0, column 0: clamped to black
        p[12 + 0] = Float.NaN;      // image 1, row 0, column 0: red
        p[12 + 5] = 0.5f;           // image 1, row 1, column 1: mid gray
        BufferedImage img = ImageGrid.of(3, 4).columns(2).scale(2).gap(1).render(p, 2);
        assertEquals(2 * 8 + 3, img.getWidth());
        assertEquals(6 + 2, img.getHeight());
        // image 0 starts at (1, 1); pixel (row 1, col 2) covers x 5..6, y 3..4
        for (int dy = 0; dy < 2; dy++) for (int dx = 0; dx < 2; dx++) {
            assertEquals(0xffffff, img.getRGB(5 + dx, 3 + dy) & 0xffffff);
        }
        assertEquals(0xffffff, img.getRGB(1 + 6, 1 + 4) & 0xffffff);
        assertEquals(0x000000, img.getRGB(1, 1) & 0xffffff);
        assertEquals(0xffffff, img.getRGB(0, 0) & 0xffffff, "gap is white");
        // image 1 starts at x = 1 + 8 + 1 = 10
        assertEquals(0xff0000, img.getRGB(10, 1) & 0xffffff);
        assertEquals(0x808080, img.getRGB(12, 3) & 0xffffff);
    }

    @Test
    void titleAndRowLabelsAddRoomAndInk() {
        float[] p = squares(20, 28, 28);
        BufferedImage plain = ImageGrid.of(28, 28).columns(10).render(p, 20);
        BufferedImage labelled = ImageGrid.of(28, 28).columns(10).title("Reconstructions")
                .rowLabels("original", "reconstruction").render(p, 20);
        assertTrue(labelled.getHeight() > plain.getHeight());
        int extraW = labelled.getWidth() - plain.getWidth();
        assertTrue(extraW > 30, "room for the row labels: " + extraW);
        assertTrue(Pixels.dark(labelled, 0, labelled.getHeight() - plain.getHeight(), extraW, plain.getHeight()) > 20,
                "row labels drawn");
        int titleH = labelled.getHeight() - plain.getHeight();
        assertTrue(Pixels.dark(labelled, 0, 0, labelled.getWidth(), titleH) > 20, "title drawn");
    }

    @Test
    void arraysOfImagesAndDefaultColumns() {
        float[][] images = new float[5][28 * 20];
        BufferedImage img = ImageGrid.of(28, 20).scale(1).gap(0).render(images);
        assertEquals(3 * 20, img.getWidth()); // ceil(sqrt(5)) = 3 columns
        assertEquals(2 * 28, img.getHeight());
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageGrid.of(28, 28).render(new float[100], 2));
        assertTrue(e.getMessage().contains("1568"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ImageGrid.of(28, 20).render(new float[][] {new float[28 * 28]}));
        assertTrue(e.getMessage().contains("image 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(0, 5));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(5, 5).scale(0));
    }
}
