package aevb.tensor.gemm;

import static aevb.tensor.Simd.F;
import static aevb.tensor.Simd.L;
import static aevb.tensor.gemm.Gemm.KC;
import static aevb.tensor.gemm.Gemm.MR;
import static aevb.tensor.gemm.Gemm.NR;
import static aevb.tensor.gemm.Gemm.NT;
import static aevb.tensor.gemm.Gemm.TN;
import static aevb.tensor.gemm.MicroKernels.micro;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * One thread's block of a GEMM, C[i0:i1, j0:j1]: the packing of the operands and the loops over
 * panels of B, k-blocks and row tiles that hand each tile to a {@link MicroKernels micro-kernel}.
 * {@link Gemm} decides which thread computes which block.
 *
 * <p>Shapes. A's rows are packed in k-major tiles of 8 (then one of 4, the last 1 to 3 rows padded
 * with zeros): tile element (p, r) at p·mr + r, so a micro-kernel reads one k step of a tile as
 * 8 consecutive floats behind one index, and the JIT hoists its range checks. B is packed in
 * panels (kc, nv·L) of at most 3 vectors of columns and {@link Gemm#KC} k steps (24 KB), which
 * stay in L1 while every row tile runs over them: a plain copy for A·B and Aᵀ·B, a gather (the
 * transpose) for A·Bᵀ.
 *
 * <p>Why so: at the paper's shapes (k = 784 and 500) an unpacked B panel was 150 KB and came from
 * L2, and 8 row streams of unpacked A spilled registers. A k-block after the first adds into C,
 * and C holds floats exactly, so cutting k into blocks changes no bit. A product of one panel of
 * columns (n <= 3L, the n = 20 heads) uses each element of A once, so packing A would cost as
 * much as the product: {@link #directBlock} reads it in place.
 */
final class Packing {
    private Packing() {}

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** The calling thread's buffers. */
    static Scratch scratch() {
        return SCRATCH.get();
    }

    /** Per-thread buffers, grown on demand and kept, so steady state allocates nothing. */
    static final class Scratch {
        float[] panel = new float[0];
        float[] packedA = new float[0];
        final float[] tile = new float[MR * NR];
        final int[] gather = new int[L];
        int gatherStride = -1;

        float[] panel(int size) {
            if (panel.length < size) {
                panel = new float[size];
            }
            return panel;
        }

        /** The left operand's rows, packed in tiles (see {@link #packA}). */
        float[] packedA(int size) {
            if (packedA.length < size) {
                packedA = new float[size];
            }
            return packedA;
        }

        /** Lane l reads row l of a row-major matrix with k columns. */
        int[] gather(int k) {
            if (gatherStride != k) {
                for (int l = 0; l < L; l++) {
                    gather[l] = l * k;
                }
                gatherStride = k;
            }
            return gather;
        }
    }

    /** Where the 8-row tiles of rows [i0, i1) end: none when {@link Gemm#TALL_TILES} is off. */
    static int end8(int i0, int i1) {
        return Gemm.TALL_TILES ? i0 + (i1 - i0) / 8 * 8 : i0;
    }

    /**
     * Computes C[i0:i1, j0:j1] (i0 a multiple of MR). A's rows are first packed in tiles of 8
     * (then one of 4, then the last 1 to 3 rows padded to 4 with zeros), each tile k-major, so a
     * micro-kernel reads one tile's k step as consecutive floats. Then, panel by panel of B and
     * k-block by k-block, every row tile runs over the packed panel while it sits in L1. A
     * k-block after the first adds into C, and C holds floats exactly, so cutting k into blocks
     * changes no bit: each element is still one sum in k order. One panel of columns (n <= 3L,
     * the n = 20 heads) uses each element of A once, so packing A would cost as much as the
     * product: {@link #directBlock} reads it in place.
     */
    static void block(int layout, float[] a, float[] b, float[] c, int m, int k, int n, boolean acc,
                              int i0, int i1, int j0, int j1, Scratch s) {
        if (j1 - j0 <= 3 * L) {   // one AVX-512 panel; with AVX2 up to two 2-vector panels, A read in place twice
            directBlock(layout, a, b, c, m, k, n, acc, i0, i1, j0, j1, s);
            return;
        }
        float[] pa = s.packedA(packedSize(i0, i1, k));
        packA(layout, a, m, k, i0, i1, pa, 0);
        panels(layout, pa, b, c, k, n, acc, i0, i1, j0, j1, s);
    }

    /** Floats of rows [i0, i1) of A packed: padded to a multiple of 4 rows. */
    static int packedSize(int i0, int i1, int k) {
        return (i1 - i0 + 3) / 4 * 4 * k;
    }

    /**
     * C[i0:i1, j0:j1] from rows [i0, i1) of A packed in pa (the tile of rows i at (i - i0)·k):
     * panel by panel of B and k-block by k-block, every row tile over the packed panel.
     */
    static void panels(int layout, float[] pa, float[] b, float[] c, int k, int n, boolean acc,
                               int i0, int i1, int j0, int j1, Scratch s) {
        int end8 = end8(i0, i1);
        int end4 = end8 + (i1 - end8) / 4 * 4;
        int rest = i1 - end4;
        int blocks = Math.max(1, (k + KC - 1) / KC);   // k = 0 still writes C (zeros)
        for (int j = j0; j < j1; j += NR) {
            int w = Math.min(NR, j1 - j);
            int nv = (w + L - 1) / L;
            for (int kb = 0; kb < blocks; kb++) {
                int p0 = (int) ((long) k * kb / blocks);
                int kc = (int) ((long) k * (kb + 1) / blocks) - p0;
                boolean into = acc || kb > 0;
                float[] bp = s.panel(kc * nv * L);
                pack(layout, b, k, n, j, w, nv, p0, kc, bp, s);
                // The tile of rows i starts at (i - i0)·k in pa; its k-block at p0 rows further.
                for (int i = i0; i < end8; i += 8) {
                    tile(8, nv, pa, (i - i0) * k + p0 * 8, 1, 8, bp, kc, c, i * n + j, n, into, 8, w, s);
                }
                for (int i = end8; i < end4; i += 4) {
                    tile(4, nv, pa, (i - i0) * k + p0 * 4, 1, 4, bp, kc, c, i * n + j, n, into, 4, w, s);
                }
                if (rest > 0) {
                    tile(4, nv, pa, (end4 - i0) * k + p0 * 4, 1, 4, bp, kc, c, end4 * n + j, n, into, rest, w, s);
                }
            }
        }
    }

    /**
     * Packs rows [i0, i1) of the left operand (row i of A for A·B and A·Bᵀ, column i of A for
     * Aᵀ·B) into tiles of mr = 8 rows, then 4: tile element (p, r) at p·mr + r, padding rows
     * zero. The tile of rows i starts at off + (i - i0)·k.
     */
    static void packA(int layout, float[] a, int m, int k, int i0, int i1, float[] pa, int off) {
        int end8 = end8(i0, i1);
        for (int i = i0; i < i1; ) {
            int mr = i < end8 ? 8 : 4;
            int rows = Math.min(mr, i1 - i);
            int o = off + (i - i0) * k;
            if (rows < mr) {
                Arrays.fill(pa, o, o + mr * k, 0f);
            }
            if (layout == TN) {
                // A (k,m): the tile's rows are neighbours in every row of A.
                for (int p = 0; p < k; p++) {
                    System.arraycopy(a, p * m + i, pa, o + p * mr, rows);
                }
            } else if (rows == 8) {
                int s0 = i * k, s1 = s0 + k, s2 = s1 + k, s3 = s2 + k, s4 = s3 + k, s5 = s4 + k, s6 = s5 + k,
                        s7 = s6 + k;
                for (int p = 0; p < k; p++) {
                    int d = o + p * 8;
                    pa[d] = a[s0 + p]; pa[d + 1] = a[s1 + p]; pa[d + 2] = a[s2 + p]; pa[d + 3] = a[s3 + p];
                    pa[d + 4] = a[s4 + p]; pa[d + 5] = a[s5 + p]; pa[d + 6] = a[s6 + p]; pa[d + 7] = a[s7 + p];
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = (i + r) * k;
                    for (int p = 0; p < k; p++) {
                        pa[o + p * mr + r] = a[src + p];
                    }
                }
            }
            i += mr;
        }
    }

    /**
     * Packs rows [p0, p0+kc) and columns [j, j+w) of the right operand into a panel (kc, nv·L):
     * row p holds the elements multiplying A[., p0+p], zero beyond w, so the micro-kernel reads
     * it contiguously.
     */
    static void pack(int layout, float[] b, int k, int n, int j, int w, int nv, int p0, int kc,
                             float[] bp, Scratch s) {
        int pw = nv * L;
        if (layout == NT) {
            // B (n,k): panel column jj is row j+jj of B, so each panel vector is a gather.
            int[] idx = s.gather(k);
            for (int v = 0; v < nv; v++) {
                int lanes = Math.min(L, w - v * L);
                int src = (j + v * L) * k + p0;
                if (lanes == L) {
                    for (int p = 0; p < kc; p++) {
                        FloatVector.fromArray(F, b, src + p, idx, 0).intoArray(bp, p * pw + v * L);
                    }
                } else {
                    // The last rows of B: a masked gather would still range-check every lane.
                    for (int p = 0; p < kc; p++) {
                        FloatVector.zero(F).intoArray(bp, p * pw + v * L);
                    }
                    for (int l = 0; l < lanes; l++) {
                        for (int p = 0; p < kc; p++) {
                            bp[p * pw + v * L + l] = b[src + l * k + p];
                        }
                    }
                }
            }
        } else {
            // B (k,n): panel row p is a slice of row p0+p of B.
            for (int v = 0; v < nv; v++) {
                int lanes = Math.min(L, w - v * L);
                int src = p0 * n + j + v * L;
                if (lanes == L) {
                    for (int p = 0; p < kc; p++) {
                        FloatVector.fromArray(F, b, src + p * n).intoArray(bp, p * pw + v * L);
                    }
                } else {
                    VectorMask<Float> mask = F.indexInRange(0, lanes);
                    for (int p = 0; p < kc; p++) {
                        FloatVector.fromArray(F, b, src + p * n, mask).intoArray(bp, p * pw + v * L);
                    }
                }
            }
        }
    }

    /**
     * One tile of mr (8 or 4) kernel rows: rows x w of C at cOff, row r of A at
     * a[aOff + r·lda + p·ps]. A full tile is computed straight into C; a partial one (the right
     * edge, padded rows) through a small buffer, of which only the real part is copied.
     */
    static void tile(int mr, int nv, float[] a, int aOff, int lda, int ps, float[] bp, int k,
                             float[] c, int cOff, int ldc, boolean acc, int rows, int w, Scratch s) {
        if (rows == mr && w == nv * L) {
            micro(mr, nv, a, aOff, lda, ps, bp, k, c, cOff, ldc, acc);
            return;
        }
        float[] t = s.tile;
        int pw = nv * L;
        if (acc) {
            for (int r = 0; r < mr; r++) {
                for (int q = 0; q < pw; q++) {
                    t[r * pw + q] = r < rows && q < w ? c[cOff + r * ldc + q] : 0f;
                }
            }
        }
        micro(mr, nv, a, aOff, lda, ps, bp, k, t, 0, pw, acc);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(t, r * pw, c, cOff + r * ldc, w);
        }
    }

    /**
     * {@link #block} for one panel of columns, with A read in place: the rows in blocks of 8,
     * then a block of 4, then the last 1 to 3 rows copied and padded to 4 (only the real rows are
     * stored). Row r of A is a[r·lda + p·ps].
     */
    static void directBlock(int layout, float[] a, float[] b, float[] c, int m, int k, int n, boolean acc,
                              int i0, int i1, int j0, int j1, Scratch s) {
        // Where row i of A starts and how to step along k: A·B and A·Bᵀ read row-major A (m,k);
        // Aᵀ·B reads column i of A (k,m).
        int lda = layout == TN ? 1 : k;
        int ps = layout == TN ? m : 1;
        int end8 = end8(i0, i1);
        int end4 = end8 + (i1 - end8) / 4 * 4;
        int rest = i1 - end4;
        float[] pad = null;
        if (rest > 0) {
            pad = s.packedA(4 * k);
            for (int r = 0; r < 4; r++) {
                for (int p = 0; p < k; p++) {
                    pad[r * k + p] = r < rest ? a[(end4 + r) * lda + p * ps] : 0f;
                }
            }
        }
        for (int j = j0; j < j1; j += NR) {
            int w = Math.min(NR, j1 - j);
            int nv = (w + L - 1) / L;
            float[] bp = s.panel(k * nv * L);
            pack(layout, b, k, n, j, w, nv, 0, k, bp, s);
            for (int i = i0; i < end8; i += 8) {
                tile(8, nv, a, i * lda, lda, ps, bp, k, c, i * n + j, n, acc, 8, w, s);
            }
            for (int i = end8; i < end4; i += 4) {
                tile(4, nv, a, i * lda, lda, ps, bp, k, c, i * n + j, n, acc, 4, w, s);
            }
            if (rest > 0) {
                tile(4, nv, pad, 0, k, 1, bp, k, c, end4 * n + j, n, acc, rest, w, s);
            }
        }
    }
}
