package aevb.prob;

import aevb.nn.Mlp;
import aevb.nn.Parameter;
import java.util.Arrays;
import java.util.List;

/**
 * What the two decoders of Appendix C share: the tanh MLP from z to the output heads, and what
 * follows from it (the latent and data sizes, the parameters). Each decoder keeps what differs,
 * the likelihood its heads parameterise: {@link BernoulliDecoder} (one head of logits) and
 * {@link GaussianDecoder} (a mean and a log-variance head).
 */
public abstract class MlpDecoder implements Decoder {
    public final Mlp mlp;

    /** An MLP Nz -> hidden (depth tanh layers) -> the named heads, each {@code dataDim} wide. */
    MlpDecoder(int latent, int hidden, int depth, int dataDim, String... heads) {
        int[] widths = new int[heads.length];
        Arrays.fill(widths, dataDim);
        this.mlp = new Mlp("decoder", latent, hidden, depth, heads, widths);
    }

    @Override
    public int latent() {
        return mlp.hidden.in();
    }

    @Override
    public int dataDim() {
        return mlp.heads.get(0).out();
    }

    @Override
    public List<Parameter> parameters() {
        return mlp.parameters();
    }
}
