package aevb.autodiff;

import static aevb.autodiff.Elementwise.k;
import static aevb.autodiff.Elementwise.sameTape;

import aevb.tensor.Shapes;
import aevb.tensor.Tensor;

/**
 * Fused ops: a few steps of the paper's maths as one node of the tape, computed in one pass over
 * memory forward and one backward by a fused kernel. Each equals, up to float rounding, the
 * composition of basic ops named in its comment (the tests hold them to that and to central
 * differences); the formula and its derivative sit side by side, as for every other op.
 *
 * <p>Where an op may write its input's gradient outright (no other gradient has reached it yet)
 * it does, instead of adding into a buffer it had to zero first.
 */
public final class Fused {
    private Fused() {}

    /**
     * An affine layer, {@code y = x·Wᵀ + b}: x (M, in), W (out, in), b (1, out) -> y (M, out);
     * {@code addRowVector(matmulBt(x, W), b)} as one node.
     * dx += dy·W, dW += dyᵀ·x, db += Σ_rows dy.
     */
    public static Var affine(Var x, Var w, Var b) {
        Var y = layer("affine", x, w, b);
        int m = x.rows(), in = x.cols(), out = w.rows();
        k().gemmABt(x.data(), w.data(), y.data(), m, in, out, false);
        k().addRowVector(y.data(), b.data(), y.data(), m, out);
        if (y.requiresGrad) {
            y.backward = () -> backwardOfProduct(x, w, b, y.grad.data, true);
        }
        return y;
    }

    /**
     * The head pair: two affine heads on one input, {@code y1 = x·W1ᵀ + b1} and
     * {@code y2 = x·W2ᵀ + b2} (the encoder's mu and log σ² heads, from {@code nn.Linear.forwardPair}):
     * two {@link #affine} nodes, each with {@link #affine}'s backward step, whose forward products
     * go to the kernels in one call, {@code gemmABtPair}, so that on two threads each runs whole
     * on one core. Only the forward pass is paired; each head's backward step is its own
     * {@code linearBackward}, which runs its two products side by side already.
     */
    public static Var[] affinePair(Var x, Var w1, Var b1, Var w2, Var b2) {
        Var y1 = layer("affinePair", x, w1, b1), y2 = layer("affinePair", x, w2, b2);
        int m = x.rows(), in = x.cols(), n1 = w1.rows(), n2 = w2.rows();
        k().gemmABtPair(x.data(), w1.data(), y1.data(), n1, w2.data(), y2.data(), n2, m, in);
        k().addRowVector(y1.data(), b1.data(), y1.data(), m, n1);
        k().addRowVector(y2.data(), b2.data(), y2.data(), m, n2);
        if (y1.requiresGrad) {
            y1.backward = () -> backwardOfProduct(x, w1, b1, y1.grad.data, true);
        }
        if (y2.requiresGrad) {
            y2.backward = () -> backwardOfProduct(x, w2, b2, y2.grad.data, true);
        }
        return new Var[] {y1, y2};
    }

    /**
     * A tanh layer, {@code y = tanh(x·Wᵀ + b)}, shapes as {@link #affine};
     * {@code tanh(affine(x, W, b))} as one node. With d = dy ⊙ (1 - y²), the derivative of tanh
     * taken from its output: dx += d·W, dW += dᵀ·x, db += Σ_rows d.
     */
    public static Var tanhAffine(Var x, Var w, Var b) {
        Var y = layer("tanhAffine", x, w, b);
        int m = x.rows(), in = x.cols(), out = w.rows();
        k().gemmABt(x.data(), w.data(), y.data(), m, in, out, false);
        k().biasTanh(y.data(), b.data(), y.data(), m, out);
        if (y.requiresGrad) {
            y.backward = () -> {
                float[] d = y.tape.take(m, out).data;                            // (M, out)
                k().tanhBackward(y.grad.data, y.data(), d, b.gradData(), m, out); // d, and db += Σ_rows d
                backwardOfProduct(x, w, null, d, false);
            };
        }
        return y;
    }

    private static Var layer(String op, Var x, Var w, Var b) {
        Shapes.check(x.cols() == w.cols(), op, x.value, w.value, "x·Wᵀ needs x.cols == W.cols (W is out x in)");
        Shapes.check(b.rows() == 1 && b.cols() == w.rows(), op, w.value, b.value, "the bias must be 1 x out");
        sameTape(op, x, w);
        sameTape(op, x, b);
        return x.tape.result(x.rows(), w.rows(), x.requiresGrad || w.requiresGrad || b.requiresGrad);
    }

    /** dx += d·W, dW += dᵀ·x and, when asked, db += Σ_rows d: d is the gradient of x·Wᵀ + b. */
    private static void backwardOfProduct(Var x, Var w, Var b, float[] d, boolean biasGradient) {
        int m = x.rows(), in = x.cols(), out = w.rows();
        boolean accX = x.hasGrad();
        float[] dx = x.requiresGrad ? x.gradBuffer() : null;
        boolean accW = w.hasGrad();   // after dx's buffer: when x and W share one, dW adds to dx's
        float[] dw = w.requiresGrad ? w.gradBuffer() : null;
        if (dw != null && dx != dw) {   // both products in one kernel, which may run them side by side
            k().linearBackward(d, x.data(), w.data(), dx, dw, m, in, out, accX, accW);
        } else {
            if (dx != null) {
                k().gemm(d, w.data(), dx, m, out, in, accX);
            }
            if (dw != null) {
                k().gemmAtB(d, x.data(), dw, out, m, in, accW);
            }
        }
        if (biasGradient && b.requiresGrad) {
            boolean acc = b.hasGrad();
            k().colSums(d, b.gradBuffer(), m, out, acc);
        }
    }

    /**
     * The Bernoulli log-likelihood from the logits a, per row (one data point per row):
     * {@code Σ_j x_j a_j - softplus(a_j)} = Σ_j x_j log σ(a_j) + (1 - x_j) log(1 - σ(a_j)),
     * x, a (R, D) -> (R, 1); {@code sumRows(sub(mul(x, a), softplus(a)))} as one node.
     * da += g_r (x - σ(a)), dx += g_r a; σ(a), the decoder's mean, is kept from the forward pass.
     */
    public static Var bernoulliLogLikelihood(Var x, Var a) {
        Shapes.same("bernoulliLogLikelihood", x.value, a.value);
        sameTape("bernoulliLogLikelihood", x, a);
        int rows = a.rows(), cols = a.cols();
        Var y = a.tape.result(rows, 1, x.requiresGrad || a.requiresGrad);
        float[] mean = a.requiresGrad ? a.tape.take(rows, cols).data : null;   // σ(a), (R, D)
        k().bernoulliLogLikelihood(x.data(), a.data(), y.data(), mean, rows, cols);
        if (y.requiresGrad) {
            y.backward = () -> {
                float[] g = y.grad.data;
                if (a.requiresGrad) {
                    boolean acc = a.hasGrad();
                    k().bernoulliLogLikelihoodBackward(x.data(), mean, g, a.gradBuffer(), rows, cols, acc);
                }
                if (x.requiresGrad) {   // data rarely needs a gradient: a plain loop
                    float[] gx = x.gradData(), av = a.data();
                    for (int i = 0; i < gx.length; i++) {
                        gx[i] += g[i / cols] * av[i];
                    }
                }
            };
        }
        return y;
    }

    /**
     * Appendix B's -KL(N(mu, σ²) || N(0, I)) per row, {@code ½ Σ_j (1 + logVar_j - mu_j² - e^logVar_j)}:
     * mu, logVar (M, Nz) -> (M, 1).
     * dmu += -g_r mu, dlogVar += ½ g_r (1 - e^logVar).
     */
    public static Var gaussianNegKl(Var mu, Var logVar) {
        Shapes.same("gaussianNegKl", mu.value, logVar.value);
        sameTape("gaussianNegKl", mu, logVar);
        int rows = mu.rows(), cols = mu.cols();
        Var y = mu.tape.result(rows, 1, mu.requiresGrad || logVar.requiresGrad);
        k().gaussianNegKl(mu.data(), logVar.data(), y.data(), rows, cols);
        if (y.requiresGrad) {
            y.backward = () -> k().gaussianNegKlBackward(mu.data(), logVar.data(), y.grad.data, mu.gradData(),
                    logVar.gradData(), rows, cols);
        }
        return y;
    }

    /**
     * The reparameterisation of section 2.4, {@code z = mu + e^(logVar/2) ⊙ eps}: mu, logVar,
     * eps (R, Nz) -> z (R, Nz), eps a constant.
     * dmu += g, dlogVar += ½ g ⊙ eps ⊙ e^(logVar/2) (dσ/dlogVar = σ/2).
     */
    public static Var reparameterize(Var mu, Var logVar, Tensor eps) {
        Shapes.same("reparameterize", mu.value, logVar.value);
        Shapes.same("reparameterize", mu.value, eps);
        sameTape("reparameterize", mu, logVar);
        Var z = mu.tape.result(mu.rows(), mu.cols(), mu.requiresGrad || logVar.requiresGrad);
        k().reparameterize(mu.data(), logVar.data(), eps.data, z.data(), z.size());
        if (z.requiresGrad) {
            z.backward = () -> k().reparameterizeBackward(logVar.data(), eps.data, z.grad.data, mu.gradData(),
                    logVar.gradData(), z.size());
        }
        return z;
    }
}
