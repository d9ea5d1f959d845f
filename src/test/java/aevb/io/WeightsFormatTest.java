package aevb.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aevb.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weights files against their formats' specifications, read here by small readers of the
 * test's own (not {@link Npz} or {@link Safetensors}): the {@code .npy} format version 1.0 of
 * numpy.lib.format, and the safetensors layout. And the round trip through aevb's readers, bit
 * for bit.
 */
class WeightsFormatTest {
    @TempDir
    Path dir;

    /** Arrays shaped like a model's (W (out, in), b (1, out)), with awkward bits: -0.0, NaN payloads, subnormals. */
    static Weights sample() {
        SplittableRandom rnd = new SplittableRandom(7);
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        int[][] shapes = {{5, 7}, {1, 5}, {3, 5}, {1, 3}, {1, 1}};
        String[] names = {"encoder.hidden.W", "encoder.hidden.b", "encoder.mu.W", "encoder.mu.b", "odd"};
        for (int k = 0; k < shapes.length; k++) {
            Tensor t = new Tensor(shapes[k][0], shapes[k][1]);
            for (int i = 0; i < t.data.length; i++) {
                t.data[i] = (float) rnd.nextGaussian();
            }
            arrays.put(names[k], t);
        }
        float[] w = arrays.get("encoder.hidden.W").data;
        w[0] = -0.0f;
        w[1] = Float.intBitsToFloat(0x7fc01234); // a NaN with a payload
        w[2] = Float.MIN_VALUE;
        w[3] = Float.POSITIVE_INFINITY;
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("run.dataset", "sample");
        meta.put("note", "quotes \" backslash \\ newline \n unicode σ²");
        return new Weights(arrays, meta);
    }

    static void assertSameBits(Weights a, Weights b) {
        assertEquals(List.copyOf(a.arrays().keySet()), List.copyOf(b.arrays().keySet()));
        for (String k : a.arrays().keySet()) {
            Tensor x = a.arrays().get(k), y = b.arrays().get(k);
            assertEquals(x.rows, y.rows, k);
            assertEquals(x.cols, y.cols, k);
            for (int i = 0; i < x.data.length; i++) {
                assertEquals(Float.floatToRawIntBits(x.data[i]), Float.floatToRawIntBits(y.data[i]), k + "[" + i + "]");
            }
        }
        assertEquals(a.metadata(), b.metadata());
    }

    @Test
    void roundTripsAreBitIdenticalInBothFormats() throws IOException {
        Weights w = sample();
        for (Weights.Format f : Weights.Format.values()) {
            Path file = dir.resolve("w" + f.suffix);
            w.save(file, f);
            assertSameBits(w, Weights.load(file));
        }
    }

    // ---- .npz: a zip of .npy files, numpy.lib.format version 1.0 ----------------------------

    @Test
    void npzHoldsOneNpyVersion10PerArrayAsNumpyWritesIt() throws IOException {
        Weights w = sample();
        Path file = dir.resolve("w.npz");
        w.save(file, Weights.Format.NPZ);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName() + " is stored, as numpy.savez does");
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        List<String> expected = new ArrayList<>();
        w.arrays().keySet().forEach(k -> expected.add(k + ".npy"));
        expected.add("metadata.json");
        assertEquals(expected, List.copyOf(entries.keySet()));
        for (Map.Entry<String, Tensor> a : w.arrays().entrySet()) {
            byte[] npy = entries.get(a.getKey() + ".npy");
            Tensor t = a.getValue();
            // magic string: \x93NUMPY, then the format version 1.0
            assertEquals(0x93, npy[0] & 0xff);
            assertEquals("NUMPY", new String(npy, 1, 5, StandardCharsets.US_ASCII));
            assertEquals(1, npy[6]);
            assertEquals(0, npy[7]);
            // HEADER_LEN: a little-endian unsigned short; magic + version + length + header is a multiple of 64
            int headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
            assertEquals(0, (10 + headerLength) % 64, "the data starts 64-byte aligned");
            String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
            assertTrue(header.endsWith("\n"), "the header ends with a newline");
            Map<String, String> dict = pythonDict(header.stripTrailing());
            assertEquals("'<f4'", dict.get("descr"), "little-endian float32");
            assertEquals("False", dict.get("fortran_order"));
            assertEquals("(" + t.rows + ", " + t.cols + ")", dict.get("shape"));
            assertEquals(3, dict.size());
            // the data: rows * cols little-endian float32, C order, and nothing after
            assertEquals(10 + headerLength + 4 * t.size(), npy.length);
            ByteBuffer data = ByteBuffer.wrap(npy, 10 + headerLength, 4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : t.data) {
                assertEquals(Float.floatToRawIntBits(v), data.getInt());
            }
        }
        Object meta = new MiniJson(new String(entries.get("metadata.json"), StandardCharsets.UTF_8)).value();
        assertEquals(w.metadata(), meta);
    }

    /** The header dict of a .npy: {'key': value, ...} with an optional trailing comma, values kept as text. */
    private static Map<String, String> pythonDict(String s) {
        assertTrue(s.startsWith("{") && s.endsWith("}"), s);
        Map<String, String> m = new LinkedHashMap<>();
        String body = s.substring(1, s.length() - 1).trim();
        int i = 0;
        while (i < body.length()) {
            assertEquals('\'', body.charAt(i), body);
            int endKey = body.indexOf('\'', i + 1);
            String key = body.substring(i + 1, endKey);
            i = endKey + 1;
            while (body.charAt(i) == ' ') i++;
            assertEquals(':', body.charAt(i++));
            while (body.charAt(i) == ' ') i++;
            int depth = 0, from = i;
            while (i < body.length() && !(depth == 0 && body.charAt(i) == ',')) {
                char c = body.charAt(i++);
                if (c == '(') depth++;
                if (c == ')') depth--;
            }
            m.put(key, body.substring(from, i).trim());
            i++; // the comma
            while (i < body.length() && body.charAt(i) == ' ') i++;
        }
        return m;
    }

    // ---- safetensors -------------------------------------------------------------------------

    @Test
    void safetensorsHasALittleEndianLengthAJsonHeaderAndContiguousF32Data() throws IOException {
        Weights w = sample();
        Path file = dir.resolve("w.safetensors");
        w.save(file, Weights.Format.SAFETENSORS);
        byte[] b = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertTrue(n > 0 && 8 + n <= b.length);
        assertEquals(0, (8 + n) % 8, "the data starts 8-byte aligned (the header is padded with spaces)");
        String json = new String(b, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{"), "the header starts with '{'");
        assertEquals(json.stripTrailing(), json.strip());
        assertTrue(json.substring(json.stripTrailing().length()).chars().allMatch(c -> c == ' '), "padding is spaces");
        @SuppressWarnings("unchecked")
        Map<String, Object> header = (Map<String, Object>) new MiniJson(json).value();
        assertEquals(w.metadata(), header.get("__metadata__"), "__metadata__ is a map of strings to strings");
        long bufferStart = 8 + n, at = 0;
        for (Map.Entry<String, Tensor> a : w.arrays().entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> info = (Map<String, Object>) header.get(a.getKey());
            Tensor t = a.getValue();
            assertEquals("F32", info.get("dtype"));
            assertEquals(List.of((long) t.rows, (long) t.cols), info.get("shape"));
            List<?> off = (List<?>) info.get("data_offsets");
            assertEquals(at, off.get(0), "arrays are contiguous");
            assertEquals(at + 4L * t.size(), off.get(1));
            ByteBuffer data = ByteBuffer.wrap(b, (int) (bufferStart + at), 4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : t.data) {
                assertEquals(Float.floatToRawIntBits(v), data.getInt());
            }
            at += 4L * t.size();
        }
        assertEquals(w.arrays().size() + 1, header.size());
        assertEquals(b.length, bufferStart + at, "the buffer ends with the last array");
    }

    /** An independent JSON reader for the test: objects, arrays, strings (with escapes), integers. */
    private static final class MiniJson {
        private final String s;
        private int i;

        MiniJson(String s) {
            this.s = s.strip();
        }

        Object value() {
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                while (s.charAt(skip()) != '}') {
                    String k = (String) value();
                    skip();
                    i++; // :
                    skip();
                    m.put(k, value());
                    if (s.charAt(skip()) == ',') i++;
                    skip();
                }
                i++;
                return m;
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                while (s.charAt(skip()) != ']') {
                    l.add(value());
                    if (s.charAt(skip()) == ',') i++;
                    skip();
                }
                i++;
                return l;
            }
            if (c == '"') {
                StringBuilder sb = new StringBuilder();
                for (i++; s.charAt(i) != '"'; i++) {
                    char d = s.charAt(i);
                    if (d == '\\') {
                        char e = s.charAt(++i);
                        sb.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            case 'u' -> {
                                char u = (char) Integer.parseInt(s.substring(i + 1, i + 5), 16);
                                i += 4;
                                yield u;
                            }
                            default -> e;
                        });
                    } else {
                        sb.append(d);
                    }
                }
                i++;
                return sb.toString();
            }
            int from = i;
            while (i < s.length() && (s.charAt(i) == '-' || Character.isDigit(s.charAt(i)))) i++;
            return Long.parseLong(s.substring(from, i));
        }

        private int skip() {
            while (Character.isWhitespace(s.charAt(i))) i++;
            return i;
        }
    }

    // ---- what aevb refuses ------------------------------------------------------------------

    @Test
    void refusesWhatIsNotAWeightsFileOrNotFloat32() throws IOException {
        Path junk = dir.resolve("junk.npz");
        Files.writeString(junk, "hello");
        assertTrue(assertThrows(CheckpointException.class, () -> Weights.load(junk)).getMessage().contains("neither"));
        Weights w = sample();
        Path st = dir.resolve("w.safetensors");
        w.save(st, Weights.Format.SAFETENSORS);
        byte[] b = Files.readAllBytes(st);
        String f64 = new String(b, StandardCharsets.ISO_8859_1).replaceFirst("\"F32\"", "\"F64\"");
        Path bad = dir.resolve("f64.safetensors");
        Files.write(bad, f64.getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(assertThrows(CheckpointException.class, () -> Weights.load(bad)).getMessage().contains("F32"));
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, java.util.Arrays.copyOf(b, b.length - 4));
        assertThrows(CheckpointException.class, () -> Weights.load(cut));
        byte[] huge = b.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE);
        Path hostile = dir.resolve("hostile.safetensors");
        Files.write(hostile, huge);
        assertThrows(CheckpointException.class, () -> Weights.load(hostile));
        Path npz = dir.resolve("w.npz");
        w.save(npz, Weights.Format.NPZ);
        byte[] z = Files.readAllBytes(npz);
        Path cutZip = dir.resolve("cut.npz");
        Files.write(cutZip, java.util.Arrays.copyOf(z, z.length / 2));
        assertThrows(CheckpointException.class, () -> Weights.load(cutZip));
        assertArrayEquals(z, Npz.encode(w), "the same weights give the same bytes");
    }
}
