package aevb.tensor;

/** Placeholder: the Vector API kernels land here; until then the scalar twins do the work. */
public final class Kernels implements TensorKernels {
    public static final Kernels SIMD = new Kernels();
    private static final ScalarKernels S = ScalarKernels.SCALAR;

    private Kernels() {}

    @Override public void gemm(float[] a, float[] b, float[] c, int m, int k, int n, boolean acc) { S.gemm(a, b, c, m, k, n, acc); }
    @Override public void gemmABt(float[] a, float[] b, float[] c, int m, int k, int n, boolean acc) { S.gemmABt(a, b, c, m, k, n, acc); }
    @Override public void gemmAtB(float[] a, float[] b, float[] c, int m, int k, int n, boolean acc) { S.gemmAtB(a, b, c, m, k, n, acc); }
    @Override public void addRowVector(float[] x, float[] bias, float[] out, int rows, int cols) { S.addRowVector(x, bias, out, rows, cols); }
    @Override public void add(float[] a, float[] b, float[] out, int n) { S.add(a, b, out, n); }
    @Override public void sub(float[] a, float[] b, float[] out, int n) { S.sub(a, b, out, n); }
    @Override public void mul(float[] a, float[] b, float[] out, int n) { S.mul(a, b, out, n); }
    @Override public void scale(float[] a, float s, float[] out, int n) { S.scale(a, s, out, n); }
    @Override public void axpy(float alpha, float[] x, float[] y, int n) { S.axpy(alpha, x, y, n); }
    @Override public void mulAdd(float[] a, float[] b, float[] y, int n) { S.mulAdd(a, b, y, n); }
    @Override public void tanh(float[] x, float[] out, int n) { S.tanh(x, out, n); }
    @Override public void sigmoid(float[] x, float[] out, int n) { S.sigmoid(x, out, n); }
    @Override public void exp(float[] x, float[] out, int n) { S.exp(x, out, n); }
    @Override public void log(float[] x, float[] out, int n) { S.log(x, out, n); }
    @Override public void softplus(float[] x, float[] out, int n) { S.softplus(x, out, n); }
    @Override public void logSigmoid(float[] x, float[] out, int n) { S.logSigmoid(x, out, n); }
    @Override public void square(float[] x, float[] out, int n) { S.square(x, out, n); }
    @Override public double sum(float[] x, int n) { return S.sum(x, n); }
    @Override public double dot(float[] a, float[] b, int n) { return S.dot(a, b, n); }
    @Override public void rowSums(float[] x, float[] out, int rows, int cols) { S.rowSums(x, out, rows, cols); }
    @Override public void colSums(float[] x, float[] out, int rows, int cols, boolean acc) { S.colSums(x, out, rows, cols, acc); }
}
