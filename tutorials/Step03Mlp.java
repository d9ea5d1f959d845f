/*
 * Step 3. An MLP as nested functions: fit y = sin(3x) with the paper's one-hidden-layer MLP (Appendix C)
 *
 * Both networks of the paper are the same small thing (Appendix C): one hidden layer of tanh
 * units and linear outputs,
 *
 *     h = tanh(W1 x + b1),    y = W2 h + b2,
 *
 * that is, y = head(tanh(hidden(x))): functions nested in functions. In aevb a Linear layer
 * holds W (out, in) and b (1, out) as Parameters and computes x·Wᵀ + b for a minibatch with one
 * data point per row; Mlp nests a hidden Linear, tanh, and one or more Linear heads that share
 * the hidden layer (the encoder has two heads, mu and log σ², the Bernoulli decoder one).
 * parameters() lists every weight; that list is all an optimiser needs.
 *
 * This step fits y = sin(3x) on [-1, 1] by minimising the mean squared error with Adam, the tape
 * of step 2 giving the gradients: forward, backward, step, 2000 times. It is Algorithm 1 without
 * the probabilistic part: a minibatch (here all 128 points), a gradient, an update.
 *
 * Check: the mean squared error falls to under 1% of its start, and fit.png (in the folder
 * printed at the end) shows the target, the network at the start, and the fitted network.
 */
import static aevb.autodiff.Elementwise.*;
import static aevb.autodiff.Reductions.*;

import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.nn.Adam;
import aevb.nn.Init;
import aevb.nn.Mlp;
import aevb.nn.Parameter;
import aevb.tensor.Tensor;
import aevb.viz.LineChart;
import aevb.viz.Palette;

void main() throws Exception {
    Path out = Path.of(System.getProperty("aevb.tutorial.runs", "runs"), "tutorial-03");
    int n = 128, hidden = 32;
    Tensor x = new Tensor(n, 1), target = new Tensor(n, 1);     // one data point per row
    for (int i = 0; i < n; i++) {
        x.data[i] = -1f + 2f * i / (n - 1);
        target.data[i] = (float) Math.sin(3 * x.data[i]);
    }

    Mlp mlp = new Mlp("toy", 1, hidden, new String[] {"y"}, new int[] {1});
    Init.gaussian(mlp.parameters(), 0.5, 1);        // N(0, 0.5²): a toy net can start bolder than the paper's 0.01
    System.out.println("the MLP y = W2 tanh(W1 x + b1) + b2 and its parameters:");
    for (Parameter p : mlp.parameters()) {
        System.out.println("  " + p);
    }

    // The nesting, spelt out: mlp.forward(x) is exactly head(tanh(hidden(x))).
    Tape tape = new Tape();
    Var xv = tape.constant(x);
    Var nested = mlp.heads.get(0).forward(tanh(mlp.hidden.forward(xv)));   // (n, 1)
    Var viaMlp = mlp.forward(xv)[0];
    System.out.println("mlp.forward(x) equals head(tanh(hidden(x))): " + Arrays.equals(nested.data(), viaMlp.data()));
    float[] before = viaMlp.data().clone();

    Adam adam = new Adam(0.01);
    double first = Double.NaN, mse = Double.NaN;
    for (int step = 0; step <= 2000; step++) {
        tape.reset();
        Var y = mlp.forward(tape.constant(x))[0];                               // (n, 1)
        Var loss = mean(square(sub(y, tape.constant(target))));                 // (1, 1)
        mse = loss.item();
        if (step == 0) {
            first = mse;
        }
        if (step % 500 == 0 || step == 100) {
            System.out.printf("  step %4d  mean squared error %.5f%n", step, mse);
        }
        if (step < 2000) {
            tape.backward(loss);           // fills p.grad of every parameter
            adam.step(mlp.parameters());   // moves each parameter and zeroes its gradient
        }
    }
    float[] after = mlp.forward(new Tape().constant(x))[0].value.data;

    Files.createDirectories(out);
    Path png = out.resolve("fit.png");
    double[] xs = toDouble(x.data);
    new LineChart().title("An MLP with " + hidden + " tanh units fits sin(3x)").xLabel("x").yLabel("y")
            .add(new LineChart.Series("sin(3x)", xs, toDouble(target.data), Palette.categorical(0), false))
            .add(new LineChart.Series("MLP at the start", xs, toDouble(before), Palette.categorical(1), true))
            .add(new LineChart.Series("MLP after 2000 steps", xs, toDouble(after), Palette.categorical(2), true))
            .write(png);
    System.out.println("\nwrote " + png);
    check(mse < 0.01 * first, String.format("the mean squared error fell from %.4f to %.6f (under 1%% of the start)",
            first, mse));
    check(Files.size(png) > 0, "the picture of the fit was written to " + png);
}

static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
        d[i] = v[i];
    }
    return d;
}

/** Prints a line the reader (and the tests) can check; a check that fails stops the step. */
static void check(boolean ok, String what) {
    System.out.println("CHECK " + what + ": " + (ok ? "passed" : "FAILED"));
    if (!ok) {
        throw new IllegalStateException("check failed: " + what);
    }
}
