package aevb.data;

import aevb.io.AtomicFiles;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * LeCun's IDX format, the format of the MNIST files, plain or gzip-compressed.
 *
 * <p>An IDX file is a 4-byte magic number {@code 0x00 0x00 type ndim}, then {@code ndim}
 * big-endian int32 dimensions, then the values in row-major order. MNIST uses type 0x08
 * (unsigned byte) only: images are {@code 0x00000803} (count, rows, cols), labels
 * {@code 0x00000801} (count). That is all this class reads and writes.
 *
 * <p>Every header field is checked before it is used: the magic number, that dimensions are
 * positive and sane, and that the file can hold what the header promises (see {@link DataFiles}).
 * Bad files give a {@link DataFormatException} that names the file and the problem.
 */
public final class Idx {
    /** Unsigned bytes, 3 dimensions: an image file. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Unsigned bytes, 1 dimension: a label file. */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Images wider or taller than this are taken as a corrupt header, not as data. */
    static final int MAX_SIDE = 4096;

    private Idx() {
    }

    /**
     * The images of an IDX image file: {@code pixels[i * rows * cols + r * cols + c]} is pixel
     * (r, c) of image i, 0 (background) to 255 (ink) for MNIST.
     *
     * @param sha256 of the uncompressed file content (header included): what downloads pin
     */
    public record Images(int count, int rows, int cols, byte[] pixels, String sha256) {
    }

    /** The labels of an IDX label file, one unsigned byte each, and the content's SHA-256. */
    public record Labels(byte[] labels, String sha256) {
        public int count() {
            return labels.length;
        }
    }

    /** Reads an IDX image file (gzip or not). */
    public static Images readImages(Path file) throws IOException {
        try (DataFiles.Opened in = DataFiles.open(file)) {
            int magic = in.readInt("magic number");
            checkMagic(file, magic, IMAGES_MAGIC, "image");
            int count = in.readInt("image count");
            int rows = in.readInt("rows");
            int cols = in.readInt("columns");
            if (count < 0 || rows <= 0 || cols <= 0 || rows > MAX_SIDE || cols > MAX_SIDE) {
                throw new DataFormatException(file, "absurd dimensions in the header: " + u32(count) + " images of "
                        + u32(rows) + "x" + u32(cols) + "; the header is corrupt");
            }
            long payload = (long) count * rows * cols;
            String what = count + " images of " + rows + "x" + cols + " (" + DataFiles.bytes(payload) + ")";
            checkFits(in, payload, 16, "header says " + what);
            // the bytes, then one float per pixel (Dataset): refuse before allocating what cannot fit
            aevb.io.MemoryBudget.require(aevb.io.MemoryBudget.times(5, payload), file + " (" + what + ")",
                    "use fewer or smaller images");
            byte[] pixels = in.readExactly(payload, "header says " + what);
            in.expectEnd("the last image");
            return new Images(count, rows, cols, pixels, in.sha256Hex());
        }
    }

    /** Reads an IDX label file (gzip or not). */
    public static Labels readLabels(Path file) throws IOException {
        try (DataFiles.Opened in = DataFiles.open(file)) {
            int magic = in.readInt("magic number");
            checkMagic(file, magic, LABELS_MAGIC, "label");
            int count = in.readInt("label count");
            if (count < 0) {
                throw new DataFormatException(file, "absurd label count " + u32(count) + " in the header; the header is corrupt");
            }
            String what = "header says " + count + " labels";
            checkFits(in, count, 8, what);
            byte[] labels = in.readExactly(count, what);
            in.expectEnd("the last label");
            return new Labels(labels, in.sha256Hex());
        }
    }

    private static void checkMagic(Path file, int magic, int expected, String kind) throws DataFormatException {
        if (magic == expected) {
            return;
        }
        String found = String.format(Locale.ROOT, "0x%08x", magic);
        String want = String.format(Locale.ROOT, "0x%08x", expected);
        String hint;
        if (magic == IMAGES_MAGIC) {
            hint = "it is an IDX image file";
        } else if (magic == LABELS_MAGIC) {
            hint = "it is an IDX label file";
        } else if ((magic >>> 16) == 0 && (magic & 0xff) > 0) {
            hint = "an IDX file of another value type or rank (type 0x" + Integer.toHexString((magic >>> 8) & 0xff)
                    + ", " + (magic & 0xff) + " dimensions)";
        } else {
            hint = "not an IDX file";
        }
        throw new DataFormatException(file, "wrong magic number " + found + ": an IDX " + kind + " file starts with "
                + want + " (" + hint + ")");
    }

    /** Refuses payloads the file cannot hold, before anything is allocated for them. */
    private static void checkFits(DataFiles.Opened in, long payload, int header, String what)
            throws DataFormatException {
        if (payload > DataFiles.MAX_CONTENT_BYTES) {
            throw new DataFormatException(in.file, what + ", more than the " + DataFiles.bytes(DataFiles.MAX_CONTENT_BYTES)
                    + " aevb accepts; the header is corrupt");
        }
        long room = in.maxContentBytes() - header;
        if (!in.gzip && payload > room) {
            throw new DataFormatException(in.file, "truncated: " + what + " but the file holds only "
                    + String.format(Locale.ROOT, "%,d", Math.max(0, room)) + " of them");
        }
        if (!in.gzip && payload < room) {
            throw new DataFormatException(in.file, what + " but the file has " + DataFiles.bytes(room - payload)
                    + " more; the header and the data do not agree");
        }
        if (in.gzip && payload > room) {
            throw new DataFormatException(in.file, what + " but a gzip file of " + DataFiles.bytes(in.fileBytes)
                    + " cannot hold that much; the header is corrupt");
        }
    }

    private static String u32(int v) {
        // a negative int32 is almost always a huge unsigned count from a corrupt header: show it as such
        return v < 0 ? Long.toString(Integer.toUnsignedLong(v)) : Integer.toString(v);
    }

    /**
     * Writes an IDX image file, gzip-compressed when the name ends in {@code .gz}; atomically,
     * so a failed write leaves no partial file.
     */
    public static void writeImages(Path file, int count, int rows, int cols, byte[] pixels) throws IOException {
        if (count < 0 || rows <= 0 || cols <= 0 || (long) count * rows * cols != pixels.length) {
            throw new IllegalArgumentException(count + " images of " + rows + "x" + cols + " need "
                    + (long) count * rows * cols + " pixels, got " + pixels.length);
        }
        write(file, new int[] {IMAGES_MAGIC, count, rows, cols}, pixels);
    }

    /** Writes an IDX label file, gzip-compressed when the name ends in {@code .gz}. */
    public static void writeLabels(Path file, byte[] labels) throws IOException {
        write(file, new int[] {LABELS_MAGIC, labels.length}, labels);
    }

    private static void write(Path file, int[] header, byte[] payload) throws IOException {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        AtomicFiles.write(file, raw -> {
            OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
            DataOutputStream data = new DataOutputStream(out);
            for (int h : header) {
                data.writeInt(h);
            }
            data.write(payload);
            data.close();
        });
    }
}
