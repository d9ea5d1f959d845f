package aevb.tensor.gemm;

import static aevb.tensor.Simd.F;
import static aevb.tensor.Simd.L;
import static aevb.tensor.Simd.load;

import jdk.incubator.vector.FloatVector;

/**
 * The GEMM's micro-kernels: one mr x nv tile of C, mr = 8 or 4 rows by nv = 3, 2 or 1 vectors of
 * L columns, kept in registers while k is walked once.
 */
final class MicroKernels {
    private MicroKernels() {}

    /**
     * The micro-kernel for an mr x nv tile. A packed k-major (lda = 1, ps = mr) is the case the
     * packed family is written for, with those strides as constants; any other layout goes to
     * the family that takes them as arguments.
     */
    static void micro(int mr, int nv, float[] a, int aOff, int lda, int ps, float[] bp, int k,
                              float[] c, int cOff, int ldc, boolean acc) {
        boolean packed = lda == 1 && ps == mr;
        if (packed && mr == 8) {
            switch (nv) {
                case 3 -> micro8x3(a, aOff, bp, k, c, cOff, ldc, acc);
                case 2 -> micro8x2(a, aOff, bp, k, c, cOff, ldc, acc);
                default -> micro8x1(a, aOff, bp, k, c, cOff, ldc, acc);
            }
        } else if (packed) {
            switch (nv) {
                case 3 -> micro4x3(a, aOff, bp, k, c, cOff, ldc, acc);
                case 2 -> micro4x2(a, aOff, bp, k, c, cOff, ldc, acc);
                default -> micro4x1(a, aOff, bp, k, c, cOff, ldc, acc);
            }
        } else if (mr == 8) {
            switch (nv) {
                case 3 -> direct8x3(a, aOff, lda, ps, bp, k, c, cOff, ldc, acc);
                case 2 -> direct8x2(a, aOff, lda, ps, bp, k, c, cOff, ldc, acc);
                default -> direct8x1(a, aOff, lda, ps, bp, k, c, cOff, ldc, acc);
            }
        } else {
            switch (nv) {
                case 3 -> direct4x3(a, aOff, lda, ps, bp, k, c, cOff, ldc, acc);
                case 2 -> direct4x2(a, aOff, lda, ps, bp, k, c, cOff, ldc, acc);
                default -> direct4x1(a, aOff, lda, ps, bp, k, c, cOff, ldc, acc);
            }
        }
    }

    /**
     * C (8, 3L) [+]= A (8,kc) · panel (kc, 3L), A packed as (kc, 8) and the panel as (kc, 3L).
     * 24 accumulators + 3 B vectors + 1 broadcast fit the 32 AVX-512 registers; per k step: 3
     * loads, 8 broadcasts, 24 FMAs. With A packed, its 8 values of one k step sit side by side
     * behind one index, so the loop needs one offset for A (not 8, which spilled) and the JIT
     * hoists every range check out of it.
     */
    private static void micro8x3(float[] a, int aOff, float[] bp, int kc, float[] c, int cOff, int ldc, boolean acc) {
        final int pw = 3 * L;
        FloatVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        FloatVector c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72;
        if (acc) {
            int o0 = cOff;
            c00 = load(c, o0); c01 = load(c, o0 + L); c02 = load(c, o0 + 2 * L);
            int o1 = cOff + 1 * ldc;
            c10 = load(c, o1); c11 = load(c, o1 + L); c12 = load(c, o1 + 2 * L);
            int o2 = cOff + 2 * ldc;
            c20 = load(c, o2); c21 = load(c, o2 + L); c22 = load(c, o2 + 2 * L);
            int o3 = cOff + 3 * ldc;
            c30 = load(c, o3); c31 = load(c, o3 + L); c32 = load(c, o3 + 2 * L);
            int o4 = cOff + 4 * ldc;
            c40 = load(c, o4); c41 = load(c, o4 + L); c42 = load(c, o4 + 2 * L);
            int o5 = cOff + 5 * ldc;
            c50 = load(c, o5); c51 = load(c, o5 + L); c52 = load(c, o5 + 2 * L);
            int o6 = cOff + 6 * ldc;
            c60 = load(c, o6); c61 = load(c, o6 + L); c62 = load(c, o6 + 2 * L);
            int o7 = cOff + 7 * ldc;
            c70 = load(c, o7); c71 = load(c, o7 + L); c72 = load(c, o7 + 2 * L);
        } else {
            c00 = FloatVector.zero(F);
            c01 = c02 = c10 = c11 = c12 = c20 = c21 = c22 = c30 = c31 = c32 = c40 = c00;
            c41 = c42 = c50 = c51 = c52 = c60 = c61 = c62 = c70 = c71 = c72 = c00;
        }
        for (int p = 0; p < kc; p++) {
            int bo = p * pw;
            FloatVector b0 = FloatVector.fromArray(F, bp, bo);
            FloatVector b1 = FloatVector.fromArray(F, bp, bo + L);
            FloatVector b2 = FloatVector.fromArray(F, bp, bo + 2 * L);
            int ap = aOff + p * 8;
            FloatVector x;
            x = FloatVector.broadcast(F, a[ap]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(F, a[ap + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(F, a[ap + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22);
            x = FloatVector.broadcast(F, a[ap + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32);
            x = FloatVector.broadcast(F, a[ap + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41); c42 = x.fma(b2, c42);
            x = FloatVector.broadcast(F, a[ap + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51); c52 = x.fma(b2, c52);
            x = FloatVector.broadcast(F, a[ap + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61); c62 = x.fma(b2, c62);
            x = FloatVector.broadcast(F, a[ap + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71); c72 = x.fma(b2, c72);
        }
        int s0 = cOff;
        c00.intoArray(c, s0); c01.intoArray(c, s0 + L); c02.intoArray(c, s0 + 2 * L);
        int s1 = cOff + 1 * ldc;
        c10.intoArray(c, s1); c11.intoArray(c, s1 + L); c12.intoArray(c, s1 + 2 * L);
        int s2 = cOff + 2 * ldc;
        c20.intoArray(c, s2); c21.intoArray(c, s2 + L); c22.intoArray(c, s2 + 2 * L);
        int s3 = cOff + 3 * ldc;
        c30.intoArray(c, s3); c31.intoArray(c, s3 + L); c32.intoArray(c, s3 + 2 * L);
        int s4 = cOff + 4 * ldc;
        c40.intoArray(c, s4); c41.intoArray(c, s4 + L); c42.intoArray(c, s4 + 2 * L);
        int s5 = cOff + 5 * ldc;
        c50.intoArray(c, s5); c51.intoArray(c, s5 + L); c52.intoArray(c, s5 + 2 * L);
        int s6 = cOff + 6 * ldc;
        c60.intoArray(c, s6); c61.intoArray(c, s6 + L); c62.intoArray(c, s6 + 2 * L);
        int s7 = cOff + 7 * ldc;
        c70.intoArray(c, s7); c71.intoArray(c, s7 + L); c72.intoArray(c, s7 + 2 * L);
    }

    /** {@link #micro8x3} for 8 rows (A packed (kc, 8)) and a panel of 2 vectors. */
    private static void micro8x2(float[] a, int aOff, float[] bp, int kc, float[] c, int cOff, int ldc, boolean acc) {
        final int pw = 2 * L;
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        FloatVector c40, c41, c50, c51, c60, c61, c70, c71;
        if (acc) {
            int o0 = cOff;
            c00 = load(c, o0); c01 = load(c, o0 + L);
            int o1 = cOff + 1 * ldc;
            c10 = load(c, o1); c11 = load(c, o1 + L);
            int o2 = cOff + 2 * ldc;
            c20 = load(c, o2); c21 = load(c, o2 + L);
            int o3 = cOff + 3 * ldc;
            c30 = load(c, o3); c31 = load(c, o3 + L);
            int o4 = cOff + 4 * ldc;
            c40 = load(c, o4); c41 = load(c, o4 + L);
            int o5 = cOff + 5 * ldc;
            c50 = load(c, o5); c51 = load(c, o5 + L);
            int o6 = cOff + 6 * ldc;
            c60 = load(c, o6); c61 = load(c, o6 + L);
            int o7 = cOff + 7 * ldc;
            c70 = load(c, o7); c71 = load(c, o7 + L);
        } else {
            c00 = FloatVector.zero(F);
            c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = c60 = c00;
            c61 = c70 = c71 = c00;
        }
        for (int p = 0; p < kc; p++) {
            int bo = p * pw;
            FloatVector b0 = FloatVector.fromArray(F, bp, bo);
            FloatVector b1 = FloatVector.fromArray(F, bp, bo + L);
            int ap = aOff + p * 8;
            FloatVector x;
            x = FloatVector.broadcast(F, a[ap]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, a[ap + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, a[ap + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, a[ap + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(F, a[ap + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(F, a[ap + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(F, a[ap + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(F, a[ap + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        int s0 = cOff;
        c00.intoArray(c, s0); c01.intoArray(c, s0 + L);
        int s1 = cOff + 1 * ldc;
        c10.intoArray(c, s1); c11.intoArray(c, s1 + L);
        int s2 = cOff + 2 * ldc;
        c20.intoArray(c, s2); c21.intoArray(c, s2 + L);
        int s3 = cOff + 3 * ldc;
        c30.intoArray(c, s3); c31.intoArray(c, s3 + L);
        int s4 = cOff + 4 * ldc;
        c40.intoArray(c, s4); c41.intoArray(c, s4 + L);
        int s5 = cOff + 5 * ldc;
        c50.intoArray(c, s5); c51.intoArray(c, s5 + L);
        int s6 = cOff + 6 * ldc;
        c60.intoArray(c, s6); c61.intoArray(c, s6 + L);
        int s7 = cOff + 7 * ldc;
        c70.intoArray(c, s7); c71.intoArray(c, s7 + L);
    }

    /** {@link #micro8x3} for 8 rows (A packed (kc, 8)) and a panel of 1 vector. */
    private static void micro8x1(float[] a, int aOff, float[] bp, int kc, float[] c, int cOff, int ldc, boolean acc) {
        final int pw = L;
        FloatVector c00, c10, c20, c30;
        FloatVector c40, c50, c60, c70;
        if (acc) {
            int o0 = cOff;
            c00 = load(c, o0);
            int o1 = cOff + 1 * ldc;
            c10 = load(c, o1);
            int o2 = cOff + 2 * ldc;
            c20 = load(c, o2);
            int o3 = cOff + 3 * ldc;
            c30 = load(c, o3);
            int o4 = cOff + 4 * ldc;
            c40 = load(c, o4);
            int o5 = cOff + 5 * ldc;
            c50 = load(c, o5);
            int o6 = cOff + 6 * ldc;
            c60 = load(c, o6);
            int o7 = cOff + 7 * ldc;
            c70 = load(c, o7);
        } else {
            c00 = FloatVector.zero(F);
            c10 = c20 = c30 = c40 = c50 = c60 = c70 = c00;
        }
        for (int p = 0; p < kc; p++) {
            int bo = p * pw;
            FloatVector b0 = FloatVector.fromArray(F, bp, bo);
            int ap = aOff + p * 8;
            c00 = FloatVector.broadcast(F, a[ap]).fma(b0, c00);
            c10 = FloatVector.broadcast(F, a[ap + 1]).fma(b0, c10);
            c20 = FloatVector.broadcast(F, a[ap + 2]).fma(b0, c20);
            c30 = FloatVector.broadcast(F, a[ap + 3]).fma(b0, c30);
            c40 = FloatVector.broadcast(F, a[ap + 4]).fma(b0, c40);
            c50 = FloatVector.broadcast(F, a[ap + 5]).fma(b0, c50);
            c60 = FloatVector.broadcast(F, a[ap + 6]).fma(b0, c60);
            c70 = FloatVector.broadcast(F, a[ap + 7]).fma(b0, c70);
        }
        int s0 = cOff;
        c00.intoArray(c, s0);
        int s1 = cOff + 1 * ldc;
        c10.intoArray(c, s1);
        int s2 = cOff + 2 * ldc;
        c20.intoArray(c, s2);
        int s3 = cOff + 3 * ldc;
        c30.intoArray(c, s3);
        int s4 = cOff + 4 * ldc;
        c40.intoArray(c, s4);
        int s5 = cOff + 5 * ldc;
        c50.intoArray(c, s5);
        int s6 = cOff + 6 * ldc;
        c60.intoArray(c, s6);
        int s7 = cOff + 7 * ldc;
        c70.intoArray(c, s7);
    }

    /** {@link #micro8x3} for 4 rows (A packed (kc, 4)) and a panel of 3 vectors. */
    private static void micro4x3(float[] a, int aOff, float[] bp, int kc, float[] c, int cOff, int ldc, boolean acc) {
        final int pw = 3 * L;
        FloatVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        if (acc) {
            int o0 = cOff;
            c00 = load(c, o0); c01 = load(c, o0 + L); c02 = load(c, o0 + 2 * L);
            int o1 = cOff + 1 * ldc;
            c10 = load(c, o1); c11 = load(c, o1 + L); c12 = load(c, o1 + 2 * L);
            int o2 = cOff + 2 * ldc;
            c20 = load(c, o2); c21 = load(c, o2 + L); c22 = load(c, o2 + 2 * L);
            int o3 = cOff + 3 * ldc;
            c30 = load(c, o3); c31 = load(c, o3 + L); c32 = load(c, o3 + 2 * L);
        } else {
            c00 = FloatVector.zero(F);
            c01 = c02 = c10 = c11 = c12 = c20 = c21 = c22 = c30 = c31 = c32 = c00;
        }
        for (int p = 0; p < kc; p++) {
            int bo = p * pw;
            FloatVector b0 = FloatVector.fromArray(F, bp, bo);
            FloatVector b1 = FloatVector.fromArray(F, bp, bo + L);
            FloatVector b2 = FloatVector.fromArray(F, bp, bo + 2 * L);
            int ap = aOff + p * 4;
            FloatVector x;
            x = FloatVector.broadcast(F, a[ap]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(F, a[ap + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(F, a[ap + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22);
            x = FloatVector.broadcast(F, a[ap + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32);
        }
        int s0 = cOff;
        c00.intoArray(c, s0); c01.intoArray(c, s0 + L); c02.intoArray(c, s0 + 2 * L);
        int s1 = cOff + 1 * ldc;
        c10.intoArray(c, s1); c11.intoArray(c, s1 + L); c12.intoArray(c, s1 + 2 * L);
        int s2 = cOff + 2 * ldc;
        c20.intoArray(c, s2); c21.intoArray(c, s2 + L); c22.intoArray(c, s2 + 2 * L);
        int s3 = cOff + 3 * ldc;
        c30.intoArray(c, s3); c31.intoArray(c, s3 + L); c32.intoArray(c, s3 + 2 * L);
    }

    /** {@link #micro8x3} for 4 rows (A packed (kc, 4)) and a panel of 2 vectors. */
    private static void micro4x2(float[] a, int aOff, float[] bp, int kc, float[] c, int cOff, int ldc, boolean acc) {
        final int pw = 2 * L;
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (acc) {
            int o0 = cOff;
            c00 = load(c, o0); c01 = load(c, o0 + L);
            int o1 = cOff + 1 * ldc;
            c10 = load(c, o1); c11 = load(c, o1 + L);
            int o2 = cOff + 2 * ldc;
            c20 = load(c, o2); c21 = load(c, o2 + L);
            int o3 = cOff + 3 * ldc;
            c30 = load(c, o3); c31 = load(c, o3 + L);
        } else {
            c00 = FloatVector.zero(F);
            c01 = c10 = c11 = c20 = c21 = c30 = c31 = c00;
        }
        for (int p = 0; p < kc; p++) {
            int bo = p * pw;
            FloatVector b0 = FloatVector.fromArray(F, bp, bo);
            FloatVector b1 = FloatVector.fromArray(F, bp, bo + L);
            int ap = aOff + p * 4;
            FloatVector x;
            x = FloatVector.broadcast(F, a[ap]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, a[ap + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, a[ap + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, a[ap + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
        }
        int s0 = cOff;
        c00.intoArray(c, s0); c01.intoArray(c, s0 + L);
        int s1 = cOff + 1 * ldc;
        c10.intoArray(c, s1); c11.intoArray(c, s1 + L);
        int s2 = cOff + 2 * ldc;
        c20.intoArray(c, s2); c21.intoArray(c, s2 + L);
        int s3 = cOff + 3 * ldc;
        c30.intoArray(c, s3); c31.intoArray(c, s3 + L);
    }

    /** {@link #micro8x3} for 4 rows (A packed (kc, 4)) and a panel of 1 vector. */
    private static void micro4x1(float[] a, int aOff, float[] bp, int kc, float[] c, int cOff, int ldc, boolean acc) {
        final int pw = L;
        FloatVector c00, c10, c20, c30;
        if (acc) {
            int o0 = cOff;
            c00 = load(c, o0);
            int o1 = cOff + 1 * ldc;
            c10 = load(c, o1);
            int o2 = cOff + 2 * ldc;
            c20 = load(c, o2);
            int o3 = cOff + 3 * ldc;
            c30 = load(c, o3);
        } else {
            c00 = FloatVector.zero(F);
            c10 = c20 = c30 = c00;
        }
        for (int p = 0; p < kc; p++) {
            int bo = p * pw;
            FloatVector b0 = FloatVector.fromArray(F, bp, bo);
            int ap = aOff + p * 4;
            c00 = FloatVector.broadcast(F, a[ap]).fma(b0, c00);
            c10 = FloatVector.broadcast(F, a[ap + 1]).fma(b0, c10);
            c20 = FloatVector.broadcast(F, a[ap + 2]).fma(b0, c20);
            c30 = FloatVector.broadcast(F, a[ap + 3]).fma(b0, c30);
        }
        int s0 = cOff;
        c00.intoArray(c, s0);
        int s1 = cOff + 1 * ldc;
        c10.intoArray(c, s1);
        int s2 = cOff + 2 * ldc;
        c20.intoArray(c, s2);
        int s3 = cOff + 3 * ldc;
        c30.intoArray(c, s3);
    }

    /**
     * {@link #micro8x3} with A read in place, for one-panel products where packing A would cost
     * as much as the product. Two families, not one with strides, because the JIT only hoists
     * the range checks and keeps one register for A when the strides are constants: the packed
     * kernels run 10-15% faster on the big products.
     *
     * <p>C (8, 3L) [+]= A (8,k) · panel (k, 3L). Row r of A is a[aOff + r·lda + p·ps]; the panel is
     * packed with row stride 3L. 24 accumulators + 3 B vectors + 1 broadcast fit the 32
     * AVX-512 registers; per k step: 3 loads, 8 broadcasts, 24 FMAs. The 8 row offsets of A
     * already take 8 of the 16 general registers, so the offsets into C are computed outside
     * the loop (keeping them live through it cost ~15% in spills).
     */
    private static void direct8x3(float[] a, int aOff, int lda, int ps, float[] bp, int k,
                                 float[] c, int cOff, int ldc, boolean acc) {
        final int pw = 3 * L;
        FloatVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        FloatVector c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72;
        if (acc) {
            int o0 = cOff, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
            int o4 = o3 + ldc, o5 = o4 + ldc, o6 = o5 + ldc, o7 = o6 + ldc;
            c00 = load(c, o0); c01 = load(c, o0 + L); c02 = load(c, o0 + 2 * L);
            c10 = load(c, o1); c11 = load(c, o1 + L); c12 = load(c, o1 + 2 * L);
            c20 = load(c, o2); c21 = load(c, o2 + L); c22 = load(c, o2 + 2 * L);
            c30 = load(c, o3); c31 = load(c, o3 + L); c32 = load(c, o3 + 2 * L);
            c40 = load(c, o4); c41 = load(c, o4 + L); c42 = load(c, o4 + 2 * L);
            c50 = load(c, o5); c51 = load(c, o5 + L); c52 = load(c, o5 + 2 * L);
            c60 = load(c, o6); c61 = load(c, o6 + L); c62 = load(c, o6 + 2 * L);
            c70 = load(c, o7); c71 = load(c, o7 + L); c72 = load(c, o7 + 2 * L);
        } else {
            c00 = c01 = c02 = c10 = c11 = c12 = c20 = c21 = c22 = c30 = c31 = c32 = FloatVector.zero(F);
            c40 = c41 = c42 = c50 = c51 = c52 = c60 = c61 = c62 = c70 = c71 = c72 = c00;
        }
        int a0 = aOff, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        int a4 = a3 + lda, a5 = a4 + lda, a6 = a5 + lda, a7 = a6 + lda;
        for (int p = 0; p < k; p++) {
            int bo = p * pw;
            FloatVector b0 = FloatVector.fromArray(F, bp, bo);
            FloatVector b1 = FloatVector.fromArray(F, bp, bo + L);
            FloatVector b2 = FloatVector.fromArray(F, bp, bo + 2 * L);
            int ap = p * ps;
            FloatVector x;
            x = FloatVector.broadcast(F, a[a0 + ap]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(F, a[a1 + ap]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(F, a[a2 + ap]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22);
            x = FloatVector.broadcast(F, a[a3 + ap]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32);
            x = FloatVector.broadcast(F, a[a4 + ap]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41); c42 = x.fma(b2, c42);
            x = FloatVector.broadcast(F, a[a5 + ap]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51); c52 = x.fma(b2, c52);
            x = FloatVector.broadcast(F, a[a6 + ap]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61); c62 = x.fma(b2, c62);
            x = FloatVector.broadcast(F, a[a7 + ap]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71); c72 = x.fma(b2, c72);
        }
        int o0 = cOff, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
        int o4 = o3 + ldc, o5 = o4 + ldc, o6 = o5 + ldc, o7 = o6 + ldc;
        c00.intoArray(c, o0); c01.intoArray(c, o0 + L); c02.intoArray(c, o0 + 2 * L);
        c10.intoArray(c, o1); c11.intoArray(c, o1 + L); c12.intoArray(c, o1 + 2 * L);
        c20.intoArray(c, o2); c21.intoArray(c, o2 + L); c22.intoArray(c, o2 + 2 * L);
        c30.intoArray(c, o3); c31.intoArray(c, o3 + L); c32.intoArray(c, o3 + 2 * L);
        c40.intoArray(c, o4); c41.intoArray(c, o4 + L); c42.intoArray(c, o4 + 2 * L);
        c50.intoArray(c, o5); c51.intoArray(c, o5 + L); c52.intoArray(c, o5 + 2 * L);
        c60.intoArray(c, o6); c61.intoArray(c, o6 + L); c62.intoArray(c, o6 + 2 * L);
        c70.intoArray(c, o7); c71.intoArray(c, o7 + L); c72.intoArray(c, o7 + 2 * L);
    }

    /** {@link #direct8x3} for a panel of 2 vectors (the right edge). */
    private static void direct8x2(float[] a, int aOff, int lda, int ps, float[] bp, int k,
                                 float[] c, int cOff, int ldc, boolean acc) {
        final int pw = 2 * L;
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (acc) {
            int o0 = cOff, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
            int o4 = o3 + ldc, o5 = o4 + ldc, o6 = o5 + ldc, o7 = o6 + ldc;
            c00 = load(c, o0); c01 = load(c, o0 + L); c10 = load(c, o1); c11 = load(c, o1 + L);
            c20 = load(c, o2); c21 = load(c, o2 + L); c30 = load(c, o3); c31 = load(c, o3 + L);
            c40 = load(c, o4); c41 = load(c, o4 + L); c50 = load(c, o5); c51 = load(c, o5 + L);
            c60 = load(c, o6); c61 = load(c, o6 + L); c70 = load(c, o7); c71 = load(c, o7 + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = FloatVector.zero(F);
            c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = c00;
        }
        int a0 = aOff, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        int a4 = a3 + lda, a5 = a4 + lda, a6 = a5 + lda, a7 = a6 + lda;
        for (int p = 0; p < k; p++) {
            int bo = p * pw;
            FloatVector b0 = FloatVector.fromArray(F, bp, bo);
            FloatVector b1 = FloatVector.fromArray(F, bp, bo + L);
            int ap = p * ps;
            FloatVector x;
            x = FloatVector.broadcast(F, a[a0 + ap]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, a[a1 + ap]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, a[a2 + ap]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, a[a3 + ap]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(F, a[a4 + ap]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(F, a[a5 + ap]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(F, a[a6 + ap]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(F, a[a7 + ap]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        int o0 = cOff, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
        int o4 = o3 + ldc, o5 = o4 + ldc, o6 = o5 + ldc, o7 = o6 + ldc;
        c00.intoArray(c, o0); c01.intoArray(c, o0 + L); c10.intoArray(c, o1); c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2); c21.intoArray(c, o2 + L); c30.intoArray(c, o3); c31.intoArray(c, o3 + L);
        c40.intoArray(c, o4); c41.intoArray(c, o4 + L); c50.intoArray(c, o5); c51.intoArray(c, o5 + L);
        c60.intoArray(c, o6); c61.intoArray(c, o6 + L); c70.intoArray(c, o7); c71.intoArray(c, o7 + L);
    }

    /** {@link #direct8x3} for a panel of 1 vector (the right edge, or n <= L). */
    private static void direct8x1(float[] a, int aOff, int lda, int ps, float[] bp, int k,
                                 float[] c, int cOff, int ldc, boolean acc) {
        FloatVector c0, c1, c2, c3, c4, c5, c6, c7;
        if (acc) {
            int o0 = cOff, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
            int o4 = o3 + ldc, o5 = o4 + ldc, o6 = o5 + ldc, o7 = o6 + ldc;
            c0 = load(c, o0); c1 = load(c, o1); c2 = load(c, o2); c3 = load(c, o3);
            c4 = load(c, o4); c5 = load(c, o5); c6 = load(c, o6); c7 = load(c, o7);
        } else {
            c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = FloatVector.zero(F);
        }
        int a0 = aOff, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        int a4 = a3 + lda, a5 = a4 + lda, a6 = a5 + lda, a7 = a6 + lda;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(F, bp, p * L);
            int ap = p * ps;
            c0 = FloatVector.broadcast(F, a[a0 + ap]).fma(b0, c0);
            c1 = FloatVector.broadcast(F, a[a1 + ap]).fma(b0, c1);
            c2 = FloatVector.broadcast(F, a[a2 + ap]).fma(b0, c2);
            c3 = FloatVector.broadcast(F, a[a3 + ap]).fma(b0, c3);
            c4 = FloatVector.broadcast(F, a[a4 + ap]).fma(b0, c4);
            c5 = FloatVector.broadcast(F, a[a5 + ap]).fma(b0, c5);
            c6 = FloatVector.broadcast(F, a[a6 + ap]).fma(b0, c6);
            c7 = FloatVector.broadcast(F, a[a7 + ap]).fma(b0, c7);
        }
        int o0 = cOff, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
        int o4 = o3 + ldc, o5 = o4 + ldc, o6 = o5 + ldc, o7 = o6 + ldc;
        c0.intoArray(c, o0); c1.intoArray(c, o1); c2.intoArray(c, o2); c3.intoArray(c, o3);
        c4.intoArray(c, o4); c5.intoArray(c, o5); c6.intoArray(c, o6); c7.intoArray(c, o7);
    }

    /** {@link #direct8x3} for the 4 rows left over when m = 8q + 4 (100, 500 and 20 are). */
    private static void direct4x3(float[] a, int aOff, int lda, int ps, float[] bp, int k,
                                 float[] c, int cOff, int ldc, boolean acc) {
        final int pw = 3 * L;
        FloatVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        if (acc) {
            int o0 = cOff, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
            c00 = load(c, o0); c01 = load(c, o0 + L); c02 = load(c, o0 + 2 * L);
            c10 = load(c, o1); c11 = load(c, o1 + L); c12 = load(c, o1 + 2 * L);
            c20 = load(c, o2); c21 = load(c, o2 + L); c22 = load(c, o2 + 2 * L);
            c30 = load(c, o3); c31 = load(c, o3 + L); c32 = load(c, o3 + 2 * L);
        } else {
            c00 = c01 = c02 = c10 = c11 = c12 = c20 = c21 = c22 = c30 = c31 = c32 = FloatVector.zero(F);
        }
        int a0 = aOff, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        for (int p = 0; p < k; p++) {
            int bo = p * pw;
            FloatVector b0 = FloatVector.fromArray(F, bp, bo);
            FloatVector b1 = FloatVector.fromArray(F, bp, bo + L);
            FloatVector b2 = FloatVector.fromArray(F, bp, bo + 2 * L);
            int ap = p * ps;
            FloatVector x;
            x = FloatVector.broadcast(F, a[a0 + ap]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(F, a[a1 + ap]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(F, a[a2 + ap]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22);
            x = FloatVector.broadcast(F, a[a3 + ap]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32);
        }
        int o0 = cOff, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
        c00.intoArray(c, o0); c01.intoArray(c, o0 + L); c02.intoArray(c, o0 + 2 * L);
        c10.intoArray(c, o1); c11.intoArray(c, o1 + L); c12.intoArray(c, o1 + 2 * L);
        c20.intoArray(c, o2); c21.intoArray(c, o2 + L); c22.intoArray(c, o2 + 2 * L);
        c30.intoArray(c, o3); c31.intoArray(c, o3 + L); c32.intoArray(c, o3 + 2 * L);
    }

    /** {@link #direct4x3} for a panel of 2 vectors. */
    private static void direct4x2(float[] a, int aOff, int lda, int ps, float[] bp, int k,
                                 float[] c, int cOff, int ldc, boolean acc) {
        final int pw = 2 * L;
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (acc) {
            int o0 = cOff, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
            c00 = load(c, o0); c01 = load(c, o0 + L); c10 = load(c, o1); c11 = load(c, o1 + L);
            c20 = load(c, o2); c21 = load(c, o2 + L); c30 = load(c, o3); c31 = load(c, o3 + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = FloatVector.zero(F);
        }
        int a0 = aOff, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        for (int p = 0; p < k; p++) {
            int bo = p * pw;
            FloatVector b0 = FloatVector.fromArray(F, bp, bo);
            FloatVector b1 = FloatVector.fromArray(F, bp, bo + L);
            int ap = p * ps;
            FloatVector x;
            x = FloatVector.broadcast(F, a[a0 + ap]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, a[a1 + ap]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, a[a2 + ap]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, a[a3 + ap]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
        }
        int o0 = cOff, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
        c00.intoArray(c, o0); c01.intoArray(c, o0 + L); c10.intoArray(c, o1); c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2); c21.intoArray(c, o2 + L); c30.intoArray(c, o3); c31.intoArray(c, o3 + L);
    }

    /** {@link #direct4x3} for a panel of 1 vector. */
    private static void direct4x1(float[] a, int aOff, int lda, int ps, float[] bp, int k,
                                 float[] c, int cOff, int ldc, boolean acc) {
        FloatVector c0, c1, c2, c3;
        if (acc) {
            int o0 = cOff, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
            c0 = load(c, o0); c1 = load(c, o1); c2 = load(c, o2); c3 = load(c, o3);
        } else {
            c0 = c1 = c2 = c3 = FloatVector.zero(F);
        }
        int a0 = aOff, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(F, bp, p * L);
            int ap = p * ps;
            c0 = FloatVector.broadcast(F, a[a0 + ap]).fma(b0, c0);
            c1 = FloatVector.broadcast(F, a[a1 + ap]).fma(b0, c1);
            c2 = FloatVector.broadcast(F, a[a2 + ap]).fma(b0, c2);
            c3 = FloatVector.broadcast(F, a[a3 + ap]).fma(b0, c3);
        }
        int o0 = cOff, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
        c0.intoArray(c, o0); c1.intoArray(c, o1); c2.intoArray(c, o2); c3.intoArray(c, o3);
    }
}
