package aevb.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aevb.viz.LineChart;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bound.png never clips silently: a first-steps dip below the frame is left out and said so under the chart. */
class BoundFigureTest {
    @TempDir
    Path dir;

    /** A rising curve (slowly when {@code flat}), with {@code stepTwo} at step 2. */
    private Path metrics(double stepTwo, boolean flat) throws Exception {
        List<String> lines = new ArrayList<>(List.of("step,samples,epoch,train_bound,test_bound,minibatch_bound,seconds"));
        long[] steps = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};
        for (long s : steps) {
            double b = s == 2 ? stepTwo : flat ? -300 + s / 100.0 : -520 + 80 * Math.log10(s);
            lines.add(s + "," + s * 100 + ",0," + b + "," + (b - 3) + "," + b + ",1.0");
        }
        Path f = dir.resolve("metrics-" + (long) -stepTwo + flat + ".csv");
        Files.write(f, lines);
        return f;
    }

    private static int darkRows(BufferedImage img, int fromY) {
        int rows = 0;
        for (int y = fromY; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                if (((rgb >> 16 & 255) + (rgb >> 8 & 255) + (rgb & 255)) / 3 < 160) {
                    rows++;
                    break;
                }
            }
        }
        return rows;
    }

    @Test
    void aDipBelowTheFrameIsLeftOutAndNamedUnderTheChart() throws Exception {
        int chartHeight = new LineChart().height(), chartWidth = new LineChart().width();
        Path dipped = dir.resolve("dipped.png");
        Figures.boundCurve(dipped, metrics(-7500, false), "bound");
        BufferedImage img = ImageIO.read(dipped.toFile());
        assertEquals(chartWidth, img.getWidth(), "the caption wraps to the chart's width");
        assertTrue(img.getHeight() > chartHeight + 20, "a caption below the chart: " + img.getHeight());
        assertTrue(darkRows(img, chartHeight) >= 2 * 8, "two lines or more of text under the chart");

        Path smooth = dir.resolve("smooth.png");
        Figures.boundCurve(smooth, metrics(-299, true), "bound");
        assertEquals(chartHeight, ImageIO.read(smooth.toFile()).getHeight(), "nothing cut, nothing to say");

        Path rising = dir.resolve("rising.png");
        Figures.boundCurve(rising, metrics(-500, false), "bound");
        BufferedImage r = ImageIO.read(rising.toFile());
        assertTrue(r.getHeight() > chartHeight && r.getHeight() < img.getHeight(),
                "a fast rise is cut and said so, in fewer words than a dip: " + r.getHeight() + " vs " + img.getHeight());
    }
}
