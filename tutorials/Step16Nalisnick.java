/*
 * Step 16. Do deep generative models know what they don't know? (Nalisnick et al., 2019)
 *
 * Step 15 used log p(x) as a detector. Nalisnick, Matsukawa, Teh, Gorur & Lakshminarayanan (2019,
 * "Do deep generative models know what they don't know?") found that likelihood models can give
 * images from another data set a HIGHER likelihood than their own test images. This model shows the
 * effect in its plainest form. Its Bernoulli decoder (App. C.1) pays for every pixel; an image
 * that is mostly black costs almost nothing wherever the model is sure the background is black.
 * So a dimmed digit, or a nearly blank image, is "more likely" than any real digit, though no
 * training image looked like it, while inverted digits (white background) are very unlikely.
 * The likelihood measures how cheaply an image can be coded, not whether it is a typical one.
 *
 * Check: blank images and thin strokes (a digit's pixels kept only where they are bright,
 * scaled down) get a higher log p(x) than the held-out digits on average, the AUC of -log p(x)
 * for them is below 0.5 (they rank as LESS anomalous than real digits), while inverted digits
 * get an AUC near 1.
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
    int n = quick ? 200 : 1000, k = quick ? 20 : 200;
    Tensor x = data.validation().slice("held-out", 0, n).asTensor();
    Tensor blank = new Tensor(n, 784), faint = x.copy(), inverted = x.copy();
    for (int j = 0; j < faint.data.length; j++) {
        faint.data[j] = 0.3f * x.data[j];
        inverted.data[j] = 1f - x.data[j];
    }
    AnomalyScores test = AnomalyScores.of(vae, x, 1, k, 16);
    System.out.printf("%d held-out digits: mean log p(x) %.1f nats (K = %d)%n", n, -mean(test.negLogPx()), k);
    String[] names = {"blank (all black)", "faint digits (x 0.3)", "inverted digits"};
    Tensor[] sets = {blank, faint, inverted};
    double[] auc = new double[3], logPx = new double[3];
    for (int i = 0; i < 3; i++) {
        AnomalyScores o = AnomalyScores.of(vae, sets[i], 1, k, 16);
        boolean[] odd = new boolean[2 * n];
        java.util.Arrays.fill(odd, n, 2 * n, true);
        auc[i] = test.concat(o).auc(odd)[1];
        logPx[i] = -mean(o.negLogPx());
        System.out.printf("  %-22s mean log p(x) %8.1f   AUC of -log p(x) %.3f%n", names[i], logPx[i], auc[i]);
    }
    Tensor shown = new Tensor(30, 784);
    for (int i = 0; i < 3; i++) {
        System.arraycopy((i == 0 ? x : sets[i]).data, 0, shown.data, i * 10 * 784, 10 * 784);
    }
    Path png = runs.resolve("tutorial-16").resolve("ood.png");
    ImageGrid.of(28, 28).columns(10).scale(2).gap(1).title("by log p(x): faint digits beat real ones, inverted ones lose")
            .rowLabels(String.format("digits %.0f", -mean(test.negLogPx())), String.format("faint %.0f", logPx[1]),
                    String.format("inverted %.0f", logPx[2])).write(png, shown.data, 30);
    System.out.println("wrote " + png);
    System.out.println();
    double digits = -mean(test.negLogPx());
    check(logPx[0] > digits && logPx[1] > digits, String.format("blank and faint images are MORE likely than the model's own"
            + " held-out digits (%.1f and %.1f > %.1f nats)", logPx[0], logPx[1], digits));
    check(auc[0] < 0.5 && auc[1] < 0.5, String.format("so -log p(x) ranks them as less anomalous than real digits (AUC %.3f, %.3f < 0.5)",
            auc[0], auc[1]));
    check(auc[2] > 0.95, String.format("inverted digits are found (AUC %.3f > 0.95)", auc[2]));
}

static double mean(double[] v) {
    return java.util.Arrays.stream(v).average().orElse(Double.NaN);
}

static void check(boolean ok, String what) {
    System.out.println("CHECK " + what + ": " + (ok ? "passed" : "FAILED"));
    if (!ok) {
        throw new IllegalStateException("check failed: " + what);
    }
}
