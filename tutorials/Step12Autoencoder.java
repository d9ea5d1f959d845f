/*
 * Step 12. What the KL term buys: a plain autoencoder beside the VAE (section 2.1's first use)
 *
 * A plain autoencoder has the VAE's two MLPs but a deterministic code z = f(x) and a loss of
 * reconstruction alone, -log p(x | z = f(x)) (baselines/Autoencoder). The VAE's bound (eq. 10)
 * adds two things: the noise of z ~ q(z|x), and -KL(q(z|x) || p(z)), which pulls every code
 * towards N(0, I). Both reconstruct; only one of them is a generative model. Section 2.1's first
 * use is exactly that: with θ learned, "one can generate artificial data that looks like the real
 * thing", by drawing z ~ p(z) and decoding it. Nothing tells the autoencoder's decoder what to
 * do with a z ~ N(0, I): its codes sit wherever reconstruction put them.
 *
 * This step trains both on the embedded sample (the same hidden layer, Nz = 10, the same Adam
 * steps), then decodes the same 100 draws z ~ N(0, I) through each and asks two judges how much
 * the pictures look like digits: the VAE's own log p(x) (importance sampling), and the distance
 * to the nearest training image (infer/WhatTheKlBuys). The model trained here (digit 0 left out
 * of training, for step 15) is what steps 13 to 16 use.
 *
 * Check: the autoencoder reconstructs held-out digits at least as well as the VAE; its codes are
 * far from N(0, I) (mean z_j² far from 1) while the VAE's are near it; and its decodings of prior
 * draws are less likely under the VAE and farther from every training image than the VAE's samples.
 */
import aevb.experiments.UsesModel;
import aevb.baselines.Autoencoder;
import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.infer.Codes;
import aevb.infer.OneClass;
import aevb.infer.RestorationError;
import aevb.infer.WhatTheKlBuys;
import aevb.nn.Adam;
import aevb.sgvb.Vae;
import aevb.tensor.Tensor;
import aevb.viz.ImageGrid;

void main() throws Exception {
    boolean quick = Boolean.getBoolean("aevb.tutorial.quick");
    Path runs = Path.of(System.getProperty("aevb.tutorial.runs", "runs"));
    DataSplits data = Datasets.load("sample", null, false, System.err);
    Vae vae = UsesModel.load(runs.resolve("tutorial-12"), data, quick);
    Tensor train = OneClass.excludeFromTraining(data, new int[] {0}).train().asTensor();
    Tensor held = data.validation().slice("held-out", 0, 200).asTensor();

    int epochs = quick ? 3 : 30;
    Autoencoder ae = Autoencoder.initialised(784, 200, 10, 1);
    System.out.printf("training the autoencoder (784-200-10, Adam 0.003, %d epochs of %,d images)%n", epochs, train.rows);
    double lastEpoch = ae.train(train, epochs, 100, new Adam(0.003), 1);
    System.out.printf("  last epoch: log p(x | z = f(x)) = %.2f nats per image%n", lastEpoch);

    double aeErr = RestorationError.of(ae.reconstruct(held), held, null).mse().mean();
    double vaeErr = RestorationError.of(Codes.reconstruction(vae, held), held, null).mse().mean();
    System.out.printf("reconstruction MSE per pixel on 200 held-out images: autoencoder %.4f, VAE %.4f%n", aeErr, vaeErr);

    WhatTheKlBuys.Result r = WhatTheKlBuys.measure(vae, ae, train.rowSlice(0, quick ? 2000 : train.rows), held, 100,
            quick ? 50 : 500, 12);
    System.out.printf("mean z_j² of the held-out codes: autoencoder %.2f, VAE %.2f (N(0, I): 1)%n",
            r.aeCodeMeanSquare(), r.vaeCodeMeanSquare());
    System.out.println("100 draws z ~ N(0, I), decoded:          VAE decoder        autoencoder's decoder");
    System.out.printf("  log p(x) under the VAE (nats)         %8.1f ± %.1f     %8.1f ± %.1f%n", r.vaeLogPx().mean(),
            r.vaeLogPx().standardError(), r.aeLogPx().mean(), r.aeLogPx().standardError());
    System.out.printf("  MSE to the nearest training image     %8.4f           %8.4f%n", r.vaeNearest().mean(), r.aeNearest().mean());

    Tensor z = new Tensor(20, 10);
    aevb.random.Randomness.gaussian(12, aevb.random.Randomness.Stream.SAMPLE, 5_000_000L, z.data, z.data.length);
    Tensor both = new Tensor(40, 784);
    System.arraycopy(vae.decoder.mean(z).data, 0, both.data, 0, 20 * 784);
    System.arraycopy(ae.decode(z).data, 0, both.data, 20 * 784, 20 * 784);
    Path png = runs.resolve("tutorial-12").resolve("prior-draws.png");
    ImageGrid.of(28, 28).columns(10).scale(2).gap(1).title("z ~ N(0, I) decoded: VAE (top two rows), autoencoder (bottom two)")
            .rowLabels("VAE", "VAE", "AE", "AE").write(png, both.data, 40);
    System.out.println("wrote " + png);
    System.out.println();

    check(aeErr < 1.5 * vaeErr, String.format("the autoencoder reconstructs held-out digits about as well as the VAE or better"
            + " (MSE %.4f against %.4f)", aeErr, vaeErr));
    check(Math.abs(r.vaeCodeMeanSquare() - 1) < Math.abs(r.aeCodeMeanSquare() - 1),
            String.format("the VAE's codes are nearer N(0, I) than the autoencoder's (mean z_j² %.2f against %.2f)",
                    r.vaeCodeMeanSquare(), r.aeCodeMeanSquare()));
    check(r.vaeLogPx().mean() > r.aeLogPx().mean() + 10, String.format("prior draws through the VAE's decoder are"
            + " more likely under the VAE by more than 10 nats (%.1f against %.1f)", r.vaeLogPx().mean(), r.aeLogPx().mean()));
    check(r.vaeNearest().mean() < r.aeNearest().mean(), String.format("and nearer the training images (%.4f against %.4f)",
            r.vaeNearest().mean(), r.aeNearest().mean()));
}

static void check(boolean ok, String what) {
    System.out.println("CHECK " + what + ": " + (ok ? "passed" : "FAILED"));
    if (!ok) {
        throw new IllegalStateException("check failed: " + what);
    }
}
