package aevb.run;

import static org.junit.jupiter.api.Assertions.*;

import aevb.baselines.Mcem;
import aevb.baselines.WakeSleep;
import aevb.data.Binarization;
import aevb.data.Dataset;
import aevb.data.Minibatches;
import aevb.io.Checkpoint;
import aevb.nn.Adagrad;
import aevb.nn.Adam;
import aevb.nn.WeightDecay;
import aevb.sgvb.Aevb;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.FullVb;
import aevb.sgvb.Learner;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one training loop drives every learner of the project, and a run broken by a checkpoint
 * and a restore into a fresh learner ends with the parameters, optimiser state and extra state
 * of the unbroken run, bit for bit.
 */
class TrainingLoopTest {
    static final Dataset TRAIN = RunFixtures.data(200, 40).train();
    static final VaeConfig MODEL = new VaeConfig(64, 16, 3, "bernoulli");
    static final long SEED = 11;
    static final int M = 20, STEPS = 25, BREAK = 12;   // 25 steps of 10 per epoch: the break is mid-epoch

    static List<Supplier<Learner>> learners() {
        WeightDecay decay = WeightDecay.priorPerDataPoint(TRAIN.size());
        return List.of(
                () -> new Aevb(Vae.initialised(MODEL, SEED), new EstimatorB(), new Adagrad(0.05), decay, 1, SEED),
                () -> new WakeSleep(Vae.initialised(MODEL, SEED), new Adam(0.01), decay, SEED),
                () -> new Mcem(Vae.initialised(MODEL, SEED).decoder, TRAIN.size(), new Adagrad(0.05), decay,
                        Mcem.Settings.online(), SEED),
                () -> Mcem.batch(Vae.initialised(MODEL, SEED).decoder, TRAIN.asTensor(), new Adagrad(0.05), decay,
                        Mcem.Settings.paper(), SEED),
                () -> new FullVb(Vae.initialised(MODEL, SEED), TRAIN.size(), new Adagrad(0.05),
                        FullVb.DEFAULT_INITIAL_LOG_VAR_THETA, 1, SEED));
    }

    static Minibatches batches() {
        return new Minibatches(TRAIN, M, SEED, Binarization.DYNAMIC, 5);
    }

    @Test
    void everyLearnerResumedFromACheckpointEndsAsTheUnbrokenRun(@TempDir Path dir) throws IOException {
        int index = 0;
        for (Supplier<Learner> make : learners()) {
            Learner whole = make.get();
            index++;
            double[] bounds = new double[STEPS];
            assertTrue(new TrainingLoop(whole, batches(), STEPS).run((s, b) -> {
                bounds[(int) s - 1] = b;
                return false;
            }));
            String name = whole.getClass().getSimpleName() + "-" + index;   // two forms of MCEM
            for (double b : bounds) {
                assertTrue(Double.isFinite(b), name + " steps and reports a finite bound");
            }

            Learner first = make.get();
            Path ckpt = dir.resolve(name + ".aevb");
            TrainingLoop loop = new TrainingLoop(first, batches(), STEPS).checkpointEvery(0);
            loop.run(new TrainingLoop.Listener() {
                @Override
                public void beforeStep(long t) {
                    if (t == BREAK) {
                        loop.requestStop();
                    }
                }

                @Override
                public boolean afterStep(long s, double bound) {
                    return s == BREAK;
                }

                @Override
                public void checkpoint(long s) throws IOException {
                    LearnerCheckpoint.save(ckpt, Map.of("test.name", name), first);
                }
            });
            assertEquals(BREAK, first.steps(), name);

            Learner resumed = make.get();
            assertEquals(BREAK, LearnerCheckpoint.restore(LearnerCheckpoint.load(ckpt), resumed));
            double[] after = new double[STEPS];
            new TrainingLoop(resumed, batches(), STEPS).run((s, b) -> {
                after[(int) s - 1] = b;
                return false;
            });
            for (int s = BREAK; s < STEPS; s++) {
                assertEquals(bounds[s], after[s], name + ": the bound of step " + (s + 1));
            }
            LearnerCheckpoint.save(dir.resolve("a.aevb"), Map.of(), whole);
            LearnerCheckpoint.save(dir.resolve("b.aevb"), Map.of(), resumed);
            Map<String, Tensor> a = Checkpoint.load(dir.resolve("a.aevb")).arrays();
            Map<String, Tensor> b = Checkpoint.load(dir.resolve("b.aevb")).arrays();
            assertEquals(a.keySet(), b.keySet(), name);
            for (String k : a.keySet()) {
                assertArrayEquals(a.get(k).data, b.get(k).data, name + ": " + k);
            }
            assertEquals(Checkpoint.load(dir.resolve("a.aevb")).header(), Checkpoint.load(dir.resolve("b.aevb")).header(),
                    name + ": the optimiser's and the learner's scalars");
        }
    }

    @Test
    void minibatchesAreAFunctionOfSeedAndStep() {
        Minibatches a = batches(), b = batches();
        var late = b.draw(37);   // drawn first, out of order: no state carries over
        float[] x37 = late.x().data.clone();
        int[] i37 = late.indices().clone();
        for (long t = 0; t < 40; t++) {
            var m = a.draw(t);
            if (t == 37) {
                assertArrayEquals(x37, m.x().data);
                assertArrayEquals(i37, m.indices());
            }
        }
        // an epoch visits N/M distinct minibatches of distinct points
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (long t = 10; t < 20; t++) {
            for (int i : a.draw(t).indices()) {
                assertTrue(seen.add(i), "point " + i + " twice in epoch 1");
            }
        }
        assertEquals(TRAIN.size(), seen.size());
    }
}
