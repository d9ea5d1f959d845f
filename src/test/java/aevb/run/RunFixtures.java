package aevb.run;

import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.sgvb.VaeConfig;
import java.util.Map;
import java.util.SplittableRandom;

/** Small generated data and configurations for the training-run tests. */
final class RunFixtures {
    private RunFixtures() {}

    /** 8x8 binary-ish images around 4 prototypes, with labels: structure a VAE learns quickly. */
    static DataSplits data(int trainSize, int testSize) {
        SplittableRandom rnd = new SplittableRandom(42);
        int d = 64, k = 4;
        float[][] proto = new float[k][d];
        for (float[] p : proto) {
            for (int j = 0; j < d; j++) p[j] = rnd.nextDouble() < 0.3 ? 0.9f : 0.1f;
        }
        return new DataSplits("generated", set("train", trainSize, proto, rnd), null, set("test", testSize, proto, rnd), Map.of());
    }

    private static Dataset set(String name, int n, float[][] proto, SplittableRandom rnd) {
        int d = proto[0].length;
        float[] x = new float[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rnd.nextInt(proto.length);
            for (int j = 0; j < d; j++) x[i * d + j] = rnd.nextDouble() < proto[labels[i]][j] ? 1f : 0f;
        }
        return new Dataset(name, n, 8, 8, x, labels);
    }

    static RunConfig config(long budget) {
        return new RunConfig("generated", null, new VaeConfig(64, 24, 3, "bernoulli"), "B", 1, 20, "adagrad", 0.05,
                1.0 / 200, "dynamic", budget, 5, 4, 50);
    }
}
