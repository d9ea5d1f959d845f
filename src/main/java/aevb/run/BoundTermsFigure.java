package aevb.run;

import aevb.viz.LineChart;
import aevb.viz.Palette;
import aevb.viz.Panels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bound's two terms over training, eq. (10) read term by term:
 * <pre>  L̃^B(x) = -D_KL(q_φ(z|x) || p(z)) + (1/L) Σ_l log p_θ(x | z_l)</pre>
 * one panel for the KL of the code from the prior (what the code costs, in nats), one for the
 * expected reconstruction log-likelihood (how well the code explains x), each for the training
 * and the held-out points of {@code metrics.csv}. A learner sees the trade-off the bound makes:
 * the KL grows while the reconstruction term gains more than it costs.
 */
public final class BoundTermsFigure {
    private BoundTermsFigure() {}

    /**
     * Draws {@code file} from the columns {@code train_kl}, {@code train_reconstruction},
     * {@code <held>_kl} and {@code <held>_reconstruction} of {@code metricsCsv}; the first steps
     * (before the 20th report's samples, where Adagrad's first step throws the bound far down) are
     * left out, as the panel titles say. Returns false, drawing nothing, when the log has no such
     * numbers (a run logged before they were measured).
     */
    public static boolean write(Path file, Path metricsCsv, String title, String heldOutName) throws IOException {
        // Latin-1 reads any bytes; a damaged row is skipped, not an error
        List<String> lines = Files.readAllLines(metricsCsv, StandardCharsets.ISO_8859_1);
        if (lines.isEmpty()) {
            return false;
        }
        List<String> header = Arrays.asList(lines.getFirst().split(","));
        String held = TrainingRun.heldOutColumn(heldOutName);
        int samples = header.indexOf("samples");
        int[] cols = {header.indexOf("train_kl"), header.indexOf(held + "_kl"),
                header.indexOf("train_reconstruction"), header.indexOf(held + "_reconstruction")};
        if (samples < 0 || Arrays.stream(cols).anyMatch(c -> c < 0)) {
            return false;
        }
        List<double[]> rows = new ArrayList<>();   // samples, then the four columns
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length != header.size()) {
                continue;
            }
            try {
                double[] r = {Double.parseDouble(f[samples]), Double.parseDouble(f[cols[0]]),
                        Double.parseDouble(f[cols[1]]), Double.parseDouble(f[cols[2]]), Double.parseDouble(f[cols[3]])};
                if (Arrays.stream(r).allMatch(Double::isFinite)) {
                    rows.add(r);
                }
            } catch (NumberFormatException e) {
                // an empty field (a row logged before the terms were) or a damaged row: skip it
            }
        }
        if (rows.isEmpty()) {
            return false;
        }
        double from = 20 * rows.getFirst()[0];
        List<double[]> shown = rows.stream().filter(r -> r[0] >= from).toList();
        String note = "";
        if (shown.size() >= 2) {
            note = String.format(java.util.Locale.ROOT, " (from %,.0f samples)", shown.getFirst()[0]);
        } else {
            shown = rows;
        }
        double[] x = column(shown, 0);
        String heldLabel = heldOutName.equals("train") ? "held-out" : heldOutName;
        LineChart kl = new LineChart().title("KL(q(z|x) || p(z))" + note).logX(true)
                .xLabel("# training samples evaluated").yLabel("nats per data point")
                .add(new LineChart.Series("train", x, column(shown, 1), Palette.categorical(3), false))
                .add(new LineChart.Series(heldLabel, x, column(shown, 2), Palette.categorical(3), true));
        LineChart recon = new LineChart().title("E_q[log p(x|z)]" + note).logX(true)
                .xLabel("# training samples evaluated").yLabel("nats per data point")
                .add(new LineChart.Series("train", x, column(shown, 3), Palette.categorical(0), false))
                .add(new LineChart.Series(heldLabel, x, column(shown, 4), Palette.categorical(0), true));
        Panels.write(file, title, List.of(kl, recon));
        return true;
    }

    private static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }
}
