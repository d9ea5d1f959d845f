package aevb.experiments;

import static org.junit.jupiter.api.Assertions.*;

import aevb.cli.Main;
import aevb.eval.AppendixDEstimator;
import aevb.experiments.Figure3.Curve;
import aevb.experiments.Figure3.Method;
import aevb.experiments.Figure3.Point;
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

/** Figure 3 on generated digits and, end to end, on the embedded MNIST sample: the files it writes and what they hold. */
class Figure3Test {
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    /** Two training sizes (200 and all 300 generated digits), 2,000 samples, cheap estimators. */
    static Figure3.Config tiny(Path out) {
        return Figure3.Config.forBudget(Budget.QUICK, ExperimentFixtures.digitsSetting(), 5, out)
                .withTrainingSizes(List.of(200, 1000)).withSamples(2_000).withEvalPoints(20).withIsSamples(50);
    }

    @Test
    void tinyRunWritesFigureCsvAndSummary(@TempDir Path dir) throws IOException {
        Figure3.Result r = Figure3.run(tiny(dir.resolve("fig3")), QUIET);

        BufferedImage img = ImageIO.read(r.png().toFile());
        assertNotNull(img, "figure3.png is a PNG");
        assertEquals(2 * Figure3Plot.PANEL_WIDTH, img.getWidth(), "two panels side by side");

        // 2 N x 3 methods, measured at 1000 and 2000 samples; N = 1000 is cut to the 300 images there are. An
        // iteration of MCEM (the authors' batch E-step) counts N: at N = 300 its points fall at 1,200 and 2,100.
        assertEquals(6, r.curves().size());
        for (Curve c : r.curves()) {
            assertTrue(c.n() == 200 || c.n() == 300, c.toString());
            assertFalse(c.diverged(), c.toString());
            assertEquals(c.method() == Method.MCEM && c.n() == 300 ? List.of(1200L, 2100L) : List.of(1000L, 2000L),
                    c.points().stream().map(Point::samples).toList());
            for (Point p : c.points()) {
                assertTrue(p.finite() && p.trainD() < 0 && p.seconds() > 0, c + " " + p);
                assertEquals(c.method() == Method.MCEM, Double.isNaN(p.trainIs()), "IS only with an encoder: " + c);
            }
        }
        // rows: per N and point, AEVB and WS 4 numbers each, MCEM 2
        List<String> lines = Files.readAllLines(r.csv());
        assertEquals(String.join(",", Figure3.COLUMNS), lines.getFirst());
        assertEquals(1 + 2 * 2 * (4 + 4 + 2), lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("300,mcem,2100,appendix-d,test,")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("200,aevb,1000,importance,train,")), lines.toString());

        String md = Files.readString(r.summary());
        assertTrue(md.contains("| 200 | MCEM |") && md.contains("| 300 | AEVB |"), md);
        assertTrue(md.contains("2,000 training samples per method"), md);
        assertTrue(md.contains("The paper's claim"), md);
    }

    @Test
    void theTwoEstimatorsRoughlyAgreeForAnEncoderModel(@TempDir Path dir) throws IOException {
        Figure3.Result r = Figure3.run(tiny(dir.resolve("fig3")).withTrainingSizes(List.of(300)), QUIET);
        Point p = r.curve(300, Method.AEVB).last();
        // Both estimate the same log p(x); on 64 binary pixels with Nz = 3 they should be within a few nats.
        assertEquals(p.trainIs(), p.trainD(), 5.0, p.toString());
        assertEquals(p.testIs(), p.testD(), 5.0, p.toString());
    }

    @Test
    void reproduceFigure3OnTheEmbeddedSample(@TempDir Path dir) {
        Path out = dir.resolve("run");
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"reproduce", "figure3", "--datasets", "sample", "--samples", "1000",
                "--hidden", "12", "--eval-points", "10", "--threads", "1", "--out", out.toString()},
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        String stdout = o.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
        assertTrue(Files.exists(out.resolve(Figure3.PNG)) && Files.exists(out.resolve(Figure3.CSV))
                && Files.exists(out.resolve(Figure3.SUMMARY)));
        // the sample has 9,000 training images (1,000 more for validation): N = 50000 is cut to them
        assertTrue(stdout.contains("| 1,000 | AEVB |") && stdout.contains("| 9,000 | MCEM |"), stdout);
    }

    @Test
    void budgetsFollowThePaper() {
        Figure3.Config q = Figure3.Config.forBudget(Budget.QUICK, ExperimentFixtures.digitsSetting(), 1, Path.of("x"));
        Figure3.Config p = Figure3.Config.forBudget(Budget.PAPER, ExperimentFixtures.digitsSetting(), 1, Path.of("x"));
        assertEquals(List.of(1000, 50000), q.trainingSizes());
        assertEquals(100, q.batch());
        assertEquals(100, q.evalPoints());
        assertEquals(1000, p.evalPoints());
        assertEquals(AppendixDEstimator.Settings.paper(), p.appendixD());
        assertTrue(p.samples() >= 10_000_000L);
    }
}
