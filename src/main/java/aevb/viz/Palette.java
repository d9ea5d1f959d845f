package aevb.viz;

import java.awt.Color;

/** Colours for figures: a 10-colour categorical palette (one per MNIST digit). */
public final class Palette {
    static {
        Png.init();
    }

    private Palette() {}

    /** The "tab10" colours of matplotlib/Vega: distinct at a glance and in print. */
    private static final int[] CATEGORICAL = {
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
        0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    };

    /** Number of distinct categorical colours; label i and i + 10 share a colour. */
    public static final int SIZE = CATEGORICAL.length;

    /** The colour of category i (any int; taken modulo 10). */
    public static Color categorical(int i) {
        return new Color(CATEGORICAL[Math.floorMod(i, SIZE)]);
    }
}
