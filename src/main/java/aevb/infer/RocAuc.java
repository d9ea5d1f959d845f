package aevb.infer;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The area under the ROC curve of an anomaly score: the probability that a randomly chosen
 * anomaly scores higher than a randomly chosen normal point (ties count one half), computed
 * from ranks as the Mann-Whitney statistic,
 * <pre>  AUC = (R₊ - n₊(n₊ + 1)/2) / (n₊ n₋)</pre>
 * with R₊ the sum of the anomalies' ranks among all scores (tied scores share their mean rank).
 * 0.5 is a score that knows nothing; 1 ranks every anomaly above every normal point; below 0.5
 * the score ranks the anomalies as more normal than the normal data.
 */
public final class RocAuc {
    private RocAuc() {}

    /** AUC of {@code score} (higher = more anomalous) for the points where {@code positive} is true. */
    public static double of(double[] score, boolean[] positive) {
        int n = score.length;
        if (positive.length != n) {
            throw new IllegalArgumentException("scores and labels differ in length: " + n + " and " + positive.length);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            if (Double.isNaN(score[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
        double rankSumPositive = 0;
        long nPos = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double meanRank = (i + j) / 2.0 + 1;      // ranks i+1 .. j+1 share their mean
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSumPositive += meanRank;
                    nPos++;
                }
            }
            i = j + 1;
        }
        long nNeg = n - nPos;
        if (nPos == 0 || nNeg == 0) {
            throw new IllegalArgumentException("the AUC needs both anomalies and normal points, got " + nPos + " and " + nNeg);
        }
        return (rankSumPositive - nPos * (nPos + 1) / 2.0) / ((double) nPos * nNeg);
    }
}
