package aevb.api;

import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.data.Datasets;
import aevb.eval.ImportanceSampledLikelihood;
import aevb.infer.Baselines;
import aevb.infer.Codes;
import aevb.infer.Inpainting;
import aevb.infer.Interpolation;
import aevb.io.Checkpoint;
import aevb.random.Randomness;
import aevb.run.DataRecord;
import aevb.run.ModelCheckpoint;
import aevb.run.RunConfig;
import aevb.run.TrainingRun;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import aevb.viz.ImageGrid;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained model in a few calls, for JShell ({@code ./aevb jshell}) or a program of your own:
 * <pre>{@code
 * TrainedVae vae = TrainedVae.load("runs/sample-z20-s1");   // a run folder or a checkpoint file
 * Tensor x = vae.heldOutImages(10);                          // (10, 784), the run's held-out images
 * TrainedVae.Code q = vae.encode(x);                         // q(z|x) = N(mu, diag exp(logVar))
 * Tensor pictures = vae.decode(q.mu());                      // E[x | z], (10, 784)
 * vae.writePng(pictures, "reconstructions.png");
 * }</pre>
 * Every image is a row of intensities in [0, 1] (28x28 = 784 for MNIST, 28x20 for Frey Face),
 * every code a row of Nz numbers. Underneath is {@link aevb.sgvb.Vae} (the model of section 3),
 * which {@link #model()} returns for anything this class does not offer.
 */
public final class TrainedVae {
    /** The encoder's q_φ(z|x) of each row: means and log-variances, each (R, Nz). */
    public record Code(Tensor mu, Tensor logVar) {}

    private final Vae vae;
    private final RunConfig config;
    private final int height, width;

    private TrainedVae(Vae vae, RunConfig config, int[] shape) {
        this.vae = vae;
        this.config = config;
        this.height = shape[0];
        this.width = shape[1];
    }

    /** The model in a run folder (its model.aevb, else checkpoint.aevb) or in a checkpoint file. */
    public static TrainedVae load(String path) throws IOException {
        Path p = Path.of(path);
        if (Files.isDirectory(p)) {
            p = Files.exists(p.resolve(TrainingRun.MODEL)) ? p.resolve(TrainingRun.MODEL) : p.resolve(TrainingRun.CHECKPOINT);
        }
        if (!Files.exists(p)) {
            throw new IOException(path + ": no such run folder or checkpoint (train one with ./aevb train)");
        }
        Checkpoint c = ModelCheckpoint.load(p);
        RunConfig cfg = RunConfig.fromCheckpoint(c);
        return new TrainedVae(ModelCheckpoint.model(c), cfg, DataRecord.imageShape(c, cfg)); // the data's own (height, width)
    }

    /** The first n held-out images of the data set the model was trained on (test, else validation). */
    public Tensor heldOutImages(int n) throws IOException {
        DataSplits data = Datasets.load(config.dataset(), config.dataDir() == null ? null : Path.of(config.dataDir()),
                false, new PrintStream(OutputStream.nullOutputStream()));
        Dataset held = data.heldOut() != null ? data.heldOut() : data.train();
        return held.slice(held.name(), 0, Math.min(n, held.size())).asTensor();
    }

    /** q_φ(z|x) of each row of x (R, D). */
    public Code encode(Tensor x) {
        Tensor[] q = Codes.posterior(vae, x);
        return new Code(q[0], q[1]);
    }

    /** E_θ[x | z] of each row of z (R, Nz): the decoder's pictures. */
    public Tensor decode(Tensor z) {
        return vae.decoder.mean(z);
    }

    /** n pictures E[x | z], z ~ N(0, I) (Figure 5), from the seed. */
    public Tensor sample(int n, long seed) {
        Tensor z = new Tensor(n, latent());
        Randomness.gaussian(seed, Randomness.Stream.SAMPLE, 0, z.data, z.data.length);
        return decode(z);
    }

    /** E[x | z = mu(x)] of each row. */
    public Tensor reconstruct(Tensor x) {
        return Codes.reconstruction(vae, x);
    }

    /** log p(x) of each row by importance sampling with K samples (the IWAE estimate). */
    public double[] logLikelihood(Tensor x, int k, long seed) {
        return new ImportanceSampledLikelihood(vae, k, seed).evaluate(x).logPx();
    }

    /** The pixels where mask is 0 filled by HMC over z (posterior-predictive mean); observed ones kept. */
    public Tensor inpaint(Tensor x, Tensor mask, long seed) {
        Tensor guess = Tensor.filled(1, x.cols, 0.5f);
        return Inpainting.fill(Inpainting.Method.HMC, vae, x, mask, Baselines.pixelMean(guess), Inpainting.Settings.defaults(seed));
    }

    /** The decoded great circle between the codes of images a and b (each 1 x D): (steps, D). */
    public Tensor interpolate(Tensor a, Tensor b, int steps) {
        return Interpolation.between(vae, Interpolation.Path.GREAT_CIRCLE, a, b, steps);
    }

    /** Writes the rows of images as a grid of pictures (10 a row), atomically. */
    public void writePng(Tensor images, String file) throws IOException {
        ImageGrid.of(height, width).columns(Math.min(10, images.rows)).scale(2).gap(1)
                .write(Path.of(file), images.data, images.rows);
    }

    public int latent() {
        return vae.config.latent();
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The model underneath: encoder, decoder, prior (section 3). */
    public Vae model() {
        return vae;
    }

    /** The run's settings: data set, architecture, optimiser, seed. */
    public String describe() {
        return config.describe();
    }
}
