package aevb.experiments;

import static org.junit.jupiter.api.Assertions.*;

import aevb.experiments.Figure3.Curve;
import aevb.experiments.Figure3.Method;
import aevb.experiments.Figure3.Point;
import aevb.viz.Axis;
import aevb.viz.LineChart;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The paper's Figure 3 curves on our Figure 3, and the verdicts of the summary. */
class Figure3PaperTest {

    static Curve curve(int n, Method m, double... testAt1e6and1e7) {
        List<Point> ps = new ArrayList<>();
        ps.add(new Point(1_000_000L, 10, testAt1e6and1e7[0] + 5, testAt1e6and1e7[0], Double.NaN, Double.NaN));
        ps.add(new Point(10_000_000L, 100, testAt1e6and1e7[1] + 5, testAt1e6and1e7[1], Double.NaN, Double.NaN));
        return new Curve(n, m, ps, false);
    }

    @Test
    void everyPaperMarkerFallsInsideTheFigure() {
        List<PaperCurves> paper = PaperCurves.figure3();
        int markers = 0;
        for (int n : new int[] {1000, 50000}) {
            // our curves far below and short of the paper's: the panel must still take in every marker
            List<Curve> ours = List.of(curve(n, Method.AEVB, -230, -200), curve(n, Method.MCEM, -220, -190));
            LineChart chart = Figure3Plot.panel(n, ours);
            Figure3Plot.onPaperAxes(chart, n, paper);
            Axis x = chart.xAxis(), y = chart.yAxis();
            assertEquals(6, chart.markers().size(), n + ": 3 methods × train and test");
            for (LineChart.Markers m : chart.markers()) {
                for (int i = 0; i < m.x().length; i++) {
                    markers++;
                    assertTrue(m.x()[i] >= x.min && m.x()[i] <= x.max, n + " x " + m.x()[i]);
                    assertTrue(m.y()[i] >= y.min && m.y()[i] <= y.max, n + " y " + m.y()[i]);
                }
            }
            assertTrue(y.min <= -230, "and ours stay inside too: " + y.min);
        }
        assertTrue(markers > 60, "markers drawn: " + markers);
    }

    @Test
    void verdictsSayHeldDidNotHoldTieOrNotTestableWithTheNumbers() {
        List<PaperCurves> paper = PaperCurves.figure3();
        String held = Figure3VsPaper.verdict("AEVB beats wake-sleep", 50000, curve(50000, Method.AEVB, -150, -140),
                curve(50000, Method.WAKE_SLEEP, -155, -145), paper);
        assertTrue(held.contains("**held**") && held.contains("-140.0") && held.contains("+5.0"), held);
        assertTrue(held.contains("the paper at the same x: -142.3 vs -143.2"), held);
        String not = Figure3VsPaper.verdict("AEVB beats MCEM", 1000, curve(1000, Method.AEVB, -150, -160),
                curve(1000, Method.MCEM, -150, -140), paper);
        assertTrue(not.contains("**did not hold**"), not);
        String tie = Figure3VsPaper.verdict("x", 1000, curve(1000, Method.AEVB, -150, -140.4),
                curve(1000, Method.MCEM, -150, -140), paper);
        assertTrue(tie.contains("**a tie**"), tie);
        assertTrue(Figure3VsPaper.verdict("x", 1000, null, curve(1000, Method.MCEM, -1, -1), paper).contains("**not testable**"));
        Curve shortA = new Curve(1000, Method.AEVB, List.of(new Point(300_000L, 1, -180, -185, Double.NaN, Double.NaN)), false);
        Curve shortM = new Curve(1000, Method.MCEM, List.of(new Point(300_000L, 1, -150, -155, Double.NaN, Double.NaN)), false);
        String quick = Figure3VsPaper.verdict("AEVB beats MCEM", 1000, shortA, shortM, paper);
        assertTrue(quick.contains("**did not hold**") && quick.contains("not testable at this budget"), quick);
    }

    @Test
    void curvesThatStepDifferentlyAreComparedAtTheirLastCommonSampleCount() {
        // a batch MCEM iteration counts N: its last point may lie beyond AEVB's
        Curve m = new Curve(50000, Method.MCEM, List.of(new Point(1_000_000L, 10, -170, -175, Double.NaN, Double.NaN),
                new Point(10_050_000L, 90, -150, -155, Double.NaN, Double.NaN)), false);
        String v = Figure3VsPaper.verdict("AEVB beats MCEM", 50000, curve(50000, Method.AEVB, -150, -140), m,
                PaperCurves.figure3());
        assertTrue(v.contains("**held** at 1,000,000 samples") && v.contains("+25.0"), v);
    }

    @Test
    void perSecondComparisonTakesEachMethodAtAevbsTrainingTime() {
        Curve a = new Curve(1000, Method.AEVB, List.of(new Point(10_000_000L, 100, -140, -145, Double.NaN, Double.NaN)), false);
        Curve m = new Curve(1000, Method.MCEM, List.of(new Point(1_000_000L, 10, -170, -175, Double.NaN, Double.NaN),
                new Point(2_000_000L, 90, -160, -165, Double.NaN, Double.NaN),
                new Point(5_000_000L, 300, -150, -155, Double.NaN, Double.NaN)), false);
        String s = Figure3VsPaper.perSecond(List.of(a, m));
        assertTrue(s.contains("MCEM had reached 2,000,000 samples, test -165.0") && s.contains("100 s"), s);
    }
}
