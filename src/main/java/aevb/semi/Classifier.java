package aevb.semi;

import static aevb.autodiff.Elementwise.mul;
import static aevb.autodiff.Elementwise.scale;
import static aevb.autodiff.Reductions.sum;

import aevb.autodiff.Categorical;
import aevb.autodiff.Tape;
import aevb.autodiff.Var;
import aevb.nn.Init;
import aevb.nn.Mlp;
import aevb.nn.Module;
import aevb.nn.Parameter;
import aevb.tensor.Tensor;
import java.util.List;

/**
 * A softmax MLP classifier q(y|x) = Cat(y | softmax(W2 tanh(W1 x + b1) + b2)) trained on labels
 * alone by minimising the mean of -log q(y|x): the same network as M2's q_φ(y|x), so that M2 can be
 * set against it trained on the labelled images only (the baseline M2 must beat), and the
 * classifier M1's features are given to (where the paper used a transductive SVM).
 */
public final class Classifier implements Module {
    public final Mlp mlp;
    public final int classes;

    public Classifier(int dataDim, int hidden, int classes) {
        this.mlp = new Mlp("classifier", dataDim, hidden, new String[] {"logits"}, new int[] {classes});
        this.classes = classes;
    }

    public static Classifier initialised(int dataDim, int hidden, int classes, long seed) {
        Classifier c = new Classifier(dataDim, hidden, classes);
        Init.gaussian(c.parameters(), Init.PAPER_STD, seed);
        return c;
    }

    /** The mean of -log q(y|x) over the rows: x (M, D), one-hot y (M, K) -> (1, 1). */
    public Var crossEntropy(Var x, Var y) {
        Var logQ = Categorical.logSoftmax(mlp.forward(x)[0]);    // (M, K)
        return scale(sum(mul(y, logQ)), -1f / x.rows());
    }

    /** argmax_y q(y|x) for each row. */
    public int[] classify(Tensor x) {
        return M2.argmaxRows(mlp.forward(new Tape().constant(x))[0].value);
    }

    @Override
    public List<Parameter> parameters() {
        return mlp.parameters();
    }
}
