package aevb.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class AxisTest {
    private static List<Axis.Tick> majors(Axis a) {
        return a.ticks().stream().filter(Axis.Tick::major).toList();
    }

    @Test
    void logAxisHasATickAtEachPowerOfTen() {
        Axis a = Axis.log10(0.8e5, 1.2e8);
        List<Axis.Tick> major = majors(a);
        assertEquals(List.of(1e5, 1e6, 1e7, 1e8), major.stream().map(Axis.Tick::value).toList());
        assertEquals(List.of("10^5", "10^6", "10^7", "10^8"), major.stream().map(Axis.Tick::plain).toList());
        assertEquals("10", major.get(0).text());
        assertEquals("5", major.get(0).exponent());
        // minor ticks 2..9 x 10^k, unlabelled, inside the range
        List<Double> minor = a.ticks().stream().filter(t -> !t.major()).map(Axis.Tick::value).toList();
        assertTrue(minor.contains(2e5) && minor.contains(9e7));
        assertFalse(minor.contains(2e8), "1.2e8 is the end of the axis");
        assertTrue(a.ticks().stream().filter(t -> !t.major()).allMatch(t -> t.plain().isEmpty()));
    }

    @Test
    void logAxisMapsDecadesToEqualSteps() {
        Axis a = Axis.log10(1e4, 1e8);
        assertEquals(0.0, a.toUnit(1e4), 1e-12);
        assertEquals(0.25, a.toUnit(1e5), 1e-12);
        assertEquals(0.5, a.toUnit(1e6), 1e-12);
        assertEquals(1.0, a.toUnit(1e8), 1e-12);
        assertEquals(Math.log10(3) / 4, a.toUnit(3e4), 1e-12);
        assertTrue(Double.isNaN(a.toUnit(0)));
        assertTrue(Double.isNaN(a.toUnit(-5)));
        assertTrue(Double.isNaN(a.toUnit(Double.NaN)));
        assertTrue(Double.isNaN(a.toUnit(Double.POSITIVE_INFINITY)));
    }

    @Test
    void narrowLogAxisLabelsOneTwoAndFive() {
        Axis a = Axis.log10(1.5e5, 8e5);
        List<Axis.Tick> major = majors(a);
        assertEquals(List.of(2e5, 5e5), major.stream().map(Axis.Tick::value).toList());
        assertEquals("2\u00d710", major.get(0).text());
        assertEquals("5", major.get(0).exponent());
    }

    @Test
    void wideLogAxisThinsItsLabels() {
        List<Axis.Tick> major = majors(Axis.log10(1, 1e30));
        assertTrue(major.size() <= 9 && major.size() >= 4, "labels: " + major.size());
        assertEquals(1.0, major.get(0).value());
    }

    @Test
    void linearTicksAreNiceAndLabelledExactly() {
        Axis a = Axis.linear(-152.5, -97.5);
        assertEquals(List.of("-150", "-140", "-130", "-120", "-110", "-100"), majors(a).stream().map(Axis.Tick::plain).toList());
        assertEquals(List.of("0", "0.2", "0.4", "0.6", "0.8", "1.0"),
                majors(Axis.linear(0, 1)).stream().map(Axis.Tick::plain).toList());
        assertEquals(List.of("-0.3", "-0.2", "-0.1", "0", "0.1", "0.2", "0.3"),
                majors(Axis.linear(-0.3, 0.3)).stream().map(Axis.Tick::plain).toList());
        assertEquals("2e6", Axis.format(2, 1e6));
        assertEquals("1.00001e6", Axis.format(100001, 10));
        assertEquals("5e-5", Axis.format(5, 1e-5));
        assertEquals("-1.5e7", Axis.format(-15, 1e6));
        assertEquals(0.5, Axis.linear(-2, 2).toUnit(0), 1e-15);
        assertTrue(Double.isNaN(Axis.linear(0, 1).toUnit(Double.NaN)));
    }

    @Test
    void fitIgnoresWhatCannotBeShown() {
        double[] xs = {1e5, Double.NaN, 1e7, Double.POSITIVE_INFINITY, 0, -3};
        Axis log = Axis.fit(Axis.Scale.LOG10, 0.0, xs);
        assertEquals(1e5, log.min, 1e-6);
        assertEquals(1e7, log.max, 1e-3);
        Axis lin = Axis.fit(Axis.Scale.LINEAR, 0.1, xs);
        assertEquals(-3 - 0.1 * (1e7 + 3), lin.min, 1e-6);
        // a single value and nothing at all still give usable axes
        Axis one = Axis.fit(Axis.Scale.LINEAR, 0.05, new double[] {-100});
        assertTrue(one.min < -100 && one.max > -100);
        Axis none = Axis.fit(Axis.Scale.LOG10, 0.05, new double[] {Double.NaN, -1});
        assertEquals(1, none.min, 1e-12);
        assertEquals(10, none.max, 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Axis.log10(0, 10));
        assertThrows(IllegalArgumentException.class, () -> Axis.linear(2, 1));
    }

    @Property
    void linearTicksAreFewNiceAndInside(@ForAll @DoubleRange(min = -1e6, max = 1e6) double a,
                                        @ForAll @DoubleRange(min = 0.01, max = 1e6) double span) {
        Axis axis = Axis.linear(a, a + span);
        Assume.that(axis.max > axis.min);
        List<Axis.Tick> ticks = axis.ticks();
        assertTrue(ticks.size() >= 3 && ticks.size() <= 11, ticks.size() + " ticks on " + axis.min + ".." + axis.max);
        double step = ticks.get(1).value() - ticks.get(0).value();
        // step is a difference of tick values up to 1e6: it carries a relative error of ~1e-16·1e6/step
        double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-6));
        assertTrue(Math.abs(mantissa - 1) < 1e-6 || Math.abs(mantissa - 2) < 1e-6 || Math.abs(mantissa - 5) < 1e-6,
                "step " + step);
        for (Axis.Tick t : ticks) {
            double u = axis.toUnit(t.value());
            assertTrue(u >= -1e-6 && u <= 1 + 1e-6, "tick " + t.value() + " outside the axis");
            assertFalse(t.plain().startsWith("-0") && Double.parseDouble(t.plain()) == 0, "no negative zero");
            assertEquals(t.value(), Double.parseDouble(t.plain()), Math.abs(step) * 1e-3, "label matches value");
        }
    }

    @Property
    void logMajorTicksMapToEquallySpacedPositions(@ForAll @DoubleRange(min = -20, max = 20) double lo,
                                                  @ForAll @DoubleRange(min = 2, max = 9) double decades) {
        Axis axis = Axis.log10(Math.pow(10, lo), Math.pow(10, lo + decades));
        List<Axis.Tick> major = majors(axis);
        assertTrue(major.size() >= 2);
        double gap = axis.toUnit(major.get(1).value()) - axis.toUnit(major.get(0).value());
        for (int i = 1; i < major.size(); i++) {
            assertEquals(gap, axis.toUnit(major.get(i).value()) - axis.toUnit(major.get(i - 1).value()), 1e-9);
            assertEquals(Math.log10(major.get(i).value()), Integer.parseInt(major.get(i).exponent()), 1e-9);
        }
    }
}
