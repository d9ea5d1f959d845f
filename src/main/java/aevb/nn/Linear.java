package aevb.nn;

import static aevb.autodiff.Matrices.addRowVector;
import static aevb.autodiff.Matrices.matmulBt;

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

    public Var forward(Var x) {
        return addRowVector(matmulBt(x, weight.on(x.tape())), bias.on(x.tape())); // (M, out)
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
