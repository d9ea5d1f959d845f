package aevb.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The ETA of {@link Progress} on a simulated clock: warm-up, steady state, a change of speed, no budget. */
class ProgressTest {
    /** A clock the test moves by hand, in nanoseconds. */
    private static final class Clock {
        long now = 1_000_000_000L;

        void advance(double seconds) {
            now += (long) (seconds * 1e9);
        }
    }

    private final Clock clock = new Clock();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private Progress progress(long total) {
        return new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, total, 0, () -> clock.now);
    }

    /** Runs {@code seconds} at {@code rate} samples/s in steps of 100 samples; returns the samples seen after. */
    private long run(Progress p, long samples, double rate, double seconds) {
        double stepSeconds = 100 / rate;
        for (long n = Math.round(seconds * rate / 100); n > 0; n--) {
            clock.advance(stepSeconds);
            samples += 100;
            p.update(samples / 100, samples, -100, false);
        }
        return samples;
    }

    @Test
    void saysWarmingUpUntilItHasSeenTwoSecondsOfSteps() {
        Progress p = progress(1_000_000);
        // The first step takes long (JIT, data loading): an average since start-up would promise hours.
        clock.advance(3);
        p.update(1, 100, -500, false);
        assertTrue(p.line(1, 100, -500, clock.now).endsWith("warming up"), p.line(1, 100, -500, clock.now));
        long s = run(p, 100, 10_000, 1.5);
        assertTrue(p.line(s / 100, s, -200, clock.now).contains("warming up"));
        assertFalse(p.line(s / 100, s, -200, clock.now).contains("ETA"));
        s = run(p, s, 10_000, 1.0);
        String line = p.line(s / 100, s, -200, clock.now);
        assertTrue(line.contains("10,000 ex/s"), line);
    }

    @Test
    void evaluationPausesAreNotPartOfTheSpeed() {
        Progress p = progress(1_000_000);
        p.update(1, 100, -500, false);
        p.pause();
        clock.advance(10);   // step 1's evaluation on a slow machine
        p.resume();
        clock.advance(0.01);
        p.update(2, 200, -900, false);
        String line = p.line(2, 200, -900, clock.now);
        assertTrue(line.endsWith("warming up"), "two steps 10 ms apart are no speed: " + line);
        long s = 200;
        for (int i = 0; i < 10; i++) {   // 10,000 ex/s, with a 2 s evaluation every 0.5 s
            s = run(p, s, 10_000, 0.5);
            p.pause();
            clock.advance(2);
            p.resume();
        }
        assertEquals(10_000, p.recentRate(clock.now), 1e-6);
        line = p.line(s / 100, s, -200, clock.now);
        assertTrue(line.contains("10,000 ex/s") && line.contains("ETA 1m35s"), line);
    }

    @Test
    void steadyStateEtaIsTheRemainingSamplesOverTheRecentSpeed() {
        Progress p = progress(1_000_000);
        clock.advance(4); // a slow start-up that must not count
        p.update(0, 0, Double.NaN, false);
        long s = run(p, 0, 10_000, 20);
        assertEquals(200_000, s);
        assertEquals(10_000, p.recentRate(clock.now), 1e-6);
        String line = p.line(s / 100, s, -150.5, clock.now);
        assertEquals("step 2,000  samples 200,000/1,000,000 (20%)  bound -150.50 nats  10,000 ex/s  ETA 1m20s", line);
    }

    @Test
    void followsAChangeOfSpeedWithinTheWindow() {
        Progress p = progress(10_000_000);
        p.update(0, 0, Double.NaN, false);
        long s = run(p, 0, 1_000, 30);         // slow: loaded machine
        s = run(p, s, 20_000, Progress.WINDOW_SECONDS + 1); // then fast
        assertEquals(20_000, p.recentRate(clock.now), 20_000 * 0.02);
        // An evaluation pause of 1 s lowers the recent speed but does not stop it.
        clock.advance(1);
        p.update(s / 100, s, -120, true);
        double rate = p.recentRate(clock.now);
        assertTrue(rate > 10_000 && rate < 20_000, "rate " + rate);
    }

    @Test
    void anUnboundedRunHasNoEtaAndNoPercentage() {
        Progress p = progress(0);
        p.update(0, 0, Double.NaN, false);
        long s = run(p, 0, 5_000, 10);
        String line = p.line(s / 100, s, -130, clock.now);
        assertEquals("step 500  samples 50,000  bound -130.00 nats  5,000 ex/s", line);
    }

    @Test
    void anEvaluationCountsPoints() {
        Progress p = Progress.overPoints(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 1000, 10);
        assertEquals("points 0/1,000 (0%)  warming up", p.line(0, 0, Double.NaN, System.nanoTime()));
    }

    @Test
    void plainOutputPrintsForcedLinesAndThrottlesTheRest() {
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 1000, 5, () -> clock.now);
        clock.advance(1);
        p.update(1, 100, -1, false); // the first line comes at once
        p.update(2, 200, -1, false); // within 5 s of it: not drawn
        p.update(3, 300, -1, true);  // forced
        clock.advance(6);
        p.update(4, 400, -1, false);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("step 1 "), lines[0]);
        assertTrue(lines[1].startsWith("step 3 "), lines[1]);
        assertTrue(lines[2].startsWith("step 4 "), lines[2]);
        assertEquals(7.0, p.elapsedSeconds(), 1e-9);
    }
}
