package aevb.bench;

import java.util.Arrays;

/**
 * How fast a call runs, the way both benchmarks measure it: warm up until the rate stops
 * improving (the JIT has compiled the code), then time several windows and report the median,
 * min and max of their rates. The spread shows how much other work on the machine got in the way.
 */
final class Throughput {
    private Throughput() {}

    /** Rates in units of work per second; {@code calls}: how many calls the timed windows made. */
    record Rates(double median, double min, double max, long calls) {}

    /**
     * Warm-up in windows of {@code window} seconds: at least {@code least} seconds, then until the
     * rate has not grown by the fraction {@code gain} for 3 windows in a row, at most {@code most}.
     */
    record Warmup(double least, double most, double window, double gain) {}

    /** Warms up, then times {@code windows} windows of {@code seconds} each; {@code work} is one call's. */
    static Rates measure(Runnable call, double work, Warmup warmup, int windows, double seconds) {
        long start = System.nanoTime();
        double best = 0;
        int flat = 0;
        while (true) {
            double rate = window(call, work, warmup.window())[0];
            if (rate > best * (1 + warmup.gain())) {
                best = rate;
                flat = 0;
            } else {
                flat++;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (elapsed >= warmup.least() && flat >= 3 || elapsed > warmup.most()) {
                break;
            }
        }
        double[] rates = new double[windows];
        long calls = 0;
        for (int w = 0; w < windows; w++) {
            double[] r = window(call, work, seconds);
            rates[w] = r[0];
            calls += (long) r[1];
        }
        Arrays.sort(rates);
        return new Rates(rates[windows / 2], rates[0], rates[windows - 1], calls);
    }

    /** Calls for about {@code seconds} (at least once); returns {work per second, calls}. */
    private static double[] window(Runnable call, double work, double seconds) {
        long calls = 0;
        long start = System.nanoTime();
        long stop = start + (long) (seconds * 1e9);
        long now;
        do {
            call.run();
            calls++;
            now = System.nanoTime();
        } while (now < stop);
        return new double[] {work * calls * 1e9 / (now - start), calls};
    }
}
