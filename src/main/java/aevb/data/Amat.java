package aevb.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Larochelle's binarized MNIST text files ({@code binarized_mnist_{train,valid,test}.amat}):
 * one image a line, its pixels as {@code 0} or {@code 1} separated by single spaces, row-major.
 *
 * <p>These are the fixed stochastic binarisation of Salakhutdinov and Murray (2008) used by much
 * later work on VAEs; the row order is Larochelle's, not MNIST's, and there are no labels.
 * The reader is strict about the values (only 0 and 1) and the number per line, and lenient
 * about white space (spaces or tabs, Windows line ends), since editors change those silently.
 */
public final class Amat {
    private Amat() {
    }

    /** The images of an .amat file: {@code pixels[i * dim + j]} is 0 or 1. */
    public record Images(int count, int dim, byte[] pixels, String sha256) {
    }

    /** Reads an .amat file (gzip or not) whose every line must hold exactly {@code dim} values. */
    public static Images read(Path file, int dim) throws IOException {
        if (dim <= 0) {
            throw new IllegalArgumentException("dim " + dim);
        }
        try (DataFiles.Opened in = DataFiles.open(file)) {
            // Each value takes at least 2 characters ("0 "), so the file bounds the pixel count.
            long maxPixels = Math.min(DataFiles.MAX_CONTENT_BYTES, in.maxContentBytes() / 2 + dim);
            byte[] pixels = new byte[(int) Math.min(maxPixels, 1 << 20)];
            long pixelCount = 0;
            int line = 1;
            int inLine = 0; // values seen on the current line
            boolean lineHasContent = false;
            byte[] buf = new byte[1 << 16];
            int n;
            int prev = ' ';
            while ((n = in.readSome(buf, 0, buf.length)) > 0) {
                for (int i = 0; i < n; i++) {
                    int ch = buf[i];
                    if (ch == '0' || ch == '1') {
                        if (!separator(prev)) {
                            throw badValue(file, line, inLine, (char) prev + "" + (char) ch);
                        }
                        if (inLine == dim) {
                            throw new DataFormatException(file, "line " + line + " has more than " + dim + " values");
                        }
                        if (pixelCount == pixels.length) {
                            if (pixelCount >= maxPixels) {
                                throw new DataFormatException(file, "holds more than the "
                                        + DataFiles.bytes(DataFiles.MAX_CONTENT_BYTES) + " of pixels aevb accepts");
                            }
                            pixels = Arrays.copyOf(pixels, (int) Math.min(maxPixels, 2L * pixels.length));
                        }
                        pixels[(int) pixelCount++] = (byte) (ch - '0');
                        inLine++;
                        lineHasContent = true;
                    } else if (ch == '\n') {
                        if (!lineHasContent) {
                            throw new DataFormatException(file, "line " + line + " is empty; every line must hold one"
                                    + " image of " + dim + " values");
                        }
                        if (inLine != dim) {
                            throw new DataFormatException(file, "line " + line + " has " + values(inLine) + ", expected "
                                    + dim + " (one image per line)");
                        }
                        line++;
                        inLine = 0;
                        lineHasContent = false;
                    } else if (ch == ' ' || ch == '\t' || ch == '\r') {
                        // separators
                    } else {
                        // inside a value ("0.5") the bad character belongs to the value already counted
                        throw badValue(file, line, separator(prev) ? inLine + 1 : inLine, printable(ch));
                    }
                    prev = ch;
                }
            }
            if (lineHasContent && inLine != dim) {
                throw new DataFormatException(file, "truncated: the last line (" + line + ") has " + values(inLine)
                        + ", expected " + dim);
            }
            if (pixelCount == 0) {
                throw new DataFormatException(file, "holds no images (it is empty)");
            }
            int count = (int) (pixelCount / dim);
            return new Images(count, dim, pixels.length == pixelCount ? pixels : Arrays.copyOf(pixels, (int) pixelCount),
                    in.sha256Hex());
        }
    }

    private static DataFormatException badValue(Path file, int line, int column, String found) {
        return new DataFormatException(file, "line " + line + ", value " + column + ": '" + found
                + "' is not 0 or 1 (a binarized MNIST .amat file holds only 0 and 1 separated by spaces)");
    }

    private static String values(int n) {
        return n == 1 ? "1 value" : n + " values";
    }

    private static boolean separator(int ch) {
        return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
    }

    private static String printable(int ch) {
        int c = ch & 0xff;
        return c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\x%02x", c);
    }
}
