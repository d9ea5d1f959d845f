package aevb.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The shutdown hook of a training command. Ctrl-C (SIGINT) or SIGTERM runs {@code stop}, which
 * makes the run's loop stop before its next step and write its checkpoint, and then waits (at
 * most 10 s) for the main thread's last words: the JVM halts as soon as its hooks return.
 */
final class LastWords extends Thread {
    private final Runnable stop;
    private final CountDownLatch said = new CountDownLatch(1);

    /** Registers the hook. */
    static LastWords register(Runnable stop) {
        LastWords w = new LastWords(stop);
        Runtime.getRuntime().addShutdownHook(w);
        return w;
    }

    private LastWords(Runnable stop) {
        super("aevb-stop");
        this.stop = stop;
    }

    @Override
    public void run() {
        stop.run();
        try {
            said.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The main thread has printed what it had to (or failed); also unregisters the hook when not shutting down. */
    void said() {
        said.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(this);
        } catch (IllegalStateException e) {
            // the JVM is shutting down (Ctrl-C): this hook is running and now returns
        }
    }
}
