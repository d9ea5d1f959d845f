package aevb.random;

import java.util.SplittableRandom;

/**
 * Counter-based randomness: every random number aevb draws is a pure function of
 * (seed, purpose, counter, index). The noise eps of step t depends on (seed, EPS, t) alone and
 * the shuffle of epoch e on (seed, SHUFFLE, e) alone, so a resumed run draws exactly what an
 * uninterrupted one would, a checkpoint needs no generator state, and changing how one purpose
 * draws never moves another.
 */
public final class Randomness {
    private Randomness() {}

    /** The independent streams, one per purpose. */
    public enum Stream {
        INIT, SHUFFLE, EPS, BINARIZE, SAMPLE, EVAL, SLEEP, HMC, SPLIT,
        /** Semi-supervised learning (M2): which training images keep their labels, and their minibatches. */
        LABELS
    }

    /** A well-mixed 64-bit key for (seed, stream, counter): SplitMix64's finaliser, chained. */
    public static long key(long seed, Stream stream, long counter) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ (stream.ordinal() + 1) * 0xBF58476D1CE4E5B9L);
        return mix(h ^ counter * 0x94D049BB133111EBL);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A generator for (seed, stream, counter); the same arguments give the same sequence. */
    public static SplittableRandom rng(long seed, Stream stream, long counter) {
        return new SplittableRandom(key(seed, stream, counter));
    }

    /** Fills out[0, n) with independent N(0, 1) draws determined by (seed, stream, counter). */
    public static void gaussian(long seed, Stream stream, long counter, float[] out, int n) {
        gaussian(rng(seed, stream, counter), out, n);
    }

    /** Fills out[0, n) with N(0, 1) draws (Box-Muller, both values of each pair used). */
    public static void gaussian(SplittableRandom rnd, float[] out, int n) {
        for (int i = 0; i < n; i += 2) {
            double u1 = 1.0 - rnd.nextDouble(); // (0, 1]: log(u1) is finite
            double u2 = rnd.nextDouble();
            double r = Math.sqrt(-2.0 * Math.log(u1));
            out[i] = (float) (r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < n) {
                out[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
            }
        }
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates) for (seed, stream, counter). */
    public static int[] permutation(long seed, Stream stream, long counter, int n) {
        SplittableRandom rnd = rng(seed, stream, counter);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
