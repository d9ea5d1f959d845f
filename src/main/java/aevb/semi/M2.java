package aevb.semi;

import static aevb.autodiff.Elementwise.add;
import static aevb.autodiff.Elementwise.addScalar;
import static aevb.autodiff.Elementwise.exp;
import static aevb.autodiff.Elementwise.mul;
import static aevb.autodiff.Matrices.concatColumns;
import static aevb.autodiff.Matrices.repeatRows;
import static aevb.autodiff.Reductions.sumRows;

import aevb.autodiff.Categorical;
import aevb.autodiff.Fused;
import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.nn.Init;
import aevb.nn.Mlp;
import aevb.nn.Module;
import aevb.nn.Parameter;
import aevb.prob.BernoulliDecoder;
import aevb.prob.Decoder;
import aevb.prob.DiagonalGaussian;
import aevb.prob.GaussianDecoder;
import aevb.prob.GaussianEncoder;
import aevb.prob.ReparameterizedSampler;
import aevb.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * M2, the generative semi-supervised model of Kingma, Rezende, Mohamed &amp; Welling (2014),
 * "Semi-Supervised Learning with Deep Generative Models", section 3.1.2:
 * <pre>
 *   p(y) = Cat(y | 1/K),  p(z) = N(z | 0, I),  p_θ(x | y, z) = f(x; y, z, θ)     (eq. 2)
 *   q_φ(z | y, x) = N(z | mu_φ(y, x), diag σ²_φ(x)),  q_φ(y | x) = Cat(y | π_φ(x))  (eq. 4)
 * </pre>
 * with f a Bernoulli MLP decoder on [z | y] (Gaussian for continuous inputs, as M1+M2), the
 * Gaussian encoder an MLP on [x | y] for both mu and log σ² (the paper writes σ²_φ(x); one MLP on
 * [x | y] is the simpler reading and includes it), and π a softmax MLP classifier, y one-hot. Its two bounds:
 * <pre>
 *   -L(x, y) = E_q(z|x,y)[log p_θ(x|y,z) + log p(y) + log p(z) - log q_φ(z|x,y)]   (eq. 6)
 *   -U(x)    = Σ_y q_φ(y|x) (-L(x, y)) + H(q_φ(y|x))                             (eq. 7)
 * </pre>
 * computed as estimator B of the AEVB paper (eq. 10): the KL of q(z|x,y) from N(0, I) in closed
 * form, one sample of z for the reconstruction term.
 */
public final class M2 implements Module {
    public final M2Config config;
    /** q_φ(z | x, y), on [x | y]. */
    public final GaussianEncoder encoder;
    /** p_θ(x | y, z), on [z | y]. */
    public final Decoder decoder;
    /** q_φ(y | x): the logits of π_φ(x). */
    public final Mlp classifier;

    public M2(M2Config c) {
        this.config = c;
        int k = c.classes();
        this.encoder = new GaussianEncoder(c.dataDim() + k, c.hidden(), c.latent());
        this.decoder = c.decoder().equals("bernoulli")
                ? new BernoulliDecoder(c.latent() + k, c.hidden(), c.dataDim())
                : new GaussianDecoder(c.latent() + k, c.hidden(), 1, c.dataDim());
        this.classifier = new Mlp("classifier", c.dataDim(), c.hidden(), new String[] {"logits"}, new int[] {k});
    }

    /** Initialised from N(0, 0.01²) like the AEVB paper's models, from the seed's INIT stream. */
    public static M2 initialised(M2Config c, long seed) {
        M2 m2 = new M2(c);
        Init.gaussian(m2.parameters(), Init.PAPER_STD, seed);
        return m2;
    }

    /** log q_φ(y|x): x (M, D) -> (M, K). */
    public Var logQy(Var x) {
        return Categorical.logSoftmax(classifier.forward(x)[0]);
    }

    /**
     * Eq. (6), -L(x, y) per row, estimator B: {@code log p(x|y,z) + log p(y) - KL(q(z|x,y) || p(z))}
     * with z = mu + σ ⊙ eps. x (R, D), y one-hot (R, K), eps (R, Nz) -> (R, 1).
     */
    public Var labelledBound(Var x, Var y, Tensor eps) {
        DiagonalGaussian q = encoder.encode(concatColumns(x, y));          // (R, Nz)
        Var negKl = Fused.gaussianNegKl(q.mu(), q.logVar());               // log p(z) - log q(z|x,y), in expectation
        Var z = ReparameterizedSampler.sample(q, eps);                     // (R, Nz)
        Var logPx = decoder.logLikelihood(x, concatColumns(z, y));         // (R, 1)
        return addScalar(add(logPx, negKl), (float) -Math.log(config.classes())); // + log p(y) = -log K
    }

    /**
     * Eq. (7), -U(x) per row: all K labels of the minibatch as one batch of K·M rows (x tiled K
     * times, block t carrying label t), their bounds laid out as (M, K), weighted by q(y|x) and
     * summed, plus the entropy. x (M, D), eps (K·M, Nz) -> (M, 1).
     */
    public Var unlabelledBound(Var x, Tensor eps) {
        return unlabelledBound(x, logQy(x), eps);
    }

    /** The same with log q(y|x) (M, K) already on the tape. */
    public Var unlabelledBound(Var x, Var logQy, Tensor eps) {
        int k = config.classes(), m = x.rows();
        Var xs = repeatRows(x, k);                                         // (K·M, D), row t·M + i = x_i
        Var ys = x.tape().constant(blockLabels(k, m));                     // (K·M, K), row t·M + i = e_t
        Var perLabel = Categorical.blocksToColumns(labelledBound(xs, ys, eps), k); // (M, K): -L(x_i, t)
        Var qy = exp(logQy);                    // (M, K)
        return add(sumRows(mul(qy, perLabel)), Categorical.entropy(logQy)); // Σ_y q (-L) + H(q), (M, 1)
    }

    /** K blocks of M one-hot rows, block t all e_t: (K·M, K). */
    static Tensor blockLabels(int k, int m) {
        Tensor y = new Tensor(k * m, k);
        for (int t = 0; t < k; t++) {
            for (int i = 0; i < m; i++) {
                y.data[(t * m + i) * k + t] = 1f;
            }
        }
        return y;
    }

    /** One-hot rows for labels: (M) -> (M, K). */
    public static Tensor oneHot(int[] labels, int k) {
        Tensor y = new Tensor(labels.length, k);
        for (int i = 0; i < labels.length; i++) {
            y.data[i * k + labels[i]] = 1f;
        }
        return y;
    }

    /** argmax_y q(y|x) for each row of x (M, D). */
    public int[] classify(Tensor x) {
        Tape tape = new Tape();
        Var logits = classifier.forward(tape.constant(x))[0];
        return argmaxRows(logits.value);
    }

    static int[] argmaxRows(Tensor a) {
        int[] out = new int[a.rows];
        for (int r = 0; r < a.rows; r++) {
            int best = 0;
            for (int j = 1; j < a.cols; j++) {
                if (a.data[r * a.cols + j] > a.data[r * a.cols + best]) {
                    best = j;
                }
            }
            out[r] = best;
        }
        return out;
    }

    /** φ: the encoder's and the classifier's parameters. */
    public List<Parameter> phi() {
        List<Parameter> ps = new ArrayList<>(encoder.parameters());
        ps.addAll(classifier.parameters());
        return ps;
    }

    /** θ: the decoder's parameters. */
    public List<Parameter> theta() {
        return decoder.parameters();
    }

    /** φ then θ, in a fixed order. */
    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>(phi());
        ps.addAll(theta());
        return ps;
    }
}
