package aevb.eval;

import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Backend;
import aevb.tensor.Tensor;

/**
 * What the K = 5000 evaluation costs on the paper's MNIST model (784-500-20, random weights:
 * the cost does not depend on the values). Not a test (its name does not end in Test); run it
 * after {@code mvn test-compile} with
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes \
 *        aevb.eval.ImportanceSamplingBenchmark [points] [K] [rowsPerPass...]
 * </pre>
 */
public final class ImportanceSamplingBenchmark {
    public static void main(String[] args) {
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int[] rows = args.length > 2
                ? java.util.Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {250, 1000};
        Vae vae = Vae.initialised(new VaeConfig(784, 500, 20, "bernoulli"), 1);
        Tensor x = EvalFixtures.binaryData(points, 784, 2);
        new ImportanceSampledLikelihood(vae, Math.min(k, 500), 3).evaluate(x.rowSlice(0, 1)); // warm-up
        System.out.printf("kernels: %s, %d points, K = %d%n", Backend.kernels().getClass().getSimpleName(), points, k);
        for (int r : rows) {
            long t0 = System.nanoTime();
            ImportanceSampledLikelihood.Result res = new ImportanceSampledLikelihood(vae, k, 3, r).evaluate(x);
            double secs = (System.nanoTime() - t0) / 1e9;
            double rate = points / secs;
            System.out.printf("rows/pass %5d: %.2f s, %.3f points/s, %.0f decoder rows/s, %.1f GFLOP/s (decoder gemm); "
                            + "1000 points would take %.1f min; mean log p(x) %.2f%n",
                    r, secs, rate, rate * k, rate * k * 2.0 * (20 * 500 + 500 * 784) / 1e9, 1000 / rate / 60,
                    res.summary().mean());
        }
    }
}
