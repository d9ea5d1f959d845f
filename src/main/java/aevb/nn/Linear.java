package aevb.nn;

import aevb.autodiff.Fused;
import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import java.util.List;

/**
 * An affine map {@code W x + b} as the paper writes it, W (out, in) and b (1, out). A minibatch
 * holds one data point per row, so the layer computes {@code x · Wᵀ + b}: (M, in) -> (M, out).
 */
public final class Linear implements Module {
    public final Parameter weight;
    public final Parameter bias;

    public Linear(String name, int in, int out) {
        this.weight = new Parameter(name + ".W", out, in);
        this.bias = new Parameter(name + ".b", 1, out);
    }

    /** x·Wᵀ + b: (M, in) -> (M, out). */
    public Var forward(Var x) {
        return Fused.affine(x, weight.on(x.tape()), bias.on(x.tape())); // (M, out)
    }

    /**
     * The head pair ({@link Mlp}): two layers on the same input, as {@link #forward} each, in one
     * fused op so that the kernels may compute the two products side by side, one per thread.
     * Here only the two layers' parameters are gathered for {@code Fused.affinePair}.
     */
    public static Var[] forwardPair(Linear first, Linear second, Var x) {
        Tape t = x.tape();
        return Fused.affinePair(x, first.weight.on(t), first.bias.on(t), second.weight.on(t), second.bias.on(t));
    }

    /** tanh(x·Wᵀ + b), the layer and its activation as one op: (M, in) -> (M, out). */
    public Var forwardTanh(Var x) {
        return Fused.tanhAffine(x, weight.on(x.tape()), bias.on(x.tape())); // (M, out)
    }

    public int in() {
        return weight.value.cols;
    }

    public int out() {
        return weight.value.rows;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }
}
