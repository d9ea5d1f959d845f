package aevb.autodiff;

import static aevb.autodiff.Elementwise.k;

/** Sums and means. Each output is a sum, so each input's gradient is the output's, spread. */
public final class Reductions {
    private Reductions() {}

    /** Σ a over all elements -> (1,1); d/da_ij = 1. Accumulated in double. */
    public static Var sum(Var a) {
        Var y = a.tape.result(1, 1, a.requiresGrad);
        y.data()[0] = (float) k().sum(a.data(), a.size());
        if (y.requiresGrad) {
            y.backward = () -> {
                float g = y.grad.data[0];
                float[] ga = a.gradData();
                for (int i = 0; i < ga.length; i++) {
                    ga[i] += g;
                }
            };
        }
        return y;
    }

    /** The mean of all elements -> (1,1). */
    public static Var mean(Var a) {
        return Elementwise.scale(sum(a), 1f / a.size());
    }

    /** The sum of each row: a (rows,cols) -> (rows,1); d/da_ij = g_i. One row is one data point. */
    public static Var sumRows(Var a) {
        int rows = a.rows(), cols = a.cols();
        Var y = a.tape.result(rows, 1, a.requiresGrad);
        k().rowSums(a.data(), y.data(), rows, cols);
        if (y.requiresGrad) {
            y.backward = () -> {
                float[] g = y.grad.data, ga = a.gradData();
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        ga[r * cols + c] += g[r];
                    }
                }
            };
        }
        return y;
    }

    /** The sum of each column: a (rows,cols) -> (1,cols); d/da_ij = g_j. */
    public static Var sumCols(Var a) {
        int rows = a.rows(), cols = a.cols();
        Var y = a.tape.result(1, cols, a.requiresGrad);
        k().colSums(a.data(), y.data(), rows, cols, false);
        if (y.requiresGrad) {
            y.backward = () -> {
                float[] g = y.grad.data, ga = a.gradData();
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        ga[r * cols + c] += g[c];
                    }
                }
            };
        }
        return y;
    }
}
