package aevb.experiments;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The paper's own curves of Figures 2 and 3, as read out of the vector paths of its PDF
 * (arXiv:1312.6114v10) by {@code docs/paper/extract_figures.py}: per curve, its value at the
 * sample counts we compare at. {@code docs/paper/README.md} gives the provenance and the reading
 * uncertainty (±0.2 nats on Figure 2's MNIST panels, ±5 on its Frey Face panels, ±0.1 on
 * Figure 3). The build copies the CSV files into the jar, so the figures can draw the paper's
 * curves beside ours wherever aevb runs.
 *
 * @param key     the panel: the data set and Nz for Figure 2 ({@code "mnist:20"}), N for
 *                Figure 3 ({@code "1000"})
 * @param method  {@code aevb}, {@code wake-sleep} or {@code mcem}
 * @param test    the test curve (dashed in the paper) rather than the training curve
 * @param samples training samples evaluated (the paper's x axis)
 * @param value   nats per data point: the lower bound (Figure 2) or log p(x) (Figure 3)
 * @param shown   whether the value lies inside the axes the paper drew (only those are drawn
 *                and compared; the rest was clipped from the paper's view)
 */
public record PaperCurves(String key, String method, boolean test, long samples, double value, boolean shown) {
    /** Figure 2's points: the bound of AEVB and wake-sleep per data set and Nz. */
    public static List<PaperCurves> figure2() {
        return read("figure2.csv", true);
    }

    /** Figure 3's points: the marginal likelihood of AEVB, wake-sleep and MCEM per N. */
    public static List<PaperCurves> figure3() {
        return read("figure3.csv", false);
    }

    /** The paper's value of one curve at exactly {@code samples}, if the paper shows it there. */
    public static OptionalDouble at(List<PaperCurves> points, String key, String method, boolean test, long samples) {
        for (PaperCurves p : points) {
            if (p.shown && p.key.equals(key) && p.method.equals(method) && p.test == test && p.samples == samples) {
                return OptionalDouble.of(p.value);
            }
        }
        return OptionalDouble.empty();
    }

    /** The shown points of one curve, in the order of the CSV (ascending samples). */
    public static List<PaperCurves> curve(List<PaperCurves> points, String key, String method, boolean test) {
        List<PaperCurves> out = new ArrayList<>();
        for (PaperCurves p : points) {
            if (p.shown && p.key.equals(key) && p.method.equals(method) && p.test == test) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Figure 2's rows are {@code dataset,nz,method,split,samples,bound,inside_axes}; Figure 3's
     * {@code n_train,method,split,samples,log_likelihood,inside_axes}.
     */
    private static List<PaperCurves> read(String name, boolean keyHasTwoColumns) {
        String resource = "/aevb/paper/" + name;
        try (InputStream in = PaperCurves.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource + " (docs/paper/" + name
                        + "); rebuild it with ./aevb");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<PaperCurves> out = new ArrayList<>();
            r.readLine(); // header
            int first = keyHasTwoColumns ? 2 : 1;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                String key = keyHasTwoColumns ? f[0] + ":" + f[1] : f[0];
                out.add(new PaperCurves(key, f[first], f[first + 1].equals("test"), Long.parseLong(f[first + 2]),
                        Double.parseDouble(f[first + 3]), f[first + 4].equals("yes")));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
