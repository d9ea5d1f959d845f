package aevb.cli;

import aevb.eval.ActiveUnits;
import aevb.infer.Codes;
import aevb.infer.Interpolation;
import aevb.infer.Traversal;
import aevb.tensor.Tensor;
import aevb.viz.ImageGrid;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code aevb interpolate} and {@code aevb traverse}: section 2.1's second use, the code z of
 * an image, shown by walking between two codes and by turning one coordinate at a time.
 */
public final class LatentCommand implements Command {
    private final String name;

    private LatentCommand(String name) {
        this.name = name;
    }

    public static List<Command> all() {
        return List.of(new LatentCommand("interpolate"), new LatentCommand("traverse"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return name.equals("interpolate")
                ? "decode the line and the great circle between the codes of two images (section 2.1)"
                : "turn each active latent dimension from -3 to +3 around an image's code (section 2.1)";
    }

    @Override
    public List<Flag> flags() {
        List<Flag> f = new ArrayList<>(UseData.flags("1000"));
        f.add(Flag.text("out", "FILE", name + ".png", "the PNG to write"));
        f.add(Flag.integer("steps", name.equals("interpolate") ? "10" : "9", 2, 100, "pictures per row"));
        if (name.equals("interpolate")) {
            f.add(Flag.integer("pairs", "3", 1, 20, "pairs of images: image 2k to image 2k+1 of the chosen ones"));
        } else {
            f.add(Flag.integer("image", "0", 0, 100_000, "which of the chosen images to start from"));
            f.add(Flag.integer("max-dims", "10", 1, 1000, "at most this many active dimensions, most active first"));
        }
        return f;
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        Path file = UseData.figure(a, name + ".png");   // refused now, not after the work
        UseData u = UseData.load(a, name, err);
        Tensor x = u.images().asTensor();
        int steps = a.integer("steps"), d = x.cols;
        List<String> labels = new ArrayList<>();
        List<float[]> pics = new ArrayList<>();
        String title;
        if (name.equals("interpolate")) {
            int pairs = a.integer("pairs");
            if (2 * pairs > x.rows) {
                throw new UsageException("aevb interpolate: --pairs " + pairs + " needs " + 2 * pairs + " images, --count gives " + x.rows);
            }
            Tensor recon = Codes.reconstruction(u.vae(), x.rowSlice(0, 2 * pairs));
            out.println("interpolate: " + u.describe(a));
            for (int p = 0; p < pairs; p++) {
                Tensor xa = x.rowSlice(2 * p, 2 * p + 1), xb = x.rowSlice(2 * p + 1, 2 * p + 2);
                for (Interpolation.Path path : Interpolation.Path.values()) {
                    Tensor walk = Interpolation.between(u.vae(), path, xa, xb, steps);
                    labels.add((path == Interpolation.Path.LINE ? "line " : "circle ") + (2 * p) + "->" + (2 * p + 1));
                    float[] row = new float[(steps + 2) * d];
                    System.arraycopy(xa.data, 0, row, 0, d);
                    System.arraycopy(walk.data, 0, row, d, steps * d);
                    System.arraycopy(xb.data, 0, row, (steps + 1) * d, d);
                    pics.add(row);
                    double endGap = 0;
                    for (int j = 0; j < d; j++) {
                        endGap = Math.max(endGap, Math.abs(walk.data[j] - recon.get(2 * p, j)));
                        endGap = Math.max(endGap, Math.abs(walk.data[(steps - 1) * d + j] - recon.get(2 * p + 1, j)));
                    }
                    out.printf(Locale.ROOT, "pair %d, %s: ends differ from the reconstructions by at most %.2g%n", p,
                            path == Interpolation.Path.LINE ? "line" : "great circle", endGap);
                }
            }
            title = "interpolate: image, " + steps + " decoded codes along the path, image";
        } else {
            int i = a.integer("image");
            if (i >= x.rows) {
                throw new UsageException("aevb traverse: --image " + i + " is past the " + x.rows + " chosen images");
            }
            int[] active = Traversal.activeDims(u.vae(), x);
            ActiveUnits.Result activity = ActiveUnits.of(u.vae(), x);
            int activeCount = active.length;
            if (active.length == 0) {     // an untrained or collapsed model: show the least inactive ones
                double[] v = activity.variance();
                active = java.util.stream.IntStream.range(0, v.length).boxed().sorted((p, q) -> Double.compare(v[q], v[p]))
                        .mapToInt(Integer::intValue).toArray();
            }
            int[] dims = java.util.Arrays.copyOf(active, Math.min(active.length, a.integer("max-dims")));
            Tensor all = Traversal.of(u.vae(), x.rowSlice(i, i + 1), dims, steps);
            out.println("traverse: image " + i + " of " + u.describe(a));
            out.printf(Locale.ROOT, "%d of %d latent dimensions are active (Var_x mu_j > %.2f over the %d images)%s%n",
                    activeCount, u.vae().config.latent(), ActiveUnits.THRESHOLD, x.rows,
                    activeCount == 0 ? "; none is, so the rows show the dimensions that vary most" : "");
            for (int k = 0; k < dims.length; k++) {
                labels.add(String.format(Locale.ROOT, "z%d (var %.2f)", dims[k] + 1, activity.variance()[dims[k]]));
                float[] row = new float[(steps + 1) * d];
                System.arraycopy(x.data, i * d, row, 0, d);
                System.arraycopy(all.data, k * steps * d, row, d, steps * d);
                pics.add(row);
                out.printf(Locale.ROOT, "z%-3d Var_x mu = %.3f%n", dims[k] + 1, activity.variance()[dims[k]]);
            }
            title = "traverse: the image, then z_j from -3 to +3 with the other coordinates at its code";
        }
        int cols = pics.get(0).length / d;
        float[] pixels = new float[pics.size() * cols * d];
        for (int r = 0; r < pics.size(); r++) {
            System.arraycopy(pics.get(r), 0, pixels, r * cols * d, cols * d);
        }
        ImageGrid.of(u.height(), u.width()).columns(cols).scale(2).gap(1).title(title)
                .rowLabels(labels.toArray(String[]::new)).write(file, pixels, pics.size() * cols);
        out.println("wrote " + file);
        return 0;
    }
}
