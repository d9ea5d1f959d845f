/*
 * Step 14. Codes: interpolation and traversal (section 2.1's second use)
 *
 * The second use of section 2.1: "efficient approximate posterior inference of the latent
 * variable z given an observed value x ... useful for coding or data representation tasks". The
 * encoder gives each image a code, the mean of q(z|x). Two ways to look at what the codes mean:
 *
 *   interpolation (infer/Interpolation): decode the codes along a path from mu(a) to mu(b), the
 *     straight line (1 - t) mu_a + t mu_b, or the great circle through them, which keeps |z|
 *     between |mu_a| and |mu_b| where the prior N(0, I) puts its mass (a 10-dimensional Gaussian
 *     lives near the sphere of radius √10, not at the origin the line may pass near);
 *   traversal (infer/Traversal): hold an image's code and turn one coordinate z_j from -3 to +3.
 *     Only the active dimensions (eval/ActiveUnits: Var_x mu_j > 0.01) change the picture; the
 *     model switched the rest off, and the KL term keeps them at the prior.
 *
 * Check: both paths start and end at the images' reconstructions; the line's midpoint is shorter
 * than the circle's; turning an active dimension changes the picture, turning an inactive one
 * does not (less than 0.05 in any pixel).
 */
import aevb.experiments.UsesModel;
import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.infer.*;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import aevb.viz.ImageGrid;

void main() throws Exception {
    boolean quick = Boolean.getBoolean("aevb.tutorial.quick");
    Path runs = Path.of(System.getProperty("aevb.tutorial.runs", "runs"));
    DataSplits data = Datasets.load("sample", null, false, System.err);
    Vae vae = UsesModel.load(runs.resolve("tutorial-12"), data, quick);
    Tensor x = data.validation().slice("held-out", 0, 500).asTensor();
    Tensor a = x.rowSlice(0, 1), b = x.rowSlice(1, 2);
    Tensor recon = Codes.reconstruction(vae, x.rowSlice(0, 2));
    Tensor line = Interpolation.between(vae, Interpolation.Path.LINE, a, b, 10);
    Tensor circle = Interpolation.between(vae, Interpolation.Path.GREAT_CIRCLE, a, b, 10);
    double endGap = 0;
    for (Tensor walk : new Tensor[] {line, circle}) {
        for (int j = 0; j < 784; j++) {
            endGap = Math.max(endGap, Math.abs(walk.get(0, j) - recon.get(0, j)));
            endGap = Math.max(endGap, Math.abs(walk.get(9, j) - recon.get(1, j)));
        }
    }
    Tensor mu = Codes.mean(vae, x.rowSlice(0, 2));
    float[] mua = java.util.Arrays.copyOfRange(mu.data, 0, 10), mub = java.util.Arrays.copyOfRange(mu.data, 10, 20);
    Tensor zl = Interpolation.codes(Interpolation.Path.LINE, mua, mub, 11), zc = Interpolation.codes(Interpolation.Path.GREAT_CIRCLE, mua, mub, 11);
    double nl = norm(zl, 5), nc = norm(zc, 5);
    System.out.printf("|z| at the ends %.2f and %.2f; at the midpoint: line %.2f, great circle %.2f%n", norm(zl, 0), norm(zl, 10), nl, nc);
    System.out.printf("the paths' ends differ from the reconstructions by at most %.2g per pixel%n", endGap);

    aevb.eval.ActiveUnits.Result activity = aevb.eval.ActiveUnits.of(vae, x);
    int[] active = Traversal.activeDims(vae, x);
    System.out.printf("%d of 10 dimensions are active:", active.length);
    for (int j = 0; j < 10; j++) {
        System.out.printf(" z%d %.3f%s", j + 1, activity.variance()[j], activity.isActive(j) ? "*" : "");
    }
    System.out.println();
    int inactive = -1;
    for (int j = 0; j < 10; j++) {
        if (!activity.isActive(j) && activity.variance()[j] < 1e-3) inactive = j;
    }
    double activeChange = change(Traversal.of(vae, a, new int[] {active[0]}, 9));
    double inactiveChange = inactive < 0 ? 0 : change(Traversal.of(vae, a, new int[] {inactive}, 9));
    System.out.printf("turning z%d (most active) from -3 to +3 changes a pixel by up to %.3f; turning z%s changes one by up to %.3f%n",
            active[0] + 1, activeChange, inactive < 0 ? "(none inactive)" : Integer.toString(inactive + 1), inactiveChange);

    int[] dims = java.util.Arrays.copyOf(active, Math.min(5, active.length));
    Tensor trav = Traversal.of(vae, a, dims, 9);
    Tensor both = new Tensor(2 * 10 + trav.rows, 784);
    System.arraycopy(line.data, 0, both.data, 0, 10 * 784);
    System.arraycopy(circle.data, 0, both.data, 10 * 784, 10 * 784);
    Path png = runs.resolve("tutorial-14").resolve("codes.png");
    ImageGrid.of(28, 28).columns(10).scale(2).gap(1).title("interpolation (line, great circle) and traversal")
            .rowLabels("line", "great circle").write(png, both.data, 20);
    Path png2 = runs.resolve("tutorial-14").resolve("traversal.png");
    String[] labels = new String[dims.length];
    for (int k = 0; k < dims.length; k++) labels[k] = "z" + (dims[k] + 1);
    ImageGrid.of(28, 28).columns(9).scale(2).gap(1).title("traversal: z_j from -3 to +3").rowLabels(labels)
            .write(png2, trav.data, trav.rows);
    System.out.println("wrote " + png + " and " + png2);
    System.out.println();
    check(endGap < 1e-5, String.format("both paths start and end at the reconstructions (to %.1g)", endGap));
    check(nl < nc, String.format("the line's midpoint is nearer the origin than the great circle's (%.2f < %.2f)", nl, nc));
    check(activeChange > 0.3, String.format("turning the most active dimension changes the picture (by up to %.2f)", activeChange));
    check(inactive < 0 || inactiveChange < 0.05, String.format("turning an inactive one does not (%.3f < 0.05)", inactiveChange));
}

static double norm(Tensor z, int row) {
    double s = 0;
    for (int j = 0; j < z.cols; j++) s += z.get(row, j) * z.get(row, j);
    return Math.sqrt(s);
}

/** The largest change of any pixel between the first and the last picture of a traversal row. */
static double change(Tensor pics) {
    double m = 0;
    for (int j = 0; j < pics.cols; j++) m = Math.max(m, Math.abs(pics.get(0, j) - pics.get(pics.rows - 1, j)));
    return m;
}

static void check(boolean ok, String what) {
    System.out.println("CHECK " + what + ": " + (ok ? "passed" : "FAILED"));
    if (!ok) {
        throw new IllegalStateException("check failed: " + what);
    }
}
