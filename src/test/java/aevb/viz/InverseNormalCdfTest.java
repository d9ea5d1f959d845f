package aevb.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class InverseNormalCdfTest {
    @Test
    void knownQuantiles() {
        assertEquals(0.0, InverseNormalCdf.apply(0.5), 0.0);
        assertEquals(1.959963984540054, InverseNormalCdf.apply(0.975), 1e-12);
        assertEquals(1.6448536269514722, InverseNormalCdf.apply(0.95), 1e-12);
        assertEquals(2.3263478740408408, InverseNormalCdf.apply(0.99), 1e-12);
        assertEquals(-1.2815515655446004, InverseNormalCdf.apply(0.1), 1e-12);
        assertEquals(-6.3613409024040557, InverseNormalCdf.apply(1e-10), 1e-11); // middle tail
        assertEquals(-9.262340089798408, InverseNormalCdf.apply(1e-20), 1e-12); // far tail
    }

    @Test
    void endpointsAndBadInput() {
        assertEquals(Double.NEGATIVE_INFINITY, InverseNormalCdf.apply(0));
        assertEquals(Double.POSITIVE_INFINITY, InverseNormalCdf.apply(1));
        assertThrows(IllegalArgumentException.class, () -> InverseNormalCdf.apply(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> InverseNormalCdf.apply(-0.1));
        assertThrows(IllegalArgumentException.class, () -> InverseNormalCdf.apply(1.5));
    }

    /**
     * The coefficients are copied by hand: check each region against Wichura's printed hash sums,
     * the sum of the coefficients' mantissas (each scaled into [1, 10)), leading 1 left out.
     */
    @Test
    void coefficientsMatchTheHashSumsOfAS241() {
        assertEquals(55.88319_28806_14901_4439, hashSum(InverseNormalCdf.A, InverseNormalCdf.B), 1e-13);
        assertEquals(49.33206_50330_16102_89036, hashSum(InverseNormalCdf.C, InverseNormalCdf.D), 1e-13);
        assertEquals(47.52583_31754_92896_71629, hashSum(InverseNormalCdf.E, InverseNormalCdf.F), 1e-13);
    }

    private static double hashSum(double[] num, double[] den) {
        double s = -1.0; // the leading 1 of the denominator is not part of the sum
        for (double[] coefficients : new double[][] {num, den}) {
            for (double c : coefficients) {
                s += c / Math.pow(10, Math.floor(Math.log10(c)));
            }
        }
        return s;
    }

    /** p = 10^log10p covers the tails as well as the centre. */
    @Property
    void roundTripThroughPhi(@ForAll @DoubleRange(min = -12, max = -0.302) @Scale(6) double log10p,
                             @ForAll boolean upperTail) {
        double p = Math.pow(10, log10p);
        double z = InverseNormalCdf.apply(upperTail ? 1 - p : p);
        // compare in the tail probability p, where the relative error is meaningful
        double back = upperTail ? NormalCdf.phi(-z) : NormalCdf.phi(z);
        // 1 - p is rounded by up to 1.1e-16 absolutely; that limits the upper tail's accuracy
        double tolerance = 1e-9 * p + (upperTail ? 1e-15 : 0);
        assertEquals(p, back, tolerance);
    }

    /** Down to p = 1e-6 only: below that, 1 - p itself is rounded by more than the tolerance. */
    @Property
    void symmetric(@ForAll @DoubleRange(min = -6, max = -0.302) @Scale(6) double log10p) {
        double p = Math.pow(10, log10p);
        assertEquals(-InverseNormalCdf.apply(p), InverseNormalCdf.apply(1 - p), 1e-9);
    }

    /** Up to z = 5 only: above, Φ(z) is so close to 1 that its double has too few digits left. */
    @Property
    void roundTripFromZ(@ForAll @DoubleRange(min = -8, max = 5) @Scale(6) double z) {
        assertEquals(z, InverseNormalCdf.apply(NormalCdf.phi(z)), 1e-9 * (1 + Math.abs(z)));
    }

    @Property
    void increasing(@ForAll @DoubleRange(min = -12, max = -0.001) @Scale(6) double log10p) {
        double p = Math.pow(10, log10p);
        double q = p * 1.0001;
        assertTrue(InverseNormalCdf.apply(q) > InverseNormalCdf.apply(p));
    }
}
