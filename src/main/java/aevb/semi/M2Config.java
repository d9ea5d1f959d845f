package aevb.semi;

/**
 * The shape of M2: data dimension D, classes K, hidden units of each MLP's one tanh layer, latent
 * dimension Nz, and the decoder family ("bernoulli" for pixels; "gaussian" for continuous inputs).
 * The paper's MNIST M2 has Nz = 50 (section 4.1).
 */
public record M2Config(int dataDim, int classes, int hidden, int latent, String decoder) {
    public M2Config {
        if (dataDim < 1 || classes < 2 || hidden < 1 || latent < 1) {
            throw new IllegalArgumentException("M2 needs D, hidden, Nz >= 1 and K >= 2, got D = " + dataDim
                    + ", K = " + classes + ", hidden = " + hidden + ", Nz = " + latent);
        }
        if (!decoder.equals("bernoulli") && !decoder.equals("gaussian")) {
            throw new IllegalArgumentException("unknown decoder '" + decoder + "' (use bernoulli or gaussian)");
        }
    }
}
