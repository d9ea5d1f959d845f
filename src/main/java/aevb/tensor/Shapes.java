package aevb.tensor;

/** Shape checks whose messages name the operation and both shapes. */
public final class Shapes {
    private Shapes() {}

    public static void same(String op, Tensor a, Tensor b) {
        if (!a.sameShape(b)) {
            throw new IllegalArgumentException(op + ": shapes differ: " + a.shape() + " vs " + b.shape());
        }
    }

    public static void check(boolean ok, String op, Tensor a, Tensor b, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(op + ": incompatible shapes " + a.shape() + " and "
                    + b.shape() + " (" + rule + ")");
        }
    }

    public static void shape(String op, Tensor t, int rows, int cols) {
        if (t.rows != rows || t.cols != cols) {
            throw new IllegalArgumentException(op + ": expected a " + rows + "x" + cols
                    + " tensor, got " + t.shape());
        }
    }
}
