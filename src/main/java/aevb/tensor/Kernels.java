package aevb.tensor;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast kernels: the Vector API (SIMD), register-blocked GEMM and {@link Parallel} threads.
 * This is the only class in the project that imports {@code jdk.incubator.vector}; each method
 * computes what its twin in {@link ScalarKernels} computes, and the tests hold them together.
 *
 * <p>The vector width is {@code FloatVector.SPECIES_PREFERRED} (16 floats with AVX-512);
 * {@code -Daevb.vector.bits=128|256|512} overrides it.
 *
 * <h2>GEMM</h2>
 * All three layouts share one plan. The output C is cut into tiles of 8 rows (4 for the rows left
 * over) by up to 3 vectors (48 columns with AVX-512). For one tile a micro-kernel keeps the 24
 * accumulators in registers and walks k once: per step it loads 3 vectors of B and, for each of
 * the 8 rows, broadcasts one element of A and issues 3 fused multiply-adds. B is first packed
 * into a panel (k, 48) so those 3 loads are contiguous: a plain copy for {@code A·B} and
 * {@code Aᵀ·B}, a gather (the transpose) for {@code A·Bᵀ}. A is read in place: its 8 rows are 8
 * streams ({@code A·B}, {@code A·Bᵀ}) or 8 neighbours of one row ({@code Aᵀ·B}). At the paper's
 * shapes the packing costs ~10-15% of the time for {@code A·B} and {@code A·Bᵀ} (B comes from
 * L3 and is read once) and ~1% for {@code Aᵀ·B}.
 *
 * <p>Each vector lane is one output element, and its sum runs over k in increasing order with one
 * fused multiply-add per term, from C (or 0): exactly the scalar twin's order, so the result is
 * bit-identical to it, whatever the tiling and whatever the number of threads. Threads split
 * the output (column blocks, or rows when there are few columns), never k; a GEMM of fewer than
 * ~1M multiply-adds stays on the calling thread. A layer's two backward products (dx = d·W and
 * dW = dᵀ·x, {@link #linearBackward}) run side by side on two threads, each whole on one.
 *
 * <h2>Fused kernels and maths</h2>
 * The model's element-wise steps come as fused kernels (bias + tanh and its backward step with
 * the bias gradient, the Bernoulli log-likelihood from logits and its backward step, the Gaussian
 * KL, the reparameterisation, Adagrad and Adam with weight decay), each one pass over a row
 * while it is in L1, split over the threads by rows, column blocks or element ranges, each part
 * one thread's in a fixed order: the same bits on any number of threads. The transcendental
 * functions are this class's own (Cephes' single-precision exp, log and tanh from +, ×, fma and
 * exponent bits), not the Vector API's, whose compiled and interpreted forms differ in the last
 * bit: with those, results would depend on when the JIT finished compiling (see "Deterministic
 * maths" below).
 */
public final class Kernels implements TensorKernels {
    public static final Kernels SIMD = new Kernels();

    static final VectorSpecies<Float> F = floatSpecies();
    /** Lanes per vector. */
    static final int L = F.length();
    /** Half as many floats, widened to doubles: the sums that accumulate in double. */
    private static final VectorSpecies<Float> FH =
            VectorSpecies.of(float.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
    private static final VectorSpecies<Double> D =
            VectorSpecies.of(double.class, VectorShape.forBitSize(F.vectorBitSize()));

    /** Rows of a GEMM tile (a 4-row tile takes the rows left over). */
    private static final int MR = 8;
    /** Vectors (of L columns) of a GEMM tile. */
    private static final int NV = 3;
    private static final int NR = NV * L;
    /**
     * The most k steps of one packed panel of B: 128 steps of a 3-vector panel are 24 KB of
     * floats, half the 48 KB L1 of current x86 cores, so the panel stays there across the row
     * tiles (with k = 784 and 500 it was 150 KB and came from L2). k is cut in equal blocks.
     */
    private static final int KC = 128;
    /**
     * Below this many multiply-adds (~1M, ~15 µs on one core) a GEMM stays on one thread: the
     * gain would be a few microseconds, the loss when the other core is busy far more. The
     * paper's smallest products (100 x 20 x 500) are just at it.
     */
    static final long PARALLEL_MIN_MACS = 1L << 20;
    private static volatile long parallelMinMacs = PARALLEL_MIN_MACS;

    private static final int NN = 0, NT = 1, TN = 2;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    private static final ThreadLocal<GemmJob> JOBS = ThreadLocal.withInitial(GemmJob::new);

    private Kernels() {}

    private static VectorSpecies<Float> floatSpecies() {
        String bits = System.getProperty("aevb.vector.bits");
        if (bits == null || bits.isBlank()) {
            return FloatVector.SPECIES_PREFERRED;
        }
        return switch (bits.trim()) {
            case "128" -> FloatVector.SPECIES_128;
            case "256" -> FloatVector.SPECIES_256;
            case "512" -> FloatVector.SPECIES_512;
            default -> throw new IllegalArgumentException(
                    "-Daevb.vector.bits=" + bits + ": expected 128, 256 or 512");
        };
    }

    /**
     * The FMA peak of one core as this JVM reaches it: 12 independent chains of vector fused
     * multiply-adds on registers only (no memory, no dependence a core could not hide), for about
     * {@code millis} ms in short bursts; returns the best burst in GFLOP/s (2 per lane per FMA).
     * A benchmark's yardstick for how close the GEMMs come.
     */
    public static double fmaPeakGflops(int millis) {
        double best = 0;
        float sink = 0;
        long end = System.nanoTime() + millis * 1_000_000L;
        int iterations = 20_000;
        do {
            long t = System.nanoTime();
            sink += fmaBurst(iterations);
            best = Math.max(best, 12.0 * 2 * L * iterations / (System.nanoTime() - t));
        } while (System.nanoTime() < end);
        return sink == 42 ? best + 1e-9 : best;   // keeps the sums alive
    }

    /** One burst of the FMA peak loop (its own method, so that the JIT compiles it early). */
    private static float fmaBurst(int iterations) {
        FloatVector a = FloatVector.broadcast(F, 1.0001f), b = FloatVector.broadcast(F, 0.9999f);
        FloatVector c0 = FloatVector.zero(F), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        FloatVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (int i = 0; i < iterations; i++) {
            c0 = a.fma(b, c0); c1 = a.fma(b, c1); c2 = a.fma(b, c2); c3 = a.fma(b, c3);
            c4 = a.fma(b, c4); c5 = a.fma(b, c5); c6 = a.fma(b, c6); c7 = a.fma(b, c7);
            c8 = a.fma(b, c8); c9 = a.fma(b, c9); c10 = a.fma(b, c10); c11 = a.fma(b, c11);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).lane(0);
    }

    /** A one-line description for logs and benchmarks. */
    public static String describe() {
        return F.vectorBitSize() + "-bit vectors (" + L + " floats), " + Parallel.threads() + " threads";
    }

    // =====================================================================================
    // GEMM
    // =====================================================================================

    /** A (m,k) · B (k,n) -> C (m,n), or C += when accumulating. */
    @Override
    public void gemm(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        check("gemm", a, b, c, m, k, n);
        run(NN, a, b, c, m, k, n, accumulate);
    }

    /** A (m,k) · Bᵀ where B is (n,k) -> C (m,n): a layer's forward pass x·Wᵀ. */
    @Override
    public void gemmABt(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        check("gemmABt", a, b, c, m, k, n);
        run(NT, a, b, c, m, k, n, accumulate);
    }

    /** Aᵀ · B where A is (k,m) and B is (k,n) -> C (m,n): a weight gradient dYᵀ·X. */
    @Override
    public void gemmAtB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        check("gemmAtB", a, b, c, m, k, n);
        run(TN, a, b, c, m, k, n, accumulate);
    }

    /**
     * dx = d·W and dW = dᵀ·x side by side on two threads, each product whole on one (no split,
     * no second packing of its operands); on one thread, or more than two, one after the other,
     * each split over all threads as usual. Either way every output element is one thread's sum
     * in k order: the same bits.
     */
    @Override
    public void linearBackward(float[] d, float[] x, float[] w, float[] dx, float[] dw, int m, int in, int out,
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
     * Two heads side by side on two threads, each product whole on one (no split, no second
     * packing); else one after the other. Tiny ones (under 1/8 of the split threshold) stay on
     * the calling thread.
     */
    @Override
    public void gemmABtPair(float[] a, float[] b1, float[] c1, int n1, float[] b2, float[] c2, int n2, int m, int k) {
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
            Scratch s = SCRATCH.get();
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
            block(layout, a, b, c, m, k, n, acc, 0, m, 0, n, SCRATCH.get());
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
            Scratch s = SCRATCH.get();
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

    /** Per-thread buffers, grown on demand and kept, so steady state allocates nothing. */
    private static final class Scratch {
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

        float[] row = new float[0];
        float[] row2 = new float[0];
        final float[] lanes = new float[L];
        final double[] doubleLanes = new double[D.length()];

        float[] row2(int size) {
            if (row2.length < size) {
                row2 = new float[size];
            }
            return row2;
        }

        /** A scratch row for the fused kernels. */
        float[] row(int size) {
            if (row.length < size) {
                row = new float[size];
            }
            return row;
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
    private static void block(int layout, float[] a, float[] b, float[] c, int m, int k, int n, boolean acc,
                              int i0, int i1, int j0, int j1, Scratch s) {
        if (j1 - j0 <= NR) {
            directBlock(layout, a, b, c, m, k, n, acc, i0, i1, j0, j1, s);
            return;
        }
        float[] pa = s.packedA(packedSize(i0, i1, k));
        packA(layout, a, m, k, i0, i1, pa, 0);
        panels(layout, pa, b, c, k, n, acc, i0, i1, j0, j1, s);
    }

    /** Floats of rows [i0, i1) of A packed: padded to a multiple of 4 rows. */
    private static int packedSize(int i0, int i1, int k) {
        return (i1 - i0 + 3) / 4 * 4 * k;
    }

    /**
     * C[i0:i1, j0:j1] from rows [i0, i1) of A packed in pa (the tile of rows i at (i - i0)·k):
     * panel by panel of B and k-block by k-block, every row tile over the packed panel.
     */
    private static void panels(int layout, float[] pa, float[] b, float[] c, int k, int n, boolean acc,
                               int i0, int i1, int j0, int j1, Scratch s) {
        int end8 = i0 + (i1 - i0) / 8 * 8;
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
                if (end4 > end8) {
                    tile(4, nv, pa, (end8 - i0) * k + p0 * 4, 1, 4, bp, kc, c, end8 * n + j, n, into, 4, w, s);
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
    private static void packA(int layout, float[] a, int m, int k, int i0, int i1, float[] pa, int off) {
        int end8 = i0 + (i1 - i0) / 8 * 8;
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
    private static void pack(int layout, float[] b, int k, int n, int j, int w, int nv, int p0, int kc,
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
    private static void tile(int mr, int nv, float[] a, int aOff, int lda, int ps, float[] bp, int k,
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
     * The micro-kernel for an mr x nv tile. A packed k-major (lda = 1, ps = mr) is the case the
     * packed family is written for, with those strides as constants; any other layout goes to
     * the family that takes them as arguments.
     */
    private static void micro(int mr, int nv, float[] a, int aOff, int lda, int ps, float[] bp, int k,
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
     * {@link #block} for one panel of columns, with A read in place: the rows in blocks of 8,
     * then a block of 4, then the last 1 to 3 rows copied and padded to 4 (only the real rows are
     * stored). Row r of A is a[r·lda + p·ps].
     */
    private static void directBlock(int layout, float[] a, float[] b, float[] c, int m, int k, int n, boolean acc,
                              int i0, int i1, int j0, int j1, Scratch s) {
        // Where row i of A starts and how to step along k: A·B and A·Bᵀ read row-major A (m,k);
        // Aᵀ·B reads column i of A (k,m).
        int lda = layout == TN ? 1 : k;
        int ps = layout == TN ? m : 1;
        int end8 = i0 + (i1 - i0) / 8 * 8;
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
            if (end4 > end8) {
                tile(4, nv, a, end8 * lda, lda, ps, bp, k, c, end8 * n + j, n, acc, 4, w, s);
            }
            if (rest > 0) {
                tile(4, nv, pad, 0, k, 1, bp, k, c, end4 * n + j, n, acc, rest, w, s);
            }
        }
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

    private static FloatVector load(float[] x, int off) {
        return FloatVector.fromArray(F, x, off);
    }

    // =====================================================================================
    // Broadcasting and element-wise arithmetic: lane by lane, so exactly the scalar results.
    // =====================================================================================

    /** x (rows,cols) + bias (1,cols) -> out (rows,cols). */
    @Override
    public void addRowVector(float[] x, float[] bias, float[] out, int rows, int cols) {
        int bound = F.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            int c = 0;
            for (; c < bound; c += L) {
                load(x, o + c).add(load(bias, c)).intoArray(out, o + c);
            }
            for (; c < cols; c++) {
                out[o + c] = x[o + c] + bias[c];
            }
        }
    }

    @Override
    public void add(float[] a, float[] b, float[] out, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            load(a, i).add(load(b, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = a[i] + b[i];
        }
    }

    @Override
    public void sub(float[] a, float[] b, float[] out, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            load(a, i).sub(load(b, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = a[i] - b[i];
        }
    }

    @Override
    public void mul(float[] a, float[] b, float[] out, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            load(a, i).mul(load(b, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = a[i] * b[i];
        }
    }

    @Override
    public void scale(float[] a, float s, float[] out, int n) {
        int bound = F.loopBound(n);
        FloatVector vs = FloatVector.broadcast(F, s);
        int i = 0;
        for (; i < bound; i += L) {
            vs.mul(load(a, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = s * a[i];
        }
    }

    /** y += alpha · x, one fused multiply-add per element like the twin. */
    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        int bound = F.loopBound(n);
        FloatVector va = FloatVector.broadcast(F, alpha);
        int i = 0;
        for (; i < bound; i += L) {
            va.fma(load(x, i), load(y, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = Math.fma(alpha, x[i], y[i]);
        }
    }

    /** y += a ⊙ b, one fused multiply-add per element like the twin. */
    @Override
    public void mulAdd(float[] a, float[] b, float[] y, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            load(a, i).fma(load(b, i), load(y, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = Math.fma(a[i], b[i], y[i]);
        }
    }

    @Override
    public void square(float[] x, float[] out, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector v = load(x, i);
            v.mul(v).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = x[i] * x[i];
        }
    }

    // =====================================================================================
    // Element-wise maps, built from the passes of "Deterministic maths" at the end: in float,
    // within a few ulps of the twin, which rounds a double result once. Long arrays go through
    // the passes a block at a time, so that each block is still in L1 for the next pass. The
    // scalar tails compute what the twin computes.
    // =====================================================================================

    /** Elements per block of a multi-pass map: 4 KiB, a multiple of every lane count. */
    private static final int BLOCK = 1024;

    /** tanh from e = e^2|x| (into out first), then the odd polynomial or 1 - 2/(e + 1). */
    @Override
    public void tanh(float[] x, float[] out, int n) {
        float[] e = SCRATCH.get().row(Math.min(n, BLOCK));
        for (int b = 0; b < n; b += BLOCK) {
            int m = Math.min(BLOCK, n - b);
            expPass(x, b, e, 0, m, 2f, true);
            tanhPass(x, b, e, 0, out, b, m);
        }
    }

    @Override
    public void exp(float[] x, float[] out, int n) {
        expPass(x, 0, out, 0, n, 1f, false);
    }

    @Override
    public void log(float[] x, float[] out, int n) {
        logPass(x, out, n);
    }

    /** σ(x) from e = e^-|x| &lt;= 1, so nothing overflows: 1/(1+e) for x >= 0, e/(1+e) below. */
    @Override
    public void sigmoid(float[] x, float[] out, int n) {
        for (int b = 0; b < n; b += BLOCK) {
            int m = Math.min(BLOCK, n - b);
            expPass(x, b, out, b, m, -1f, true);
            sigmoidPass(x, b, out, b, out, b, m);
        }
    }

    /** softplus(x) = max(x, 0) + log1p(e^-|x|): no overflow, and no cancellation. */
    @Override
    public void softplus(float[] x, float[] out, int n) {
        softplusOrLogSigmoid(x, out, n, 1f);
    }

    /** log σ(x) = -softplus(-x) = min(x, 0) - log1p(e^-|x|). */
    @Override
    public void logSigmoid(float[] x, float[] out, int n) {
        softplusOrLogSigmoid(x, out, n, -1f);
    }

    private static void softplusOrLogSigmoid(float[] x, float[] out, int n, float sign) {
        for (int b = 0; b < n; b += BLOCK) {
            int m = Math.min(BLOCK, n - b);
            expPass(x, b, out, b, m, -1f, true);
            log1pUnitPass(out, b, out, b, m);
            softplusPass(x, b, out, b, out, b, m, sign);
        }
    }

    // =====================================================================================
    // Reductions. Lanes hold partial sums, so the order differs from the twin's left-to-right
    // sum: equal up to rounding (the tests state the bound). colSums sums each column in row
    // order, lanes across columns, and so matches the twin exactly.
    // =====================================================================================

    /** Σ x in double: each half-vector of floats is widened to doubles and added lane-wise. */
    @Override
    public double sum(float[] x, int n) {
        int h = FH.length();
        int bound = FH.loopBound(n);
        DoubleVector s0 = DoubleVector.zero(D), s1 = DoubleVector.zero(D);
        int i = 0;
        for (; i + 2 * h <= bound; i += 2 * h) {
            s0 = s0.add(widen(x, i));
            s1 = s1.add(widen(x, i + h));
        }
        for (; i < bound; i += h) {
            s0 = s0.add(widen(x, i));
        }
        double[] lanes = SCRATCH.get().doubleLanes;
        s0.add(s1).intoArray(lanes, 0);
        double s = sumOf(lanes);
        for (; i < n; i++) {
            s += x[i];
        }
        return s;
    }

    /** Σ a ⊙ b in double; a float product is exact in double, so only the sum rounds. */
    @Override
    public double dot(float[] a, float[] b, int n) {
        int h = FH.length();
        int bound = FH.loopBound(n);
        DoubleVector s0 = DoubleVector.zero(D), s1 = DoubleVector.zero(D);
        int i = 0;
        for (; i + 2 * h <= bound; i += 2 * h) {
            s0 = widen(a, i).fma(widen(b, i), s0);
            s1 = widen(a, i + h).fma(widen(b, i + h), s1);
        }
        for (; i < bound; i += h) {
            s0 = widen(a, i).fma(widen(b, i), s0);
        }
        double[] lanes = SCRATCH.get().doubleLanes;
        s0.add(s1).intoArray(lanes, 0);
        double s = sumOf(lanes);
        for (; i < n; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static DoubleVector widen(float[] x, int i) {
        return (DoubleVector) FloatVector.fromArray(FH, x, i).convertShape(VectorOperators.F2D, D, 0);
    }

    /** out (rows,1) = Σ over each row of x (rows,cols), in float like the twin. */
    @Override
    public void rowSums(float[] x, float[] out, int rows, int cols) {
        int bound = F.loopBound(cols);
        float[] lanes = SCRATCH.get().lanes;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            FloatVector acc = FloatVector.zero(F);
            int c = 0;
            for (; c < bound; c += L) {
                acc = acc.add(load(x, o + c));
            }
            acc.intoArray(lanes, 0);
            float s = sumOf(lanes);
            for (; c < cols; c++) {
                s += x[o + c];
            }
            out[r] = s;
        }
    }

    /** out (1,cols) [+]= Σ over rows of x (rows,cols); each column in row order, as the twin. */
    @Override
    public void colSums(float[] x, float[] out, int rows, int cols, boolean accumulate) {
        int bound = F.loopBound(cols);
        int c = 0;
        for (; c < bound; c += L) {
            FloatVector s = accumulate ? load(out, c) : FloatVector.zero(F);
            for (int r = 0; r < rows; r++) {
                s = s.add(load(x, r * cols + c));
            }
            s.intoArray(out, c);
        }
        for (; c < cols; c++) {
            float s = accumulate ? out[c] : 0f;
            for (int r = 0; r < rows; r++) {
                s += x[r * cols + c];
            }
            out[c] = s;
        }
    }

    /** Split by elements over the threads: it reads a whole gradient every training step. */
    @Override
    public boolean allFinite(float[] x, int n) {
        MapJob j = job(Op.ALL_FINITE);
        j.a = x;
        j.nonFinite = false;
        j.start(n, L, n / 4);
        return !j.nonFinite;
    }

    /** All arrays as one range of elements, split over the threads: one dispatch, not one per array. */
    @Override
    public int firstNonFinite(float[][] xs) {
        ArraysJob j = ARRAYS_JOBS.get();
        j.op = ArraysJob.CHECK;
        j.w = xs;
        j.start();
        return j.firstBad.get() == Integer.MAX_VALUE ? -1 : j.firstBad.get();
    }

    private static boolean allFiniteRange(float[] x, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            if (!load(x, i).test(VectorOperators.IS_FINITE).allTrue()) {
                return false;
            }
        }
        for (; i < to; i++) {
            if (!Float.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }

    // =====================================================================================
    // Fused forms. Each computes, element by element, what its twin's loop computes; the maps
    // built from exp, log1p and tanh differ from the twin's double-precision ones by a few ulps,
    // the sums per row by the order of their terms (lanes, then the lanes added up). Big inputs
    // are split over the threads by rows (or columns, or elements), each owned by one thread and
    // computed in a fixed order, so the results do not depend on the thread count.
    // =====================================================================================

    /** Below this many elements a fused kernel stays on the calling thread. */
    static final int PARALLEL_MIN_ELEMENTS = 1 << 14;
    private static volatile int parallelMinElements = PARALLEL_MIN_ELEMENTS;

    /** Tests lower the threshold to send small shapes through the threaded path. */
    static void parallelMinElements(int n) {
        parallelMinElements = n;
    }

    private static final ThreadLocal<MapJob> MAP_JOBS = ThreadLocal.withInitial(MapJob::new);

    /** The kernels {@link MapJob} can split: their serial bodies over a range. */
    private enum Op { BIAS_TANH, TANH_BACKWARD, BERNOULLI, BERNOULLI_BACKWARD, ADAGRAD, ADAM, ALL_FINITE }

    /**
     * A range of items cut in chunks of whole units (rows, or L-wide column blocks, or L-long
     * element blocks), two per thread, each chunk handed to {@link #body}.
     */
    private abstract static class RangeJob implements Parallel.Chunk {
        int size, unit, units, chunks;

        /**
         * Runs body over size items in units of unit items: serially, or split over the pool
         * when the work is worth a dispatch. {@code work} is in "transcendental elements" (a
         * tanh or exp per element counts 1, plain arithmetic less): below PARALLEL_MIN_ELEMENTS
         * the ~5-10 µs a split can cost (waking a thread, cold caches on the other core)
         * outweigh the gain, as measured for the paper's shapes. Then forgets the arguments.
         */
        void start(int size, int unit, long work) {
            this.size = size;
            this.unit = unit;
            units = (size + unit - 1) / unit;
            int threads = Parallel.threads();
            chunks = threads == 1 || work < parallelMinElements ? 1 : Math.min(2 * threads, units);
            try {
                if (chunks <= 1) {
                    body(0, size);
                } else {
                    Parallel.run(chunks, this);
                }
            } finally {
                clear();
            }
        }

        @Override
        public void run(int chunk) {
            int from = (int) ((long) units * chunk / chunks) * unit;
            int to = Math.min(size, (int) ((long) units * (chunk + 1) / chunks) * unit);
            body(from, to);
        }

        /** Items [from, to). */
        abstract void body(int from, int to);

        /** Drops the references to the call's arrays. */
        abstract void clear();
    }

    /** One fused kernel over a range, with its arguments. Reused per calling thread: a call allocates nothing. */
    private static final class MapJob extends RangeJob {
        Op op;
        float[] a, b, c, d, e;
        float s0, s1, s2, s3, s4;
        int rows, cols;
        boolean acc;
        /** Set by any chunk of ALL_FINITE that meets a NaN or an infinity. */
        volatile boolean nonFinite;

        @Override
        void clear() {
            a = b = c = d = e = null;
        }

        @Override
        void body(int from, int to) {
            switch (op) {
                case BIAS_TANH -> biasTanhRows(a, b, c, cols, from, to);
                case TANH_BACKWARD -> tanhBackwardColumns(a, b, c, d, rows, cols, from, to);
                case BERNOULLI -> bernoulliRows(a, b, c, d, cols, from, to);
                case BERNOULLI_BACKWARD -> bernoulliBackwardRows(a, b, c, d, cols, acc, from, to);
                case ADAGRAD -> adagradRange(a, b, c, s0, s1, s2, from, to);
                case ADAM -> adamRange(a, b, c, d, s0, s1, s2, s3, s4, from, to);
                case ALL_FINITE -> {
                    if (!allFiniteRange(a, from, to)) {
                        nonFinite = true;
                    }
                }
            }
        }
    }

    private static MapJob job(Op op) {
        MapJob j = MAP_JOBS.get();
        j.op = op;
        return j;
    }

    @Override
    public void biasTanh(float[] x, float[] bias, float[] out, int rows, int cols) {
        MapJob j = job(Op.BIAS_TANH);
        j.a = x; j.b = bias; j.c = out; j.cols = cols;
        j.start(rows, 1, (long) rows * cols);
    }

    /** Per row: pre = x + b (into out), e = e^2|pre|, then tanh from pre and e (in place). */
    private static void biasTanhRows(float[] x, float[] bias, float[] out, int cols, int r0, int r1) {
        float[] e = SCRATCH.get().row(cols);
        for (int r = r0; r < r1; r++) {
            int o = r * cols;
            addRow(x, o, bias, out, cols);
            expPass(out, o, e, 0, cols, 2f, true);
            tanhPass(out, o, e, 0, out, o, cols);
        }
    }

    /** out[o + c] = x[o + c] + bias[c]. */
    private static void addRow(float[] x, int o, float[] bias, float[] out, int cols) {
        int bound = F.loopBound(cols);
        int c = 0;
        for (; c < bound; c += L) {
            load(x, o + c).add(load(bias, c)).intoArray(out, o + c);
        }
        for (; c < cols; c++) {
            out[o + c] = x[o + c] + bias[c];
        }
    }

    /** Split by columns (L at a time): each bias gradient is one column's sum, in row order. */
    @Override
    public void tanhBackward(float[] g, float[] y, float[] d, float[] db, int rows, int cols) {
        MapJob j = job(Op.TANH_BACKWARD);
        j.a = g; j.b = y; j.c = d; j.d = db; j.rows = rows; j.cols = cols;
        j.start(cols, 4 * L, (long) rows * cols / 8);   // arithmetic only: 50K elements take ~8 µs
    }

    private static void tanhBackwardColumns(float[] g, float[] y, float[] d, float[] db, int rows, int cols,
                                            int c0, int c1) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int c = c0;
        // Four vectors of columns at a time, walking the rows: each row's 4L values are
        // contiguous (a strided walk down single columns defeats the prefetchers).
        for (; c + 4 * L <= c1; c += 4 * L) {
            FloatVector s0 = load(db, c), s1 = load(db, c + L), s2 = load(db, c + 2 * L), s3 = load(db, c + 3 * L);
            for (int r = 0; r < rows; r++) {
                int i = r * cols + c;
                FloatVector y0 = load(y, i), y1 = load(y, i + L), y2 = load(y, i + 2 * L), y3 = load(y, i + 3 * L);
                FloatVector d0 = load(g, i).mul(one.sub(y0.mul(y0)));
                FloatVector d1 = load(g, i + L).mul(one.sub(y1.mul(y1)));
                FloatVector d2 = load(g, i + 2 * L).mul(one.sub(y2.mul(y2)));
                FloatVector d3 = load(g, i + 3 * L).mul(one.sub(y3.mul(y3)));
                d0.intoArray(d, i);
                d1.intoArray(d, i + L);
                d2.intoArray(d, i + 2 * L);
                d3.intoArray(d, i + 3 * L);
                s0 = s0.add(d0);
                s1 = s1.add(d1);
                s2 = s2.add(d2);
                s3 = s3.add(d3);
            }
            s0.intoArray(db, c);
            s1.intoArray(db, c + L);
            s2.intoArray(db, c + 2 * L);
            s3.intoArray(db, c + 3 * L);
        }
        for (; c + L <= c1; c += L) {
            FloatVector sum = load(db, c);
            for (int r = 0; r < rows; r++) {
                int i = r * cols + c;
                FloatVector yv = load(y, i);
                FloatVector dv = load(g, i).mul(one.sub(yv.mul(yv)));
                dv.intoArray(d, i);
                sum = sum.add(dv);
            }
            sum.intoArray(db, c);
        }
        for (; c < c1; c++) {
            float sum = db[c];
            for (int r = 0; r < rows; r++) {
                int i = r * cols + c;
                d[i] = g[i] * (1f - y[i] * y[i]);
                sum += d[i];
            }
            db[c] = sum;
        }
    }

    @Override
    public void bernoulliLogLikelihood(float[] x, float[] a, float[] out, float[] mean, int rows, int cols) {
        MapJob j = job(Op.BERNOULLI);
        j.a = x; j.b = a; j.c = out; j.d = mean; j.cols = cols;
        j.start(rows, 1, 4L * rows * cols);
    }

    /**
     * Σ x a - softplus(a) per row, with e = e^-|a|: softplus(a) = max(a, 0) + log(1 + e), and
     * σ(a) = 1/(1 + e) (a >= 0) or e/(1 + e) (a < 0), so one exp serves both. Each row takes
     * three passes while it is in L1: e (into the mean's place, or a scratch row), log(1 + e),
     * then the sum and σ.
     */
    private static void bernoulliRows(float[] x, float[] a, float[] out, float[] mean, int cols, int r0, int r1) {
        Scratch s = SCRATCH.get();
        float[] e = mean != null ? mean : s.row(cols);
        float[] log1p = s.row2(cols);
        for (int r = r0; r < r1; r++) {
            int o = r * cols, eo = mean != null ? o : 0;
            expPass(a, o, e, eo, cols, -1f, true);
            log1pUnitPass(e, eo, log1p, 0, cols);
            out[r] = bernoulliRow(x, a, o, e, eo, log1p, mean != null, cols, s.lanes);
        }
    }

    /** One row's Σ x a - max(a, 0) - log(1 + e); e becomes σ(a) when keepMean. */
    private static float bernoulliRow(float[] x, float[] a, int o, float[] e, int eo, float[] log1p,
                                      boolean keepMean, int cols, float[] lanes) {
        int bound = F.loopBound(cols);
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector acc = FloatVector.zero(F);
        int c = 0;
        for (; c < bound; c += L) {
            FloatVector av = load(a, o + c);
            FloatVector softplus = av.max(0f).add(load(log1p, c));
            acc = acc.add(load(x, o + c).mul(av).sub(softplus));
            if (keepMean) {
                FloatVector ev = load(e, eo + c);
                one.blend(ev, av.compare(VectorOperators.LT, 0f)).div(ev.add(1f)).intoArray(e, eo + c);
            }
        }
        acc.intoArray(lanes, 0);
        float s = sumOf(lanes);
        for (; c < cols; c++) {
            s += x[o + c] * a[o + c] - ScalarKernels.softplus(a[o + c]);
            if (keepMean) {
                e[eo + c] = ScalarKernels.sigmoid(a[o + c]);
            }
        }
        return s;
    }

    @Override
    public void bernoulliLogLikelihoodBackward(float[] x, float[] mean, float[] g, float[] da, int rows, int cols,
                                               boolean accumulate) {
        MapJob j = job(Op.BERNOULLI_BACKWARD);
        j.a = x; j.b = mean; j.c = g; j.d = da; j.cols = cols; j.acc = accumulate;
        j.start(rows, 1, (long) rows * cols / 8);   // arithmetic only
    }

    /** da [+]= g_r (x - y) with y = σ(a) from the forward pass. */
    private static void bernoulliBackwardRows(float[] x, float[] mean, float[] g, float[] da, int cols, boolean acc,
                                              int r0, int r1) {
        int bound = F.loopBound(cols);
        for (int r = r0; r < r1; r++) {
            int o = r * cols;
            FloatVector gr = FloatVector.broadcast(F, g[r]);
            int c = 0;
            for (; c < bound; c += L) {
                FloatVector v = gr.mul(load(x, o + c).sub(load(mean, o + c)));
                (acc ? load(da, o + c).add(v) : v).intoArray(da, o + c);
            }
            for (; c < cols; c++) {
                float v = g[r] * (x[o + c] - mean[o + c]);
                da[o + c] = acc ? da[o + c] + v : v;
            }
        }
    }

    /**
     * Rows are short (Nz values): e^logVar for all of them first, then each row as one vector or
     * a few, the last one masked.
     */
    @Override
    public void gaussianNegKl(float[] mu, float[] logVar, float[] out, int rows, int cols) {
        Scratch s = SCRATCH.get();
        float[] ex = s.row(rows * cols);
        expPass(logVar, 0, ex, 0, rows * cols, 1f, false);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            FloatVector acc = FloatVector.zero(F);
            for (int c = 0; c < cols; c += L) {
                VectorMask<Float> m = F.indexInRange(c, cols);
                FloatVector lv = FloatVector.fromArray(F, logVar, o + c, m);
                FloatVector mv = FloatVector.fromArray(F, mu, o + c, m);
                FloatVector t = one.add(lv).sub(mv.mul(mv)).sub(FloatVector.fromArray(F, ex, o + c, m));
                acc = acc.add(t, m);
            }
            acc.intoArray(s.lanes, 0);
            out[r] = 0.5f * sumOf(s.lanes);
        }
    }

    @Override
    public void gaussianNegKlBackward(float[] mu, float[] logVar, float[] g, float[] dmu, float[] dLogVar,
                                      int rows, int cols) {
        float[] ex = SCRATCH.get().row(rows * cols);
        expPass(logVar, 0, ex, 0, rows * cols, 1f, false);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            FloatVector gr = FloatVector.broadcast(F, g[r]);
            FloatVector half = FloatVector.broadcast(F, 0.5f * g[r]);
            for (int c = 0; c < cols; c += L) {
                VectorMask<Float> m = F.indexInRange(c, cols);
                FloatVector mv = FloatVector.fromArray(F, mu, o + c, m);
                FloatVector.fromArray(F, dmu, o + c, m).sub(gr.mul(mv)).intoArray(dmu, o + c, m);
                FloatVector.fromArray(F, dLogVar, o + c, m)
                        .add(half.mul(one.sub(FloatVector.fromArray(F, ex, o + c, m))))
                        .intoArray(dLogVar, o + c, m);
            }
        }
    }

    /** σ = e^(logVar/2) into z first, then z = mu + σ ⊙ eps in place. */
    @Override
    public void reparameterize(float[] mu, float[] logVar, float[] eps, float[] z, int n) {
        expPass(logVar, 0, z, 0, n, 0.5f, false);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector sigma = FloatVector.fromArray(F, z, i, m);
            FloatVector.fromArray(F, mu, i, m).add(sigma.mul(FloatVector.fromArray(F, eps, i, m))).intoArray(z, i, m);
        }
    }

    @Override
    public void reparameterizeBackward(float[] logVar, float[] eps, float[] g, float[] dmu, float[] dLogVar, int n) {
        float[] sig = SCRATCH.get().row(n);
        expPass(logVar, 0, sig, 0, n, 0.5f, false);
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector gv = FloatVector.fromArray(F, g, i, m);
            FloatVector.fromArray(F, dmu, i, m).add(gv).intoArray(dmu, i, m);
            FloatVector.fromArray(F, dLogVar, i, m)
                    .add(gv.mul(0.5f).mul(FloatVector.fromArray(F, eps, i, m)).mul(FloatVector.fromArray(F, sig, i, m)))
                    .intoArray(dLogVar, i, m);
        }
    }

    // =====================================================================================
    // Optimiser updates: the twin's arithmetic lane by lane (sqrt and division are correctly
    // rounded in both), so bit-identical to it; split over the threads by elements.
    // =====================================================================================

    @Override
    public void adagrad(float[] w, float[] g, float[] sumSq, float lr, float lambda, float delta, int n) {
        MapJob j = job(Op.ADAGRAD);
        j.a = w; j.b = g; j.c = sumSq; j.s0 = lr; j.s1 = lambda; j.s2 = delta;
        j.start(n, L, n);
    }

    /** All parameters as one range of elements, split over the threads: one dispatch, not one per parameter. */
    @Override
    public void adagrad(float[][] w, float[][] g, float[][] sumSq, float lr, float[] lambda, float delta) {
        ArraysJob j = ARRAYS_JOBS.get();
        j.op = ArraysJob.ADAGRAD;
        j.w = w; j.g = g; j.s1 = sumSq; j.lambda = lambda; j.f0 = lr; j.f1 = delta;
        j.start();
    }

    /** All parameters as one range of elements, split over the threads: one dispatch, not one per parameter. */
    @Override
    public void adam(float[][] w, float[][] g, float[][] m, float[][] v, float beta1, float beta2, float stepSize,
                     float eps, float[] lambda) {
        ArraysJob j = ARRAYS_JOBS.get();
        j.op = ArraysJob.ADAM;
        j.w = w; j.g = g; j.s1 = m; j.s2 = v; j.lambda = lambda;
        j.f0 = beta1; j.f1 = beta2; j.f2 = stepSize; j.f3 = eps;
        j.start();
    }

    private static final ThreadLocal<ArraysJob> ARRAYS_JOBS = ThreadLocal.withInitial(ArraysJob::new);

    /**
     * A kernel over several arrays seen end to end as one range of elements (the parameters of
     * a model, or their gradients), cut in chunks of whole vectors. Element-wise work, so where
     * the cuts fall changes no bit. Reused per calling thread.
     */
    private static final class ArraysJob extends RangeJob {
        static final int CHECK = 0, ADAGRAD = 1, ADAM = 2;
        int op;
        /** The parameters, or the arrays to check; their gradients and the optimiser's state (s1, s2). */
        float[][] w, g, s1, s2;
        float[] lambda;
        /** The optimiser's scalars: Adagrad's lr and δ, Adam's β1, β2, step size and ε. */
        float f0, f1, f2, f3;
        int[] starts = new int[1];
        /** The lowest index of an array found non-finite, MAX_VALUE while none is. */
        final AtomicInteger firstBad = new AtomicInteger();

        void start() {
            if (starts.length < w.length + 1) {
                starts = new int[w.length + 1];
            }
            for (int p = 0; p < w.length; p++) {
                starts[p + 1] = starts[p] + w[p].length;
            }
            int total = starts[w.length];
            firstBad.set(Integer.MAX_VALUE);
            start(total, L, op == CHECK ? total / 4 : total);
        }

        @Override
        void clear() {
            w = g = s1 = s2 = null;
            lambda = null;
        }

        /** Elements [from, to) of the whole range, array by array. */
        @Override
        void body(int from, int to) {
            for (int p = 0; p < w.length; p++) {
                int lo = Math.max(from, starts[p]) - starts[p], hi = Math.min(to, starts[p + 1]) - starts[p];
                if (lo >= hi) {
                    continue;
                }
                switch (op) {
                    case ADAGRAD -> adagradRange(w[p], g[p], s1[p], f0, lambda[p], f1, lo, hi);
                    case ADAM -> adamRange(w[p], g[p], s1[p], s2[p], f0, f1, f2, f3, lambda[p], lo, hi);
                    default -> {
                        if (!allFiniteRange(w[p], lo, hi)) {
                            firstBad.accumulateAndGet(p, Math::min);
                        }
                    }
                }
            }
        }
    }

    private static void adagradRange(float[] w, float[] g, float[] sumSq, float lr, float lambda, float delta,
                                     int from, int to) {
        FloatVector zero = FloatVector.zero(F);
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector wv = load(w, i);
            FloatVector gi = load(g, i).add(wv.mul(lambda));
            FloatVector ss = load(sumSq, i).add(gi.mul(gi));
            ss.intoArray(sumSq, i);
            wv.sub(gi.mul(lr).div(ss.sqrt().add(delta))).intoArray(w, i);
            zero.intoArray(g, i);
        }
        for (; i < to; i++) {
            float gi = g[i] + lambda * w[i];
            sumSq[i] = sumSq[i] + gi * gi;
            w[i] = w[i] - lr * gi / ((float) Math.sqrt(sumSq[i]) + delta);
            g[i] = 0f;
        }
    }

    @Override
    public void adam(float[] w, float[] g, float[] m, float[] v, float beta1, float beta2, float stepSize, float eps,
                     float lambda, int n) {
        MapJob j = job(Op.ADAM);
        j.a = w; j.b = g; j.c = m; j.d = v; j.s0 = beta1; j.s1 = beta2; j.s2 = stepSize; j.s3 = eps; j.s4 = lambda;
        j.start(n, L, n);
    }

    private static void adamRange(float[] w, float[] g, float[] m, float[] v, float beta1, float beta2,
                                  float stepSize, float eps, float lambda, int from, int to) {
        FloatVector zero = FloatVector.zero(F);
        float c1 = 1 - beta1, c2 = 1 - beta2;
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector wv = load(w, i);
            FloatVector gi = load(g, i).add(wv.mul(lambda));
            FloatVector mv = load(m, i).mul(beta1).add(gi.mul(c1));
            FloatVector vv = load(v, i).mul(beta2).add(gi.mul(c2).mul(gi));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            wv.sub(mv.mul(stepSize).div(vv.sqrt().add(eps))).intoArray(w, i);
            zero.intoArray(g, i);
        }
        for (; i < to; i++) {
            float gi = g[i] + lambda * w[i];
            m[i] = beta1 * m[i] + c1 * gi;
            v[i] = beta2 * v[i] + c2 * gi * gi;
            w[i] = w[i] - stepSize * m[i] / ((float) Math.sqrt(v[i]) + eps);
            g[i] = 0f;
        }
    }

    // =====================================================================================
    // Deterministic maths. The Vector API's own EXP, LOG, LOG1P and TANH call a native library
    // (SVML) once the JIT has compiled a method and Math.* lane by lane before: results that
    // differ in the last bit depending on when the compiler finished, which would make a
    // training run's bits depend on timing (and on the thread count, since each thread may be at
    // another stage). These are built from +, ×, fma, division and exponent-bit operations,
    // exact IEEE operations that give the same bits interpreted, compiled and on any thread.
    // They are Cephes' single-precision routines (S. Moshier), within 1 ulp of the correctly
    // rounded result over the float range (the tests hold them within 2 of the twins).
    //
    // Each is a pass over arrays, one loop of Vector API calls and nothing else: a vector handed
    // to a method the JIT does not inline is boxed on the heap (~30x slower), and whether it
    // inlines a vector-valued helper depends on sizes and profile counts; a loop of the API's own
    // calls it always compiles whole. Lane sums go through a small array in a fixed order
    // instead of reduceLanes, whose order is unspecified.
    // =====================================================================================

    /** x + 1.5·2²³ - 1.5·2²³ rounds |x| < 2²² to the nearest integer (ties to even). */
    private static final float ROUND = 12582912f;
    /** The bits of ROUND: the bits of ROUND + n are ROUND_BITS + n for a whole n, |n| < 2²². */
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 = LN2_HI + LN2_LO, LN2_HI with few bits so that n·LN2_HI is exact. */
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    private static final float SQRT_HALF = 0.70710678118654752440f, SQRT_TWO = 1.41421356237309504880f;
    /** Cephes expf: e^r ≈ 1 + r + r² P(r) on |r| <= ln 2 / 2, P's coefficients from r⁵ down. */
    private static final float E0 = 1.9875691500E-4f, E1 = 1.3981999507E-3f, E2 = 8.3334519073E-3f,
            E3 = 4.1665795894E-2f, E4 = 1.6666665459E-1f, E5 = 5.0000001201E-1f;
    /** Cephes logf: log(1 + t) ≈ t - t²/2 + t³ P(t) on √½ - 1 <= t <= √2 - 1, from t⁸ down. */
    private static final float L0 = 7.0376836292E-2f, L1 = -1.1514610310E-1f, L2 = 1.1676998740E-1f,
            L3 = -1.2420140846E-1f, L4 = 1.4249322787E-1f, L5 = -1.6668057665E-1f, L6 = 2.0000714765E-1f,
            L7 = -2.4999993993E-1f, L8 = 3.3333331174E-1f;
    /** Cephes tanhf: tanh x ≈ x + x³ P(x²) on |x| < 0.625, from x⁸ down. */
    private static final float T0 = -5.70498872745E-3f, T1 = 2.06390887954E-2f, T2 = -5.37397155531E-2f,
            T3 = 1.33314422036E-1f, T4 = -3.33332819422E-1f;

    /**
     * y = e^(s·x), or e^(s·|x|) when abs, for s in {1, -1, ½, 2} (exact before the exp):
     * e^v = 2^n e^r with n = round(v / ln 2), |r| <= ln 2 / 2. 2^n is applied as two factors
     * (exponent bits) so that results down to the subnormals come out right. v is first clamped
     * to [-104, 89]: below, e^v rounds to 0; above ln(MAX_VALUE) = 88.72, 2^n e^r overflows to
     * +∞ by itself. NaN propagates through the arithmetic.
     */
    static void expPass(float[] x, int xo, float[] y, int yo, int n, float s, boolean abs) {
        int bound = F.loopBound(n);
        FloatVector scale = FloatVector.broadcast(F, s);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector v = load(x, xo + i);
            v = (abs ? v.abs() : v).mul(scale).max(-104f).min(89f);
            FloatVector t = v.fma(FloatVector.broadcast(F, LOG2E), FloatVector.broadcast(F, ROUND));
            FloatVector nf = t.sub(ROUND);
            FloatVector r = nf.fma(FloatVector.broadcast(F, -LN2_HI), v);
            r = nf.fma(FloatVector.broadcast(F, -LN2_LO), r);
            FloatVector p = r.fma(FloatVector.broadcast(F, E0), FloatVector.broadcast(F, E1));
            p = p.fma(r, FloatVector.broadcast(F, E2));
            p = p.fma(r, FloatVector.broadcast(F, E3));
            p = p.fma(r, FloatVector.broadcast(F, E4));
            p = p.fma(r, FloatVector.broadcast(F, E5));
            p = p.fma(r.mul(r), r).add(1f);
            IntVector k = t.reinterpretAsInts().sub(ROUND_BITS);                      // n, in [-150, 128]
            IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
            FloatVector f1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();      // 2^k1
            FloatVector f2 = k.sub(k1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats(); // 2^(n-k1)
            p.mul(f1).mul(f2).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            float v = x[xo + i];
            y[yo + i] = (float) Math.exp(s * (abs ? Math.abs(v) : v));
        }
    }

    /**
     * y = tanh x from x and e = e^2|x|: x + x³ P(x²) for |x| < 0.625, else ±(1 - 2 / (e + 1));
     * tanh ±0 = ±0. y may alias x (not e).
     */
    static void tanhPass(float[] x, int xo, float[] e, int eo, float[] y, int yo, int n) {
        int bound = F.loopBound(n);
        FloatVector one = FloatVector.broadcast(F, 1f), minusTwo = FloatVector.broadcast(F, -2f);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector v = load(x, xo + i);
            FloatVector z = v.mul(v);
            FloatVector p = z.fma(FloatVector.broadcast(F, T0), FloatVector.broadcast(F, T1));
            p = p.fma(z, FloatVector.broadcast(F, T2));
            p = p.fma(z, FloatVector.broadcast(F, T3));
            p = p.fma(z, FloatVector.broadcast(F, T4));
            FloatVector small = p.mul(z).fma(v, v);
            FloatVector big = minusTwo.div(load(e, eo + i).add(one)).add(one);
            big = big.blend(big.neg(), v.compare(VectorOperators.LT, 0f));
            small.blend(big, v.abs().compare(VectorOperators.GE, 0.625f))
                    .blend(v, v.compare(VectorOperators.EQ, 0f)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = (float) Math.tanh(x[xo + i]);
        }
    }

    /** y = σ(x) from x and e = e^-|x|: 1/(1 + e) for x >= 0, e/(1 + e) below. */
    static void sigmoidPass(float[] x, int xo, float[] e, int eo, float[] y, int yo, int n) {
        int bound = F.loopBound(n);
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector ev = load(e, eo + i);
            one.blend(ev, load(x, xo + i).compare(VectorOperators.LT, 0f)).div(ev.add(one)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = ScalarKernels.sigmoid(x[xo + i]);
        }
    }

    /**
     * y = log(1 + e) for e in [0, 1], as softplus needs it (e = e^-|a|): u = 1 + e is in [1, 2],
     * log u = log m + (0 or ln 2) with m = u or u/2 in [√½, √2), log m = t - t²/2 + t³ P(t) with
     * t = m - 1, and the rounding of u is corrected: log(1 + e) = log u - ((u - 1) - e) / u.
     * y may alias e.
     */
    static void log1pUnitPass(float[] e, int eo, float[] y, int yo, int n) {
        int bound = F.loopBound(n);
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector ev = load(e, eo + i);
            FloatVector u = ev.add(one);
            VectorMask<Float> high = u.compare(VectorOperators.GE, SQRT_TWO);
            FloatVector t = u.blend(u.mul(0.5f), high).sub(one);                          // m - 1, exact
            FloatVector k = FloatVector.zero(F).blend(1f, high);
            FloatVector z = t.mul(t);
            FloatVector p = t.fma(FloatVector.broadcast(F, L0), FloatVector.broadcast(F, L1));
            p = p.fma(t, FloatVector.broadcast(F, L2));
            p = p.fma(t, FloatVector.broadcast(F, L3));
            p = p.fma(t, FloatVector.broadcast(F, L4));
            p = p.fma(t, FloatVector.broadcast(F, L5));
            p = p.fma(t, FloatVector.broadcast(F, L6));
            p = p.fma(t, FloatVector.broadcast(F, L7));
            p = p.fma(t, FloatVector.broadcast(F, L8));
            FloatVector w = z.fma(FloatVector.broadcast(F, -0.5f), p.mul(t).mul(z));
            w = k.fma(FloatVector.broadcast(F, LN2_LO), w);
            FloatVector log = k.fma(FloatVector.broadcast(F, LN2_HI), t.add(w));
            u.sub(one).sub(ev).div(u).neg().add(log).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = (float) Math.log1p(e[eo + i]);
        }
    }

    /**
     * y = sign · (max(sign·x, 0) + l) with l = log(1 + e^-|x|): softplus (sign 1) or log σ
     * (sign -1, as -softplus(-x)). y may alias l.
     */
    static void softplusPass(float[] x, int xo, float[] l, int lo, float[] y, int yo, int n, float sign) {
        int bound = F.loopBound(n);
        FloatVector sv = FloatVector.broadcast(F, sign);
        int i = 0;
        for (; i < bound; i += L) {
            load(x, xo + i).mul(sv).max(0f).add(load(l, lo + i)).mul(sv).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = sign * ScalarKernels.softplus(sign * x[xo + i]);
        }
    }

    /**
     * y = log x = e ln 2 + log m with x = m 2^e, m in [√½, √2), log m as in
     * {@link #log1pUnitPass}. Subnormal x are scaled by 2²³ first; log 0 = -∞, log of a negative
     * number is NaN, log ∞ = ∞.
     */
    static void logPass(float[] x, float[] y, int n) {
        int bound = F.loopBound(n);
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector v = load(x, i);
            VectorMask<Float> subnormal = v.compare(VectorOperators.LT, Float.MIN_NORMAL);
            IntVector bits = v.blend(v.mul(8388608f), subnormal).reinterpretAsInts();
            FloatVector ex = ((FloatVector) bits.lanewise(VectorOperators.LSHR, 23).sub(126)
                    .convert(VectorOperators.I2F, 0)).sub(FloatVector.zero(F).blend(23f, subnormal));
            FloatVector m = bits.and(0x807fffff).or(0x3f000000).reinterpretAsFloats();   // [0.5, 1)
            VectorMask<Float> low = m.compare(VectorOperators.LT, SQRT_HALF);
            ex = ex.sub(FloatVector.zero(F).blend(1f, low));
            FloatVector t = m.add(m.blend(0f, low.not())).sub(one);                      // 2m - 1 or m - 1
            FloatVector z = t.mul(t);
            FloatVector p = t.fma(FloatVector.broadcast(F, L0), FloatVector.broadcast(F, L1));
            p = p.fma(t, FloatVector.broadcast(F, L2));
            p = p.fma(t, FloatVector.broadcast(F, L3));
            p = p.fma(t, FloatVector.broadcast(F, L4));
            p = p.fma(t, FloatVector.broadcast(F, L5));
            p = p.fma(t, FloatVector.broadcast(F, L6));
            p = p.fma(t, FloatVector.broadcast(F, L7));
            p = p.fma(t, FloatVector.broadcast(F, L8));
            FloatVector w = z.fma(FloatVector.broadcast(F, -0.5f), p.mul(t).mul(z));
            w = ex.fma(FloatVector.broadcast(F, LN2_LO), w);
            ex.fma(FloatVector.broadcast(F, LN2_HI), t.add(w))
                    .blend(Float.NEGATIVE_INFINITY, v.compare(VectorOperators.EQ, 0f))
                    .blend(Float.NaN, v.compare(VectorOperators.LT, 0f))
                    .blend(v, v.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY).or(v.test(VectorOperators.IS_NAN)))
                    .intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = (float) Math.log(x[i]);
        }
    }

    /** The lanes of a vector (stored into a small array) summed left to right: the same bits in every mode. */
    static double sumOf(double[] lanes) {
        double s = lanes[0];
        for (int l = 1; l < lanes.length; l++) {
            s += lanes[l];
        }
        return s;
    }

    static float sumOf(float[] lanes) {
        float s = lanes[0];
        for (int l = 1; l < lanes.length; l++) {
            s += lanes[l];
        }
        return s;
    }
}
