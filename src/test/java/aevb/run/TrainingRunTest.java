package aevb.run;

import static org.junit.jupiter.api.Assertions.*;

import aevb.data.DataSplits;
import aevb.io.Checkpoint;
import aevb.nn.Parameter;
import aevb.sgvb.Vae;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder: exact resume, a stop on NaN that keeps the last good checkpoint, figures. */
class TrainingRunTest {
    static final Progress QUIET = new Progress(new PrintStream(new ByteArrayOutputStream()), false, 1, 1e9);

    static Vae finalModel(Path dir) throws Exception {
        return ModelCheckpoint.model(Checkpoint.load(dir.resolve(TrainingRun.MODEL)));
    }

    static void assertSameModel(Vae a, Vae b) {
        List<Parameter> pa = a.parameters(), pb = b.parameters();
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(pa.get(i).value.data, pb.get(i).value.data, pa.get(i).name + " differs");
        }
    }

    /** The metric rows without the wall-clock column. */
    static List<String> metricsWithoutTime(Path dir) throws Exception {
        return Files.readAllLines(dir.resolve(TrainingRun.METRICS)).stream()
                .map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    @Test
    void resumedRunEqualsTheUninterruptedOneBitForBit(@TempDir Path tmp) throws Exception {
        DataSplits data = RunFixtures.data(200, 60);
        RunConfig cfg = RunFixtures.config(200 * 6);
        Path whole = tmp.resolve("whole"), split = tmp.resolve("split");
        TrainingRun.start(cfg, data, whole).run(QUIET);

        // The same run in three sittings: stopped after 17 steps (mid-report), then after 41, then finished.
        TrainingRun first = TrainingRun.start(cfg, data, split);
        first.hook((step, vae) -> { if (step == 17) first.requestStop(0); }).run(QUIET);
        assertEquals(17, first.steps());
        assertFalse(Files.exists(split.resolve(TrainingRun.MODEL)), "no final model before the end");
        TrainingRun second = TrainingRun.resume(split, data, 0);
        second.hook((step, vae) -> { if (step == 41) second.requestStop(0); }).run(QUIET);
        TrainingRun.resume(split, data, 0).run(QUIET);

        assertSameModel(finalModel(whole), finalModel(split));
        assertEquals(metricsWithoutTime(whole), metricsWithoutTime(split));
    }

    @Test
    void aNaNStopsTrainingAndKeepsTheLastGoodCheckpoint(@TempDir Path tmp) throws Exception {
        DataSplits data = RunFixtures.data(200, 60);
        Path dir = tmp.resolve("run");
        TrainingRun run = TrainingRun.start(RunFixtures.config(200 * 6), data, dir).checkpointEvery(0);
        run.hook((step, vae) -> {
            if (step == 30) vae.decoder.parameters().get(0).value.data[3] = Float.NaN;
        });
        TrainingRunFailure e = assertThrows(TrainingRunFailure.class, () -> {
            try {
                run.run(QUIET);
            } catch (TrainingFailedException ex) {
                throw new TrainingRunFailure(ex);
            }
        });
        String msg = e.getCause().getMessage();
        assertTrue(msg.contains("step 30") && msg.contains("bound") && msg.contains(TrainingRun.CHECKPOINT), msg);
        Checkpoint c = Checkpoint.load(dir.resolve(TrainingRun.CHECKPOINT));
        ModelCheckpoint.State s = ModelCheckpoint.state(c);
        assertTrue(s.step() <= 30 && s.step() >= 28, "the last report before the NaN: step " + s.step());
        for (Parameter p : ModelCheckpoint.model(c).parameters()) {
            assertTrue(p.value.allFinite(), p.name + " is finite in the checkpoint");
        }
        List<String> rows = Files.readAllLines(dir.resolve(TrainingRun.METRICS));
        assertTrue(rows.size() > 3 && rows.stream().noneMatch(r -> r.contains("NaN")), "metrics intact: " + rows);
    }

    static final class TrainingRunFailure extends Exception {
        TrainingRunFailure(Throwable cause) {
            super(cause);
        }
    }

    @Test
    void figuresArePicturesOfTheRightSize(@TempDir Path tmp) throws Exception {
        DataSplits data = RunFixtures.data(200, 60);
        Path dir = tmp.resolve("run");
        TrainingRun run = TrainingRun.start(RunFixtures.config(200 * 4), data, dir);
        run.run(QUIET);
        List<Path> figures = RunFigures.writeAll(dir, run.vae(), run.config(), data);
        assertEquals(6, figures.size(), "bound, bound-terms, samples, manifold, reconstructions, latent");
        for (Path p : figures) {
            BufferedImage img = ImageIO.read(p.toFile());
            assertNotNull(img, p + " is a PNG");
            assertTrue(img.getWidth() >= 90 && img.getHeight() >= 90, p + " is " + img.getWidth() + "x" + img.getHeight());
            assertTrue(variance(img) > 100, p + " is not blank");
        }
        // The manifold of 8x8 tiles at scale 2 in a 15x15 grid (Nz = 3 > 2) is at least 15 * 16 pixels wide.
        BufferedImage manifold = ImageIO.read(dir.resolve("figures/manifold.png").toFile());
        assertTrue(manifold.getWidth() >= 15 * 16, "manifold width " + manifold.getWidth());
    }

    static double variance(BufferedImage img) {
        double s = 0, s2 = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                double v = ((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255);
                s += v;
                s2 += v * v;
                n++;
            }
        }
        return s2 / n - (s / n) * (s / n);
    }
}
