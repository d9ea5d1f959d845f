package aevb.nn;

import aevb.autodiff.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's multilayer perceptron (Appendix C): one tanh hidden layer, then one or more linear
 * output heads that share it. {@code h = tanh(W_h x + b_h)}, {@code head_i = W_i h + b_i}.
 * The Gaussian encoder has two heads (mu and log σ²), the Bernoulli decoder one (the logits).
 *
 * <p>The head pair: with two heads (the Gaussian encoder's mu and log σ², the Gaussian decoder's
 * too) {@link #forward} can hand both to {@link Linear#forwardPair}, the same maths as two
 * {@link Linear#forward} calls (bit for bit), meant to run the two products one per core on two
 * threads instead of splitting each over both. The path: {@code Mlp.forward} →
 * {@link Linear#forwardPair} → {@code autodiff.Fused.affinePair} → {@code TensorKernels.gemmABtPair}
 * → {@code tensor.gemm.Gemm.gemmABtPair}. It does not pay, so it is off unless
 * {@code -Daevb.headPair=true}: {@code ./aevb bench --seconds 3 --no-gemm}, 2026-12-04 00:25 UTC,
 * AMD EPYC (AVX2), the long run paused, alternating, training images/s (1 thread / 2 threads):
 * with the pair 7,002 / 14,529 and 9,917 / 13,786; without 12,767 / 19,347 and 11,153 / 17,663
 * (a third round, disturbed by another job, 9,242 / 9,183 against 8,353 / 7,528); evaluation the
 * same either way. Session 4's one measurement pointed the same way (10,026 against 11,929 on 2
 * threads). The main job gives the same bits either way (validation -126.66839661026).
 *
 * <p>Depth: with {@code depth} above 1 the hidden layers are stacked, all of the same width,
 * {@code h_l = tanh(W_l h_{l-1} + b_l)}: the IWAE paper's (Burda et al. 2015) model has two tanh
 * layers of 200 units on each side. Layer 1 keeps its name ".hidden" (so one-layer checkpoints
 * read as before), deeper ones are ".hidden2", ".hidden3", ...
 */
public final class Mlp implements Module {
    public final Linear hidden;
    /** Hidden layers 2..depth (empty for the paper's one-layer MLP). */
    public final List<Linear> deeper;
    public final List<Linear> heads;

    public Mlp(String name, int in, int hiddenUnits, String[] headNames, int[] headSizes) {
        this(name, in, hiddenUnits, 1, headNames, headSizes);
    }

    public Mlp(String name, int in, int hiddenUnits, int depth, String[] headNames, int[] headSizes) {
        if (headNames.length != headSizes.length || headNames.length == 0) {
            throw new IllegalArgumentException("an MLP needs one name per head and at least one head");
        }
        if (depth < 1) {
            throw new IllegalArgumentException("an MLP needs at least one hidden layer, got depth " + depth);
        }
        this.hidden = new Linear(name + ".hidden", in, hiddenUnits);
        List<Linear> ds = new ArrayList<>();
        for (int l = 2; l <= depth; l++) {
            ds.add(new Linear(name + ".hidden" + l, hiddenUnits, hiddenUnits));
        }
        this.deeper = List.copyOf(ds);
        List<Linear> hs = new ArrayList<>();
        for (int i = 0; i < headNames.length; i++) {
            hs.add(new Linear(name + "." + headNames[i], hiddenUnits, headSizes[i]));
        }
        this.heads = List.copyOf(hs);
    }

    /** {@code -Daevb.headPair=true} runs the two heads as one pair of products (see the class comment: it costs here). */
    static final boolean HEAD_PAIR = "true".equals(System.getProperty("aevb.headPair"));

    /** Returns one output per head, each (M, head size). */
    public Var[] forward(Var x) {
        Var h = hidden.forwardTanh(x); // tanh(W_h x + b_h), (M, hidden)
        for (Linear l : deeper) {
            h = l.forwardTanh(h);      // tanh(W_l h + b_l), (M, hidden)
        }
        if (heads.size() == 2 && HEAD_PAIR) {   // the head pair (mu and log σ²): its two products side by side
            return Linear.forwardPair(heads.get(0), heads.get(1), h);
        }
        Var[] out = new Var[heads.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = heads.get(i).forward(h);
        }
        return out;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>();
        for (Linear l : layers()) {
            ps.addAll(l.parameters());
        }
        return ps;
    }

    /** Every layer, input to output: the hidden layers, then the heads. */
    public List<Linear> layers() {
        List<Linear> ls = new ArrayList<>();
        ls.add(hidden);
        ls.addAll(deeper);
        ls.addAll(heads);
        return ls;
    }

    /** Hidden layers: 1 for the paper's MLP. */
    public int depth() {
        return 1 + deeper.size();
    }
}
