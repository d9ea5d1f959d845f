package aevb.sgvb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of a VAE: data dimension D, hidden units per MLP, latent dimension Nz and the decoder
 * family. Paper defaults: MNIST 500 hidden, Bernoulli; Frey Face 200 hidden, Gaussian.
 */
public record VaeConfig(int dataDim, int hidden, int latent, String decoder) {
    public VaeConfig {
        if (dataDim < 1 || hidden < 1 || latent < 1) {
            throw new IllegalArgumentException("data dimension, hidden units and latent size must be >= 1, got D = "
                    + dataDim + ", hidden = " + hidden + ", Nz = " + latent);
        }
        if (!decoder.equals("bernoulli") && !decoder.equals("gaussian")) {
            throw new IllegalArgumentException("unknown decoder '" + decoder + "' (use bernoulli or gaussian)");
        }
    }

    public Map<String, String> toHeader() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("model.dataDim", Integer.toString(dataDim));
        h.put("model.hidden", Integer.toString(hidden));
        h.put("model.latent", Integer.toString(latent));
        h.put("model.decoder", decoder);
        return h;
    }

    public static VaeConfig fromHeader(Map<String, String> h) {
        return new VaeConfig(Integer.parseInt(need(h, "model.dataDim")), Integer.parseInt(need(h, "model.hidden")),
                Integer.parseInt(need(h, "model.latent")), need(h, "model.decoder"));
    }

    private static String need(Map<String, String> h, String key) {
        String v = h.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the model configuration lacks '" + key + "'");
        }
        return v;
    }
}
