package aevb.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import aevb.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;
    private Path scratch;

    private static Checkpoint example() {
        float[] odd = {0f, -0f, Float.NaN, Float.intBitsToFloat(0x7fc01234), Float.POSITIVE_INFINITY,
            Float.MIN_VALUE, -Float.MAX_VALUE, 1e-30f, 0.1f};
        return new Checkpoint()
                .put("model", "vae hidden=500 latent=20 decoder=bernoulli")
                .put("optimizer", "adagrad lr=0.02")
                .put("step", 123456789012L)
                .put("samples_seen", 12_345_678L)
                .put("adam.beta1_power", 0.9 * 0.9 * 0.9)
                .put("seed", -42L)
                .put("data", "mnist train=60000 sha256=ba89...")
                .put("note", "line one\nline two \\ with a backslash\r and ünïcødé")
                .putArray("encoder.W3", new Tensor(3, 3, odd))
                .putArray("encoder.b3", Tensor.of(1, 3, 1, 2, 3))
                .putArray("empty", new Tensor(0, 7));
    }

    @Test
    void roundTripIsBitIdenticalForArraysAndExactForTheHeader() throws IOException {
        Checkpoint c = example();
        Path f = dir.resolve("run/ckpt.bin");
        c.save(f);
        Checkpoint back = Checkpoint.load(f);
        assertEquals(c.header(), back.header());
        assertEquals(List.copyOf(c.header().keySet()), List.copyOf(back.header().keySet())); // order kept
        assertEquals(List.copyOf(c.arrays().keySet()), List.copyOf(back.arrays().keySet()));
        for (Map.Entry<String, Tensor> e : c.arrays().entrySet()) {
            Tensor t = back.array(e.getKey());
            assertEquals(e.getValue().shape(), t.shape());
            assertArrayEquals(bits(e.getValue().data), bits(t.data), e.getKey());
        }
        assertEquals(0.9 * 0.9 * 0.9, back.requireDouble("adam.beta1_power"));
        assertEquals(123456789012L, back.requireLong("step"));
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file may be left behind");
        }
    }

    @Property(tries = 50)
    void randomCheckpointsRoundTrip(@ForAll("tensors") List<Tensor> tensors, @ForAll long step) throws IOException {
        Checkpoint c = new Checkpoint().put("step", step);
        for (int i = 0; i < tensors.size(); i++) {
            c.putArray("p" + i, tensors.get(i));
        }
        Checkpoint back = Checkpoint.decode("mem", c.encode());
        assertEquals(step, back.requireLong("step"));
        for (int i = 0; i < tensors.size(); i++) {
            assertArrayEquals(bits(tensors.get(i).data), bits(back.array("p" + i).data));
        }
    }

    @Provide
    Arbitrary<List<Tensor>> tensors() {
        Arbitrary<Tensor> t = Arbitraries.integers().between(0, 9).flatMap(r -> Arbitraries.integers().between(0, 9)
                .flatMap(c -> Arbitraries.floats().array(float[].class).ofSize(r * c).map(d -> new Tensor(r, c, d))));
        return t.list().ofMaxSize(5);
    }

    private static int[] bits(float[] data) {
        int[] b = new int[data.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = Float.floatToRawIntBits(data[i]);
        }
        return b;
    }

    /** Loads bytes written to a file; returns the CheckpointException message, failing on anything else. */
    private String loadFailure(byte[] bytes) throws IOException {
        // jqwik properties get no JUnit @TempDir: use one folder per class instance, removed below
        if (scratch == null) {
            scratch = Files.createTempDirectory("aevb-ckpt");
            scratch.toFile().deleteOnExit();
        }
        Path f = Files.createTempFile(scratch, "bad", ".ckpt");
        Files.write(f, bytes);
        try {
            Checkpoint.load(f);
            return null;
        } catch (CheckpointException e) {
            assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
            return e.getMessage();
        } catch (Throwable t) {
            fail("loading a damaged checkpoint threw " + t, t);
            return null;
        } finally {
            Files.delete(f);
        }
    }

    @Property(tries = 150)
    void everyTruncationIsDetected(@ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double at) throws IOException {
        byte[] good = example().encode();
        String m = loadFailure(Arrays.copyOf(good, (int) (at * good.length)));
        assertTrue(m != null, "a truncated checkpoint was accepted");
    }

    @Property(tries = 300)
    void everyFlippedByteIsDetected(@ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double at,
            @ForAll @IntRange(min = 1, max = 255) int mask) throws IOException {
        byte[] bad = example().encode();
        bad[(int) (at * bad.length)] ^= (byte) mask;
        assertTrue(loadFailure(bad) != null, "a damaged checkpoint was accepted"); // CRC32 catches any one-byte change
    }

    @Test
    void specificDamageIsNamed() throws IOException {
        byte[] good = example().encode();
        byte[] crc = good.clone();
        crc[crc.length - 1] ^= 1;
        assertTrue(loadFailure(crc).contains("corrupt: CRC32 of the content is"), loadFailure(crc));
        byte[] version = good.clone();
        ByteBuffer.wrap(version).putInt(8, 2);
        assertTrue(loadFailure(version).endsWith("checkpoint format version 2, this aevb reads version 1 (written by a newer aevb?)"));
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertTrue(loadFailure(magic).endsWith("is not an aevb checkpoint (it does not start with \"AEVBCKPT\")"));
        assertTrue(loadFailure(Arrays.copyOf(good, 100)).contains("truncated: the file has 100 bytes but its header says "));
        assertTrue(loadFailure(new byte[0]).contains("is not an aevb checkpoint"));
    }

    @Test
    void aLyingArrayShapeWithAValidCrcIsStillRefused() throws IOException {
        Checkpoint c = new Checkpoint().putArray("w", new Tensor(2, 2));
        byte[] b = c.encode();
        // the "rows" field of the only array: magic 8, version 4, length 8, header 4 (+0), count 4, name 4 + 1
        ByteBuffer.wrap(b).putInt(8 + 4 + 8 + 4 + 4 + 4 + 1, 1 << 30);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).putInt(b.length - 4, (int) crc.getValue());
        String m = loadFailure(b);
        assertTrue(m.contains("corrupt: array 'w' claims shape 1073741824x2 but only 16 bytes remain"), m);
    }

    @Test
    void missingArraysHeaderEntriesAndWrongShapesAreNamed() throws IOException {
        Path f = dir.resolve("c.ckpt");
        example().save(f);
        Checkpoint c = Checkpoint.load(f);
        CheckpointException missing = assertThrows(CheckpointException.class, () -> c.requireArray("decoder.W1", 500, 20));
        assertEquals(f + ": array 'decoder.W1' is missing (the checkpoint holds: encoder.W3, encoder.b3, empty)",
                missing.getMessage());
        CheckpointException shape = assertThrows(CheckpointException.class, () -> c.requireArray("encoder.b3", 1, 4));
        assertEquals(f + ": array 'encoder.b3' is 1x3, the model needs 1x4 (a checkpoint of another model configuration?)",
                shape.getMessage());
        assertTrue(assertThrows(CheckpointException.class, () -> c.require("epoch")).getMessage()
                .startsWith(f + ": the header has no 'epoch' entry (it has: model, optimizer, step,"));
        assertEquals(f + ": header entry 'model' is 'vae hidden=500 latent=20 decoder=bernoulli', not an integer",
                assertThrows(CheckpointException.class, () -> c.requireLong("model")).getMessage());
    }

    @Test
    void badKeysAreRefusedWhenWritten() {
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint().put("a=b", "x"));
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint().put("a\nb", "x"));
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint().put("", "x"));
    }

    @Test
    void savingOverAnOldCheckpointReplacesItWhole() throws IOException {
        Path f = dir.resolve("c.ckpt");
        example().save(f);
        new Checkpoint().put("step", 2).save(f);
        assertEquals(Map.of("step", "2"), Checkpoint.load(f).header());
    }
}
