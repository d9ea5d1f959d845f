package aevb.tensor.gemm;

/**
 * The scalar twin of {@link Gemm}: each product as the plainest triple loop, the oracle the SIMD
 * GEMM is tested against and the place to read what it computes. Each element sums over k in
 * increasing order with one fused multiply-add per term, the order the micro-kernels use, so the
 * two agree to the last bit.
 */
public final class ScalarGemm {
    private ScalarGemm() {}

    public static void gemm(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = accumulate ? c[i * n + j] : 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[i * k + p], b[p * n + j], s);
                }
                c[i * n + j] = s;
            }
        }
    }

    public static void gemmABt(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = accumulate ? c[i * n + j] : 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[i * k + p], b[j * k + p], s);
                }
                c[i * n + j] = s;
            }
        }
    }

    public static void gemmAtB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = accumulate ? c[i * n + j] : 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[p * m + i], b[p * n + j], s);
                }
                c[i * n + j] = s;
            }
        }
    }

    public static void gemmABtPair(float[] a, float[] b1, float[] c1, int n1, float[] b2, float[] c2, int n2,
                                   int m, int k) {
        gemmABt(a, b1, c1, m, k, n1, false);
        gemmABt(a, b2, c2, m, k, n2, false);
    }

    public static void linearBackward(float[] d, float[] x, float[] w, float[] dx, float[] dw, int m, int in, int out,
                                      boolean accX, boolean accW) {
        if (dx != null) {
            gemm(d, w, dx, m, out, in, accX);
        }
        gemmAtB(d, x, dw, out, m, in, accW);
    }
}
