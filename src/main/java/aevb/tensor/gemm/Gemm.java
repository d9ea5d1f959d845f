package aevb.tensor.gemm;

import static aevb.tensor.Simd.L;
import static aevb.tensor.gemm.Packing.block;
import static aevb.tensor.gemm.Packing.packA;
import static aevb.tensor.gemm.Packing.packedSize;
import static aevb.tensor.gemm.Packing.panels;

import aevb.tensor.Parallel;

/**
 * The GEMM's front door: the three layouts backprop needs, C (m,n) [+]= A·B, A·Bᵀ and Aᵀ·B, and
 * the two pairs of products a training step runs side by side, and how each is shared out over
 * the {@link Parallel} threads. The rest of the room: {@link Packing} (one thread's block of C:
 * the packing of A and B and the loops over panels, k-blocks and tiles), {@link MicroKernels}
 * (the register tiles, generated), and {@link ScalarGemm} (the scalar twin, the oracle).
 *
 * <p>The plan, for all three layouts. The output C is cut into tiles of 8 rows (4 for the rows
 * left over) by up to 3 vectors (48 columns with AVX-512); with AVX2, whose 16 registers cannot
 * hold that tile, 4 rows by 2 vectors ({@link #TALL_TILES}). For one tile a micro-kernel keeps the
 * 24 accumulators in registers and walks k once: per step it loads 3 vectors of B and, for each
 * of the 8 rows, broadcasts one element of A and issues 3 fused multiply-adds. B is packed in
 * panels of at most {@link #KC} k steps so those 3 loads are contiguous and the panel stays in L1
 * across the row tiles; A is packed in k-major row tiles so one k step of a tile is 8 floats
 * side by side. One-panel products (the n = 20 heads) read A in place instead.
 *
 * <p>Why the bits never change: each vector lane is one output element, and its sum runs over k
 * in increasing order with one fused multiply-add per term, from C (or 0): exactly the scalar
 * twin's order, so the result is bit-identical to it, whatever the tiling and whatever the number
 * of threads. Threads split the output (column blocks, or rows when there are few columns), never
 * k; a GEMM of fewer than ~1M multiply-adds stays on the calling thread.
 */
public final class Gemm {
    private Gemm() {}

    /** Rows of a GEMM tile (a 4-row tile takes the rows left over); the unit of the split over threads. */
    static final int MR = 8;
    /**
     * Whether the register file holds the 8x3 tile: 24 accumulators + 3 vectors of B + 1
     * broadcast of A = 28 vector registers. AVX-512 has 32; AVX2 has 16, where 8x3 (and 4x3, 16)
     * spill accumulators on every k step. Measured on AVX2 (Zen 4 with AVX-512 hidden, 256-bit
     * vectors, data in L1, best of 12 windows): 8x3 33-36 GF/s, 4x3 38, 6x2 36, 5x2 83, 4x2
     * 78-82, 3x3 74, of a 92 GF/s FMA peak. So with AVX2 every tile is 4 rows by 2 vectors
     * (8 accumulators: two FMA units of 4 cycles' latency need 8 sums in flight).
     * {@code -Daevb.gemm.tiles=8x3|4x2} overrides, for measuring.
     */
    static final boolean TALL_TILES = tallTiles();
    /** Vectors (of L columns) of a GEMM tile. */
    static final int NV = TALL_TILES ? 3 : 2;

    private static boolean tallTiles() {
        String tiles = System.getProperty("aevb.gemm.tiles");
        if (tiles == null || tiles.isBlank()) {
            return L >= 16;
        }
        return switch (tiles.trim()) {
            case "8x3" -> true;
            case "4x2" -> false;
            default -> throw new IllegalArgumentException("-Daevb.gemm.tiles=" + tiles + ": expected 8x3 or 4x2");
        };
    }
    static final int NR = NV * L;
    /**
     * The most k steps of one packed panel of B: 128 steps of a 3-vector panel are 24 KB of
     * floats, half the 48 KB L1 of current x86 cores, so the panel stays there across the row
     * tiles (with k = 784 and 500 it was 150 KB and came from L2). k is cut in equal blocks.
     */
    static final int KC = 128;
    /**
     * Below this many multiply-adds (~1M, ~15 µs on one core) a GEMM stays on one thread: the
     * gain would be a few microseconds, the loss when the other core is busy far more. The
     * paper's smallest products (100 x 20 x 500) are just at it.
     */
    static final long PARALLEL_MIN_MACS = 1L << 20;
    private static volatile long parallelMinMacs = PARALLEL_MIN_MACS;

    /** The layouts: A·B, A·Bᵀ, Aᵀ·B. */
    static final int NN = 0, NT = 1, TN = 2;

    private static final ThreadLocal<GemmJob> JOBS = ThreadLocal.withInitial(GemmJob::new);

    /** A (m,k) · B (k,n) -> C (m,n), or C += when accumulating. */
    public static void gemm(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        check("gemm", a, b, c, m, k, n);
        run(NN, a, b, c, m, k, n, accumulate);
    }

    /** A (m,k) · Bᵀ where B is (n,k) -> C (m,n): a layer's forward pass x·Wᵀ. */
    public static void gemmABt(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        check("gemmABt", a, b, c, m, k, n);
        run(NT, a, b, c, m, k, n, accumulate);
    }

    /** Aᵀ · B where A is (k,m) and B is (k,n) -> C (m,n): a weight gradient dYᵀ·X. */
    public static void gemmAtB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        check("gemmAtB", a, b, c, m, k, n);
        run(TN, a, b, c, m, k, n, accumulate);
    }

    /**
     * dx = d·W and dW = dᵀ·x side by side on two threads, each product whole on one (no split,
     * no second packing of its operands); on one thread, or more than two, one after the other,
     * each split over all threads as usual. Either way every output element is one thread's sum
     * in k order: the same bits.
     */
    public static void linearBackward(float[] d, float[] x, float[] w, float[] dx, float[] dw, int m, int in, int out,
                                      boolean accX, boolean accW) {
        check("linearBackward dW", d, x, dw, out, m, in);
        if (dx == null) {
            run(TN, d, x, dw, out, m, in, accW);
            return;
        }
        check("linearBackward dx", d, w, dx, m, out, in);
        if (Parallel.threads() != 2 || (long) m * in * out < parallelMinMacs / 2) {
            run(NN, d, w, dx, m, out, in, accX);
            run(TN, d, x, dw, out, m, in, accW);
            return;
        }
        PairJob job = PAIRS.get();
        job.set(d, x, w, dx, dw, m, in, out, accX, accW);
        try {
            Parallel.run(2, job);
        } finally {
            job.clear();
        }
    }

    private static final ThreadLocal<PairJob> PAIRS = ThreadLocal.withInitial(PairJob::new);

    /**
     * The head pair ({@code nn.Mlp}: the encoder's mu and log σ², n = 20 columns each): the two
     * products side by side on two threads, each whole on one (no split, no second packing);
     * else one after the other. Tiny ones (under 1/8 of the split threshold) stay on
     * the calling thread.
     */
    public static void gemmABtPair(float[] a, float[] b1, float[] c1, int n1, float[] b2, float[] c2, int n2,
                                   int m, int k) {
        check("gemmABtPair", a, b1, c1, m, k, n1);
        check("gemmABtPair", a, b2, c2, m, k, n2);
        long macs = (long) m * k * Math.max(n1, n2);
        if (Parallel.threads() != 2 || macs < parallelMinMacs / 8) {
            run(NT, a, b1, c1, m, k, n1, false);
            run(NT, a, b2, c2, m, k, n2, false);
            return;
        }
        PairJob job = PAIRS.get();
        job.setHeads(a, b1, c1, n1, b2, c2, n2, m, k);
        try {
            Parallel.run(2, job);
        } finally {
            job.clear();
        }
    }

    /** The two products of {@link #linearBackward}, or of {@link #gemmABtPair}, one per chunk. */
    private static final class PairJob implements Parallel.Chunk {
        float[] d, x, w, dx, dw;
        int m, in, out, n2;
        boolean accX, accW, heads;

        /** As heads: d = A, x = B1, dx = C1 (n1 = out), w = B2, dw = C2 (n2), k = in. */
        void setHeads(float[] a, float[] b1, float[] c1, int n1, float[] b2, float[] c2, int n2, int m, int k) {
            this.d = a; this.x = b1; this.dx = c1; this.w = b2; this.dw = c2;
            this.out = n1; this.n2 = n2; this.m = m; this.in = k; this.heads = true;
        }

        void set(float[] d, float[] x, float[] w, float[] dx, float[] dw, int m, int in, int out,
                 boolean accX, boolean accW) {
            this.d = d; this.x = x; this.w = w; this.dx = dx; this.dw = dw;
            this.m = m; this.in = in; this.out = out; this.accX = accX; this.accW = accW; this.heads = false;
        }

        void clear() {
            d = x = w = dx = dw = null;
        }

        @Override
        public void run(int chunk) {
            Packing.Scratch s = Packing.scratch();
            if (heads) {
                if (chunk == 0) {
                    block(NT, d, x, dx, m, in, out, false, 0, m, 0, out, s);
                } else {
                    block(NT, d, w, dw, m, in, n2, false, 0, m, 0, n2, s);
                }
            } else if (chunk == 0) {
                block(NN, d, w, dx, m, out, in, accX, 0, m, 0, in, s);
            } else {
                block(TN, d, x, dw, out, m, in, accW, 0, out, 0, in, s);
            }
        }
    }

    private static void check(String op, float[] a, float[] b, float[] c, int m, int k, int n) {
        if (m < 0 || k < 0 || n < 0) {
            throw new IllegalArgumentException(op + ": negative size m=" + m + " k=" + k + " n=" + n);
        }
        if (a.length < (long) m * k || b.length < (long) k * n || c.length < (long) m * n) {
            throw new IllegalArgumentException(op + " with m=" + m + " k=" + k + " n=" + n
                    + " needs arrays of at least " + (long) m * k + ", " + (long) k * n + ", "
                    + (long) m * n + " floats, got " + a.length + ", " + b.length + ", " + c.length);
        }
    }

    /** Tests lower the threshold to send small, odd shapes through the threaded path. */
    static void parallelMinMacs(long macs) {
        parallelMinMacs = macs;
    }

    private static void run(int layout, float[] a, float[] b, float[] c, int m, int k, int n, boolean acc) {
        if (m == 0 || n == 0) {
            return;
        }
        int threads = Parallel.threads();
        if (threads == 1 || (long) m * k * n < parallelMinMacs) {
            block(layout, a, b, c, m, k, n, acc, 0, m, 0, n, Packing.scratch());
            return;
        }
        GemmJob job = JOBS.get();
        job.set(layout, a, b, c, m, k, n, acc, threads);
        try {
            if (job.byColumns) {
                job.packing = true;                 // every chunk needs all of A: pack it once, together
                Parallel.run(job.packChunks, job);
                job.packing = false;
            }
            Parallel.run(job.chunks, job);
        } finally {
            job.clear();
        }
    }

    /**
     * One GEMM cut in chunks of the output, two per thread: on idle cores each thread takes two
     * equal chunks, and when one thread is held up (a busy machine) the others take its second
     * chunk. Columns are cut at multiples of NR (whole panels) or L so that every thread packs
     * only its own part of B; A, which every column chunk reads whole, is packed once beforehand,
     * its row tiles shared out over the threads. With too few columns, rows are cut at multiples
     * of MR and each chunk packs its own rows. Reused per calling thread, so a call allocates
     * nothing.
     */
    private static final class GemmJob implements Parallel.Chunk {
        int layout, m, k, n, chunks, units, width, packChunks;
        boolean acc, byColumns, packing;
        float[] a, b, c;
        float[] packedA = new float[0];

        void set(int layout, float[] a, float[] b, float[] c, int m, int k, int n, boolean acc, int threads) {
            this.layout = layout;
            this.a = a;
            this.b = b;
            this.c = c;
            this.m = m;
            this.k = k;
            this.n = n;
            this.acc = acc;
            // Whole panels (NR columns) where there are enough of them, else single vectors.
            width = n >= 2 * threads * NR ? NR : L;
            int colUnits = (n + width - 1) / width;
            int rowUnits = (m + MR - 1) / MR;
            byColumns = colUnits >= 2 * threads || colUnits >= rowUnits;
            units = byColumns ? colUnits : rowUnits;
            chunks = Math.min(2 * threads, units);
            packChunks = Math.min(threads, rowUnits);
            if (byColumns && packedA.length < packedSize(0, m, k)) {
                packedA = new float[packedSize(0, m, k)];
            }
        }

        void clear() {
            a = b = c = null;
        }

        @Override
        public void run(int chunk) {
            int u0 = (int) ((long) units * chunk / chunks);
            int u1 = (int) ((long) units * (chunk + 1) / chunks);
            Packing.Scratch s = Packing.scratch();
            if (packing) {
                int rowUnits = (m + MR - 1) / MR;
                int r0 = (int) ((long) rowUnits * chunk / packChunks) * MR;
                int r1 = Math.min(m, (int) ((long) rowUnits * (chunk + 1) / packChunks) * MR);
                packA(layout, a, m, k, r0, r1, packedA, r0 * k);
            } else if (byColumns) {
                panels(layout, packedA, b, c, k, n, acc, 0, m, u0 * width, Math.min(n, u1 * width), s);
            } else {
                block(layout, a, b, c, m, k, n, acc, u0 * MR, Math.min(m, u1 * MR), 0, n, s);
            }
        }
    }
}
