package aevb.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NormalCdfTest {
    /** Relative error, with a floor so that exact zeros compare. */
    private static void close(double expected, double actual, double rel) {
        assertEquals(expected, actual, rel * Math.abs(expected) + 1e-300, () -> "expected " + expected);
    }

    @Test
    void erfcMatchesReferenceValuesInBothRegionsAndTheTails() {
        // Reference values of erfc (20 digits, e.g. Abramowitz & Stegun table 7.1 / any CAS).
        close(1.0, NormalCdf.erfc(0), 1e-15);
        close(0.47950012218695346232, NormalCdf.erfc(0.5), 2e-15);
        close(0.15729920705028513066, NormalCdf.erfc(1), 2e-15);
        close(0.033894853524689272, NormalCdf.erfc(1.5), 2e-15); // the switch point
        close(0.0046777349810472658379, NormalCdf.erfc(2), 2e-15);
        close(2.2090496998585441373e-5, NormalCdf.erfc(3), 2e-15);
        close(1.5374597944280348502e-12, NormalCdf.erfc(5), 2e-15);
        close(2.0884875837625447570e-45, NormalCdf.erfc(10), 1e-13);
        close(1.8427007929497148693, NormalCdf.erfc(-1), 2e-15);
        assertEquals(0.0, NormalCdf.erfc(30));
        assertEquals(2.0, NormalCdf.erfc(-30));
    }

    @Test
    void erfIsContinuousAcrossTheSwitchPoint() {
        double below = NormalCdf.erfc(Math.nextDown(1.5));
        double above = NormalCdf.erfc(1.5);
        close(above, below, 1e-14);
    }

    @Test
    void phiHasItsKnownValues() {
        assertEquals(0.5, NormalCdf.phi(0), 1e-16);
        close(0.97500210485177952, NormalCdf.phi(1.96), 1e-15);
        close(0.84134474606854293, NormalCdf.phi(1), 1e-15);
        close(0.15865525393145707, NormalCdf.phi(-1), 1e-14);
        close(2.8665157187919391e-7, NormalCdf.phi(-5), 1e-13);
    }
}
