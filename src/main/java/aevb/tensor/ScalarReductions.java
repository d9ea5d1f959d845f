package aevb.tensor;

/** The scalar twin of {@link Reductions}: every sum left to right, sum and dot in double. */
final class ScalarReductions {
    private ScalarReductions() {}

    static double sum(float[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s;
    }

    static double dot(float[] a, float[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    static void rowSums(float[] x, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            float s = 0f;
            for (int c = 0; c < cols; c++) {
                s += x[r * cols + c];
            }
            out[r] = s;
        }
    }

    static void colSums(float[] x, float[] out, int rows, int cols, boolean accumulate) {
        for (int c = 0; c < cols; c++) {
            float s = accumulate ? out[c] : 0f;
            for (int r = 0; r < rows; r++) {
                s += x[r * cols + c];
            }
            out[c] = s;
        }
    }
}
