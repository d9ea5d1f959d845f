package aevb.viz;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.HashMap;
import java.util.Map;

/**
 * A tiny built-in bitmap font (5 x 7 pixels, 2 more below the baseline for g, j, p, q, y and the
 * comma), so that titles, labels and ticks still render on a machine where Java finds no usable
 * system font (no fontconfig, no fonts installed). Each glyph is drawn as filled squares of
 * {@code scale} pixels, which also works under rotation (vertical axis labels).
 *
 * <p>Covers digits, A-Z, a-z, space and common punctuation, and a few Greek letters; any other
 * character is drawn as a hollow box.
 */
public final class PixelFont {
    private PixelFont() {}

    /** Glyph width in font pixels; the advance adds one pixel of spacing. */
    static final int WIDTH = 5;
    static final int ADVANCE = WIDTH + 1;
    /** Rows above the baseline (capital height) and below it (descenders). */
    static final int ASCENT = 7;
    static final int DESCENT = 2;

    /** Each glyph: rows top to bottom, bit 4 is the leftmost column. */
    private static final Map<Character, int[]> GLYPHS = new HashMap<>();
    private static final int[] BOX = parse("##### #...# #...# #...# #...# #...# #####");

    static {
        // digits
        glyph('0', ".###. #...# #..## #.#.# ##..# #...# .###.");
        glyph('1', "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.");
        glyph('2', ".###. #...# ....# ...#. ..#.. .#... #####");
        glyph('3', "##### ...#. ..#.. ...#. ....# #...# .###.");
        glyph('4', "...#. ..##. .#.#. #..#. ##### ...#. ...#.");
        glyph('5', "##### #.... ####. ....# ....# #...# .###.");
        glyph('6', "..##. .#... #.... ####. #...# #...# .###.");
        glyph('7', "##### ....# ...#. ..#.. .#... .#... .#...");
        glyph('8', ".###. #...# #...# .###. #...# #...# .###.");
        glyph('9', ".###. #...# #...# .#### ....# ...#. .##..");
        // capitals
        glyph('A', ".###. #...# #...# ##### #...# #...# #...#");
        glyph('B', "####. #...# #...# ####. #...# #...# ####.");
        glyph('C', ".###. #...# #.... #.... #.... #...# .###.");
        glyph('D', "###.. #..#. #...# #...# #...# #..#. ###..");
        glyph('E', "##### #.... #.... ####. #.... #.... #####");
        glyph('F', "##### #.... #.... ####. #.... #.... #....");
        glyph('G', ".###. #...# #.... #.### #...# #...# .####");
        glyph('H', "#...# #...# #...# ##### #...# #...# #...#");
        glyph('I', ".###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.");
        glyph('J', "..### ...#. ...#. ...#. ...#. #..#. .##..");
        glyph('K', "#...# #..#. #.#.. ##... #.#.. #..#. #...#");
        glyph('L', "#.... #.... #.... #.... #.... #.... #####");
        glyph('M', "#...# ##.## #.#.# #.#.# #...# #...# #...#");
        glyph('N', "#...# #...# ##..# #.#.# #..## #...# #...#");
        glyph('O', ".###. #...# #...# #...# #...# #...# .###.");
        glyph('P', "####. #...# #...# ####. #.... #.... #....");
        glyph('Q', ".###. #...# #...# #...# #.#.# #..#. .##.#");
        glyph('R', "####. #...# #...# ####. #.#.. #..#. #...#");
        glyph('S', ".#### #.... #.... .###. ....# ....# ####.");
        glyph('T', "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..");
        glyph('U', "#...# #...# #...# #...# #...# #...# .###.");
        glyph('V', "#...# #...# #...# #...# #...# .#.#. ..#..");
        glyph('W', "#...# #...# #...# #.#.# #.#.# #.#.# .#.#.");
        glyph('X', "#...# #...# .#.#. ..#.. .#.#. #...# #...#");
        glyph('Y', "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..");
        glyph('Z', "##### ....# ...#. ..#.. .#... #.... #####");
        // small letters (two more rows below the baseline for descenders)
        glyph('a', "..... ..... .###. ....# .#### #...# .####");
        glyph('b', "#.... #.... #.##. ##..# #...# #...# ####.");
        glyph('c', "..... ..... .###. #.... #.... #...# .###.");
        glyph('d', "....# ....# .##.# #..## #...# #...# .####");
        glyph('e', "..... ..... .###. #...# ##### #.... .###.");
        glyph('f', "..##. .#..# .#... ###.. .#... .#... .#...");
        glyph('g', "..... ..... .#### #...# #...# #...# .#### ....# .###.");
        glyph('h', "#.... #.... #.##. ##..# #...# #...# #...#");
        glyph('i', "..#.. ..... .##.. ..#.. ..#.. ..#.. .###.");
        glyph('j', "...#. ..... ..##. ...#. ...#. ...#. ...#. #..#. .##..");
        glyph('k', "#.... #.... #..#. #.#.. ##... #.#.. #..#.");
        glyph('l', ".##.. ..#.. ..#.. ..#.. ..#.. ..#.. .###.");
        glyph('m', "..... ..... ##.#. #.#.# #.#.# #.#.# #.#.#");
        glyph('n', "..... ..... #.##. ##..# #...# #...# #...#");
        glyph('o', "..... ..... .###. #...# #...# #...# .###.");
        glyph('p', "..... ..... ####. #...# #...# #...# ####. #.... #....");
        glyph('q', "..... ..... .#### #...# #...# #...# .#### ....# ....#");
        glyph('r', "..... ..... #.##. ##..# #.... #.... #....");
        glyph('s', "..... ..... .###. #.... .###. ....# ####.");
        glyph('t', ".#... .#... ###.. .#... .#... .#..# ..##.");
        glyph('u', "..... ..... #...# #...# #...# #..## .##.#");
        glyph('v', "..... ..... #...# #...# #...# .#.#. ..#..");
        glyph('w', "..... ..... #...# #...# #.#.# #.#.# .#.#.");
        glyph('x', "..... ..... #...# .#.#. ..#.. .#.#. #...#");
        glyph('y', "..... ..... #...# #...# #...# #...# .#### ....# .###.");
        glyph('z', "..... ..... ##### ...#. ..#.. .#... #####");
        // punctuation and symbols
        glyph(' ', "..... ..... ..... ..... ..... ..... .....");
        glyph('.', "..... ..... ..... ..... ..... .##.. .##..");
        glyph(',', "..... ..... ..... ..... ..... .##.. ..#.. .#... .....");
        glyph(':', "..... .##.. .##.. ..... .##.. .##.. .....");
        glyph(';', "..... .##.. .##.. ..... .##.. ..#.. .#...");
        glyph('-', "..... ..... ..... ##### ..... ..... .....");
        glyph('\u2212', "..... ..... ..... ##### ..... ..... ....."); // minus sign
        glyph('+', "..... ..#.. ..#.. ##### ..#.. ..#.. .....");
        glyph('=', "..... ..... ##### ..... ##### ..... .....");
        glyph('_', "..... ..... ..... ..... ..... ..... #####");
        glyph('(', "...#. ..#.. .#... .#... .#... ..#.. ...#.");
        glyph(')', ".#... ..#.. ...#. ...#. ...#. ..#.. .#...");
        glyph('[', ".###. .#... .#... .#... .#... .#... .###.");
        glyph(']', ".###. ...#. ...#. ...#. ...#. ...#. .###.");
        glyph('/', "..... ....# ...#. ..#.. .#... #.... .....");
        glyph('|', "..#.. ..#.. ..#.. ..#.. ..#.. ..#.. ..#..");
        glyph('%', "##... ##..# ...#. ..#.. .#... #..## ...##");
        glyph('#', ".#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.");
        glyph('*', "..... ..#.. #.#.# .###. #.#.# ..#.. .....");
        glyph('!', "..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..");
        glyph('?', ".###. #...# ....# ...#. ..#.. ..... ..#..");
        glyph('<', "...#. ..#.. .#... #.... .#... ..#.. ...#.");
        glyph('>', ".#... ..#.. ...#. ....# ...#. ..#.. .#...");
        glyph('~', "..... ..... .#... #.#.# ...#. ..... .....");
        glyph('\'', "..#.. ..#.. .#... ..... ..... ..... .....");
        glyph('"', ".#.#. .#.#. ..... ..... ..... ..... .....");
        glyph('\u00d7', "..... #...# .#.#. ..#.. .#.#. #...# ....."); // ×
        glyph('\u03c3', "..... ..... .#### #..#. #...# #...# .###."); // σ
        glyph('\u03bc', "..... ..... #..#. #..#. #..#. ###.# #.... #.... ....."); // μ
        glyph('\u03c6', "..... ..#.. .###. #.#.# #.#.# .###. ..#.."); // φ
        glyph('\u03b8', ".###. #...# #...# ##### #...# #...# .###."); // θ
        glyph('\u03b5', "..... ..... .###. #.... .##.. #.... .###."); // ε
    }

    private static void glyph(char c, String rows) {
        GLYPHS.put(c, parse(rows));
    }

    /** "#..#. ..." → one int per row, '#' = pixel on, leftmost column in bit 4. */
    private static int[] parse(String rows) {
        String[] r = rows.split(" ");
        if (r.length != ASCENT && r.length != ASCENT + DESCENT) {
            throw new IllegalStateException("glyph needs 7 or 9 rows: " + rows);
        }
        int[] bits = new int[r.length];
        for (int i = 0; i < r.length; i++) {
            if (r[i].length() != WIDTH) throw new IllegalStateException("glyph row needs 5 columns: " + rows);
            for (int j = 0; j < WIDTH; j++) {
                if (r[i].charAt(j) == '#') bits[i] |= 1 << (WIDTH - 1 - j);
            }
        }
        return bits;
    }

    /** Whether c has a glyph of its own (others are drawn as a box). */
    public static boolean covers(char c) {
        return GLYPHS.containsKey(c);
    }

    /** Width of s in image pixels at this scale (no trailing spacing). */
    static int width(String s, int scale) {
        return s.isEmpty() ? 0 : (s.length() * ADVANCE - 1) * scale;
    }

    /**
     * Draws s with its baseline at y and its left edge at x (both rounded to whole pixels), in the
     * current colour and transform, each font pixel a {@code scale} x {@code scale} square, without
     * antialiasing so the pixels stay crisp.
     */
    static void draw(Graphics2D g, String s, double x, double y, int scale) {
        Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        int x0 = (int) Math.round(x);
        int y0 = (int) Math.round(y);
        for (int i = 0; i < s.length(); i++) {
            int[] rows = GLYPHS.getOrDefault(s.charAt(i), BOX);
            int left = x0 + i * ADVANCE * scale;
            for (int r = 0; r < rows.length; r++) {
                int top = y0 + (r - ASCENT) * scale;
                for (int c = 0; c < WIDTH; c++) {
                    if ((rows[r] & (1 << (WIDTH - 1 - c))) != 0) g.fillRect(left + c * scale, top, scale, scale);
                }
            }
        }
        if (aa != null) g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
    }
}
