package aevb.io;

import aevb.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A training checkpoint: a text header and named float arrays, in a small versioned binary
 * format of our own (never Java serialisation: a checkpoint is data, and loading it must not
 * run code or depend on class layouts).
 *
 * <p>The header holds whatever the model and the optimiser need to resume, as text: the model
 * configuration, the optimiser and its scalar state, the step, the samples seen, the seed, the
 * data set. The arrays are the parameters and the optimiser's per-parameter state, each a
 * {@link Tensor} under a name the model chooses ({@code encoder.W3}, {@code adagrad.encoder.W3}).
 * The format is model-agnostic: it neither knows nor checks what the names mean.
 *
 * <p>File layout, all integers big-endian:
 * <pre>
 *   8 bytes   magic "AEVBCKPT"
 *   int32     format version (1)
 *   int64     length of the whole file in bytes (detects truncation before anything else)
 *   int32 H   header length, then H bytes of UTF-8 text: one "key=value\n" line per entry,
 *             values escaped (\\ \n \r), in insertion order
 *   int32 A   number of arrays, then for each:
 *             int32 name length, the name in UTF-8, int32 rows, int32 cols,
 *             rows * cols float32 values as IEEE 754 bits (row-major)
 *   int32     CRC32 of every byte before it
 * </pre>
 * Floats are stored as their raw bits, so a load gives bit-identical arrays (NaN payloads
 * and -0.0 included). {@link #save} writes atomically (temporary file, fsync, rename).
 */
public final class Checkpoint {
    public static final String MAGIC = "AEVBCKPT";
    public static final int VERSION = 1;
    /** Checkpoints are read whole; larger ones are refused rather than risking the heap. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 64;
    private static final int FIXED_HEAD = 8 + 4 + 8;

    private final Map<String, String> header = new LinkedHashMap<>();
    private final Map<String, Tensor> arrays = new LinkedHashMap<>();
    private final String source;

    /** An empty checkpoint, to be filled and saved. */
    public Checkpoint() {
        this("(new checkpoint)");
    }

    private Checkpoint(String source) {
        this.source = source;
    }

    /** An empty checkpoint built in memory from another file (an imported model), named in messages. */
    public static Checkpoint inMemory(String source) {
        return new Checkpoint(source);
    }

    // ---- header -------------------------------------------------------------------------

    /** Sets a header entry; keys are non-empty and hold no '=', '\\' or line breaks. */
    public Checkpoint put(String key, String value) {
        if (key == null || key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\n') >= 0
                || key.indexOf('\r') >= 0 || key.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("bad checkpoint header key '" + key + "'");
        }
        header.put(key, value == null ? "" : value);
        return this;
    }

    public Checkpoint put(String key, long value) {
        return put(key, Long.toString(value));
    }

    /** Doubles as the shortest text that reads back to the same double (exact round trip). */
    public Checkpoint put(String key, double value) {
        return put(key, Double.toString(value));
    }

    /** A header entry, or null when absent. */
    public String get(String key) {
        return header.get(key);
    }

    /** A header entry that must be present. */
    public String require(String key) throws CheckpointException {
        String v = header.get(key);
        if (v == null) {
            throw new CheckpointException(source, "the header has no '" + key + "' entry (it has: "
                    + String.join(", ", header.keySet()) + ")");
        }
        return v;
    }

    public long requireLong(String key) throws CheckpointException {
        String v = require(key);
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new CheckpointException(source, "header entry '" + key + "' is '" + v + "', not an integer");
        }
    }

    public double requireDouble(String key) throws CheckpointException {
        String v = require(key);
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new CheckpointException(source, "header entry '" + key + "' is '" + v + "', not a number");
        }
    }

    /** All header entries in insertion order (read-only view). */
    public Map<String, String> header() {
        return Collections.unmodifiableMap(header);
    }

    // ---- arrays -------------------------------------------------------------------------

    /** Adds (or replaces) a named array; it is copied when the checkpoint is saved, not now. */
    public Checkpoint putArray(String name, Tensor value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("checkpoint arrays need a name");
        }
        arrays.put(name, value);
        return this;
    }

    /** A named array, or null when absent. */
    public Tensor array(String name) {
        return arrays.get(name);
    }

    /** A named array that must be present with this shape; names the problem otherwise. */
    public Tensor requireArray(String name, int rows, int cols) throws CheckpointException {
        Tensor t = arrays.get(name);
        if (t == null) {
            throw new CheckpointException(source, "array '" + name + "' is missing (the checkpoint holds: "
                    + (arrays.isEmpty() ? "no arrays" : String.join(", ", arrays.keySet())) + ")");
        }
        if (t.rows != rows || t.cols != cols) {
            throw new CheckpointException(source, "array '" + name + "' is " + t.shape() + ", the model needs "
                    + rows + "x" + cols + " (a checkpoint of another model configuration?)");
        }
        return t;
    }

    /** All arrays in insertion order (read-only view). */
    public Map<String, Tensor> arrays() {
        return Collections.unmodifiableMap(arrays);
    }

    /** Where this checkpoint was loaded from, for messages. */
    public String source() {
        return source;
    }

    // ---- writing ------------------------------------------------------------------------

    /** Writes the checkpoint to {@code file} atomically: a crash leaves the old file or the new one. */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, encode());
    }

    /** The checkpoint as the bytes of its file. */
    byte[] encode() {
        byte[] head = headerText().getBytes(StandardCharsets.UTF_8);
        long total = FIXED_HEAD + 4L + head.length + 4;
        Map<String, byte[]> names = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
            byte[] n = e.getKey().getBytes(StandardCharsets.UTF_8);
            names.put(e.getKey(), n);
            total += 4L + n.length + 8 + 4L * e.getValue().size();
        }
        total += 4; // CRC
        if (total > MAX_BYTES) {
            throw new IllegalStateException("checkpoint of " + total + " bytes is larger than the format allows");
        }
        ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.BIG_ENDIAN);
        b.put(MAGIC.getBytes(StandardCharsets.US_ASCII)).putInt(VERSION).putLong(total);
        b.putInt(head.length).put(head);
        b.putInt(arrays.size());
        for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
            byte[] n = names.get(e.getKey());
            Tensor t = e.getValue();
            b.putInt(n.length).put(n).putInt(t.rows).putInt(t.cols);
            for (float v : t.data) {
                b.putInt(Float.floatToRawIntBits(v));
            }
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    private String headerText() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : header.entrySet()) {
            sb.append(e.getKey()).append('=');
            for (char c : e.getValue().toCharArray()) {
                switch (c) {
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(c);
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    // ---- reading ------------------------------------------------------------------------

    /** Loads and checks a checkpoint; every problem is a {@link CheckpointException} naming it. */
    public static Checkpoint load(Path file) throws IOException {
        String name = String.valueOf(file);
        if (!Files.exists(file)) {
            throw new NoSuchFileException(name, null, "checkpoint not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(name, "is not a regular file");
        }
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new CheckpointException(name, "is " + size + " bytes, larger than any aevb checkpoint can be");
        }
        // the bytes, the arrays decoded from them, and the model they are copied into
        MemoryBudget.require(MemoryBudget.times(3, size), name + " (" + MemoryBudget.bytes(size) + ")",
                "use a smaller model");
        return decode(name, Files.readAllBytes(file));
    }

    /** Parses checkpoint bytes; {@code name} names the source in messages. */
    static Checkpoint decode(String name, byte[] bytes) throws CheckpointException {
        if (bytes.length < MAGIC.length()
                || !new String(bytes, 0, MAGIC.length(), StandardCharsets.ISO_8859_1).equals(MAGIC)) {
            throw new CheckpointException(name, "is not an aevb checkpoint (it does not start with \"" + MAGIC + "\")");
        }
        long minimum = FIXED_HEAD + 4 + 4 + 4;
        if (bytes.length < minimum) {
            throw new CheckpointException(name, "truncated: " + bytes.length + " bytes, shorter than the smallest checkpoint ("
                    + minimum + ")");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        b.position(MAGIC.length());
        int version = b.getInt();
        if (version != VERSION) {
            throw new CheckpointException(name, "checkpoint format version " + Integer.toUnsignedString(version)
                    + ", this aevb reads version " + VERSION + (version > VERSION ? " (written by a newer aevb?)" : ""));
        }
        long declared = b.getLong();
        if (declared != bytes.length) {
            throw new CheckpointException(name, declared > bytes.length
                    ? "truncated: the file has " + bytes.length + " bytes but its header says " + declared
                    : "the file has " + bytes.length + " bytes but its header says " + declared
                            + " (data appended, or a corrupt length)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        if ((int) crc.getValue() != stored) {
            throw new CheckpointException(name, String.format(Locale.ROOT,
                    "corrupt: CRC32 of the content is %08x but the file records %08x; the file was changed or damaged"
                            + " (use an older checkpoint)", (int) crc.getValue(), stored));
        }
        // The CRC matched, but a deliberately crafted file could still lie: keep checking every count.
        Checkpoint c = new Checkpoint(name);
        int end = bytes.length - 4;
        int headerLength = count(name, b, end, 1, "header length");
        String text = utf8(name, bytes, b.position(), headerLength, "header");
        b.position(b.position() + headerLength);
        parseHeader(name, text, c);
        int arrayCount = count(name, b, end, 12, "array count");
        for (int a = 0; a < arrayCount; a++) {
            int nameLength = count(name, b, end, 1, "name length of array " + a);
            String arrayName = utf8(name, bytes, b.position(), nameLength, "name of array " + a);
            b.position(b.position() + nameLength);
            if (end - b.position() < 8) {
                throw new CheckpointException(name, "corrupt: array '" + arrayName + "' ends before its shape");
            }
            int rows = b.getInt();
            int cols = b.getInt();
            long values = (long) rows * cols;
            if (rows < 0 || cols < 0 || values * 4 > end - b.position()) {
                throw new CheckpointException(name, "corrupt: array '" + arrayName + "' claims shape " + rows + "x" + cols
                        + " but only " + (end - b.position()) + " bytes remain");
            }
            if (c.arrays.containsKey(arrayName)) {
                throw new CheckpointException(name, "corrupt: array '" + arrayName + "' appears twice");
            }
            float[] data = new float[(int) values];
            for (int i = 0; i < data.length; i++) {
                data[i] = Float.intBitsToFloat(b.getInt());
            }
            c.arrays.put(arrayName, new Tensor(rows, cols, data));
        }
        if (b.position() != end) {
            throw new CheckpointException(name, "corrupt: " + (end - b.position()) + " unexplained bytes after the last array");
        }
        return c;
    }

    /** Reads a non-negative count and checks that count * unit bytes can still follow. */
    private static int count(String name, ByteBuffer b, int end, int unit, String what) throws CheckpointException {
        if (end - b.position() < 4) {
            throw new CheckpointException(name, "corrupt: the file ends before the " + what);
        }
        int n = b.getInt();
        if (n < 0 || (long) n * unit > end - b.position()) {
            throw new CheckpointException(name, "corrupt: " + what + " is " + n + " but only " + (end - b.position())
                    + " bytes remain");
        }
        return n;
    }

    private static String utf8(String name, byte[] bytes, int off, int len, String what) throws CheckpointException {
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, off, len));
            return cb.toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointException(name, "corrupt: the " + what + " is not valid UTF-8 text");
        }
    }

    private static void parseHeader(String name, String text, Checkpoint c) throws CheckpointException {
        int line = 0;
        int pos = 0;
        while (pos < text.length()) {
            line++;
            int nl = text.indexOf('\n', pos);
            if (nl < 0) {
                throw new CheckpointException(name, "corrupt: header line " + line + " does not end with a line break");
            }
            String l = text.substring(pos, nl);
            pos = nl + 1;
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new CheckpointException(name, "corrupt: header line " + line + " is not key=value: '" + l + "'");
            }
            String key = l.substring(0, eq);
            if (key.indexOf('\\') >= 0 || key.indexOf('\r') >= 0 || c.header.containsKey(key)) {
                throw new CheckpointException(name, "corrupt: header line " + line + " has a bad or repeated key '" + key + "'");
            }
            c.header.put(key, unescape(name, line, l.substring(eq + 1)));
        }
    }

    private static String unescape(String name, int line, String v) throws CheckpointException {
        if (v.indexOf('\\') < 0) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch != '\\') {
                sb.append(ch);
                continue;
            }
            char next = ++i < v.length() ? v.charAt(i) : '?';
            switch (next) {
                case '\\' -> sb.append('\\');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                default -> throw new CheckpointException(name, "corrupt: header line " + line + " has a bad escape '\\"
                        + next + "'");
            }
        }
        return sb.toString();
    }
}
