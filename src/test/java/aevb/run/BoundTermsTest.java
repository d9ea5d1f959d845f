package aevb.run;

import static org.junit.jupiter.api.Assertions.*;

import aevb.data.DataSplits;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * metrics.csv logs the bound's two terms of eq. (10) (L = -KL + E_q[log p(x|z)]), names the
 * held-out columns by the split, carries a log written before the terms over on resume, and
 * bound-terms.png draws them.
 */
class BoundTermsTest {
    static double at(String row, List<String> header, String column) {
        String f = row.split(",", -1)[header.indexOf(column)];
        return f.isEmpty() ? Double.NaN : Double.parseDouble(f);
    }

    @Test
    void theBoundIsTheReconstructionTermMinusTheKl(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        TrainingRun.start(RunFixtures.config(200 * 6), RunFixtures.data(200, 60), dir).run(TrainingRunTest.QUIET);
        List<String> lines = Files.readAllLines(dir.resolve(TrainingRun.METRICS));
        List<String> header = List.of(lines.getFirst().split(","));
        assertEquals(TrainingRun.columns("test"), header);
        assertTrue(header.contains("test_bound") && header.contains("test_kl") && header.getLast().equals("seconds"), header.toString());
        assertTrue(lines.size() > 5);
        for (String row : lines.subList(1, lines.size())) {
            for (String split : List.of("train", "test")) {
                double bound = at(row, header, split + "_bound"), kl = at(row, header, split + "_kl"),
                        recon = at(row, header, split + "_reconstruction");
                assertTrue(kl >= 0, "a KL is never negative: " + row);
                assertTrue(recon <= 0, "a Bernoulli log-likelihood is never positive: " + row);
                assertEquals(bound, recon - kl, 1e-9 * Math.abs(bound), split + ": L = -KL + reconstruction in " + row);
            }
        }
        // the KL grows from about 0 at the start as the code starts to carry information about x
        double klFirst = at(lines.get(1), header, "train_kl"), klLast = at(lines.getLast(), header, "train_kl");
        assertTrue(klLast > klFirst, "KL " + klFirst + " -> " + klLast);

        Path png = tmp.resolve("terms.png");
        assertTrue(BoundTermsFigure.write(png, dir.resolve(TrainingRun.METRICS), "terms", "test"));
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() >= 2 * 400, "two panels side by side: " + img.getWidth());
    }

    @Test
    void heldOutColumnsAreNamedByTheSplitAndNeverCollideWithTrain() {
        assertTrue(TrainingRun.columns("validation").containsAll(List.of("validation_bound", "validation_kl",
                "validation_reconstruction")));
        List<String> none = TrainingRun.columns("train");
        assertEquals(none.size(), none.stream().distinct().count(), "no column twice: " + none);
        assertTrue(none.contains("heldout_bound"));
    }

    @Test
    void aLogWrittenBeforeTheTermsIsCarriedOverOnResume(@TempDir Path tmp) throws Exception {
        DataSplits data = RunFixtures.data(200, 60);
        RunConfig cfg = RunFixtures.config(200 * 6);
        Path whole = tmp.resolve("whole"), old = tmp.resolve("old");
        TrainingRun.start(cfg, data, whole).run(TrainingRunTest.QUIET);
        TrainingRun first = TrainingRun.start(cfg, data, old);
        first.hook((step, vae) -> { if (step == 17) first.requestStop(0); }).run(TrainingRunTest.QUIET);

        // rewrite its log as the previous version wrote it: seven columns, the held-out one "test_bound"
        Path metrics = old.resolve(TrainingRun.METRICS);
        List<String> lines = Files.readAllLines(metrics), legacy = new ArrayList<>();
        List<String> header = List.of(lines.getFirst().split(","));
        legacy.add(String.join(",", TrainingRun.COLUMNS_BEFORE_TERMS));
        for (String row : lines.subList(1, lines.size())) {
            List<String> f = new ArrayList<>();
            for (String c : TrainingRun.COLUMNS_BEFORE_TERMS) {
                f.add(row.split(",", -1)[header.indexOf(c)]);
            }
            legacy.add(String.join(",", f));
        }
        Files.write(metrics, legacy);
        assertFalse(BoundTermsFigure.write(tmp.resolve("none.png"), metrics, "terms", "test"), "no terms, no figure");

        TrainingRun.resume(old, data, 0).run(TrainingRunTest.QUIET);
        List<String> resumed = Files.readAllLines(metrics), expected = Files.readAllLines(whole.resolve(TrainingRun.METRICS));
        assertEquals(expected.getFirst(), resumed.getFirst(), "the header of today's runs");
        assertEquals(expected.size(), resumed.size());
        for (int i = 1; i < resumed.size(); i++) {
            String r = resumed.get(i), e = expected.get(i);
            long step = Long.parseLong(r.substring(0, r.indexOf(',')));
            for (String c : header) {
                if (c.equals("seconds")) continue;
                boolean term = c.endsWith("_kl") || c.endsWith("_reconstruction");
                if (term && step <= 17) {
                    assertTrue(Double.isNaN(at(r, header, c)), "a row logged before the terms has them empty: " + r);
                } else {
                    assertEquals(at(e, header, c), at(r, header, c), c + " at step " + step);
                }
            }
        }
        assertTrue(BoundTermsFigure.write(tmp.resolve("terms.png"), metrics, "terms", "test"), "drawn from the rows that have them");
    }
}
