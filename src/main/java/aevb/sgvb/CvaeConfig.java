package aevb.sgvb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of a conditional VAE ({@link Cvae}): what it is conditioned on, the image it is cut
 * from (h x w), hidden units of each MLP and Nz. The sizes of x and c follow from the condition
 * and the image ({@link Condition#targetDim}, {@link Condition#contextDim}). {@code learnedPrior}: Sohn et
 * al.'s prior network p_θ(z | c) in place of N(0, I).
 */
public record CvaeConfig(Condition condition, int height, int width, int hidden, int latent, boolean learnedPrior) {
    public CvaeConfig {
        if (height < 2 || width < 2 || height % 2 != 0 || width % 2 != 0 || height > 4096 || width > 4096
                || hidden < 1 || hidden > 100_000 || latent < 1 || latent > 10_000) {
            throw new IllegalArgumentException("a CVAE needs images of even height and width from 2 to 4096, hidden from 1"
                    + " to 100000 and Nz from 1 to 10000, got " + height + "x" + width + ", hidden = " + hidden + ", Nz = " + latent);
        }
    }

    /** With the prior N(0, I). */
    public CvaeConfig(Condition condition, int height, int width, int hidden, int latent) {
        this(condition, height, width, hidden, latent, false);
    }

    /** The same model with Sohn et al.'s prior network p_θ(z | c) (true) or N(0, I). */
    public CvaeConfig withLearnedPrior(boolean learned) {
        return new CvaeConfig(condition, height, width, hidden, latent, learned);
    }

    /** D, the columns of x. */
    public int dataDim() {
        return condition.targetDim(height, width);
    }

    /** The columns of c. */
    public int contextDim() {
        return condition.contextDim(height, width);
    }

    public Map<String, String> toHeader() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("cvae.condition", condition.key());
        h.put("cvae.height", Integer.toString(height));
        h.put("cvae.width", Integer.toString(width));
        h.put("cvae.hidden", Integer.toString(hidden));
        h.put("cvae.latent", Integer.toString(latent));
        h.put("cvae.prior", learnedPrior ? "learned" : "standard");
        return h;
    }

    public static CvaeConfig fromHeader(Map<String, String> h) {
        return new CvaeConfig(Condition.parse(need(h, "cvae.condition")), Integer.parseInt(need(h, "cvae.height")),
                Integer.parseInt(need(h, "cvae.width")), Integer.parseInt(need(h, "cvae.hidden")),
                Integer.parseInt(need(h, "cvae.latent")), prior(h.getOrDefault("cvae.prior", "standard")));
    }

    private static boolean prior(String v) {
        return switch (v) {
            case "standard" -> false;
            case "learned" -> true;
            default -> throw new IllegalArgumentException("unknown prior '" + v + "' (standard or learned)");
        };
    }

    private static String need(Map<String, String> h, String key) {
        String v = h.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the CVAE configuration lacks '" + key + "'");
        }
        return v;
    }
}
