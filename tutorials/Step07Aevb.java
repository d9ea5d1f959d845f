/*
 * Step 7. AEVB (Algorithm 1, section 3, eq. 10) on the embedded MNIST sample: train, watch the bound rise, save a checkpoint
 *
 * Everything so far comes together in one loop, Algorithm 1 of the paper:
 *
 *     θ, φ ← initialise                          (section 5: every weight from N(0, 0.01²))
 *     repeat
 *         X^M ← a random minibatch of M = 100 data points
 *         ε   ← random samples from p(ε) = N(0, I)
 *         g   ← ∇_{θ,φ} L̃^M(θ, φ; X^M, ε)         (eq. 8 with estimator B, eq. 10)
 *         θ, φ ← update with g                      (the paper: Adagrad; here Adam, see below)
 *
 * The model is section 3's variational auto-encoder: the Gaussian encoder q_φ(z|x) (Appendix
 * C.2), the prior p(z) = N(0, I) and the Bernoulli decoder p_θ(x|z) (Appendix C.1), 500 hidden
 * units each, as the paper's MNIST runs, with a two-dimensional z so that step 8 can draw the
 * whole latent space (the paper's Figure 4). The data are the 9,000 training images of the
 * embedded MNIST sample, grey levels in [0, 1] as in the paper.
 *
 * Aevb.step(x) is the body of the loop: it draws ε from (seed, step), builds eq. 10 on the tape,
 * runs backward, adds the weight decay of the prior p(θ) = N(0, I) (section 5), and lets the
 * optimiser update. The paper used Adagrad with a step size from {0.01, 0.02, 0.1}, and ran for
 * millions of samples. A tutorial has a minute: in these 2,000 steps Adagrad 0.02 reaches about
 * -181 nats on held-out images, Adam (Kingma & Ba, 2014, aevb's "modern alternative") with step
 * size 0.003 about -166, and a much clearer picture in step 8. Change the one line that makes
 * the optimiser to see the difference.
 *
 * One thing in ./aevb train (Adagrad 0.01, the step size Figure 2's rule picks from the paper's
 * grid) looks like a bug and is not: at step 2 the bound falls from about -530 to about -790
 * nats (-7,500 with --lr 0.02), and by step 10 it is back near -234. Adagrad divides each
 * gradient by the root of the sum of its squares so far; after one step that is the gradient's
 * own size, so the first update moves every one of the 815,824 weights by exactly the step size
 * (lr · g / |g|), as large as their initial spread of 0.01, and for a moment the decoder's logits
 * are far too large. Adam's first step has the same form, with a smaller step. The run's
 * figures/bound.png leaves those first points out and says so below it.
 *
 * The loop is written out here so you can read it; aevb
 * itself keeps the same loop once, in run/TrainingLoop.java (with data/Minibatches.java drawing
 * X^M), and ./aevb train, ./aevb reproduce and ./aevb bench all drive their learners through it.
 * An epoch's minibatches come from a permutation that depends only on (seed, epoch), so
 *     ./aevb train --latent 2 --train-samples 200000 --optimizer adam --lr 0.003
 * trains the same model, bit for bit. Every 200 steps the bound is measured on 1,000 held-out
 * images (the validation split of the sample), which the model never trains on.
 *
 * Check: the held-out bound rises (from about -544 nats at the start to about -166), and the
 * checkpoint runs/tutorial-07/model.aevb is written and reads back with the same parameters. The
 * other commands take it: ./aevb sample --checkpoint runs/tutorial-07 draws from it.
 */
import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.eval.SplitBound;
import aevb.nn.Adam;
import aevb.nn.Optimizer;
import aevb.nn.Parameter;
import aevb.nn.WeightDecay;
import aevb.random.Randomness;
import aevb.run.ModelCheckpoint;
import aevb.run.RunConfig;
import aevb.sgvb.Aevb;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Tensor;

void main() throws Exception {
    boolean quick = Boolean.getBoolean("aevb.tutorial.quick");
    Path out = Path.of(System.getProperty("aevb.tutorial.runs", "runs"), "tutorial-07");
    DataSplits data = Datasets.load("sample", null, false, System.err);
    int n = data.train().size(), m = 100, stepsPerEpoch = n / m;
    int steps = quick ? 200 : 2000, report = quick ? 50 : 200;
    long seed = 1;
    double lr = 0.003;

    VaeConfig model = new VaeConfig(784, 500, 2, "bernoulli");           // D, hidden units, Nz, p(x|z)
    Vae vae = Vae.initialised(model, seed);                              // θ, φ from N(0, 0.01²)
    Optimizer optimizer = new Adam(lr);                                   // or new Adagrad(0.02), the paper's
    Aevb aevb = new Aevb(vae, new EstimatorB(), optimizer, WeightDecay.priorPerDataPoint(n), 1, seed);  // L = 1
    Tensor heldOut = data.validation().slice("held-out", 0, 1000).asTensor();
    SplitBound heldOutBound = new SplitBound(vae, new EstimatorB(), 1, seed);

    System.out.printf("AEVB on %,d MNIST images: %d-%d-%d encoder and decoder, M = %d, L = 1, %s %s, %,d steps%n%n",
            n, 784, model.hidden(), model.latent(), m, optimizer.name(), lr, steps);
    System.out.println("   step    samples   minibatch bound   held-out bound (nats per image)");
    double start = heldOutBound.evaluate(heldOut).summary().mean();
    System.out.printf("  %5d  %9d   %15s   %14.2f%n", 0, 0, "", start);
    long t0 = System.nanoTime();
    Tensor x = new Tensor(m, 784);                                       // X^M, reused every step
    int[] order = null;
    double sum = 0, last = start;
    for (int t = 0; t < steps; t++) {
        if (t % stepsPerEpoch == 0) {                                    // a new epoch: a new order
            order = Randomness.permutation(seed, Randomness.Stream.SHUFFLE, t / stepsPerEpoch, n);
        }
        data.train().copyBatch(order, (t % stepsPerEpoch) * m, x);      // X^M ← minibatch
        sum += aevb.step(x);                                             // ε, g, update: one iteration
        if ((t + 1) % report == 0) {
            last = heldOutBound.evaluate(heldOut).summary().mean();
            System.out.printf("  %5d  %,9d   %15.2f   %14.2f%n", t + 1, (t + 1) * m, sum / report, last);
            sum = 0;
        }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("%ntrained in %.1f s (%,.0f images a second)%n", seconds, steps * m / seconds);

    // The checkpoint: the run's configuration, the step, every parameter and the optimiser's state.
    RunConfig config = RunConfig.paper("sample").latent(2).optimizer(optimizer.name()).learningRate(lr)
            .budget((long) steps * m).seed(seed).evalPoints(heldOut.rows);   // the paper's run, changed by name
    Files.createDirectories(out);
    Path file = out.resolve("model.aevb");
    ModelCheckpoint.save(file, new ModelCheckpoint.State(config, steps, (long) steps * m, seconds, 0, 0, Map.of()),
            vae, optimizer);
    Vae back = ModelCheckpoint.model(ModelCheckpoint.load(file));
    boolean same = true;
    for (int i = 0; i < vae.parameters().size(); i++) {
        same &= Arrays.equals(vae.parameters().get(i).value.data, back.parameters().get(i).value.data);
    }
    System.out.printf("wrote %s (%,d bytes)%n", file, Files.size(file));
    System.out.println("next: ./aevb tutorial 8 draws what it learned; ./aevb sample --checkpoint " + out + " also works\n");

    check(last > start + 100, String.format("the held-out bound rose from %.1f to %.1f nats per image", start, last));
    check(same, "the checkpoint " + file + " was written and reads back with the same parameters");
}

/** Prints a line the reader (and the tests) can check; a check that fails stops the step. */
static void check(boolean ok, String what) {
    System.out.println("CHECK " + what + ": " + (ok ? "passed" : "FAILED"));
    if (!ok) {
        throw new IllegalStateException("check failed: " + what);
    }
}
