package aevb.infer;

import static org.junit.jupiter.api.Assertions.*;

import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The scores rank a planted unseen class above the trained ones; the AUC is the Mann-Whitney statistic. */
class AnomalyScoresTest {

    @Test
    void aPlantedClassScoresAsAnomalous() {
        Vae vae = InferFixtures.model();
        Tensor normal = InferFixtures.images(100, 31), odd = InferFixtures.unseenClass(25, 32);
        AnomalyScores s = AnomalyScores.of(vae, normal, 1, 50, 3).concat(AnomalyScores.of(vae, odd, 1, 50, 3));
        boolean[] anomaly = new boolean[125];
        for (int i = 100; i < 125; i++) {
            anomaly[i] = true;
        }
        double[] auc = s.auc(anomaly);
        System.out.printf("AUC: -bound %.3f, -log p(x) %.3f, recon. error %.3f%n", auc[0], auc[1], auc[2]);
        for (int k = 0; k < 3; k++) {
            assertTrue(auc[k] > 0.9, AnomalyScores.NAMES[k] + " AUC " + auc[k]);
        }
    }

    @Test
    void aucFromRanks() {
        assertEquals(1.0, RocAuc.of(new double[] {1, 2, 3, 4}, new boolean[] {false, false, true, true}));
        assertEquals(0.0, RocAuc.of(new double[] {1, 2, 3, 4}, new boolean[] {true, true, false, false}));
        assertEquals(0.5, RocAuc.of(new double[] {1, 1, 1, 1}, new boolean[] {true, false, true, false}));
        // one positive (score 2) above one of two negatives (1, 3): 1/2
        assertEquals(0.5, RocAuc.of(new double[] {1, 2, 3}, new boolean[] {false, true, false}));
        // pairs (pos, neg): (2,1) 1, (2,2) ½, (3,1) 1, (3,2) 1: 3.5 of 4
        assertEquals(0.875, RocAuc.of(new double[] {1, 2, 2, 3}, new boolean[] {false, true, false, true}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> RocAuc.of(new double[] {1, 2}, new boolean[] {true, true}));
    }
}
