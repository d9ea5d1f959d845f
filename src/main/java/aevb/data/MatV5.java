package aevb.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Inflater;

/**
 * A small reader for MATLAB level-5 MAT-files, enough for {@code frey_rawface.mat}: it finds one
 * named variable that is a real 2-D uint8 matrix and returns its bytes.
 *
 * <p>Layout (MathWorks, "MAT-File Format", level 5): a 128-byte header (descriptive text, a
 * subsystem offset, version 0x0100 and the endian indicator "IM" or "MI"), then data elements.
 * Each element is a tag (type, byte count) and its data, padded to 8 bytes; a tag whose upper 16
 * bits are non-zero is a "small element" holding up to 4 bytes inside the tag itself. A variable
 * is an miMATRIX element (type 14) whose data are sub-elements: array flags (the class, e.g.
 * mxUINT8 = 9), dimensions, name, then the values in column-major order. Files saved with
 * {@code -v7} wrap each variable in an miCOMPRESSED element (type 15, zlib), which is read too.
 * {@code -v7.3} files are HDF5 and are refused with a message saying so.
 *
 * <p>Every count read from the file is checked against the bytes that remain before it is used.
 */
public final class MatV5 {
    private static final int MI_INT8 = 1;
    private static final int MI_UINT8 = 2;
    private static final int MI_INT32 = 5;
    private static final int MI_UINT32 = 6;
    private static final int MI_MATRIX = 14;
    private static final int MI_COMPRESSED = 15;
    private static final int MX_UINT8_CLASS = 9;
    private static final String[] CLASS_NAMES = {"unknown class 0", "cell", "struct", "object", "char", "sparse",
        "double", "single", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"};

    private MatV5() {
    }

    /**
     * A real uint8 matrix: element (r, c) is {@code data[c * rows + r]} (MATLAB's column-major
     * order), unsigned.
     *
     * @param sha256 of the file content (gunzipped if the file was gzip-compressed)
     */
    public record Uint8Matrix(String name, int rows, int cols, byte[] data, String sha256) {
    }

    /** Reads variable {@code name}, which must be a real 2-D uint8 matrix. */
    public static Uint8Matrix readUint8Matrix(Path file, String name) throws IOException {
        byte[] bytes;
        String sha;
        try (DataFiles.Opened in = DataFiles.open(file)) {
            bytes = in.readAll("a MAT-file");
            sha = in.sha256Hex();
        }
        ByteBuffer buf = header(file, bytes);
        List<String> seen = new ArrayList<>();
        int pos = 128;
        while (pos < bytes.length) {
            Element e = element(file, buf, pos, bytes.length, "top-level element at byte " + pos);
            if (e.type == MI_COMPRESSED) {
                byte[] inner = inflate(file, bytes, e.offset, e.length, pos);
                ByteBuffer ib = ByteBuffer.wrap(inner).order(buf.order());
                Element m = element(file, ib, 0, inner.length, "compressed element at byte " + pos);
                if (m.type == MI_MATRIX) {
                    Uint8Matrix found = matrix(file, ib, m, name, seen, sha);
                    if (found != null) {
                        return found;
                    }
                }
                pos = e.offset + e.length; // compressed elements carry no padding
            } else {
                if (e.type == MI_MATRIX) {
                    Uint8Matrix found = matrix(file, buf, e, name, seen, sha);
                    if (found != null) {
                        return found;
                    }
                }
                pos = e.next;
            }
        }
        throw new DataFormatException(file, "has no variable '" + name + "'"
                + (seen.isEmpty() ? " (it holds no variables)" : " (it holds: " + String.join(", ", seen) + ")"));
    }

    /** Checks the 128-byte header and returns the file as a buffer in the file's byte order. */
    private static ByteBuffer header(Path file, byte[] bytes) throws DataFormatException {
        String text = new String(bytes, 0, Math.min(bytes.length, 116), StandardCharsets.ISO_8859_1);
        if (text.startsWith("MATLAB 7.3")) {
            throw new DataFormatException(file, "is a MATLAB 7.3 MAT-file (HDF5), which aevb does not read;"
                    + " save it again in MATLAB with save(..., '-v7') or '-v6'");
        }
        if (bytes.length < 128) {
            throw new DataFormatException(file, "is " + bytes.length + " bytes, too short for a MAT-file header (128 bytes)");
        }
        ByteOrder order;
        if (bytes[126] == 'I' && bytes[127] == 'M') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (bytes[126] == 'M' && bytes[127] == 'I') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new DataFormatException(file, "is not a MATLAB 5 MAT-file: bytes 126-127 should be 'IM' or 'MI'"
                    + " (the endian indicator), found 0x" + String.format("%02x%02x", bytes[126], bytes[127])
                    + (text.startsWith("MATLAB") ? "" : "; its header text does not start with 'MATLAB' either"));
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(order);
        int version = buf.getShort(124) & 0xffff;
        if (version != 0x0100) {
            throw new DataFormatException(file, "MAT-file version 0x" + Integer.toHexString(version)
                    + " at byte 124, expected 0x0100 (level 5)");
        }
        return buf;
    }

    /** A data element: its type, where its data start, how long they are, where the next one starts. */
    private record Element(int type, int offset, int length, int next) {
    }

    private static Element element(Path file, ByteBuffer b, int pos, int limit, String where)
            throws DataFormatException {
        if (limit - pos < 8) {
            throw new DataFormatException(file, "truncated: the " + where + " needs an 8-byte tag but only "
                    + (limit - pos) + " bytes remain");
        }
        int w0 = b.getInt(pos);
        if ((w0 >>> 16) != 0) {
            // small data element: byte count in the upper half, type in the lower, data in the tag
            int len = w0 >>> 16;
            if (len > 4) {
                throw new DataFormatException(file, "corrupt " + where + ": a small element cannot hold " + len + " bytes");
            }
            return new Element(w0 & 0xffff, pos + 4, len, pos + 8);
        }
        long len = Integer.toUnsignedLong(b.getInt(pos + 4));
        long room = limit - (pos + 8L);
        if (len > room) {
            throw new DataFormatException(file, "truncated: the " + where + " (type " + w0 + ") says "
                    + DataFiles.bytes(len) + " but only " + DataFiles.bytes(room) + " remain");
        }
        int end = pos + 8 + (int) len;
        int next = (int) Math.min(limit, (end + 7L) & ~7L);
        return new Element(w0, pos + 8, (int) len, next);
    }

    /** Parses one miMATRIX; returns the matrix when it is the wanted variable, else records its name. */
    private static Uint8Matrix matrix(Path file, ByteBuffer b, Element m, String wanted, List<String> seen,
            String sha) throws DataFormatException {
        int limit = m.offset + m.length;
        if (m.length == 0) {
            return null; // an empty placeholder matrix: no name, nothing to read
        }
        Element flags = element(file, b, m.offset, limit, "array flags");
        if (flags.type != MI_UINT32 || flags.length != 8) {
            throw new DataFormatException(file, "corrupt matrix: its array flags should be 8 bytes of type miUINT32,"
                    + " found " + flags.length + " bytes of type " + flags.type);
        }
        int flagWord = b.getInt(flags.offset);
        int mxClass = flagWord & 0xff;
        boolean complex = (flagWord & 0x0800) != 0;
        Element dims = element(file, b, flags.next, limit, "dimensions");
        if (dims.type != MI_INT32 || dims.length % 4 != 0 || dims.length < 8) {
            throw new DataFormatException(file, "corrupt matrix: its dimensions should be at least two miINT32 values,"
                    + " found " + dims.length + " bytes of type " + dims.type);
        }
        int[] shape = new int[dims.length / 4];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = b.getInt(dims.offset + 4 * i);
        }
        Element nameEl = element(file, b, dims.next, limit, "array name");
        if (nameEl.type != MI_INT8) {
            throw new DataFormatException(file, "corrupt matrix: its name should be of type miINT8, found type " + nameEl.type);
        }
        String name = new String(b.array(), nameEl.offset, nameEl.length, StandardCharsets.US_ASCII);
        if (!name.equals(wanted)) {
            seen.add(name.isEmpty() ? "(unnamed)" : name);
            return null;
        }
        String shapeText = Arrays.stream(shape).mapToObj(d -> Long.toString(Integer.toUnsignedLong(d)))
                .reduce((x, y) -> x + "x" + y).orElse("");
        if (mxClass != MX_UINT8_CLASS || complex) {
            String cls = mxClass < CLASS_NAMES.length ? CLASS_NAMES[mxClass] : "unknown class " + mxClass;
            throw new DataFormatException(file, "variable '" + name + "' is a " + (complex ? "complex " : "") + cls
                    + " " + shapeText + " array, expected a real uint8 matrix");
        }
        if (shape.length != 2) {
            throw new DataFormatException(file, "variable '" + name + "' has " + shape.length + " dimensions ("
                    + shapeText + "), expected a 2-D matrix");
        }
        int rows = shape[0];
        int cols = shape[1];
        if (rows < 0 || cols < 0) {
            throw new DataFormatException(file, "variable '" + name + "' has absurd dimensions " + shapeText);
        }
        long need = (long) rows * cols;
        Element real = element(file, b, nameEl.next, limit, "values of '" + name + "'");
        if (real.type != MI_UINT8) {
            throw new DataFormatException(file, "variable '" + name + "' stores its values as type " + real.type
                    + ", expected miUINT8 (2) for a uint8 matrix");
        }
        if (real.length != need) {
            throw new DataFormatException(file, "variable '" + name + "' is " + shapeText + " (" + DataFiles.bytes(need)
                    + ") but holds " + DataFiles.bytes(real.length) + " of values; the file is corrupt");
        }
        byte[] data = Arrays.copyOfRange(b.array(), real.offset, real.offset + real.length);
        return new Uint8Matrix(name, rows, cols, data, sha);
    }

    /** Inflates an miCOMPRESSED element (zlib), refusing more than {@link DataFiles#MAX_CONTENT_BYTES}. */
    private static byte[] inflate(Path file, byte[] src, int off, int len, int at) throws DataFormatException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(src, off, len);
            byte[] out = new byte[Math.max(1024, Math.min(len * 4, 1 << 20))];
            int got = 0;
            while (!inf.finished()) {
                if (got == out.length) {
                    if (out.length >= DataFiles.MAX_CONTENT_BYTES) {
                        throw new DataFormatException(file, "the compressed element at byte " + at
                                + " inflates to more than " + DataFiles.bytes(DataFiles.MAX_CONTENT_BYTES));
                    }
                    out = Arrays.copyOf(out, (int) Math.min(DataFiles.MAX_CONTENT_BYTES, 2L * out.length));
                }
                int k = inf.inflate(out, got, out.length - got);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new DataFormatException(file, "truncated: the compressed element at byte " + at
                            + " ends before its zlib stream does");
                }
                got += k;
            }
            return Arrays.copyOf(out, got);
        } catch (java.util.zip.DataFormatException e) {
            throw new DataFormatException(file, "corrupt zlib data in the compressed element at byte " + at
                    + " (" + e.getMessage() + ")", e);
        } finally {
            inf.end();
        }
    }
}
