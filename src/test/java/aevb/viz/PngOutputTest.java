package aevb.viz;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figures are written only over PNGs aevb wrote, get the .png suffix, and never share a temporary file. */
class PngOutputTest {
    @TempDir
    Path dir;

    static BufferedImage image(int rgb) {
        BufferedImage im = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
        im.setRGB(3, 4, rgb);
        return im;
    }

    @Test
    void aevbFiguresCarryTheirMarkAndStayValidPngs() throws IOException {
        Path f = dir.resolve("a.png");
        Png.write(f, image(0xff0000));
        assertTrue(Png.isAevbPng(f));
        BufferedImage back = ImageIO.read(f.toFile());
        assertEquals(0xff0000, back.getRGB(3, 4) & 0xffffff);
        assertEquals(f, Png.figureTarget(f, "x.png", "--out"), "an aevb PNG may be drawn again");
    }

    @Test
    void othersFilesAreNeverReplaced() throws IOException {
        Path photo = dir.resolve("photo.png"), text = dir.resolve("notes.txt");
        ImageIO.write(image(1), "png", photo.toFile());
        Files.writeString(text, "mine");
        IOException e = assertThrows(IOException.class, () -> Png.figureTarget(photo, "x.png", "--out"));
        assertTrue(e.getMessage().contains(photo + " exists and is not a figure aevb wrote"), e.getMessage());
        assertThrows(IOException.class, () -> Png.write(text, image(2)), "not over a file that is not a PNG");
        assertEquals("mine", Files.readString(text));
        assertEquals(dir.resolve("notes.txt.png"), Png.figureTarget(text, "x.png", "--out"), "a name gets .png");
        assertEquals(dir.resolve("x.png"), Png.figureTarget(dir, "x.png", "--out"), "a folder gets the default name");
    }

    @Test
    void twoWritersOfOneFigureDoNotCollide() throws Exception {
        Path f = dir.resolve("same.png");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int rgb = i;
                done.add(pool.submit((Callable<Void>) () -> {
                    for (int k = 0; k < 5; k++) {
                        Png.write(f, image(rgb));
                    }
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get(); // none failed on another writer's temporary file
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(Png.isAevbPng(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList(), "no temporary file is left");
        }
    }
}
