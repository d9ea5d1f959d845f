package aevb.tensor.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The GEMM tiles by the register file ({@link Gemm#TALL_TILES}): 8x3 with AVX-512, 4x2 with
 * AVX2. This JVM runs one choice through every other GEMM test; here a child JVM runs each of
 * {@code -Daevb.gemm.tiles=8x3} and {@code 4x2} against the scalar twin, bit for bit, on shapes
 * that cross every edge of both tilings.
 */
class TileShapesTest {

    @Test
    void bothTileHeightsMatchTheScalarTwin() throws Exception {
        for (String tiles : List.of("8x3", "4x2")) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder(List.of(java.toString(), "--add-modules=jdk.incubator.vector",
                    "-Daevb.gemm.tiles=" + tiles, "-cp", System.getProperty("java.class.path"),
                    TileShapesTest.class.getName())).redirectErrorStream(true).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(0, p.exitValue(), out);
            String last = out.substring(out.lastIndexOf('\n') + 1);   // after the JVM's incubator warning
            assertEquals("tall " + tiles.equals("8x3") + ": 600 products bit-equal", last, out);
        }
    }

    /** The child: 200 shapes of each layout, m up to 41 (8- and 4-row tiles and the rest), against ScalarGemm. */
    public static void main(String[] args) {
        SplittableRandom rnd = new SplittableRandom(17);
        int done = 0;
        for (int t = 0; t < 200; t++) {
            int m = rnd.nextInt(42), k = rnd.nextInt(300), n = rnd.nextInt(110);   // k > KC: two k-blocks
            boolean acc = rnd.nextBoolean();
            for (int layout = 0; layout < 3; layout++) {
                float[] a = random(rnd, m * k), b = random(rnd, k * n), c0 = random(rnd, m * n);
                float[] c1 = c0.clone();
                switch (layout) {
                    case 0 -> { Gemm.gemm(a, b, c0, m, k, n, acc); ScalarGemm.gemm(a, b, c1, m, k, n, acc); }
                    case 1 -> { Gemm.gemmABt(a, b, c0, m, k, n, acc); ScalarGemm.gemmABt(a, b, c1, m, k, n, acc); }
                    default -> { Gemm.gemmAtB(a, b, c0, m, k, n, acc); ScalarGemm.gemmAtB(a, b, c1, m, k, n, acc); }
                }
                if (!Arrays.equals(c0, c1)) {
                    System.out.println("layout " + layout + " m " + m + " k " + k + " n " + n + " acc " + acc + ": differs");
                    System.exit(1);
                }
                done++;
            }
        }
        System.out.println("tall " + Gemm.TALL_TILES + ": " + done + " products bit-equal");
    }

    private static float[] random(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }
}
