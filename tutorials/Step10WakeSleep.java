/*
 * Step 10. Against wake-sleep (sections 4-5, Figure 2): the same model trained two ways, measured by the same bound
 *
 * The paper's only on-line competitor is the wake-sleep algorithm (Hinton, Dayan, Frey & Neal,
 * 1995). It uses the same two networks, a recognition model q_φ(z|x) and a generative model
 * p_θ(x|z) p(z), but learns them with two objectives, one phase each:
 *
 *     wake:  z ~ q_φ(z|x) for a data point x, then raise log p_θ(x|z) in θ (z held fixed);
 *     sleep: dream z ~ p(z), x ~ p_θ(x|z), then raise log q_φ(z|x) in φ on the dream.
 *
 * φ never sees real data, and the sleep phase fits q to the model's dreams with the KL the other
 * way round, KL(p || q), so the pair of updates maximises no single bound (section 4: "a
 * concurrent optimization of two objective functions, which together do not correspond to
 * optimization of (a bound of) the marginal likelihood"). AEVB follows one gradient, of the bound.
 *
 * Figure 2 trains both with the same networks, initialisation, minibatches and Adagrad, and plots
 * the bound per data point (estimator B) against the number of training samples evaluated, on a
 * log axis. This step does the same, briefly, for Nz = 10 and 500 hidden units on the embedded
 * MNIST sample: 600 steps of M = 100 for each (baselines/WakeSleep.java is the algorithm).
 *
 * Check: figure2.png is written, and AEVB's held-out bound ends above wake-sleep's; the table
 * shows AEVB ahead from the first few steps on, as in every panel of the paper's Figure 2.
 */
import aevb.baselines.WakeSleep;
import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.eval.SplitBound;
import aevb.nn.Adagrad;
import aevb.nn.WeightDecay;
import aevb.random.Randomness;
import aevb.sgvb.Aevb;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Tensor;
import aevb.viz.LineChart;
import aevb.viz.Palette;

void main() throws Exception {
    boolean quick = Boolean.getBoolean("aevb.tutorial.quick");
    Path out = Path.of(System.getProperty("aevb.tutorial.runs", "runs"), "tutorial-10");
    DataSplits data = Datasets.load("sample", null, false, System.err);
    int n = data.train().size(), m = 100, stepsPerEpoch = n / m, steps = quick ? 100 : 600;
    VaeConfig model = new VaeConfig(784, 500, 10, "bernoulli");

    // The same initial weights (seed 1) for both, the same minibatches, the same optimiser.
    Vae aevbModel = Vae.initialised(model, 1), wsModel = Vae.initialised(model, 1);
    Aevb aevb = new Aevb(aevbModel, new EstimatorB(), new Adagrad(0.02), WeightDecay.priorPerDataPoint(n), 1, 1);
    WakeSleep wakeSleep = new WakeSleep(wsModel, new Adagrad(0.02), WeightDecay.priorPerDataPoint(n), 1);
    Tensor train = data.train().slice("train", 0, 1000).asTensor();
    Tensor test = data.validation().slice("held-out", 0, 1000).asTensor();

    System.out.printf("784-500-10 VAE, M = %d, Adagrad 0.02, %d steps each; bound per image (estimator B, L = 1):%n%n", m, steps);
    System.out.println("  samples   AEVB train    AEVB test   wake-sleep train   wake-sleep test");
    List<double[]> rows = new ArrayList<>();                     // samples, AEVB train/test, WS train/test
    Tensor x = new Tensor(m, 784);
    int[] order = null;
    for (int t = 0; t < steps; t++) {
        if (t % stepsPerEpoch == 0) {
            order = Randomness.permutation(1, Randomness.Stream.SHUFFLE, t / stepsPerEpoch, n);
        }
        data.train().copyBatch(order, (t % stepsPerEpoch) * m, x);
        aevb.step(x);                                            // one gradient step on the bound
        wakeSleep.step(x);                                       // one wake and one sleep phase
        int s = t + 1;
        if (isLogStep(s) || s == steps) {
            double[] r = {(double) s * m, bound(aevbModel, train), bound(aevbModel, test), bound(wsModel, train),
                    bound(wsModel, test)};
            rows.add(r);
            System.out.printf("  %,7.0f   %10.2f   %10.2f   %16.2f   %15.2f%n", r[0], r[1], r[2], r[3], r[4]);
        }
    }

    Files.createDirectories(out);
    Path png = out.resolve("figure2.png");
    // Adagrad's first steps overshoot (see step 2 in the table); the chart starts at step 10, as the
    // paper's axes start late, so that the learning is readable.
    List<double[]> shown = rows.stream().filter(r -> r[0] >= 10 * m).toList();
    double[] samples = column(shown, 0);
    new LineChart().title("AEVB against wake-sleep, MNIST sample, Nz = 10 (Figure 2)").logX(true)
            .xLabel("# training samples evaluated").yLabel("lower bound per data point (nats)")
            .add(new LineChart.Series("AEVB (train)", samples, column(shown, 1), Palette.categorical(3), false))
            .add(new LineChart.Series("AEVB (test)", samples, column(shown, 2), Palette.categorical(3), true))
            .add(new LineChart.Series("Wake-Sleep (train)", samples, column(shown, 3), Palette.categorical(0), false))
            .add(new LineChart.Series("Wake-Sleep (test)", samples, column(shown, 4), Palette.categorical(0), true))
            .write(png);
    System.out.println("\nwrote " + png + "\n");

    double[] last = rows.get(rows.size() - 1);
    check(Files.size(png) > 0, "wrote " + png);
    check(last[2] > last[4], String.format("after %,.0f samples AEVB's held-out bound %.2f is above wake-sleep's %.2f",
            last[0], last[2], last[4]));
}

/** The bound per data point on the rows of x: estimator B, L = 1, the noise fixed by the seed. */
static double bound(Vae vae, Tensor x) {
    return new SplitBound(vae, new EstimatorB(), 1, 1).evaluate(x).summary().mean();
}

/** Steps 1, 2, 5, 10, 20, 50, ...: evenly spaced on the log axis of Figure 2. */
static boolean isLogStep(int s) {
    for (int decade = 1; decade <= s; decade *= 10) {
        if (s == decade || s == 2 * decade || s == 5 * decade) {
            return true;
        }
    }
    return false;
}

static double[] column(List<double[]> rows, int c) {
    return rows.stream().mapToDouble(r -> r[c]).toArray();
}

/** Prints a line the reader (and the tests) can check; a check that fails stops the step. */
static void check(boolean ok, String what) {
    System.out.println("CHECK " + what + ": " + (ok ? "passed" : "FAILED"));
    if (!ok) {
        throw new IllegalStateException("check failed: " + what);
    }
}
