/*
 * Step 15. Anomaly scores: what the model finds unlikely (section 2.1's third use as a detector)
 *
 * log p_θ(x), "marginal inference of the variable x" in section 2.1's words, is a score of how
 * typical an image is for the model. Three scores, each larger for a more anomalous image
 * (infer/AnomalyScores): the negative bound -L(x) (estimator B), the negative log p(x) by
 * importance sampling (eval/ImportanceSampledLikelihood), and the reconstruction error
 * |x - E[x | mu(x)]|², all an autoencoder could offer. How well a score separates anomalies from
 * normal data is its ROC AUC (infer/RocAuc): the probability that a random anomaly scores above a
 * random normal image, 0.5 for a score that knows nothing.
 *
 * The model of step 12 never saw a 0 (digit 0 was left out of its training set, the one-class
 * protocol that ./aevb train --exclude-digits 0 and ./aevb score run on full MNIST). Scored here:
 * the held-out images, 0s as the anomalies; and uniform noise against the held-out digits.
 *
 * Check: every score ranks uniform noise above the digits (AUC > 0.99), and the unseen digit
 * above the seen ones by log p(x) (AUC > 0.6).
 */
import aevb.experiments.UsesModel;
import aevb.data.DataSplits;
import aevb.data.Dataset;
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
    Dataset held = data.validation();
    Tensor x = held.asTensor();
    int k = quick ? 20 : 200;
    AnomalyScores s = AnomalyScores.of(vae, x, 1, k, 15);
    boolean[] zero = new boolean[x.rows];
    int zeros = 0;
    for (int i = 0; i < x.rows; i++) {
        zero[i] = held.label(i) == 0;
        zeros += zero[i] ? 1 : 0;
    }
    double[] digitAuc = s.auc(zero);
    Tensor noise = new Tensor(200, 784);
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(15);
    for (int j = 0; j < noise.data.length; j++) noise.data[j] = (float) rnd.nextDouble();
    AnomalyScores n = AnomalyScores.of(vae, noise, 1, k, 15);
    boolean[] isNoise = new boolean[x.rows + 200];
    java.util.Arrays.fill(isNoise, x.rows, isNoise.length, true);
    double[] noiseAuc = s.concat(n).auc(isNoise);
    System.out.printf("%d held-out images, %d of them 0s (never seen in training); log p(x) with K = %d%n", x.rows, zeros, k);
    System.out.println("AUC of each score            -bound   -log p(x)   recon. error");
    System.out.printf("  the unseen digit 0          %.3f     %.3f       %.3f%n", digitAuc[0], digitAuc[1], digitAuc[2]);
    System.out.printf("  uniform noise               %.3f     %.3f       %.3f%n", noiseAuc[0], noiseAuc[1], noiseAuc[2]);

    Integer[] order = new Integer[x.rows];
    for (int i = 0; i < order.length; i++) order[i] = i;
    double[] nll = s.negLogPx();
    java.util.Arrays.sort(order, (p, q) -> Double.compare(nll[p], nll[q]));
    Tensor shown = new Tensor(20, 784);
    for (int c = 0; c < 10; c++) {
        System.arraycopy(x.data, order[c] * 784, shown.data, c * 784, 784);
        System.arraycopy(x.data, order[x.rows - 1 - c] * 784, shown.data, (10 + c) * 784, 784);
    }
    Path png = runs.resolve("tutorial-15").resolve("likely.png");
    ImageGrid.of(28, 28).columns(10).scale(2).gap(1).title("held-out images by log p(x)")
            .rowLabels("most likely", "least likely").write(png, shown.data, 20);
    System.out.println("wrote " + png);
    System.out.println();
    check(noiseAuc[0] > 0.99 && noiseAuc[1] > 0.99 && noiseAuc[2] > 0.99,
            String.format("every score ranks uniform noise above the digits (AUC %.3f, %.3f, %.3f > 0.99)", noiseAuc[0], noiseAuc[1], noiseAuc[2]));
    check(digitAuc[1] > 0.6, String.format("log p(x) ranks the unseen digit 0 above the seen digits (AUC %.3f > 0.6)", digitAuc[1]));
}

static void check(boolean ok, String what) {
    System.out.println("CHECK " + what + ": " + (ok ? "passed" : "FAILED"));
    if (!ok) {
        throw new IllegalStateException("check failed: " + what);
    }
}
