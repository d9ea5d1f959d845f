package aevb.semi;

import static aevb.autodiff.Elementwise.add;
import static aevb.autodiff.Elementwise.mul;
import static aevb.autodiff.Elementwise.scale;
import static aevb.autodiff.Reductions.sum;

import aevb.autodiff.Var;
import aevb.tensor.Tensor;

/**
 * Eq. (9), the objective M2 is trained on, to minimise:
 * <pre>
 *   J   = Σ_{(x,y) ~ p̃_l} L(x, y) + Σ_{x ~ p̃_u} U(x)                     (eq. 8)
 *   J^α = J + α · E_{p̃_l(x,y)}[-log q_φ(y|x)]                            (eq. 9)
 * </pre>
 * with α = 0.1 · N as the paper sets it, N = N_l + N_u all the training points. The authors' code
 * (github.com/dpkingma/nips14-ssl, learn_yz_x_ss.py, its {@code alpha = 0.1}) weighs the summed log q(y|x) of a minibatch's
 * labelled part by 0.1 · N / N_l, scales both parts up to the data set and divides by N: the same as this.
 * A minibatch has a labelled part (M_l points) and an unlabelled part (M_u points), each summed
 * with the weight that makes it an unbiased estimate of its sum over the data set, N_l/M_l and
 * N_u/M_u (eq. 8 of the AEVB paper, applied to each part); the expectation over labelled points is
 * their mean. Everything is divided by N, so the loss is per data point, as the VAE's:
 * <pre>  J^α / N ≈ [ (N_l/M_l) Σ L + (N_u/M_u) Σ U ] / N + (α/N) · mean_l(-log q(y|x))</pre>
 *
 * @param labelledCount   N_l, the labelled training points
 * @param unlabelledCount N_u, the unlabelled training points
 * @param alpha           α, the weight of the classification term
 */
public record SemiSupervisedObjective(int labelledCount, int unlabelledCount, double alpha) {
    /** The paper's factor: α = 0.1 · N. */
    public static final double PAPER_ALPHA_PER_POINT = 0.1;

    /** α = 0.1 · N, N = N_l + N_u. */
    public static SemiSupervisedObjective paper(int labelledCount, int unlabelledCount) {
        return new SemiSupervisedObjective(labelledCount, unlabelledCount,
                PAPER_ALPHA_PER_POINT * ((double) labelledCount + unlabelledCount));
    }

    /** N = N_l + N_u. */
    public double n() {
        return (double) labelledCount + unlabelledCount;
    }

    /** The terms of one minibatch: the loss to minimise (1x1) and its parts as numbers, per data point. */
    public record Terms(Var loss, double bound, double labelledBound, double unlabelledBound, double crossEntropy) {}

    /**
     * One minibatch's J^α / N. xl (M_l, D) with one-hot yl (M_l, K) and epsL (M_l, Nz); xu (M_u, D)
     * with epsU (K·M_u, Nz), one z per (label, point).
     */
    public Terms perDataPoint(M2 m2, Var xl, Var yl, Tensor epsL, Var xu, Tensor epsU) {
        int ml = xl.rows(), mu = xu.rows();
        Var negL = sum(m2.labelledBound(xl, yl, epsL));                 // Σ -L(x, y) over the labelled part
        Var negU = sum(m2.unlabelledBound(xu, epsU));                   // Σ -U(x) over the unlabelled part
        Var logQy = sum(mul(yl, m2.logQy(xl)));                         // Σ log q(y|x) at the true labels
        double n = n();
        Var bound = add(scale(negL, (float) (labelledCount / (ml * n))), scale(negU, (float) (unlabelledCount / (mu * n))));
        Var loss = add(scale(bound, -1f), scale(logQy, (float) (-alpha / (ml * n))));
        return new Terms(loss, bound.item(), negL.item() / ml, negU.item() / mu, -logQy.item() / ml);
    }
}
