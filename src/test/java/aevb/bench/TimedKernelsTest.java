package aevb.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import aevb.tensor.Kernels;
import aevb.tensor.ScalarKernels;
import aevb.tensor.TensorKernels;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The profiler passes every call through unchanged and counts it under the kernel's name and shape. */
class TimedKernelsTest {
    @Test
    void everyCallIsPassedThroughAndCounted() {
        TimedKernels timed = new TimedKernels(ScalarKernels.SCALAR);
        TensorKernels k = timed.kernels();
        float[] a = {1, 2, 3, 4, 5, 6}, b = {1, 0, 0, 1, 1, 1}, c = new float[4];
        k.gemmABt(a, b, c, 2, 3, 2, false);            // (2,3) · (2,3)ᵀ
        assertArrayEquals(new float[] {1, 6, 4, 15}, c);
        float[] out = new float[3];
        k.add(a, b, out, 3);
        k.add(a, b, out, 3);
        assertArrayEquals(new float[] {2, 2, 3}, out);
        assertEquals(1, k.firstNonFinite(new float[][] {{0}, {Float.NaN}}));
        assertEquals(21.0, k.sum(a, 6));

        Map<String, TimedKernels.Entry> byName = timed.entries().stream()
                .collect(Collectors.toMap(TimedKernels.Entry::name, e -> e));
        assertEquals(List.of("add", "allFinite", "gemmABt A*B^T 2x3x2", "sum"),
                byName.keySet().stream().sorted().toList());
        assertEquals(2, byName.get("add").calls());
        assertEquals(2.0 * 2 * 3 * 2, byName.get("gemmABt A*B^T 2x3x2").flops());
        assertEquals(0.0, byName.get("add").flops());
        timed.reset();
        assertEquals(List.of(), timed.entries());
    }

    @Test
    void aKernelsExceptionComesThroughAsItself() {
        TensorKernels k = new TimedKernels(Kernels.SIMD).kernels();
        assertThrows(IllegalArgumentException.class,
                () -> k.gemmABt(new float[6], new float[6], new float[3], 2, 3, 2, false));
    }
}
