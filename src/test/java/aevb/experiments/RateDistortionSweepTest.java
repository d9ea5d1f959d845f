package aevb.experiments;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The β-VAE sweep on generated digits: the rate falls with β, the files, the summary's verdicts, a resume. */
class RateDistortionSweepTest {

    static RateDistortionSweep.Config tiny(Path out) {
        return RateDistortionSweep.Config.of(ExperimentFixtures.digitsSetting(), 3, out).withBetas(List.of(8.0, 0.5, 1.0))
                .withLatent(4).withSamples(6000).withEvalPoints(100);
    }

    @Test
    void moreBetaBuysLessRateAndTheFilesSayIt(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RateDistortionSweep.Result r = RateDistortionSweep.run(tiny(dir.resolve("rd")),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        List<RateDistortionSweep.Point> p = r.points();
        assertEquals(List.of(0.5, 1.0, 8.0), p.stream().map(RateDistortionSweep.Point::beta).toList(), "β ascending");
        for (RateDistortionSweep.Point q : p) {
            assertEquals(-(q.heldOut().rate() + q.heldOut().distortion()), q.heldOut().elbo(), 1e-9, "ELBO = -(D + R)");
            assertTrue(q.heldOut().rate() >= 0, "a KL is never negative");
        }
        assertTrue(p.get(2).heldOut().rate() < 0.5 * p.get(0).heldOut().rate(),
                "β = 8 codes far less than β = 0.5: " + p);
        assertTrue(p.get(2).heldOut().distortion() > p.get(0).heldOut().distortion(), "and explains less: " + p);
        assertTrue(p.get(2).activeUnits() <= p.get(0).activeUnits(), p.toString());

        List<String> csv = Files.readAllLines(r.csv());
        assertEquals(RateDistortionSweep.COLUMNS, csv.getFirst());
        assertEquals(4, csv.size());
        assertTrue(csv.get(1).startsWith("0.5,") && csv.get(3).startsWith("8,"), csv.toString());
        for (Path f : List.of(r.png(), r.traversals(), r.reconstructions(), r.summary())) {
            assertTrue(Files.size(f) > 0, f.toString());
        }
        assertTrue(Files.isDirectory(dir.resolve("rd/beta-0.5")) && Files.isDirectory(dir.resolve("rd/beta-8")));
        String md = Files.readString(r.summary());
        assertTrue(md.contains("| 8 | "), md);
        assertTrue(md.contains("**yes**: more β, less rate") == RateDistortionReport.falls(
                p.stream().mapToDouble(q -> q.heldOut().rate()).toArray()), md);

        // a resumed sweep reuses every finished model and measures the same numbers
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        RateDistortionSweep.Result r2 = RateDistortionSweep.run(tiny(dir.resolve("rd")).withResume(true),
                new PrintStream(again, true, StandardCharsets.UTF_8));
        assertTrue(again.toString(StandardCharsets.UTF_8).contains("reusing the finished model"));
        assertEquals(withoutSeconds(csv), withoutSeconds(Files.readAllLines(r2.csv())));
    }

    @Test
    void fallsAllowsTiesAndRejectsAnyRise() {
        assertTrue(RateDistortionReport.falls(new double[] {3, 3, 2, 0}));
        assertFalse(RateDistortionReport.falls(new double[] {3, 2, 2.5}));
        assertTrue(RateDistortionReport.falls(new double[] {1}));
    }

    @Test
    void betaFoldersAreNamedByTheirValue() {
        assertEquals("beta-0.25", RateDistortionSweep.dir(Path.of("x"), 0.25).getFileName().toString());
        assertEquals("beta-1", RateDistortionSweep.dir(Path.of("x"), 1.0).getFileName().toString());
        assertEquals("beta-8", RateDistortionSweep.dir(Path.of("x"), 8).getFileName().toString());
        assertThrows(IllegalArgumentException.class, () -> tiny(Path.of("x")).withBetas(List.of(1.0, 1.0)));
        assertThrows(IllegalArgumentException.class, () -> tiny(Path.of("x")).withBetas(List.of(0.0)));
    }

    private static List<String> withoutSeconds(List<String> rows) {
        return rows.stream().map(r -> r.substring(0, r.lastIndexOf(','))).toList();
    }
}
