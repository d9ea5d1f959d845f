package aevb.experiments;

import static org.junit.jupiter.api.Assertions.*;

import aevb.experiments.Figure3.Method;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The estimator check restores a finished curve's final model: its first line is the curve's own
 * last measurement, bit for bit, and the encoder's lines exist only for a method that has one.
 */
class Figure3EstimatorsTest {

    @Test
    void itsFirstLineIsTheCurvesLastMeasurement(@TempDir Path dir) throws IOException {
        Figure3.Config cfg = Figure3SmallNTest.base(dir.resolve("small")).withOut(dir.resolve("fig3"));
        for (Method m : List.of(Method.AEVB, Method.MCEM)) {
            Figure3.runCurve(cfg, "200:" + m.id, 0, Figure3Test.QUIET);
            Figure3Curve curve = new Figure3Curve(200, m);
            Figure3.Point last = curve.read(cfg).last();
            List<Figure3Estimators.Line> lines = Figure3Estimators.score(cfg, curve, 40, false, Figure3Test.QUIET);
            assertEquals(last.trainD(), lines.get(0).train(), 0, m.id);
            assertEquals(last.testD(), lines.get(0).test(), 0, m.id);
            boolean encoder = lines.stream().anyMatch(l -> l.estimator().contains("encoder"));
            assertEquals(m == Method.AEVB, encoder, m.id + ": " + lines);
            for (Figure3Estimators.Line l : lines) {
                assertTrue(Double.isFinite(l.train()) && Double.isFinite(l.test()), l.toString());
            }
        }
        String md = Figure3Estimators.markdown("t", Figure3Estimators.score(cfg, new Figure3Curve(200, Method.AEVB), 40, false,
                Figure3Test.QUIET));
        assertTrue(md.contains("| importance sampling with the encoder, K = 40 (a lower bound) |"), md);
    }
}
