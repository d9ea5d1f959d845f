package aevb.io;

import aevb.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz}: a zip archive with one {@code .npy} file per array, as {@code numpy.savez}
 * writes it (entries stored, not compressed), so {@code numpy.load("model.npz")["encoder.hidden.W"]}
 * gives the array. The metadata goes in one more entry, {@code metadata.json} (a JSON object of
 * strings), which {@code numpy.load} hands back as bytes.
 *
 * <p>Each {@code .npy} is format version 1.0
 * (<a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">numpy.lib.format</a>):
 * the magic {@code \x93NUMPY}, the bytes 1 and 0, a little-endian uint16 header length, then an
 * ASCII Python dict {@code {'descr': '<f4', 'fortran_order': False, 'shape': (500, 784), }}
 * padded with spaces and ended by a newline so that the data starts at a multiple of 64 bytes,
 * then the values, little-endian float32, row-major (C order).
 */
public final class Npz {
    static final String METADATA = "metadata.json";
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final Pattern HEADER = Pattern.compile(
            "\\{\\s*'descr'\\s*:\\s*'([^']*)'\\s*,\\s*'fortran_order'\\s*:\\s*(True|False)\\s*,"
                    + "\\s*'shape'\\s*:\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)?\\s*)?\\)\\s*,?\\s*}\\s*");

    private Npz() {}

    static byte[] encode(Weights w) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, Tensor> e : w.arrays().entrySet()) {
                stored(zip, e.getKey() + ".npy", npy(e.getValue()));
            }
            StringBuilder json = new StringBuilder("{");
            w.metadata().forEach((k, v) -> json.append(json.length() > 1 ? ", " : "")
                    .append(Json.quote(k)).append(": ").append(Json.quote(v)));
            stored(zip, METADATA, json.append("}\n").toString().getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED); // as numpy.savez: no compression, sizes and CRC up front
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        entry.setTime(0); // the same weights give the same file
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    /** One array as a {@code .npy} file, format version 1.0. */
    static byte[] npy(Tensor t) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + t.rows + ", " + t.cols + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1; // + the final newline
        int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + 4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        for (float v : t.data) {
            b.putInt(Float.floatToRawIntBits(v));
        }
        return b.array();
    }

    static Weights read(Path file) throws IOException {
        String name = String.valueOf(file);
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            long total = 0;
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String entry = e.getName();
                if (entry.equals(METADATA)) {
                    byte[] json = readAtMost(zip, e, 1 << 20, name);
                    metadata.putAll(Safetensors.stringMap(name, METADATA,
                            parseJson(name, new String(json, StandardCharsets.UTF_8))));
                } else if (entry.endsWith(".npy")) {
                    Tensor t = npyArray(name + ":" + entry, zip, e, MAX_ARRAY_BYTES);
                    total += 4L * t.size();
                    if (total > Weights.MAX_BYTES) {
                        throw new CheckpointException(name, "holds more than " + Weights.MAX_BYTES + " bytes of arrays");
                    }
                    arrays.put(entry.substring(0, entry.length() - 4), t);
                } else {
                    throw new CheckpointException(name, "holds '" + entry + "', which is neither an .npy array nor "
                            + METADATA);
                }
            }
        } catch (ZipException e) {
            throw new CheckpointException(name, "is not a readable .npz (zip) file: " + e.getMessage());
        }
        return new Weights(arrays, metadata);
    }

    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 1024;

    private static Object parseJson(String file, String text) throws CheckpointException {
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, METADATA + ": " + e.getMessage());
        }
    }

    private static byte[] readAtMost(ZipFile zip, ZipEntry e, long max, String name) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            byte[] b = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (b.length > max) {
                throw new CheckpointException(name, e.getName() + " is larger than " + max + " bytes");
            }
            return b;
        }
    }

    /** Reads one {@code .npy} entry: version 1.0 or 2.0, little-endian float32, C order, 1-D or 2-D. */
    private static Tensor npyArray(String name, ZipFile zip, ZipEntry e, long max) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            byte[] pre = in.readNBytes(MAGIC.length + 2);
            for (int k = 0; k < MAGIC.length; k++) {
                if (pre.length < MAGIC.length + 2 || pre[k] != MAGIC[k]) {
                    throw new CheckpointException(name, "is not an .npy array (no \\x93NUMPY magic)");
                }
            }
            int major = pre[MAGIC.length];
            int lenBytes = major == 1 ? 2 : major == 2 ? 4 : -1;
            if (lenBytes < 0) {
                throw new CheckpointException(name, "is .npy format version " + major + "; versions 1 and 2 are read");
            }
            byte[] lb = in.readNBytes(lenBytes);
            if (lb.length != lenBytes) {
                throw new CheckpointException(name, "is truncated in its header");
            }
            ByteBuffer l = ByteBuffer.wrap(lb).order(ByteOrder.LITTLE_ENDIAN);
            long headerLength = lenBytes == 2 ? Short.toUnsignedInt(l.getShort()) : Integer.toUnsignedLong(l.getInt());
            if (headerLength > 1 << 16) {
                throw new CheckpointException(name, "has an .npy header of " + headerLength + " bytes");
            }
            byte[] hb = in.readNBytes((int) headerLength);
            if (hb.length != headerLength) {
                throw new CheckpointException(name, "is truncated in its header");
            }
            String header = new String(hb, StandardCharsets.ISO_8859_1);
            Matcher m = HEADER.matcher(header);
            if (!m.matches()) {
                throw new CheckpointException(name, "has an .npy header aevb does not read: " + header.strip()
                        + " (expected {'descr': '<f4', 'fortran_order': False, 'shape': (rows, cols), })");
            }
            if (!m.group(1).equals("<f4")) {
                throw new CheckpointException(name, "holds dtype '" + m.group(1) + "'; aevb reads float32 ('<f4'): "
                        + "convert it with .astype('<f4')");
            }
            if (m.group(2).equals("True")) {
                throw new CheckpointException(name, "is in Fortran order; save it in C order (numpy.ascontiguousarray)");
            }
            long a = Long.parseLong(m.group(3));
            long rows = m.group(4) == null ? 1 : a, cols = m.group(4) == null ? a : Long.parseLong(m.group(4));
            if (rows * cols * 4 > max || rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE) {
                throw new CheckpointException(name, "is too large: shape (" + rows + ", " + cols + ")");
            }
            int n = (int) (rows * cols);
            byte[] data = in.readNBytes(4 * n);
            if (data.length != 4 * n || in.read() != -1) {
                throw new CheckpointException(name, "holds " + (data.length < 4 * n ? "fewer" : "more")
                        + " bytes than its shape (" + rows + ", " + cols + ") of float32 needs");
            }
            float[] v = new float[n];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return new Tensor((int) rows, (int) cols, v);
        }
    }
}
