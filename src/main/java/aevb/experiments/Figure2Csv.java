package aevb.experiments;

import aevb.experiments.Figure2.Curve;
import aevb.experiments.Figure2.Method;
import aevb.experiments.Figure2.Point;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The long CSV behind Figure 2: one row per measurement,
 * {@code dataset,nz,method,samples,train_bound,test_bound,seconds}; a curve is the rows of one
 * (dataset, nz, method) in order. Any plotting tool reads it; {@link Figure2} reads it back to
 * resume a run.
 */
final class Figure2Csv {
    private Figure2Csv() {}

    static String row(Curve c, Point p) {
        return c.dataset() + "," + c.latent() + "," + c.method().id + "," + p.samples() + "," + p.trainBound() + ","
                + p.testBound() + "," + p.seconds() + "\n";
    }

    /** The curves of the file, in the order their first rows appear; a damaged row is an error naming the line. */
    static List<Curve> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String header = String.join(",", Figure2.COLUMNS);
        if (lines.isEmpty() || !lines.getFirst().equals(header)) {
            throw new IOException(csv + ": expected the header '" + header + "'");
        }
        Map<String, List<Point>> points = new LinkedHashMap<>();
        Map<String, String[]> keys = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            try {
                if (f.length != Figure2.COLUMNS.size()) {
                    throw new IllegalArgumentException("has " + f.length + " fields");
                }
                Method.of(f[2]);
                String key = f[0] + "," + f[1] + "," + f[2];
                keys.putIfAbsent(key, f);
                points.computeIfAbsent(key, k -> new ArrayList<>()).add(new Point(Long.parseLong(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6])));
            } catch (IllegalArgumentException e) {
                throw new IOException(csv + ", line " + (i + 1) + ": cannot read '" + line + "' (" + e.getMessage()
                        + "); move the file away to start afresh");
            }
        }
        List<Curve> curves = new ArrayList<>();
        for (Map.Entry<String, List<Point>> e : points.entrySet()) {
            String[] f = keys.get(e.getKey());
            curves.add(new Curve(f[0], Integer.parseInt(f[1]), Method.of(f[2]), e.getValue()));
        }
        return curves;
    }
}
