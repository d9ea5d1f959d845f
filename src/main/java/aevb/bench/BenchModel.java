package aevb.bench;

import aevb.run.PaperSettings;
import aevb.sgvb.VaeConfig;
import java.util.List;
import java.util.Locale;

/**
 * A model {@code aevb bench} times: the shapes a learner trains. Each is the paper's architecture
 * for its data (section 5, Appendix C): one tanh hidden layer on each side, estimator B, M = 100,
 * L = 1, Adagrad with the paper's step size for the data set, weight decay 1/N on θ.
 *
 * @param name  the {@code --model} value
 * @param vae   the architecture
 * @param n     training points N (the weight decay's 1/N, the shuffled set the minibatches come from)
 * @param lr    the paper's Adagrad step size for this data (a step's time does not depend on it)
 */
public record BenchModel(String name, VaeConfig vae, int n, double lr) {
    /** Section 5's MNIST model: 784-500-20, Bernoulli. */
    public static final BenchModel MNIST = new BenchModel("mnist", new VaeConfig(784, 500, 20, "bernoulli"), 60_000,
            PaperSettings.MNIST_AEVB_LR);
    /** Figure 2's widest MNIST latent space, Nz = 200. */
    public static final BenchModel MNIST200 = new BenchModel("mnist200", new VaeConfig(784, 500, 200, "bernoulli"), 60_000,
            PaperSettings.MNIST_AEVB_LR);
    /** Frey Face: 560-200-2 with the Gaussian decoder of Appendix C.2 (two 200→560 heads), the 1,565 training frames. */
    public static final BenchModel FREY = new BenchModel("frey", new VaeConfig(560, 200, 2, "gaussian"), 1_565,
            PaperSettings.FREY_AEVB_LR);

    public static final List<BenchModel> ALL = List.of(MNIST, MNIST200, FREY);

    public BenchModel {
        if (vae.depth() != 1) {
            throw new IllegalArgumentException("bench models have one hidden layer a side, got depth " + vae.depth());
        }
    }

    /** The model of a {@code --model} value, or null. */
    public static BenchModel named(String name) {
        for (BenchModel m : ALL) {
            if (m.name.equals(name)) {
                return m;
            }
        }
        return null;
    }

    public static String names() {
        return String.join("|", ALL.stream().map(BenchModel::name).toList());
    }

    /** One affine layer (in -> out) and whether backprop needs the gradient of its input. */
    record Layer(String name, int in, int out, boolean inputGradient) {}

    /** The affine layers of a step: the encoder's hidden layer and two heads, the decoder's hidden layer and its heads. */
    List<Layer> layers() {
        VaeConfig c = vae;
        Layer encHidden = new Layer("encoder.hidden", c.dataDim(), c.hidden(), false);   // x is data
        Layer mu = new Layer("encoder.mu", c.hidden(), c.latent(), true);
        Layer logVar = new Layer("encoder.logVar", c.hidden(), c.latent(), true);
        Layer decHidden = new Layer("decoder.hidden", c.latent(), c.hidden(), true);
        return c.decoder().equals("gaussian")
                ? List.of(encHidden, mu, logVar, decHidden, new Layer("decoder.mu", c.hidden(), c.dataDim(), true),
                        new Layer("decoder.logVar", c.hidden(), c.dataDim(), true))
                : List.of(encHidden, mu, logVar, decHidden, new Layer("decoder.logits", c.hidden(), c.dataDim(), true));
    }

    /** FLOPs of the matrix products of one training step on m rows: 2·m·k·n for x·Wᵀ, dYᵀ·X and (if needed) dY·W. */
    public double trainingFlops(int m) {
        double f = 0;
        for (Layer l : layers()) {
            f += 2.0 * m * l.in() * l.out() * (l.inputGradient() ? 3 : 2);
        }
        return f;
    }

    /** FLOPs of the matrix products of one forward pass (encoder and decoder) on m rows. */
    public double forwardFlops(int m) {
        double f = 0;
        for (Layer l : layers()) {
            f += 2.0 * m * l.in() * l.out();
        }
        return f;
    }

    /** FLOPs of the decoder's forward pass on m rows (what importance sampling repeats K times). */
    public double decoderFlops(int m) {
        double f = 0;
        for (Layer l : layers()) {
            f += l.name().startsWith("decoder") ? 2.0 * m * l.in() * l.out() : 0;
        }
        return f;
    }

    /** "784-500-20 Bernoulli". */
    public String shape() {
        return String.format(Locale.ROOT, "%d-%d-%d %s", vae.dataDim(), vae.hidden(), vae.latent(),
                vae.decoder().equals("gaussian") ? "Gaussian" : "Bernoulli");
    }
}
