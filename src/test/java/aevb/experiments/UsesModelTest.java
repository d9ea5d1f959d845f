package aevb.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aevb.run.RunConfig;
import aevb.sgvb.VaeConfig;
import org.junit.jupiter.api.Test;

/** The named construction of the tutorials' model is the run the fourteen positional arguments gave. */
class UsesModelTest {
    @Test
    void namedConstructionIsTheSameRun() {
        int n = 8100, steps = 400;
        RunConfig positional = new RunConfig("sample", null, new VaeConfig(784, 200, 10, "bernoulli"), "B", 1, 100, "adam",
                0.003, 1.0 / n, "none", steps * 100L, 1, steps, 500);
        assertEquals(positional, UsesModel.config(steps, n));
    }
}
