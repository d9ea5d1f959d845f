package aevb.experiments;

import java.util.Locale;

/**
 * How long the reproductions train. {@code PAPER} follows the paper: Figure 2's x axis runs to
 * 10^8 training samples per curve. {@code LONG} is in between, 10^7 per curve of Figures 2 and 3
 * (days on 2 cores for all of Figure 2: run its curves as jobs, {@code --list}). {@code QUICK} is a short run that shows the same comparison on
 * a laptop; its sample counts are set per figure (see {@link Figure2.Config#forBudget} and the
 * other figures' configs) and printed in every summary, so no number hides what it cost.
 */
public enum Budget {
    QUICK, LONG, PAPER;

    public static Budget parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "quick" -> QUICK;
            case "long" -> LONG;
            case "paper" -> PAPER;
            default -> throw new IllegalArgumentException("unknown budget '" + s + "' (use quick, long or paper)");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
