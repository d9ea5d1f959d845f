package aevb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aevb.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DatasetTest {
    private static Dataset small() {
        byte[] px = new byte[5 * 6];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 8);
        }
        return Dataset.fromBytes("t", 5, 2, 3, px, 255, new int[] {0, 1, 2, 3, 4});
    }

    @Test
    void bytesBecomeIntensitiesInZeroOne() {
        Dataset d = Dataset.fromBytes("t", 1, 1, 3, new byte[] {0, (byte) 128, (byte) 255}, 255, null);
        assertArrayEquals(new float[] {0f, 128 / 255f, 1f}, d.images());
        assertEquals(3, d.dim());
        assertTrue(!d.hasLabels());
    }

    @Test
    void copyBatchGathersRowsByIndexIntoTheCallersBuffer() {
        Dataset d = small();
        float[] dst = new float[3 * 6];
        int[] order = {4, 0, 2, 1, 3};
        d.copyBatch(order, 1, 3, dst); // images 0, 2, 1
        for (int r = 0; r < 3; r++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(d.images()[order[1 + r] * 6 + j], dst[r * 6 + j]);
            }
        }
        Tensor t = new Tensor(2, 6);
        d.copyBatch(order, 0, t);
        assertEquals(d.images()[4 * 6 + 5], t.get(0, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> d.copyBatch(order, 4, 2, dst));
    }

    @Test
    void sliceKeepsLabelsAligned() {
        Dataset s = small().slice("s", 2, 4);
        assertEquals(2, s.size());
        assertArrayEquals(new int[] {2, 3}, s.labels());
        assertEquals(small().images()[2 * 6], s.images()[0]);
    }

    @Test
    void binarizationParsesFlagsAndNamesTheChoices() {
        assertEquals(Binarization.DYNAMIC, Binarization.parse("Dynamic"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Binarization.parse("yes"));
        assertTrue(e.getMessage().contains("use none"), e.getMessage());
    }

    @Property(tries = 30)
    void dynamicBinarizationIsAPureFunctionOfSeedEpochAndIndex(@ForAll long seed, @ForAll @IntRange(max = 1000) int epoch) {
        Dataset d = small();
        float[] a = new float[2 * 6];
        float[] b = new float[2 * 6];
        d.copyBatch(new int[] {3, 1}, 0, 2, a);
        d.copyBatch(new int[] {1, 3}, 0, 2, b);
        Binarization.DYNAMIC.apply(a, 2, 6, new int[] {3, 1}, 0, seed, epoch);
        Binarization.DYNAMIC.apply(b, 2, 6, new int[] {1, 3}, 0, seed, epoch);
        for (int j = 0; j < 6; j++) {
            assertEquals(a[j], b[6 + j]); // image 3 drawn the same in whatever batch position
            assertEquals(a[6 + j], b[j]);
            assertTrue(a[j] == 0f || a[j] == 1f);
        }
    }

    @Test
    void drawsAreBernoulliWithTheIntensityAsProbabilityAndChangeEachEpochUnlessFixed() {
        int n = 2000;
        int dim = 50;
        float[] x = new float[n * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % dim) / (float) (dim - 1); // probabilities 0 .. 1 by column
        }
        Dataset d = new Dataset("p", n, 1, dim, x, null);
        Dataset e0 = Binarization.DYNAMIC.applyTo(d, 7, 0);
        Dataset e1 = Binarization.DYNAMIC.applyTo(d, 7, 1);
        Dataset f0 = Binarization.FIXED.applyTo(d, 7, 0);
        Dataset f1 = Binarization.FIXED.applyTo(d, 7, 1);
        for (int j = 0; j < dim; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += e0.images()[i * dim + j];
            }
            mean /= n;
            double p = j / (double) (dim - 1);
            // binomial standard error is at most 0.5 / sqrt(2000) = 0.011; 5 of them
            assertEquals(p, mean, 0.056, "column " + j);
        }
        assertNotEquals(java.util.Arrays.hashCode(e0.images()), java.util.Arrays.hashCode(e1.images()));
        assertArrayEquals(f0.images(), f1.images());
        assertTrue(Binarization.NONE.applyTo(d, 7, 0) == d);
    }
}
