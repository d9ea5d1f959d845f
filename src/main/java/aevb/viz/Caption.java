package aevb.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A chart with a few lines of small text below it: what the reader should know about the picture. */
public final class Caption {
    private static final float SIZE = 11f;
    private static final int PAD = 6;

    private Caption() {}

    /** The chart, then each paragraph left-aligned below it, wrapped to the chart's width; none: the chart alone. */
    public static BufferedImage render(Chart chart, String... paragraphs) {
        double lineH = Text.height(SIZE) + 2;
        int width = chart.width();
        List<String> lines = new ArrayList<>();
        for (String p : paragraphs) {
            lines.addAll(wrap(p, width - 2 * PAD));
        }
        int height = chart.height() + (lines.isEmpty() ? 0 : (int) Math.ceil(lines.size() * lineH) + PAD);
        BufferedImage img = Canvas.image(width, height);
        Graphics2D g = Canvas.graphics(img);
        Graphics2D panel = (Graphics2D) g.create(0, 0, chart.width(), chart.height());
        chart.draw(panel);
        panel.dispose();
        g.setColor(Color.DARK_GRAY);
        for (int i = 0; i < lines.size(); i++) {
            Text.draw(g, lines.get(i), PAD, chart.height() + i * lineH, SIZE, 0, 0);
        }
        g.dispose();
        return img;
    }

    /** Words of {@code text} in lines no wider than {@code width} pixels (a longer word gets a line of its own). */
    static List<String> wrap(String text, double width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String tried = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && Text.width(tried, SIZE) > width) {
                out.add(line.toString());
                line.setLength(0);
                line.append(word);
            } else {
                line.setLength(0);
                line.append(tried);
            }
        }
        if (!line.isEmpty()) {
            out.add(line.toString());
        }
        return out;
    }

    public static void write(Path file, Chart chart, String... lines) throws IOException {
        Png.write(file, render(chart, lines));
    }
}
