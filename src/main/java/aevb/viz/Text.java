package aevb.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * Text for figures: the system's sans-serif font when Java can use it, otherwise the built-in
 * {@link PixelFont}. Java needs fontconfig and at least one installed font to draw text; without
 * them AWT throws: JDK 25 on Linux with no fonts visible to fontconfig throws
 * {@code RuntimeException: Fontconfig head is null, check your fonts or fonts configuration}
 * (checked by hiding /usr/share/fonts); older JDKs throw {@code java.lang.Error: Probable fatal
 * error: No fonts found} or a NullPointerException. We probe once, by drawing a letter, and fall
 * back for the rest of the run, saying so once on stderr.
 *
 * <p>The system property {@code aevb.viz.pixelFont=true} forces the pixel font (tests use it).
 *
 * <p>Sizes are font sizes in pixels; positions are anchored: {@code ax} = 0, ½, 1 puts x at the
 * left, centre, right of the text; {@code ay} = 0, ½, 1 puts y at its top, middle, bottom (the box
 * from ascent to descent).
 */
final class Text {
    static {
        Png.init();
    }

    private Text() {}

    static final String FORCE_PIXEL_FONT = "aevb.viz.pixelFont";

    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    private static volatile Boolean systemFontsWork; // null until probed

    /** Whether text is drawn with the pixel font (forced by the property, or no usable font). */
    static boolean pixelFont() {
        if (Boolean.getBoolean(FORCE_PIXEL_FONT)) return true;
        Boolean ok = systemFontsWork;
        if (ok == null) {
            synchronized (Text.class) {
                if (systemFontsWork == null) systemFontsWork = probe();
                ok = systemFontsWork;
            }
        }
        return !ok;
    }

    /** Draws an "H" with the system font and checks that some pixel changed. */
    private static boolean probe() {
        try {
            BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setFont(font(24));
            g.setColor(Color.WHITE);
            g.drawString("H", 6, 32);
            g.dispose();
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 40; x++) {
                    if ((img.getRGB(x, y) & 0xffffff) != 0) return true;
                }
            }
            return fallBack("drawing text with the system font left the image blank");
        } catch (OutOfMemoryError | StackOverflowError e) {
            throw e;
        } catch (Throwable t) { // java.lang.Error "No fonts found", NPE or InternalError from fontconfig, ...
            return fallBack(t.toString());
        }
    }

    private static boolean fallBack(String why) {
        System.err.println("aevb: no usable system font (" + why + "); figures use the built-in pixel "
                + "font. Installing fontconfig and a font (e.g. fonts-dejavu-core) gives nicer text.");
        return false;
    }

    private static Font font(float size) {
        return new Font(Font.SANS_SERIF, Font.PLAIN, 12).deriveFont(size);
    }

    /** Pixel-font scale for a font size: 1 up to 14 px, 2 up to 24 px, ... */
    static int pixelScale(float size) {
        return Math.max(1, Math.round(size / 10f));
    }

    static double width(String s, float size) {
        if (s == null || s.isEmpty()) return 0;
        if (pixelFont()) return PixelFont.width(s, pixelScale(size));
        return font(size).getStringBounds(s, FRC).getWidth();
    }

    static double ascent(float size) {
        if (pixelFont()) return (PixelFont.ASCENT + 1) * pixelScale(size);
        return lineMetrics(size).getAscent();
    }

    static double descent(float size) {
        if (pixelFont()) return PixelFont.DESCENT * pixelScale(size);
        return lineMetrics(size).getDescent();
    }

    /** Height of one line of text: ascent plus descent. */
    static double height(float size) {
        return ascent(size) + descent(size);
    }

    private static LineMetrics lineMetrics(float size) {
        return font(size).getLineMetrics("Hg", FRC);
    }

    /** Draws s in the current colour with (x, y) at the anchor (ax, ay) of its box; see class doc. */
    static void draw(Graphics2D g, String s, double x, double y, float size, double ax, double ay) {
        if (s == null || s.isEmpty()) return;
        double left = x - ax * width(s, size);
        double baseline = y - ay * height(size) + ascent(size);
        if (pixelFont()) {
            PixelFont.draw(g, s, left, baseline, pixelScale(size));
        } else {
            g.setFont(font(size));
            g.drawString(s, (float) left, (float) baseline);
        }
    }

    /** Draws s turned a quarter left (reading bottom to top), centred on (cx, cy). */
    static void drawVertical(Graphics2D g, String s, double cx, double cy, float size) {
        AffineTransform saved = g.getTransform();
        g.translate(cx, cy);
        g.rotate(-Math.PI / 2);
        draw(g, s, 0, 0, size, 0.5, 0.5);
        g.setTransform(saved);
    }
}
