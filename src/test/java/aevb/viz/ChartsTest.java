package aevb.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Line charts, panels and scatter plots: sizes, ink where expected, bad points survived. */
class ChartsTest {
    @TempDir Path dir;

    private static final Color RED = new Color(0xd62728);
    private static final Color BLUE = new Color(0x1f77b4);

    private static double[] logSpaced(int n, double from, double to) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = Math.pow(10, from + (to - from) * i / (n - 1));
        return x;
    }

    private static LineChart figure2Panel(String title) {
        double[] x = logSpaced(50, 5, 8);
        double[] train = new double[50], test = new double[50];
        for (int i = 0; i < 50; i++) {
            train[i] = -150 + 50 * (1 - Math.exp(-(Math.log10(x[i]) - 5)));
            test[i] = train[i] - 5;
        }
        return new LineChart().title(title).logX(true).xLabel("# training samples evaluated").yLabel("L")
                .add(new LineChart.Series("AEVB (train)", x, train, RED, false))
                .add(new LineChart.Series("AEVB (test)", x, test, RED, true));
    }

    @Test
    void lineChartWritesANonBlankPngOfItsSize() throws IOException {
        Path file = dir.resolve("fig/figure2.png");
        figure2Panel("Nz = 3").size(500, 350).write(file);
        BufferedImage img = Pixels.read(file);
        assertEquals(500, img.getWidth());
        assertEquals(350, img.getHeight());
        assertTrue(Pixels.variance(img) > 50);
        assertTrue(Pixels.count(img, RED.getRGB(), 30) > 200, "the red curves are drawn");
        assertTrue(Files.notExists(dir.resolve("fig/figure2.png.tmp")));
    }

    @Test
    void dashedLinesHaveGaps() {
        double[] x = {1, 2}, y = {0, 0};
        int solid = Pixels.count(new LineChart().add(new LineChart.Series("s", x, y, RED, false)).render(), RED.getRGB(), 30);
        int dashed = Pixels.count(new LineChart().add(new LineChart.Series("d", x, y, RED, true)).render(), RED.getRGB(), 30);
        assertTrue(dashed < 0.8 * solid, "dashed " + dashed + " vs solid " + solid);
    }

    @Test
    void theLineIsDrawnWhereTheAxisMapsIt() {
        // y = 7.5 on a y axis from 0 to 10: a quarter of the plot below its top edge;
        // x = 10 on a log x axis from 1 to 1000: a third of the way from the left
        double[] x = {1, 1000};
        LineChart chart = new LineChart().logX(true).yRange(0, 10).xRange(1, 1000)
                .add(new LineChart.Series("flat", x, new double[] {7.5, 7.5}, BLUE, false));
        BufferedImage img = chart.render();
        PlotFrame frame = new PlotFrame(chart.xAxis(), chart.yAxis(), chart.width(), chart.height(), null, null, null, 0);
        assertEquals(frame.top + 0.25 * (frame.bottom - frame.top), frame.py(7.5), 1e-9);
        assertEquals(frame.left + (frame.right - frame.left) / 3, frame.px(10), 1e-9);
        int row = (int) Math.round(frame.py(7.5));
        int col = (int) Math.round(frame.px(10));
        int hits = 0;
        for (int dy = -1; dy <= 1; dy++) if (close(img.getRGB(col, row + dy), BLUE.getRGB())) hits++;
        assertTrue(hits >= 1, "blue line at row " + row);
        assertTrue(!close(img.getRGB(col, row + 12), BLUE.getRGB()), "and nowhere else");
    }

    private static boolean close(int a, int b) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((a >> shift) & 255) - ((b >> shift) & 255)) > 40) return false;
        }
        return true;
    }

    @Test
    void nonFinitePointsAreSkippedNotFatal() {
        double[] x = {1e5, Double.NaN, 1e6, 0, -1, 1e7, Double.POSITIVE_INFINITY, 1e8};
        double[] y = {-120, -110, Double.NaN, -100, -100, Double.NEGATIVE_INFINITY, -90, -95};
        LineChart chart = new LineChart().logX(true)
                .add(new LineChart.Series("holes", x, y, RED, false))
                .add(new LineChart.Series("all NaN", new double[] {Double.NaN}, new double[] {1}, BLUE, true))
                .add(new LineChart.Series("empty", new double[0], new double[0], BLUE, false));
        assertEquals(-120 - 0.05 * 25, chart.yAxis().min, 1e-9); // -120 .. -95 are the drawable y values
        BufferedImage img = chart.render();
        assertTrue(Pixels.count(img, RED.getRGB(), 30) > 5, "the drawable points still show (as dots)");
        new LineChart().render(); // no series at all
    }

    @Test
    void seriesNeedsMatchingLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LineChart.Series("bad", new double[3], new double[2], RED, false));
        assertTrue(e.getMessage().contains("bad"), e.getMessage());
    }

    @Test
    void panelsSitSideBySideUnderOneTitle() throws IOException {
        List<LineChart> charts = List.of(figure2Panel("Nz = 3").size(400, 300), figure2Panel("Nz = 5").size(420, 320));
        BufferedImage untitled = Panels.render(null, charts);
        assertEquals(820, untitled.getWidth());
        assertEquals(320, untitled.getHeight());
        Path file = dir.resolve("panels.png");
        Panels.write(file, "Figure 2", charts);
        BufferedImage img = Pixels.read(file);
        assertEquals(820, img.getWidth());
        int titleH = img.getHeight() - 320;
        assertTrue(titleH > 10, "room for the title");
        assertTrue(Pixels.dark(img, 0, 0, 820, titleH) > 20, "title drawn");
        assertTrue(Pixels.variance(img, 0, titleH, 400, 300) > 50, "left panel drawn");
        assertTrue(Pixels.variance(img, 400, titleH, 420, 320) > 50, "right panel drawn");
    }

    @Test
    void scatterColoursEachLabelAndShowsALegend() throws IOException {
        int n = 500;
        double[] x = new double[n], y = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            x[i] = Math.cos(i) * (1 + labels[i]);
            y[i] = Math.sin(i) * (1 + labels[i]);
        }
        x[3] = Double.NaN;
        y[4] = Double.POSITIVE_INFINITY;
        Path file = dir.resolve("scatter.png");
        Scatter.write(file, x, y, labels, "Latent means", "z1", "z2");
        BufferedImage img = Pixels.read(file);
        assertEquals(560, img.getWidth());
        assertEquals(480, img.getHeight());
        for (int k = 0; k < 10; k++) {
            assertTrue(Pixels.count(img, Palette.categorical(k).getRGB(), 12) > 10, "colour of label " + k);
        }
    }

    @Test
    void scatterWithoutLabelsUsesOneColour() {
        double[] x = {0, 1, 2, 3}, y = {3, 1, 2, 0};
        BufferedImage img = Scatter.of(x, y, null).title("one colour").render();
        assertEquals(0, Pixels.count(img, Palette.categorical(1).getRGB(), 12), "no orange");
        assertTrue(Pixels.variance(img) > 20);
        assertThrows(IllegalArgumentException.class, () -> Scatter.of(x, y, new int[3]));
        assertThrows(IllegalArgumentException.class, () -> Scatter.of(x, new double[2], null));
    }

    @Test
    void drawingOrderIsAPermutation() {
        int[] order = Scatter.drawingOrder(1000);
        boolean[] seen = new boolean[1000];
        for (int i : order) seen[i] = true;
        for (boolean s : seen) assertTrue(s);
        assertTrue(order[999] != 999 || order[0] != 0, "shuffled");
    }
}
