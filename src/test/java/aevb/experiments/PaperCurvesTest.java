package aevb.experiments;

import static org.junit.jupiter.api.Assertions.*;

import aevb.experiments.Figure2.Curve;
import aevb.experiments.Figure2.Method;
import aevb.experiments.Figure2.Point;
import aevb.viz.Axis;
import aevb.viz.LineChart;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The paper's curves as the figures read them, and where they land in our Figure 2. */
class PaperCurvesTest {
    @Test
    void figure2HoldsFourCurvesForEachOfThePapersNinePanels() {
        List<PaperCurves> paper = PaperCurves.figure2();
        Set<String> panels = paper.stream().map(PaperCurves::key).collect(Collectors.toSet());
        assertEquals(Set.of("mnist:3", "mnist:5", "mnist:10", "mnist:20", "mnist:200", "frey:2", "frey:5", "frey:10",
                "frey:20"), panels);
        for (String key : panels) {
            for (String m : List.of("aevb", "wake-sleep")) {
                for (boolean test : new boolean[] {false, true}) {
                    assertFalse(PaperCurves.curve(paper, key, m, test).isEmpty(), key + " " + m + " " + test);
                }
            }
        }
        // a value the README quotes: MNIST Nz = 20, AEVB test bound at 10^7 samples, about -104.8
        assertEquals(-104.8, PaperCurves.at(paper, "mnist:20", "aevb", true, 10_000_000L).orElseThrow(), 0.05);
        // bounds below the paper's axes are kept in the file but never shown
        assertTrue(PaperCurves.at(paper, "mnist:3", "aevb", true, 100_000L).isEmpty());
    }

    @Test
    void figure3HoldsEveryMethodAtBothTrainingSetSizes() {
        List<PaperCurves> paper = PaperCurves.figure3();
        for (String n : List.of("1000", "50000")) {
            for (String m : List.of("aevb", "wake-sleep", "mcem")) {
                assertFalse(PaperCurves.curve(paper, n, m, false).isEmpty(), n + " " + m);
                assertFalse(PaperCurves.curve(paper, n, m, true).isEmpty(), n + " " + m);
            }
        }
    }

    @Test
    void everyPaperMarkerFallsInsideItsPanel() {
        List<PaperCurves> paper = PaperCurves.figure2();
        int markers = 0;
        for (String key : paper.stream().map(PaperCurves::key).collect(Collectors.toSet())) {
            String ds = key.substring(0, key.indexOf(':'));
            int nz = Integer.parseInt(key.substring(key.indexOf(':') + 1));
            // a panel as Figure2Plot draws it, with one short curve of ours so the axes are ours to check
            Curve ours = new Curve(ds, nz, Method.AEVB, List.of(new Point(1000, -200, -201, 1)));
            LineChart chart = Figure2Plot.panel(nz, ours, null);
            double[] y = Figure2Plot.paperYRange(ds);
            chart.xRange(Figure2Plot.PAPER_X[0], Figure2Plot.PAPER_X[1]).yRange(y[0], y[1]);
            Figure2Plot.addPaperCurves(chart, paper, key);
            Axis xa = chart.xAxis(), ya = chart.yAxis();
            for (LineChart.Markers m : chart.markers()) {
                for (int i = 0; i < m.x().length; i++) {
                    markers++;
                    assertTrue(m.x()[i] >= xa.min && m.x()[i] <= xa.max, key + " x " + m.x()[i]);
                    assertTrue(m.y()[i] >= ya.min && m.y()[i] <= ya.max, key + " y " + m.y()[i]);
                }
            }
            assertEquals(4, chart.markers().size(), key + ": the paper's four curves");
        }
        assertTrue(markers > 200, "markers drawn: " + markers);
    }
}
