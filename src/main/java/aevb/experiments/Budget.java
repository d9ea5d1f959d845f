package aevb.experiments;

import java.util.Locale;

/**
 * How long the reproductions train. {@code PAPER} follows the paper: Figure 2's x axis runs to
 * 10^8 training samples per curve. {@code QUICK} is a short run that shows the same comparison on
 * a laptop; its sample counts are set per figure (see {@link Figure2.Config#forBudget} and the
 * other figures' configs) and printed in every summary, so no number hides what it cost.
 */
public enum Budget {
    QUICK, PAPER;

    public static Budget parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "quick" -> QUICK;
            case "paper" -> PAPER;
            default -> throw new IllegalArgumentException("unknown budget '" + s + "' (use quick or paper)");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
