package aevb.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aevb.data.DataSplits;
import aevb.eval.ImportanceSampledLikelihood;
import aevb.eval.SplitBound;
import aevb.io.Checkpoint;
import aevb.io.CheckpointException;
import aevb.io.Weights;
import aevb.nn.Optimizers;
import aevb.nn.Parameter;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.ModelFixtures;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model exported to .npz / .safetensors / weights-only .aevb and imported back is the same model, bit for bit. */
class ModelFilesTest {
    @TempDir
    Path dir;

    private Path checkpoint() throws Exception {
        RunConfig cfg = RunFixtures.config(1000);
        Vae vae = ModelFixtures.model(64, 24, 3, "bernoulli", 11);
        Path file = dir.resolve("model.aevb");
        ModelCheckpoint.save(file, new ModelCheckpoint.State(cfg, 50, 1000, 2.5, 0, 0, Map.of()), vae,
                Optimizers.create("adagrad", 0.05));
        return file;
    }

    private static double[] bounds(Vae vae, Tensor x) {
        return new SplitBound(vae, new EstimatorB(), 1, 3).evaluate(x).perPoint();
    }

    @Test
    void anImportedModelEvaluatesToTheSameBoundBitForBit() throws Exception {
        Checkpoint c = ModelCheckpoint.load(checkpoint());
        Vae original = ModelCheckpoint.model(c);
        DataSplits data = RunFixtures.data(10, 64);
        Tensor x = data.test().asTensor();
        for (Weights.Format f : Weights.Format.values()) {
            Path file = dir.resolve("w" + f.suffix);
            ModelFiles.weights(c).save(file, f);
            Checkpoint imported = ModelFiles.checkpoint(Weights.load(file), file);
            assertEquals(RunConfig.fromCheckpoint(c), RunConfig.fromCheckpoint(imported), f + ": the configuration");
            Vae back = ModelCheckpoint.model(imported);
            for (int i = 0; i < original.parameters().size(); i++) {
                Parameter p = original.parameters().get(i), q = back.parameters().get(i);
                assertEquals(p.name, q.name);
                for (int j = 0; j < p.size(); j++) {
                    assertEquals(Float.floatToRawIntBits(p.value.data[j]), Float.floatToRawIntBits(q.value.data[j]), p.name);
                }
            }
            double[] a = bounds(original, x), b = bounds(back, x);
            for (int i = 0; i < a.length; i++) {
                assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), f + ": bound of point " + i);
            }
            double la = new ImportanceSampledLikelihood(original, 20, 5).evaluate(x).summary().mean();
            double lb = new ImportanceSampledLikelihood(back, 20, 5).evaluate(x).summary().mean();
            assertEquals(Double.doubleToRawLongBits(la), Double.doubleToRawLongBits(lb), f + ": log p(x)");
        }
    }

    @Test
    void weightsAreNamedAsTheParametersWithTheirShapesAndTheConfigurationAsMetadata() throws Exception {
        Checkpoint c = ModelCheckpoint.load(checkpoint());
        Weights w = ModelFiles.weights(c);
        Vae vae = ModelCheckpoint.model(c);
        assertEquals(vae.parameters().size(), w.arrays().size());
        for (Parameter p : vae.parameters()) {
            Tensor t = w.arrays().get(p.name);
            assertEquals(p.value.rows, t.rows, p.name);
            assertEquals(p.value.cols, t.cols, p.name);
        }
        Tensor first = w.arrays().get(vae.parameters().get(0).name); // the encoder's first W, (out, in) = (24, 64)
        assertEquals(24, first.rows);
        assertEquals(64, first.cols);
        assertEquals(ModelFiles.FORMAT, w.metadata().get(ModelFiles.FORMAT_KEY));
        RunFixtures.config(1000).toHeader().forEach((k, v) -> assertEquals(v, w.metadata().get(k), k));
        assertEquals("50", w.metadata().get("state.step"));
    }

    @Test
    void theWeightsOnlyModelFileIsSmallerAndLoadsTheSameModel() throws Exception {
        Path full = checkpoint();
        Checkpoint c = ModelCheckpoint.load(full);
        Path small = dir.resolve("shared.aevb");
        ModelFiles.saveModelOnly(c, small);
        Checkpoint s = ModelCheckpoint.load(small);
        assertTrue(s.arrays().keySet().stream().noneMatch(k -> k.startsWith("adagrad")), "no optimiser state");
        long paramBytes = 4L * ModelCheckpoint.model(c).parameters().stream().mapToLong(Parameter::size).sum();
        assertTrue(Files.size(small) < Files.size(full) * 0.6, Files.size(small) + " vs " + Files.size(full));
        assertTrue(Files.size(small) < paramBytes + 4096, "the weights and a header, no more");
        TrainingRunTest.assertSameModel(ModelCheckpoint.model(c), ModelCheckpoint.model(s));
    }

    @Test
    void importRefusesForeignOrMismatchedWeights() throws Exception {
        Checkpoint c = ModelCheckpoint.load(checkpoint());
        Weights w = ModelFiles.weights(c);
        Map<String, String> noConfig = new LinkedHashMap<>();
        Weights foreign = new Weights(w.arrays(), noConfig);
        assertTrue(assertThrows(CheckpointException.class, () -> ModelFiles.checkpoint(foreign, dir.resolve("x.npz")))
                .getMessage().contains("aevb export"));
        Map<String, Tensor> arrays = new LinkedHashMap<>(w.arrays());
        arrays.put("encoder.extra.W", new Tensor(2, 2));
        Weights extra = new Weights(arrays, w.metadata());
        assertTrue(assertThrows(CheckpointException.class, () -> ModelFiles.checkpoint(extra, dir.resolve("x.npz")))
                .getMessage().contains("encoder.extra.W"));
        arrays.remove("encoder.extra.W");
        String first = ModelCheckpoint.model(c).parameters().get(0).name;
        arrays.put(first, new Tensor(3, 3));
        Weights reshaped = new Weights(arrays, w.metadata());
        assertTrue(assertThrows(CheckpointException.class, () -> ModelFiles.checkpoint(reshaped, dir.resolve("x.npz")))
                .getMessage().contains(first));
    }
}
