package aevb.experiments;

import static org.junit.jupiter.api.Assertions.*;

import aevb.run.TrainingRun;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figures 4 (manifolds) and 5 (samples) on generated data: run folders with models, and the PNG. */
class FiguresOfModelsTest {

    @Test
    void figure4DrawsAManifoldPerDataSetFromModelsWithNzTwo(@TempDir Path dir) throws IOException {
        Figure4.Config cfg = Figure4.Config.forBudget(Budget.QUICK,
                List.of(ExperimentFixtures.facesSetting(), ExperimentFixtures.digitsSetting()), 2, dir).withSamples(600);
        Figure4.Result r = Figure4.run(cfg, Figure2Test.QUIET);
        BufferedImage img = ImageIO.read(r.png().toFile());
        // two grids of K x K tiles (5 and 8 pixels wide), 16 pixels apart (a title may widen a grid)
        assertTrue(img.getWidth() >= Figure4.DEFAULT_GRID * 5 + 16 + Figure4.DEFAULT_GRID * 8, "" + img.getWidth());
        assertTrue(img.getHeight() >= Figure4.DEFAULT_GRID * 8, "" + img.getHeight());
        assertEquals(List.of(dir.resolve("frey-z2"), dir.resolve("mnist-z2")), r.runs());
        for (Path run : r.runs()) {
            assertTrue(Files.exists(run.resolve(TrainingRun.MODEL)), run + " holds the trained model");
            assertTrue(Files.readString(run.resolve("config.txt")).contains("model.latent = 2"));
        }
        // a second run refuses to overwrite; with resume it reuses the models and draws the same picture
        assertThrows(IOException.class, () -> Figure4.run(cfg, Figure2Test.QUIET));
        Figure4.Result again = Figure4.run(cfg.withResume(true), Figure2Test.QUIET);
        assertArrayEquals(pixels(img), pixels(ImageIO.read(again.png().toFile())));
    }

    @Test
    void figure5DrawsSamplesForEachNz(@TempDir Path dir) throws IOException {
        Figure5.Config cfg = Figure5.Config.forBudget(Budget.QUICK, ExperimentFixtures.digitsSetting(), 2, dir)
                .withLatents(List.of(2, 5)).withSamples(400);
        Figure5.Result r = Figure5.run(cfg, Figure2Test.QUIET);
        BufferedImage img = ImageIO.read(r.png().toFile());
        int grid = 10 * 8 + 11; // 10 tiles of 8 pixels and 11 one-pixel gaps
        assertTrue(img.getWidth() >= 2 * grid + 16, "" + img.getWidth());
        assertEquals(List.of(dir.resolve("mnist-z2"), dir.resolve("mnist-z5")), r.runs());
        for (Path run : r.runs()) {
            assertTrue(Files.exists(run.resolve(TrainingRun.MODEL)));
        }
    }

    static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
