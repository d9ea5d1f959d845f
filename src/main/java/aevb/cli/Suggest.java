package aevb.cli;

import java.util.Collection;
import java.util.Locale;

/** "did you mean --latent?": the closest known name to a misspelt one, by edit distance. */
final class Suggest {
    private Suggest() {}

    /** The name nearest to {@code typed} (case-insensitive), or null when none is close enough to be a typo. */
    static String nearest(String typed, Collection<String> names) {
        String t = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String n : names) {
            String c = n.toLowerCase(Locale.ROOT);
            int d = c.startsWith(t) && t.length() >= 3 ? 1 : distance(t, c);
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
            }
        }
        // a typo changes a few letters: at most 2 edits, and fewer than half the word
        return best != null && bestDistance <= Math.min(2, Math.max(1, t.length() / 2)) ? best : null;
    }

    /** Damerau-Levenshtein distance (insertions, deletions, substitutions, swaps of neighbours). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
