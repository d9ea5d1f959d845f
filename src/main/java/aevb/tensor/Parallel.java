package aevb.tensor;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A tiny fixed thread pool for the kernels: {@code run(chunks, body)} runs {@code body.run(c)}
 * once for every chunk {@code c} in {@code [0, chunks)}, on the calling thread and the pool's
 * daemon workers, and returns when all chunks are done.
 *
 * <p>Why not an {@code ExecutorService}: a training step calls the kernels ~20 times and runs
 * hundreds of steps a second, so a dispatch must cost microseconds and allocate nothing. A call
 * publishes its job by bumping a generation counter; idle workers spin on it for a short while
 * (then park), claim chunks with one compare-and-set each, and the caller claims chunks too. A
 * worker that wakes late simply finds nothing left: the caller has done its share.
 *
 * <p>Determinism is the caller's side of the bargain: a chunk must compute a fixed part of the
 * output in a fixed order, so which thread runs it does not change a single bit.
 *
 * <p>The thread count defaults to the number of cores; {@code -Daevb.threads=N} or
 * {@link #setThreads(int)} change it. A call made while the pool is busy (another caller, or a
 * chunk calling back into the kernels) simply runs all its chunks on the calling thread.
 */
public final class Parallel {

    /** The work of one chunk. */
    @FunctionalInterface
    public interface Chunk {
        void run(int chunk);
    }

    /**
     * How long an idle worker spins before it parks: longer than the gaps between the GEMMs of a
     * training step, short enough not to hold a core that other work could use.
     */
    private static final long SPIN_NANOS = 100_000;

    private static volatile Pool pool = new Pool(defaultThreads());

    /** The most chunks one call shares out (16 bits of the ticket); more run on the caller. */
    static final int MAX_CHUNKS = 0xffff;

    private Parallel() {}

    /** The number of threads a parallel call uses, the caller included. */
    public static int threads() {
        return pool.threads;
    }

    /** Resizes the pool (n >= 1); 1 means every call runs on the calling thread. */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + n);
        }
        if (n == pool.threads) {
            return;
        }
        Pool old = pool;
        pool = new Pool(n);
        old.shutdown();
    }

    /** Runs {@code body.run(c)} for c in [0, chunks), each exactly once, and waits for all. */
    public static void run(int chunks, Chunk body) {
        Pool p = pool;
        if (chunks <= 1 || chunks > MAX_CHUNKS || p.threads == 1 || !p.busy.compareAndSet(false, true)) {
            for (int c = 0; c < chunks; c++) {
                body.run(c);
            }
            return;
        }
        try {
            p.dispatch(chunks, body);
        } finally {
            p.busy.set(false);
        }
    }

    private static int defaultThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        String s = System.getProperty("aevb.threads");
        if (s == null || s.isBlank()) {
            return cores;
        }
        try {
            int n = Integer.parseInt(s.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("-Daevb.threads=" + s + ": expected a whole number >= 1");
    }

    private static final class Pool {
        final int threads;
        final Worker[] workers;
        /** Caller-held while a job runs: one job at a time. */
        final AtomicBoolean busy = new AtomicBoolean();
        /**
         * (generation << 32) | (chunks << 16) | next unclaimed chunk; a claim is one CAS on it.
         * The chunk count travels in the ticket, not beside it: a claimer that read the ticket of
         * a finished job must not compare it with the next job's count (it would then win a CAS
         * on the old ticket and run a chunk of the new job twice).
         */
        final AtomicLong ticket = new AtomicLong();
        final AtomicInteger done = new AtomicInteger();
        volatile boolean shutdown;
        volatile Throwable failure;
        // The job: plain fields, published to the workers by the volatile write of ticket.
        Chunk body;
        int generation;

        Pool(int threads) {
            this.threads = threads;
            workers = new Worker[threads - 1];
            for (int w = 0; w < workers.length; w++) {
                workers[w] = new Worker(this, w + 1);
                workers[w].start();
            }
        }

        void dispatch(int n, Chunk job) {
            body = job;
            failure = null;
            done.set(0);
            int g = ++generation;
            ticket.set((long) g << 32 | (long) n << 16);
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            claim(g);
            while (done.get() < n) {
                Thread.onSpinWait();
            }
            body = null;
            Throwable t = failure;
            if (t != null) {
                failure = null;
                if (t instanceof RuntimeException r) {
                    throw r;
                }
                if (t instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException(t);
            }
        }

        /**
         * Claims and runs chunks of generation g until none is left. A stale claimer (its job
         * already finished) fails the CAS, because the ticket has moved on; a successful claim
         * means the job is still running, so body is still this job's.
         */
        void claim(int g) {
            while (true) {
                long t = ticket.get();
                int next = (int) (t & 0xffff), chunks = (int) (t >>> 16 & 0xffff);
                if ((int) (t >>> 32) != g || next >= chunks) {
                    return;
                }
                if (!ticket.compareAndSet(t, t + 1)) {
                    continue;
                }
                try {
                    body.run(next);
                } catch (Throwable e) {
                    if (failure == null) {
                        failure = e;
                    }
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        void shutdown() {
            shutdown = true;
            for (Worker w : workers) {
                LockSupport.unpark(w);
            }
        }
    }

    private static final class Worker extends Thread {
        final Pool pool;
        volatile boolean parked;

        Worker(Pool pool, int index) {
            super("aevb-parallel-" + index);
            this.pool = pool;
            setDaemon(true);
        }

        @Override
        public void run() {
            int seen = (int) (pool.ticket.get() >>> 32);
            while (!pool.shutdown) {
                int g = (int) (pool.ticket.get() >>> 32);
                if (g != seen) {
                    seen = g;
                    pool.claim(g);
                    continue;
                }
                if (spinFor(seen)) {
                    continue;
                }
                // Park; the caller unparks us when it sees parked set after its ticket write,
                // and the re-check below catches a job published before parked was set.
                parked = true;
                if ((int) (pool.ticket.get() >>> 32) == seen && !pool.shutdown) {
                    LockSupport.park(this);
                }
                parked = false;
            }
        }

        /** Spins until a new generation appears (true) or the spin budget runs out (false). */
        private boolean spinFor(int seen) {
            long start = System.nanoTime();
            while (true) {
                for (int i = 0; i < 256; i++) {
                    if ((int) (pool.ticket.get() >>> 32) != seen || pool.shutdown) {
                        return true;
                    }
                    Thread.onSpinWait();
                }
                if (System.nanoTime() - start > SPIN_NANOS) {
                    return false;
                }
            }
        }
    }
}
