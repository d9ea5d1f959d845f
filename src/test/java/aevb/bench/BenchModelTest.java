package aevb.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The FLOP counts {@code aevb bench} divides by, against closed forms and against the GEMM table's shapes. */
class BenchModelTest {

    @Test
    void theMnistStepIsTheReadmes410Mflop() {
        // 2·M·(784·500·2 + 2·500·20·3 + 20·500·3 + 500·784·3): no input gradient for the data
        double expected = 2.0 * 100 * (784 * 500 * 2 + 2 * 500 * 20 * 3 + 20 * 500 * 3 + 500 * 784 * 3);
        assertEquals(expected, BenchModel.MNIST.trainingFlops(100), 0);
        assertEquals(410.0, Math.round(expected / 1e6), 0);
    }

    @Test
    void freyHasTwoOutputHeads() {
        double oneHead = 2.0 * 100 * 200 * 560 * 3;
        double expected = 2.0 * 100 * (560 * 200 * 2 + 2 * 200 * 2 * 3 + 2 * 200 * 3) + 2 * oneHead;
        assertEquals(expected, BenchModel.FREY.trainingFlops(100), 0);
        assertEquals(2.0 * 5000 * (2 * 200 + 2 * 200 * 560), BenchModel.FREY.decoderFlops(5000), 0);
    }

    @Test
    void theGemmTableCountsTheSameWorkAsTheFlopCount() {
        for (BenchModel m : BenchModel.ALL) {
            double fromShapes = 0;
            for (GemmBench.Shape s : GemmBench.trainingStep(m.vae(), 100)) {
                fromShapes += s.flops() * s.perStep();
            }
            assertEquals(m.trainingFlops(100), fromShapes, 0, m.name());
        }
    }

    @Test
    void namesAreTheFlagValues() {
        for (BenchModel m : BenchModel.ALL) {
            assertEquals(m, BenchModel.named(m.name()));
        }
        assertNull(BenchModel.named("cifar"));
        assertEquals("mnist|mnist200|frey", BenchModel.names());
    }
}
