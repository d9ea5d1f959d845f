package aevb.prob;

import aevb.autodiff.Var;
import aevb.nn.Module;
import aevb.tensor.Tensor;

/** The generative model p_θ(x|z): a log-likelihood on the tape and its mean for pictures. */
public interface Decoder extends Module {
    /** log p_θ(x|z) per row: x (R, D), z (R, Nz) -> (R, 1). */
    Var logLikelihood(Var x, Var z);

    /** E[x|z], the picture the decoder draws for each row of z: (R, Nz) -> (R, D). */
    Tensor mean(Tensor z);

    int latent();

    int dataDim();

    /** "bernoulli" or "gaussian", for configurations and checkpoints. */
    String kind();
}
