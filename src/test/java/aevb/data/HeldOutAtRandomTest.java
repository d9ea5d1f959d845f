package aevb.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeldOutAtRandomTest {

    /** Image i is the constant i / n, so an image says where it came from. */
    static DataSplits numbered(int train, int test) {
        int n = train + test;
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = x[2 * i + 1] = i / (float) n;
            y[i] = i % 10;
        }
        Dataset all = new Dataset("toy", n, 1, 2, x, y);
        return new DataSplits("toy", all.slice("toy/train", 0, train), null, all.slice("toy/test", train, n), Map.of());
    }

    @Test
    void everyImageLandsInExactlyOneSplitInItsOriginalOrder() {
        DataSplits s = numbered(90, 30).heldOutAtRandom(30, 7);
        assertEquals(90, s.train().size());
        assertEquals(30, s.test().size());
        assertEquals("toy/test-random", s.test().name());
        Set<Float> seen = new HashSet<>();
        for (Dataset d : new Dataset[] {s.train(), s.test()}) {
            float last = -1;
            for (int i = 0; i < d.size(); i++) {
                float v = d.images()[2 * i];
                assertTrue(v > last, "original order kept");
                last = v;
                assertTrue(seen.add(v), "image used twice");
                assertEquals(Math.round(v * 120) % 10, d.label(i), "labels travel with their images");
            }
        }
        assertEquals(120, seen.size());
    }

    @Test
    void theSplitIsAFunctionOfTheSeedAndNotTheLastBlock() {
        DataSplits a = numbered(90, 30).heldOutAtRandom(30, 7);
        DataSplits b = numbered(90, 30).heldOutAtRandom(30, 7);
        DataSplits c = numbered(90, 30).heldOutAtRandom(30, 8);
        assertArrayEquals(a.test().images(), b.test().images());
        assertFalse(java.util.Arrays.equals(a.test().images(), c.test().images()));
        int fromTrainBlock = 0;
        for (int i = 0; i < 30; i++) {
            if (a.test().images()[2 * i] < 90 / 120f) fromTrainBlock++;
        }
        assertTrue(fromTrainBlock > 10, "a random draw takes most of its images from the old training block: " + fromTrainBlock);
    }

    @Test
    void refusesToHoldOutNothingOrEverything() {
        assertThrows(IllegalArgumentException.class, () -> numbered(90, 30).heldOutAtRandom(0, 1));
        assertThrows(IllegalArgumentException.class, () -> numbered(90, 30).heldOutAtRandom(120, 1));
    }
}
