package aevb.sgvb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of a conditional VAE ({@link Cvae}): what it is conditioned on, the image it is cut
 * from (h x w), hidden units of each MLP and Nz. The sizes of x and c follow from the condition
 * and the image ({@link Condition#targetDim}, {@link Condition#contextDim}).
 */
public record CvaeConfig(Condition condition, int height, int width, int hidden, int latent) {
    public CvaeConfig {
        if (height < 2 || width < 2 || height % 2 != 0 || width % 2 != 0 || hidden < 1 || latent < 1) {
            throw new IllegalArgumentException("a CVAE needs images of even height and width >= 2, hidden and Nz >= 1, got "
                    + height + "x" + width + ", hidden = " + hidden + ", Nz = " + latent);
        }
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
        return h;
    }

    public static CvaeConfig fromHeader(Map<String, String> h) {
        return new CvaeConfig(Condition.parse(need(h, "cvae.condition")), Integer.parseInt(need(h, "cvae.height")),
                Integer.parseInt(need(h, "cvae.width")), Integer.parseInt(need(h, "cvae.hidden")),
                Integer.parseInt(need(h, "cvae.latent")));
    }

    private static String need(Map<String, String> h, String key) {
        String v = h.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the CVAE configuration lacks '" + key + "'");
        }
        return v;
    }
}
