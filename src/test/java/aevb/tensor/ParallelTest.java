package aevb.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

class ParallelTest {
    private static final int DEFAULT_THREADS = Parallel.threads();

    @AfterContainer
    static void restoreThreads() {
        Parallel.setThreads(DEFAULT_THREADS);
    }

    /** Every chunk runs exactly once per call, over many back-to-back calls. */
    @Property(tries = 60)
    void everyChunkRunsExactlyOnce(@ForAll @IntRange(min = 0, max = 40) int chunks,
                                   @ForAll @IntRange(min = 1, max = 4) int threads) {
        Parallel.setThreads(threads);
        AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(chunks, 1));
        int calls = 50;
        for (int i = 0; i < calls; i++) {
            Parallel.run(chunks, runs::incrementAndGet);
        }
        for (int c = 0; c < chunks; c++) {
            assertEquals(calls, runs.get(c), "chunk " + c + " of " + chunks + " on " + threads + " threads");
        }
    }

    /**
     * Back-to-back calls whose chunk counts grow and shrink: a worker still looking at the last
     * call's ticket must not claim a chunk of the next one (it once could, when the count was
     * read beside the ticket: a GEMM chunk then ran twice and added its product twice).
     */
    @Example
    void aStaleClaimerNeverRunsAChunkOfTheNextCall() {
        Parallel.setThreads(2);
        int calls = 100_000, most = 5;
        AtomicIntegerArray runs = new AtomicIntegerArray(calls * most);
        for (int i = 0; i < calls; i++) {
            int base = i * most;
            Parallel.run(1 + i % most, c -> runs.incrementAndGet(base + c));
        }
        for (int i = 0; i < calls; i++) {
            for (int c = 0; c < most; c++) {
                int expected = c < 1 + i % most ? 1 : 0;
                assertEquals(expected, runs.get(i * most + c), "call " + i + ", chunk " + c);
            }
        }
    }

    @Example
    void aFailingChunkFailsTheCallAndThePoolKeepsWorking() {
        Parallel.setThreads(2);
        IllegalStateException boom = new IllegalStateException("boom");
        for (int bad = 0; bad < 4; bad++) {
            int b = bad;
            RuntimeException e = assertThrows(RuntimeException.class, () -> Parallel.run(4, c -> {
                if (c == b) {
                    throw boom;
                }
            }));
            assertSame(boom, e);
        }
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        Parallel.run(4, runs::incrementAndGet);
        for (int c = 0; c < 4; c++) {
            assertEquals(1, runs.get(c));
        }
    }

    @Example
    void aNestedCallRunsOnTheCallingThread() {
        Parallel.setThreads(2);
        AtomicIntegerArray inner = new AtomicIntegerArray(3 * 5);
        Parallel.run(3, outer -> Parallel.run(5, i -> inner.incrementAndGet(outer * 5 + i)));
        for (int i = 0; i < 15; i++) {
            assertEquals(1, inner.get(i));
        }
    }

    @Example
    void concurrentCallersEachGetAllTheirChunks() throws InterruptedException {
        Parallel.setThreads(2);
        int callers = 4, calls = 300, chunks = 7;
        AtomicIntegerArray runs = new AtomicIntegerArray(callers * chunks);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < callers; t++) {
            int base = t * chunks;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < calls; i++) {
                    Parallel.run(chunks, c -> runs.incrementAndGet(base + c));
                }
            }));
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
        for (int i = 0; i < callers * chunks; i++) {
            assertEquals(calls, runs.get(i), "slot " + i);
        }
    }

    @Example
    void workersAreDaemonsAndTheCountIsValidated() {
        Parallel.setThreads(3);
        assertEquals(3, Parallel.threads());
        boolean sawWorker = false;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("aevb-parallel-") && t.isAlive()) {
                sawWorker = true;
                assertTrue(t.isDaemon(), t.getName() + " must be a daemon thread");
            }
        }
        assertTrue(sawWorker);
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }
}
