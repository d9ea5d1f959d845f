package aevb.infer;

import static org.junit.jupiter.api.Assertions.*;

import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Interpolation's ends are the reconstructions; a traversal moves only its dimension. */
class RepresentationTest {

    @Test
    void interpolationEndpointsDecodeToTheReconstructions() {
        Vae vae = InferFixtures.model();
        Tensor x = InferFixtures.images(2, 5);
        Tensor recon = Codes.reconstruction(vae, x);
        for (Interpolation.Path path : Interpolation.Path.values()) {
            Tensor walk = Interpolation.between(vae, path, x.rowSlice(0, 1), x.rowSlice(1, 2), 7);
            assertEquals(7, walk.rows);
            for (int j = 0; j < x.cols; j++) {
                assertEquals(recon.get(0, j), walk.get(0, j), 1e-5f, path + " start pixel " + j);
                assertEquals(recon.get(1, j), walk.get(6, j), 1e-5f, path + " end pixel " + j);
            }
        }
    }

    @Test
    void theGreatCircleKeepsTheNormBetweenTheEnds() {
        float[] a = {3, 0, 0}, b = {0, 4, 0};
        Tensor circle = Interpolation.codes(Interpolation.Path.GREAT_CIRCLE, a, b, 11);
        Tensor line = Interpolation.codes(Interpolation.Path.LINE, a, b, 11);
        for (int s = 0; s < 11; s++) {
            double n = Math.hypot(circle.get(s, 0), circle.get(s, 1));
            assertTrue(n >= 3 - 1e-5 && n <= 4 + 1e-5, "norm " + n + " at step " + s);
        }
        assertEquals(1.5f, line.get(5, 0), 1e-6f);
        assertEquals(2f, line.get(5, 1), 1e-6f);
        assertTrue(Math.hypot(line.get(5, 0), line.get(5, 1)) < 3, "the line cuts inside the circle");
    }

    @Test
    void aTraversalChangesOnlyTheNamedDimension() {
        float[] mu = {0.5f, -1f, 2f, 0.1f};
        for (int dim = 0; dim < mu.length; dim++) {
            Tensor z = Traversal.codes(mu, dim, 9);
            for (int s = 0; s < 9; s++) {
                for (int j = 0; j < mu.length; j++) {
                    if (j == dim) {
                        assertEquals(-3 + 6 * s / 8.0, z.get(s, j), 1e-6);
                    } else {
                        assertEquals(mu[j], z.get(s, j), "dimension " + j + " stays at mu");
                    }
                }
            }
        }
    }

    @Test
    void onlyActiveDimensionsChangeThePicture() {
        Vae vae = InferFixtures.model();
        Tensor x = InferFixtures.images(200, 8);
        int[] active = Traversal.activeDims(vae, x);
        assertTrue(active.length >= 1, "the model uses at least one dimension");
        Tensor pics = Traversal.of(vae, x, active, 5);
        double change = 0;
        for (int j = 0; j < x.cols; j++) {
            change = Math.max(change, Math.abs(pics.get(0, j) - pics.get(4, j)));
        }
        assertTrue(change > 0.5, "turning the most active knob from -3 to +3 changes some pixel by > 0.5, got " + change);
    }
}
