package aevb.experiments;

/**
 * The IWAE paper's training schedule (Burda et al. 2015, section 5.1): "3^i passes over the data
 * with learning rate of 0.001 · 10^(-i/7) for i = 0 ... 7 (for a total of Σ 3^i = 3280 passes)".
 * Stage i covers epochs [(3^i - 1)/2, (3^(i+1) - 1)/2): 1, 3, 9, ..., 2187 epochs, ending after
 * 1, 4, 13, 40, 121, 364, 1093 and 3280 epochs. The learning rate steps down by 10^(1/7) per
 * stage, from 1e-3 to 1e-4, and is a pure function of the epoch, so a resumed run needs no state
 * for it.
 *
 * <p>The authors' code (github.com/yburda/iwae, experiments.py) rounds the factor to one decimal,
 * {@code 1e-4 · round(10^(1 - i/7), 1)}: 7.2e-4 instead of 7.197e-4 and so on, at most 1.6% apart (1.9e-4 for 1.931e-4 at i = 5).
 * We follow the paper's formula.
 */
public final class IwaeSchedule {
    /** i = 0 .. 7. */
    public static final int STAGES = 8;
    public static final double FIRST_RATE = 1e-3;

    private IwaeSchedule() {}

    /** 3^i, the epochs of stage i. */
    public static long epochsOf(int stage) {
        check(stage);
        long e = 1;
        for (int i = 0; i < stage; i++) {
            e *= 3;
        }
        return e;
    }

    /** (3^(i+1) - 1) / 2: the epochs done when stage i ends (1, 4, 13, ..., 3280). */
    public static long endOf(int stage) {
        return (epochsOf(stage) * 3 - 1) / 2;
    }

    /** The epochs of the whole schedule, Σ_{i=0}^{7} 3^i = 3280. */
    public static long totalEpochs() {
        return endOf(STAGES - 1);
    }

    /** The stage epoch e (0-based) belongs to. */
    public static int stageOf(long epoch) {
        if (epoch < 0 || epoch >= totalEpochs()) {
            throw new IllegalArgumentException("epoch " + epoch + " is outside the schedule's 0.." + (totalEpochs() - 1));
        }
        int i = 0;
        while (epoch >= endOf(i)) {
            i++;
        }
        return i;
    }

    /** 0.001 · 10^(-i/7). */
    public static double learningRate(int stage) {
        check(stage);
        return FIRST_RATE * Math.pow(10, -stage / 7.0);
    }

    /** The learning rate of epoch e (0-based). */
    public static double learningRateAt(long epoch) {
        return learningRate(stageOf(epoch));
    }

    private static void check(int stage) {
        if (stage < 0 || stage >= STAGES) {
            throw new IllegalArgumentException("the schedule has stages 0.." + (STAGES - 1) + ", not " + stage);
        }
    }
}
