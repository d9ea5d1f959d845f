package aevb.semi;

import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.io.Checkpoint;
import aevb.nn.Parameter;
import java.nio.file.Path;
import java.util.Arrays;

/** Not a test: how a trained M2's q(y|x) spreads its predictions over the classes (args: m2 checkpoint, hidden, Nz, data dir). */
public class PredictionsProbe {
    public static void main(String[] a) throws Exception {
        M2 m2 = new M2(new M2Config(784, 10, Integer.parseInt(a[1]), Integer.parseInt(a[2]), "bernoulli"));
        Checkpoint c = Checkpoint.load(Path.of(a[0]));
        for (Parameter p : m2.parameters()) {
            p.value.copyFrom(c.requireArray(p.name, p.value.rows, p.value.cols));
        }
        DataSplits data = Datasets.load("mnist", Path.of(a[3]), false, System.err);
        int[] y = m2.classify(data.test().asTensor());
        int[] counts = new int[10];
        int[][] confusion = new int[10][10];
        for (int i = 0; i < y.length; i++) {
            counts[y[i]]++;
            confusion[data.test().label(i)][y[i]]++;
        }
        System.out.println("predicted class counts on the 10,000 test images: " + Arrays.toString(counts));
        for (int t = 0; t < 10; t++) {
            System.out.println("true " + t + ": " + Arrays.toString(confusion[t]));
        }
    }
}
