package aevb.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngTest {
    @TempDir Path dir;

    private static BufferedImage checker(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) img.setRGB(x, y, ((x + y) & 1) == 0 ? 0xffffff : 0x000000);
        }
        return img;
    }

    @Test
    void writesCreatesFoldersAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("a/b/figure.png");
        Png.write(file, checker(7, 5));
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(7, back.getWidth());
        assertEquals(5, back.getHeight());
        assertEquals(0xffffff, back.getRGB(0, 0) & 0xffffff);
        assertEquals(0x000000, back.getRGB(1, 0) & 0xffffff);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "only the figure, no .tmp");
        }
        assertFalse(Files.exists(dir.resolve("a/b/figure.png.tmp")));
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path file = dir.resolve("f.png");
        Png.write(file, checker(3, 3));
        Png.write(file, checker(4, 2));
        assertEquals(4, ImageIO.read(file.toFile()).getWidth());
    }

    @Test
    void unwritableFolderGivesAnErrorNamingThePath() throws IOException {
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "a file where a folder should be");
        Path file = blocker.resolve("figure.png");
        IOException e = assertThrows(IOException.class, () -> Png.write(file, checker(2, 2)));
        assertTrue(e.getMessage().contains(blocker.toString()), e.getMessage());
    }

    @Test
    void headlessIsOn() {
        Png.init();
        assertEquals("true", System.getProperty("java.awt.headless"));
    }
}
