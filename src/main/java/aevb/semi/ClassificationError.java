package aevb.semi;

import aevb.tensor.Tensor;
import java.util.function.Function;

/** The test error the paper's Table 1 reports: the percentage of images whose predicted class is wrong. */
public final class ClassificationError {
    private ClassificationError() {}

    /** Percent of rows of x (N, D) that {@code predict} gets wrong, in chunks of 1,000 rows. */
    public static double percent(Function<Tensor, int[]> predict, Tensor x, int[] labels) {
        int wrong = 0;
        for (int from = 0; from < x.rows; from += 1000) {
            int to = Math.min(x.rows, from + 1000);
            int[] y = predict.apply(x.rowSlice(from, to));
            for (int i = 0; i < y.length; i++) {
                if (y[i] != labels[from + i]) {
                    wrong++;
                }
            }
        }
        return 100.0 * wrong / x.rows;
    }
}
