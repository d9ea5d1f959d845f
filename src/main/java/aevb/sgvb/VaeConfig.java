package aevb.sgvb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of a VAE: data dimension D, hidden units per MLP layer, latent dimension Nz, the
 * decoder family, and the number of tanh hidden layers in each MLP (depth). Paper defaults: MNIST
 * 500 hidden, Bernoulli; Frey Face 200 hidden, Gaussian; depth 1. The IWAE paper's one-stochastic-
 * layer model (Burda et al. 2015) is 784-200-200-50: 200 hidden, depth 2, Nz = 50, Bernoulli.
 */
public record VaeConfig(int dataDim, int hidden, int latent, String decoder, int depth) {
    public VaeConfig {
        if (dataDim < 1 || hidden < 1 || latent < 1 || depth < 1) {
            throw new IllegalArgumentException("data dimension, hidden units, latent size and depth must be >= 1, got D = "
                    + dataDim + ", hidden = " + hidden + ", Nz = " + latent + ", depth = " + depth);
        }
        if (!decoder.equals("bernoulli") && !decoder.equals("gaussian")) {
            throw new IllegalArgumentException("unknown decoder '" + decoder + "' (use bernoulli or gaussian)");
        }
    }

    /** The paper's one hidden layer per MLP. */
    public VaeConfig(int dataDim, int hidden, int latent, String decoder) {
        this(dataDim, hidden, latent, decoder, 1);
    }

    public Map<String, String> toHeader() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("model.dataDim", Integer.toString(dataDim));
        h.put("model.hidden", Integer.toString(hidden));
        h.put("model.latent", Integer.toString(latent));
        h.put("model.decoder", decoder);
        if (depth != 1) {
            h.put("model.depth", Integer.toString(depth)); // absent in one-layer checkpoints, old and new
        }
        return h;
    }

    public static VaeConfig fromHeader(Map<String, String> h) {
        return new VaeConfig(Integer.parseInt(need(h, "model.dataDim")), Integer.parseInt(need(h, "model.hidden")),
                Integer.parseInt(need(h, "model.latent")), need(h, "model.decoder"),
                Integer.parseInt(h.getOrDefault("model.depth", "1")));
    }

    private static String need(Map<String, String> h, String key) {
        String v = h.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the model configuration lacks '" + key + "'");
        }
        return v;
    }
}
