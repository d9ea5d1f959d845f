package aevb.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ManifoldTest {
    @Test
    void midpointsAndLinspace() {
        assertArrayEquals(new double[] {0.125, 0.375, 0.625, 0.875}, Manifold.midpoints(4), 1e-15);
        assertArrayEquals(new double[] {0.05, 0.5, 0.95}, Manifold.linspace(0.05, 0.95, 3), 1e-15);
        assertArrayEquals(new double[] {0.5}, Manifold.midpoints(1), 0);
        assertThrows(IllegalArgumentException.class, () -> Manifold.linspace(0, 0.9, 3));
        assertThrows(IllegalArgumentException.class, () -> Manifold.grid(0));
    }

    @Test
    void columnsRaiseZ1AndRowsLowerZ2() {
        int k = 5;
        double[][][] z = Manifold.grid(k);
        assertEquals(k, z.length);
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                if (c > 0) assertTrue(z[r][c][0] > z[r][c - 1][0], "z1 ascends left to right");
                if (c > 0) assertEquals(z[r][c - 1][1], z[r][c][1], "z2 constant along a row");
                if (r > 0) assertTrue(z[r][c][1] < z[r - 1][c][1], "z2 descends top to bottom");
                if (r > 0) assertEquals(z[r - 1][c][0], z[r][c][0], "z1 constant down a column");
            }
        }
        // the centre cell of an odd grid is the origin; the top-left corner is (-, +)
        assertEquals(0.0, z[2][2][0], 1e-15);
        assertEquals(0.0, z[2][2][1], 1e-15);
        assertEquals(InverseNormalCdf.apply(0.1), z[0][0][0], 1e-15);
        assertEquals(InverseNormalCdf.apply(0.9), z[0][0][1], 1e-15);
    }

    @Test
    void gridIsSymmetricAboutTheOrigin() {
        double[][][] z = Manifold.grid(Manifold.linspace(0.05, 0.95, 20));
        assertEquals(-1.6448536269514722, z[0][0][0], 1e-12);
        assertEquals(1.6448536269514722, z[0][0][1], 1e-12);
        assertEquals(-z[0][0][0], z[19][19][0], 1e-12);
        assertEquals(-z[0][0][1], z[19][19][1], 1e-12);
    }

    @Test
    void matrixIsInReadingOrder() {
        double[][][] z = Manifold.grid(3);
        float[] m = Manifold.asMatrix(z);
        assertEquals(18, m.length);
        int r = 1, c = 2;
        assertEquals((float) z[r][c][0], m[2 * (r * 3 + c)]);
        assertEquals((float) z[r][c][1], m[2 * (r * 3 + c) + 1]);
    }
}
