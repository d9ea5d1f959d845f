package aevb.io;

import aevb.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (<a href="https://github.com/huggingface/safetensors">huggingface/safetensors</a>),
 * which {@code safetensors.torch.load_file} and {@code safetensors.numpy.load_file} read:
 * <pre>
 *   8 bytes   N, the header's length, an unsigned little-endian 64-bit integer
 *   N bytes   a JSON object, UTF-8, padded with spaces (here to a multiple of 8, so the data is aligned):
 *             {"__metadata__": {"key": "value", ...},
 *              "encoder.hidden.W": {"dtype": "F32", "shape": [500, 784], "data_offsets": [0, 1568000]}, ...}
 *   the rest  the byte buffer: each array's values, little-endian, row-major, at its data_offsets
 *             (begin inclusive, end exclusive, counted from the buffer's start), with no gaps
 * </pre>
 */
public final class Safetensors {
    /** The format's own limit on the header (100 MB), which also keeps a hostile length off the heap. */
    static final long MAX_HEADER = 100_000_000;
    private static final String META = "__metadata__";

    private Safetensors() {}

    static byte[] encode(Weights w) {
        StringBuilder json = new StringBuilder("{").append(Json.quote(META)).append(":{");
        boolean first = true;
        for (Map.Entry<String, String> e : w.metadata().entrySet()) {
            json.append(first ? "" : ",").append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
            first = false;
        }
        json.append('}');
        long offset = 0;
        for (Map.Entry<String, Tensor> e : w.arrays().entrySet()) {
            Tensor t = e.getValue();
            long end = offset + 4L * t.size();
            json.append(',').append(Json.quote(e.getKey())).append(":{\"dtype\":\"F32\",\"shape\":[")
                    .append(t.rows).append(',').append(t.cols).append("],\"data_offsets\":[")
                    .append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        json.append('}');
        byte[] head = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (head.length + 7) / 8 * 8;
        long total = 8L + padded + offset;
        if (total > Weights.MAX_BYTES) {
            throw new IllegalStateException("weights of " + total + " bytes are larger than aevb writes");
        }
        ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(head);
        for (int k = head.length; k < padded; k++) {
            b.put((byte) ' ');
        }
        for (Tensor t : w.arrays().values()) {
            for (float v : t.data) {
                b.putInt(Float.floatToRawIntBits(v));
            }
        }
        return b.array();
    }

    static Weights read(Path file) throws IOException {
        String name = String.valueOf(file);
        long size = Files.size(file);
        if (size > Weights.MAX_BYTES) {
            throw new CheckpointException(name, "is " + size + " bytes, larger than aevb reads");
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 8) {
            throw new CheckpointException(name, "is truncated: " + bytes.length + " bytes, no 8-byte header length");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        if (n < 0 || n > MAX_HEADER || 8 + n > bytes.length) {
            throw new CheckpointException(name, "declares a header of " + Long.toUnsignedString(n)
                    + " bytes, but the file has " + bytes.length + " bytes (truncated, or not safetensors)");
        }
        Object parsed;
        try {
            parsed = Json.parse(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(name, "its safetensors header is " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> header)) {
            throw new CheckpointException(name, "its safetensors header is not a JSON object");
        }
        int dataStart = 8 + (int) n;
        long bufferLength = bytes.length - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        record Slot(String name, int rows, int cols, long begin, long end) {}
        List<Slot> slots = new ArrayList<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String key = (String) e.getKey();
            if (key.equals(META)) {
                metadata.putAll(stringMap(name, META, e.getValue()));
                continue;
            }
            if (!(e.getValue() instanceof Map<?, ?> info)) {
                throw new CheckpointException(name, "tensor '" + key + "' is not described by a JSON object");
            }
            if (!"F32".equals(info.get("dtype"))) {
                throw new CheckpointException(name, "tensor '" + key + "' has dtype " + info.get("dtype")
                        + "; aevb reads F32 (float32) only");
            }
            long[] shape = longs(name, key, "shape", info.get("shape"));
            long[] off = longs(name, key, "data_offsets", info.get("data_offsets"));
            if (shape.length < 1 || shape.length > 2) {
                throw new CheckpointException(name, "tensor '" + key + "' has " + shape.length
                        + " dimensions; aevb's parameters have 1 or 2");
            }
            long rows = shape.length == 1 ? 1 : shape[0], cols = shape[shape.length - 1];
            if (off.length != 2 || off[0] < 0 || off[1] < off[0] || off[1] > bufferLength) {
                throw new CheckpointException(name, "tensor '" + key + "' has data_offsets outside the file's "
                        + bufferLength + " bytes of data");
            }
            if (rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE || off[1] - off[0] != 4 * rows * cols) {
                throw new CheckpointException(name, "tensor '" + key + "' has shape (" + rows + ", " + cols
                        + ") but " + (off[1] - off[0]) + " bytes of data");
            }
            slots.add(new Slot(key, (int) rows, (int) cols, off[0], off[1]));
        }
        // The format requires the arrays to tile the buffer: no overlaps, no holes.
        List<Slot> byOffset = new ArrayList<>(slots);
        byOffset.sort(Comparator.comparingLong(Slot::begin));
        long at = 0;
        for (Slot s : byOffset) {
            if (s.begin() != at) {
                throw new CheckpointException(name, "tensor '" + s.name() + "' starts at byte " + s.begin()
                        + " of the data, expected " + at + " (arrays overlap or leave a gap)");
            }
            at = s.end();
        }
        if (at != bufferLength) {
            throw new CheckpointException(name, "has " + (bufferLength - at) + " bytes after the last array");
        }
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        for (Slot s : slots) {
            float[] v = new float[s.rows() * s.cols()];
            ByteBuffer.wrap(bytes, dataStart + (int) s.begin(), 4 * v.length).order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer().get(v);
            arrays.put(s.name(), new Tensor(s.rows(), s.cols(), v));
        }
        return new Weights(arrays, metadata);
    }

    /** A JSON object of strings as a map; anything else is an error naming {@code what}. */
    static Map<String, String> stringMap(String file, String what, Object json) throws CheckpointException {
        if (!(json instanceof Map<?, ?> m)) {
            throw new CheckpointException(file, what + " is not a JSON object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String v)) {
                throw new CheckpointException(file, what + " entry '" + e.getKey() + "' is not a string");
            }
            out.put((String) e.getKey(), v);
        }
        return out;
    }

    private static long[] longs(String file, String tensor, String field, Object json) throws CheckpointException {
        if (!(json instanceof List<?> list)) {
            throw new CheckpointException(file, "tensor '" + tensor + "' has no " + field + " list");
        }
        long[] out = new long[list.size()];
        for (int k = 0; k < out.length; k++) {
            if (!(list.get(k) instanceof Long v) || v < 0) {
                throw new CheckpointException(file, "tensor '" + tensor + "' has a bad " + field + " entry");
            }
            out[k] = v;
        }
        return out;
    }
}
