package aevb.tensor;

/**
 * A range of items cut in chunks of whole units (rows, or L-wide column blocks, or L-long
 * element blocks), two per thread, each chunk handed to {@link #body}: how the fused and the
 * optimiser kernels share their work out over {@link Parallel}. Each chunk is a fixed range
 * computed in a fixed order, so the results do not depend on the thread count. A job object is
 * reused per calling thread: a call allocates nothing.
 */
abstract class RangeJob implements Parallel.Chunk {
    /** Below this many elements a fused kernel stays on the calling thread. */
    static final int PARALLEL_MIN_ELEMENTS = 1 << 14;
    private static volatile int parallelMinElements = PARALLEL_MIN_ELEMENTS;

    /** Tests lower the threshold to send small shapes through the threaded path. */
    static void parallelMinElements(int n) {
        parallelMinElements = n;
    }

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
