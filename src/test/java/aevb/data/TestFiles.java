package aevb.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Small files the tests generate: IDX, MAT v5 and .amat content, and gzip helpers. */
final class TestFiles {
    private TestFiles() {
    }

    static byte[] gzip(byte[] content) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
                gz.write(content);
            }
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gunzip(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content of an IDX image file. */
    static byte[] idxImages(int count, int rows, int cols, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
        b.putInt(Idx.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols).put(pixels);
        return b.array();
    }

    /** The content of an IDX label file. */
    static byte[] idxLabels(byte[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(Idx.LABELS_MAGIC).putInt(labels.length).put(labels);
        return b.array();
    }

    /** Deterministic pseudo-random bytes. */
    static byte[] bytes(int n, long seed) {
        byte[] out = new byte[n];
        new java.util.Random(seed).nextBytes(out);
        return out;
    }

    /**
     * A little-endian MAT v5 file with one matrix: class {@code mxClass}, the given dimensions,
     * values stored as data type {@code dataType}. Other variables can be prepended with
     * {@link #matElement}.
     */
    static byte[] matFile(ByteOrder order, byte[]... elements) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[128];
        Arrays.fill(header, (byte) ' ');
        byte[] text = "MATLAB 5.0 MAT-file, Platform: aevb test, Created by TestFiles".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, text.length);
        Arrays.fill(header, 116, 124, (byte) 0);
        ByteBuffer h = ByteBuffer.wrap(header).order(order);
        h.putShort(124, (short) 0x0100);
        h.putShort(126, (short) (('M' << 8) | 'I'));
        out.writeBytes(header);
        for (byte[] e : elements) {
            out.writeBytes(e);
        }
        return out.toByteArray();
    }

    /** One miMATRIX element (padded) holding a named matrix. */
    static byte[] matElement(ByteOrder order, String name, int mxClass, int[] dims, int dataType, byte[] data) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(tagged(order, 6, ByteBuffer.allocate(8).order(order).putInt(mxClass).putInt(0).array()));
        ByteBuffer d = ByteBuffer.allocate(4 * dims.length).order(order);
        for (int v : dims) {
            d.putInt(v);
        }
        body.writeBytes(tagged(order, 5, d.array()));
        body.writeBytes(tagged(order, 1, name.getBytes(StandardCharsets.US_ASCII)));
        body.writeBytes(tagged(order, dataType, data));
        return tagged(order, 14, body.toByteArray());
    }

    /** An element with a full 8-byte tag, padded to 8 bytes. */
    static byte[] tagged(ByteOrder order, int type, byte[] data) {
        int padded = (data.length + 7) & ~7;
        ByteBuffer b = ByteBuffer.allocate(8 + padded).order(order);
        b.putInt(type).putInt(data.length).put(data);
        return b.array();
    }

    /** An miCOMPRESSED element wrapping {@code element} (zlib, no padding). */
    static byte[] compressed(ByteOrder order, byte[] element) {
        java.util.zip.Deflater def = new java.util.zip.Deflater();
        def.setInput(element);
        def.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!def.finished()) {
            z.write(buf, 0, def.deflate(buf));
        }
        def.end();
        byte[] zb = z.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(8 + zb.length).order(order);
        b.putInt(15).putInt(zb.length).put(zb);
        return b.array();
    }

    /** A Frey-like file: variable ff, uint8, 560 x n, column j = image j. */
    static byte[] freyLike(int n, long seed) {
        byte[] data = bytes(560 * n, seed);
        return matFile(ByteOrder.LITTLE_ENDIAN, matElement(ByteOrder.LITTLE_ENDIAN, "ff", 9, new int[] {560, n}, 2, data));
    }

    /** .amat text: one line per image, values separated by single spaces. */
    static byte[] amat(byte[] pixels, int dim) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pixels.length; i++) {
            sb.append(pixels[i] == 0 ? '0' : '1').append((i + 1) % dim == 0 ? '\n' : ' ');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
