package aevb.experiments;

import static org.junit.jupiter.api.Assertions.*;

import aevb.experiments.Figure2.Curve;
import aevb.experiments.Figure2.Method;
import aevb.experiments.Figure2.Point;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figure 2 on generated data: the files it writes, what they hold, determinism and resuming. */
class Figure2Test {
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    /** The quick budget shrunk to a few steps: two data sets (Bernoulli and Gaussian decoder), two Nz each. */
    static Figure2.Config tiny(Path out) {
        List<Figure2.Row> rows = List.of(new Figure2.Row(ExperimentFixtures.digitsSetting(), List.of(2, 3)),
                new Figure2.Row(ExperimentFixtures.facesSetting(), List.of(2, 5)));
        return Figure2.Config.forBudget(Budget.QUICK, rows, 3, out).withSamples(2_500).withEvalPoints(60);
    }

    @Test
    void quickRunOnTinySettingsWritesFigureCurvesAndSummary(@TempDir Path dir) throws IOException {
        Figure2.Config cfg = tiny(dir.resolve("fig2"));
        Figure2.Result r = Figure2.run(cfg, QUIET);

        // the PNG: two rows of two panels
        BufferedImage img = ImageIO.read(r.png().toFile());
        assertNotNull(img, "figure2.png is a PNG");
        assertEquals(2 * Figure2Plot.PANEL_WIDTH, img.getWidth());
        assertTrue(img.getHeight() > 2 * Figure2Plot.PANEL_HEIGHT);

        // the CSV: every (data set, Nz, method) measured at 1000, 2000 and the last sample count (2500)
        List<String> lines = Files.readAllLines(r.csv());
        assertEquals(String.join(",", Figure2.COLUMNS), lines.getFirst());
        assertEquals(1 + 2 * 2 * 2 * 3, lines.size(), "8 curves of 3 points");
        List<Curve> curves = Figure2Csv.read(r.csv());
        assertEquals(8, curves.size());
        for (Curve c : curves) {
            assertEquals(List.of(1000L, 2000L, 2500L), c.points().stream().map(Point::samples).toList());
            assertFalse(c.diverged());
            for (Point p : c.points()) {
                assertTrue(p.finite() && p.seconds() > 0, c + " " + p);
            }
            Curve same = r.curve(c.dataset(), c.latent(), c.method());
            assertEquals(c.points().stream().map(Point::testBound).toList(),
                    same.points().stream().map(Point::testBound).toList(), "the CSV holds the numbers exactly");
        }
        // both methods learn something on the digits: the bound rises from the first measurement
        for (Method m : Method.values()) {
            Curve c = r.curve("mnist", 3, m);
            assertTrue(c.last().trainBound() > c.points().getFirst().trainBound() - 1, m + ": " + c);
        }

        // the summary: a row per data set and Nz, and the verdict
        String md = Files.readString(r.summary());
        assertTrue(md.contains("| MNIST | 2 |") && md.contains("| MNIST | 3 |"), md);
        assertTrue(md.contains("| Frey Face | 2 |") && md.contains("| Frey Face | 5 |"), md);
        assertTrue(md.contains("AEVB ends with the higher test bound at"), md);
        assertTrue(md.contains("2,500 training samples per curve"), md);
        assertTrue(Files.exists(dir.resolve("fig2").resolve(Figure2.CONFIG)));
    }

    @Test
    void sameSeedSameCurvesAndBothMethodsStartFromTheSameModel(@TempDir Path dir) throws IOException {
        Figure2.Config a = oneDataSet(dir.resolve("a"));
        Figure2.Result ra = Figure2.run(a, QUIET);
        Figure2.Result rb = Figure2.run(oneDataSet(dir.resolve("b")), QUIET);
        for (Curve c : ra.curves()) {
            Curve d = rb.curve(c.dataset(), c.latent(), c.method());
            for (int i = 0; i < c.points().size(); i++) {
                assertEquals(c.points().get(i).trainBound(), d.points().get(i).trainBound());
                assertEquals(c.points().get(i).testBound(), d.points().get(i).testBound());
            }
        }
        // AEVB and wake-sleep differ only by the learning rule: after training their bounds differ
        assertNotEquals(ra.curve("mnist", 2, Method.AEVB).last().testBound(),
                ra.curve("mnist", 2, Method.WAKE_SLEEP).last().testBound());
    }

    static Figure2.Config oneDataSet(Path out) {
        return Figure2.Config.forBudget(Budget.QUICK,
                List.of(new Figure2.Row(ExperimentFixtures.digitsSetting(), List.of(2))), 5, out)
                .withSamples(1_000).withEvalPoints(40);
    }

    @Test
    void aFinishedRunIsNotOverwrittenAndAResumedOneReusesItsPanels(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("fig2");
        Figure2.Result first = Figure2.run(oneDataSet(out), QUIET);
        IOException e = assertThrows(IOException.class, () -> Figure2.run(oneDataSet(out), QUIET));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());

        // resuming with one more Nz: the finished panel is reused, only the new one is trained
        Figure2.Config more = new Figure2.Config(List.of(new Figure2.Row(ExperimentFixtures.digitsSetting(),
                List.of(2, 4))), 1_000, Figure2.PAPER_BATCH, 40, 5, out, true);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Figure2.Result second = Figure2.run(more, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("Nz = 2: reusing"), log.toString(StandardCharsets.UTF_8));
        assertEquals(first.curve("mnist", 2, Method.AEVB), second.curve("mnist", 2, Method.AEVB));
        assertNotNull(second.curve("mnist", 4, Method.WAKE_SLEEP));
        assertEquals(4, Figure2Csv.read(second.csv()).size());

        // a resumed run must keep the settings its curves were made with
        Figure2.Config otherSeed = new Figure2.Config(more.rows(), 1_000, Figure2.PAPER_BATCH, 40, 6, out, true);
        IOException bad = assertThrows(IOException.class, () -> Figure2.run(otherSeed, QUIET));
        assertTrue(bad.getMessage().contains("seed is 5"), bad.getMessage());
    }

    @Test
    void anUnfinishedPanelIsTrainedAgainOnResume(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("fig2");
        Figure2.run(oneDataSet(out), QUIET);
        // cut the CSV after the first measurement, as a crash would leave it
        List<String> lines = Files.readAllLines(out.resolve(Figure2.CSV));
        Files.write(out.resolve(Figure2.CSV), lines.subList(0, 3));
        Figure2.Result r = Figure2.run(oneDataSet(out).withResume(true), QUIET);
        List<Curve> curves = Figure2Csv.read(r.csv());
        assertEquals(2, curves.size());
        assertEquals(List.of(1000L), curves.getFirst().points().stream().map(Point::samples).toList(),
                "the partial rows were dropped and written again, not doubled");
    }

    @Test
    void evaluationPointsAreOneTwoFiveTimesPowersOfTenAndTheLast() {
        assertEquals(List.of(1000L, 2000L, 5000L, 10_000L, 20_000L, 50_000L, 100_000L, 200_000L, 300_000L),
                Figure2.evalSamples(300_000, 100));
        assertEquals(List.of(1000L, 2000L, 5000L, 10_000L), Figure2.evalSamples(10_000, 100));
        assertEquals(List.of(500L), Figure2.evalSamples(500, 100), "a budget below 10^3: only the end");
        assertEquals(List.of(1000L, 2000L, 2500L), Figure2.evalSamples(2_450, 100), "rounded up to whole minibatches");
        assertEquals(List.of(1020L, 2010L, 5010L, 6000L), Figure2.evalSamples(6000, 30));
        List<Long> paper = Figure2.evalSamples(Figure2.PAPER_SAMPLES, 100);
        assertEquals(16, paper.size());
        assertEquals(100_000_000L, paper.getLast());
    }

    @Test
    void panelsFrameTheLastTwoDecades() {
        Curve a = new Curve("mnist", 3, Method.AEVB, List.of(new Point(1000, -500, -510, 1),
                new Point(100_000, -150, -152, 2), new Point(1_000_000, -120, -125, 3)));
        Curve w = new Curve("mnist", 3, Method.WAKE_SLEEP, List.of(new Point(1000, -600, -600, 1),
                new Point(100_000, -170, -171, 2), new Point(1_000_000, Double.NaN, Double.NaN, 3)));
        double[] r = Figure2Plot.yRange(List.of(a, w));
        assertEquals(-171 - 0.08 * 51, r[0], 1e-9, "the early -500 and -600 are left out; NaN is skipped");
        assertEquals(-120 + 0.05 * 51, r[1], 1e-9);
        assertTrue(w.diverged());
        assertEquals(-171, w.last().testBound());
        assertNull(Figure2Plot.yRange(List.of()));
    }
}
