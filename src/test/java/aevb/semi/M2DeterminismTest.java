package aevb.semi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aevb.data.Dataset;
import aevb.nn.Parameter;
import aevb.run.LearnerCheckpoint;
import aevb.run.TrainingLoop;
import aevb.tensor.Parallel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * M2's training is a function of the seed: through {@link TrainingLoop}, 1 and 2 threads leave
 * the same bits in every parameter and in the optimiser's state, and a run checkpointed after 13
 * steps, restored into a fresh learner and continued ends where the uninterrupted run ends.
 */
class M2DeterminismTest {
    private static final int DEFAULT_THREADS = Parallel.threads();
    private static final long SEED = 11, STEPS = 30;

    @AfterEach
    void restore() {
        Parallel.setThreads(DEFAULT_THREADS);
    }

    static Dataset data() {
        return SemiFixtures.classes(600, 10, 0.2, 5);
    }

    static List<float[]> state(M2Learner l) {
        List<float[]> arrays = new ArrayList<>();
        for (Parameter p : l.parameters()) {
            arrays.add(p.value.data.clone());
        }
        for (Map.Entry<String, float[]> e : l.optimizer().state(l.parameters()).entrySet()) {
            arrays.add(e.getValue().clone());
        }
        return arrays;
    }

    static void assertSameBits(List<float[]> expected, List<float[]> actual, String what) {
        assertEquals(expected.size(), actual.size());
        for (int a = 0; a < expected.size(); a++) {
            float[] e = expected.get(a), g = actual.get(a);
            for (int i = 0; i < e.length; i++) {
                if (Float.floatToIntBits(e[i]) != Float.floatToIntBits(g[i])) {
                    throw new AssertionError(what + ": array " + a + " element " + i + " is " + g[i] + " instead of " + e[i]);
                }
            }
        }
    }

    static List<float[]> train(int threads, long steps) {
        Parallel.setThreads(threads);
        Dataset train = data();
        M2Learner l = SemiFixtures.m2(train, 20, SEED);
        SemiFixtures.run(SemiFixtures.m2Loop(l, train, steps, SEED));
        return state(l);
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        assertSameBits(train(1, STEPS), train(2, STEPS), "2 threads against 1");
    }

    @Test
    void aResumedRunEndsWhereTheUninterruptedOneEnds(@TempDir Path tmp) throws Exception {
        Parallel.setThreads(1);
        List<float[]> whole = train(1, STEPS);
        Dataset train = data();
        M2Learner first = SemiFixtures.m2(train, 20, SEED);
        SemiFixtures.run(SemiFixtures.m2Loop(first, train, 13, SEED));
        Path ckpt = tmp.resolve("m2.aevb");
        LearnerCheckpoint.save(ckpt, Map.of(), first);
        M2Learner resumed = SemiFixtures.m2(train, 20, 999);   // another initialisation: the checkpoint must replace it
        resumed = new M2Learner(resumed.m2(), LabelledSubset.of(train, 20, 10, SEED), 10, train.size(),
                resumed.objective().alpha(), new aevb.nn.Adam(3e-3), aevb.nn.WeightDecay.NONE, SEED);
        LearnerCheckpoint.restore(LearnerCheckpoint.load(ckpt), resumed);
        assertEquals(13, resumed.steps());
        SemiFixtures.run(SemiFixtures.m2Loop(resumed, train, STEPS, SEED));
        assertSameBits(whole, state(resumed), "resumed at 13");
    }
}
