package aevb.experiments;

import aevb.data.DataSplits;
import aevb.data.Dataset;
import java.util.Map;
import java.util.SplittableRandom;

/** Small generated data sets shaped like the paper's two: binary digits and grey faces. */
final class ExperimentFixtures {
    private ExperimentFixtures() {}

    /** 8x8 binary images around 4 prototypes (MNIST-like, for the Bernoulli decoder). */
    static DataSplits digits(int trainSize, int testSize) {
        SplittableRandom rnd = new SplittableRandom(42);
        float[][] proto = new float[4][64];
        for (float[] p : proto) {
            for (int j = 0; j < p.length; j++) {
                p[j] = rnd.nextDouble() < 0.3 ? 0.9f : 0.1f;
            }
        }
        return new DataSplits("digits", binary("digits/train", trainSize, proto, rnd), null,
                binary("digits/test", testSize, proto, rnd), Map.of());
    }

    /** 7x5 grey images: a smooth blend of 3 prototypes plus a little noise (Frey-Face-like, for the Gaussian decoder). */
    static DataSplits faces(int trainSize, int testSize) {
        SplittableRandom rnd = new SplittableRandom(7);
        float[][] proto = new float[3][35];
        for (float[] p : proto) {
            for (int j = 0; j < p.length; j++) {
                p[j] = (float) (0.2 + 0.6 * rnd.nextDouble());
            }
        }
        return new DataSplits("faces", grey("faces/train", trainSize, proto, rnd), null,
                grey("faces/test", testSize, proto, rnd), Map.of());
    }

    private static Dataset binary(String name, int n, float[][] proto, SplittableRandom rnd) {
        int d = proto[0].length;
        float[] x = new float[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rnd.nextInt(proto.length);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = rnd.nextDouble() < proto[labels[i]][j] ? 1f : 0f;
            }
        }
        return new Dataset(name, n, 8, 8, x, labels);
    }

    private static Dataset grey(String name, int n, float[][] proto, SplittableRandom rnd) {
        int d = proto[0].length;
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            double a = rnd.nextDouble(), b = rnd.nextDouble() * (1 - a);
            for (int j = 0; j < d; j++) {
                double v = a * proto[0][j] + b * proto[1][j] + (1 - a - b) * proto[2][j] + 0.03 * rnd.nextGaussian();
                x[i * d + j] = (float) Math.max(0, Math.min(1, v));
            }
        }
        return new Dataset(name, n, 7, 5, x, null);
    }

    /** The paper's MNIST setting on generated digits, with a small network. */
    static DataSetting digitsSetting() {
        return DataSetting.paper("mnist", digits(300, 100), null).withHidden(16);
    }

    /** The paper's Frey Face setting on generated faces, with a small network. */
    static DataSetting facesSetting() {
        return DataSetting.paper("frey", faces(300, 100), null).withHidden(16);
    }
}
