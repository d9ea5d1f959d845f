package aevb.autodiff;

import static aevb.autodiff.Elementwise.k;
import static aevb.autodiff.Elementwise.sameTape;

import aevb.tensor.Shapes;

/**
 * Matrix products and broadcasting. A layer's forward pass is {@code x · Wᵀ + b} with W stored
 * (out, in) as the paper writes {@code W x + b}; its backward pass needs the other two layouts,
 * so all three products are here and none materialises a transpose.
 */
public final class Matrices {
    private Matrices() {}

    /**
     * C = A · B, A (m,k), B (k,n) -> C (m,n).
     * dA += dC · Bᵀ, dB += Aᵀ · dC.
     */
    public static Var matmul(Var a, Var b) {
        Shapes.check(a.cols() == b.rows(), "matmul", a.value, b.value, "A·B needs A.cols == B.rows");
        sameTape("matmul", a, b);
        int m = a.rows(), kk = a.cols(), n = b.cols();
        Var c = a.tape.result(m, n, a.requiresGrad || b.requiresGrad);
        k().gemm(a.data(), b.data(), c.data(), m, kk, n, false);
        if (c.requiresGrad) {
            c.backward = () -> {
                if (a.requiresGrad) k().gemmABt(c.grad.data, b.data(), a.gradData(), m, n, kk, true);
                if (b.requiresGrad) k().gemmAtB(a.data(), c.grad.data, b.gradData(), kk, m, n, true);
            };
        }
        return c;
    }

    /**
     * C = A · Bᵀ, A (m,k), B (n,k) -> C (m,n): a layer's {@code x · Wᵀ}.
     * dA += dC · B, dB += dCᵀ · A.
     */
    public static Var matmulBt(Var a, Var b) {
        Shapes.check(a.cols() == b.cols(), "matmulBt", a.value, b.value, "A·Bᵀ needs A.cols == B.cols");
        sameTape("matmulBt", a, b);
        int m = a.rows(), kk = a.cols(), n = b.rows();
        Var c = a.tape.result(m, n, a.requiresGrad || b.requiresGrad);
        k().gemmABt(a.data(), b.data(), c.data(), m, kk, n, false);
        if (c.requiresGrad) {
            c.backward = () -> {
                if (a.requiresGrad) k().gemm(c.grad.data, b.data(), a.gradData(), m, n, kk, true);
                if (b.requiresGrad) k().gemmAtB(c.grad.data, a.data(), b.gradData(), n, m, kk, true);
            };
        }
        return c;
    }

    /**
     * C = Aᵀ · B, A (k,m), B (k,n) -> C (m,n).
     * dA += B · dCᵀ, dB += A · dC.
     */
    public static Var matmulAt(Var a, Var b) {
        Shapes.check(a.rows() == b.rows(), "matmulAt", a.value, b.value, "Aᵀ·B needs A.rows == B.rows");
        sameTape("matmulAt", a, b);
        int kk = a.rows(), m = a.cols(), n = b.cols();
        Var c = a.tape.result(m, n, a.requiresGrad || b.requiresGrad);
        k().gemmAtB(a.data(), b.data(), c.data(), m, kk, n, false);
        if (c.requiresGrad) {
            c.backward = () -> {
                if (a.requiresGrad) k().gemmABt(b.data(), c.grad.data, a.gradData(), kk, n, m, true);
                if (b.requiresGrad) k().gemm(a.data(), c.grad.data, b.gradData(), kk, m, n, true);
            };
        }
        return c;
    }

    /**
     * x (rows,cols) + b (1,cols) added to every row: a layer's bias.
     * dx += dy, db += the column sums of dy.
     */
    public static Var addRowVector(Var x, Var b) {
        Shapes.check(b.rows() == 1 && b.cols() == x.cols(), "addRowVector", x.value, b.value,
                "the bias must be 1 x cols");
        sameTape("addRowVector", x, b);
        int rows = x.rows(), cols = x.cols();
        Var y = x.tape.result(rows, cols, x.requiresGrad || b.requiresGrad);
        k().addRowVector(x.data(), b.data(), y.data(), rows, cols);
        if (y.requiresGrad) {
            y.backward = () -> {
                if (x.requiresGrad) k().axpy(1f, y.grad.data, x.gradData(), y.size());
                if (b.requiresGrad) k().colSums(y.grad.data, b.gradData(), rows, cols, true);
            };
        }
        return y;
    }

    /**
     * Stacks {@code times} copies of a (rows,cols) on top of each other -> (times·rows, cols):
     * L samples of z for each data point share that point's mu and log σ².
     * da += the sum of the copies' gradients.
     */
    public static Var repeatRows(Var a, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("repeatRows: times must be >= 1, got " + times);
        }
        if (times == 1) {
            return a;
        }
        int n = a.size();
        Var y = a.tape.result(a.rows() * times, a.cols(), a.requiresGrad);
        for (int t = 0; t < times; t++) {
            System.arraycopy(a.data(), 0, y.data(), t * n, n);
        }
        if (y.requiresGrad) {
            y.backward = () -> {
                float[] ga = a.gradData();
                for (int t = 0; t < times; t++) {
                    for (int i = 0; i < n; i++) {
                        ga[i] += y.grad.data[t * n + i];
                    }
                }
            };
        }
        return y;
    }

    /**
     * [A | B]: the columns of A (m, p) then those of B (m, q) -> (m, p + q). The conditional VAE
     * (Sohn et al. 2015) feeds its encoder [x | y] and its decoder [z | y], y one-hot.
     * dA += dY's first p columns, dB += its last q.
     */
    public static Var concatColumns(Var a, Var b) {
        sameTape("concatColumns", a, b);
        if (a.rows() != b.rows()) {
            throw new IllegalArgumentException("concatColumns: " + a.rows() + " rows against " + b.rows());
        }
        int m = a.rows(), p = a.cols(), q = b.cols(), w = p + q;
        Var y = a.tape.result(m, w, a.requiresGrad || b.requiresGrad);
        for (int i = 0; i < m; i++) {
            System.arraycopy(a.data(), i * p, y.data(), i * w, p);
            System.arraycopy(b.data(), i * q, y.data(), i * w + p, q);
        }
        if (y.requiresGrad) {
            y.backward = () -> {
                float[] g = y.grad.data;
                if (a.requiresGrad) {
                    float[] ga = a.gradData();
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < p; j++) {
                            ga[i * p + j] += g[i * w + j];
                        }
                    }
                }
                if (b.requiresGrad) {
                    float[] gb = b.gradData();
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < q; j++) {
                            gb[i * q + j] += g[i * w + p + j];
                        }
                    }
                }
            };
        }
        return y;
    }
}
