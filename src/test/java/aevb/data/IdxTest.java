package aevb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    @Property(tries = 40)
    void imagesRoundTrip(@ForAll @IntRange(min = 0, max = 40) int count, @ForAll @IntRange(min = 1, max = 30) int rows,
            @ForAll @IntRange(min = 1, max = 30) int cols, @ForAll boolean gzip) throws IOException {
        Path tmp = Files.createTempDirectory("idx");
        byte[] pixels = TestFiles.bytes(count * rows * cols, count * 31L + rows);
        Path file = tmp.resolve(gzip ? "x-idx3-ubyte.gz" : "x-idx3-ubyte");
        Idx.writeImages(file, count, rows, cols, pixels);
        Idx.Images back = Idx.readImages(file);
        assertEquals(count, back.count());
        assertEquals(rows, back.rows());
        assertEquals(cols, back.cols());
        assertArrayEquals(pixels, back.pixels());
        assertEquals(gzip, isGzip(file));
        // the checksum is of the uncompressed content, so it does not depend on compression
        assertEquals(DataFiles.contentSha256(file), back.sha256());
        byte[] raw = TestFiles.idxImages(count, rows, cols, pixels);
        assertEquals(sha(raw), back.sha256());
    }

    @Property(tries = 30)
    void labelsRoundTrip(@ForAll @IntRange(min = 0, max = 500) int count, @ForAll boolean gzip) throws IOException {
        Path tmp = Files.createTempDirectory("idx");
        byte[] labels = TestFiles.bytes(count, count);
        Path file = tmp.resolve(gzip ? "y-idx1-ubyte.gz" : "y-idx1-ubyte");
        Idx.writeLabels(file, labels);
        assertArrayEquals(labels, Idx.readLabels(file).labels());
        assertEquals(sha(TestFiles.idxLabels(labels)), Idx.readLabels(file).sha256());
    }

    @Test
    void gzipIsDetectedByContentNotName() throws IOException {
        byte[] raw = TestFiles.idxImages(2, 2, 2, new byte[8]);
        Path misnamed = TestFiles.write(dir.resolve("plain-but-called.gz"), raw);
        Path unpackedUnrenamed = TestFiles.write(dir.resolve("gzip-but-plain-name"), TestFiles.gzip(raw));
        assertEquals(2, Idx.readImages(misnamed).count());
        assertEquals(2, Idx.readImages(unpackedUnrenamed).count());
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("a/b/images.gz");
        Idx.writeImages(file, 1, 1, 1, new byte[] {7});
        try (var s = Files.list(file.getParent())) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void wrongMagicIsNamed() {
        Path file = TestFiles.write(dir.resolve("labels-as-images"), TestFiles.idxLabels(new byte[10]));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readImages(file));
        assertEquals(file + ": wrong magic number 0x00000801: an IDX image file starts with 0x00000803"
                + " (it is an IDX label file)", e.getMessage());
    }

    @Test
    void absurdCountIsRefusedBeforeAllocating() {
        byte[] raw = TestFiles.idxImages(1 << 30, 28, 28, new byte[784]);
        Path plain = TestFiles.write(dir.resolve("huge"), raw);
        Path gz = TestFiles.write(dir.resolve("huge.gz"), TestFiles.gzip(raw));
        for (Path f : new Path[] {plain, gz}) {
            DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readImages(f));
            assertTrue(e.getMessage().startsWith(f + ": header says 1073741824 images of 28x28"), e.getMessage());
            assertTrue(e.getMessage().contains("the header is corrupt"), e.getMessage());
        }
    }

    @Test
    void truncationSaysHowMuchIsMissing() {
        byte[] raw = TestFiles.idxImages(10, 28, 28, new byte[7840]);
        Path plain = TestFiles.write(dir.resolve("t"), java.util.Arrays.copyOf(raw, 1234));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Idx.readImages(plain));
        assertEquals(plain + ": truncated: header says 10 images of 28x28 (7,840 bytes) but the file holds only 1,218"
                + " of them", e.getMessage());
        // a gzip of the same truncated content: the stream itself is complete, the content is short
        Path gz = TestFiles.write(dir.resolve("t.gz"), TestFiles.gzip(java.util.Arrays.copyOf(raw, 1234)));
        e = assertThrows(DataFormatException.class, () -> Idx.readImages(gz));
        assertEquals(gz + ": truncated: header says 10 images of 28x28 (7,840 bytes) but the data ends after 1,218"
                + " of them", e.getMessage());
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] raw = TestFiles.idxImages(1, 2, 2, new byte[4]);
        byte[] longer = java.util.Arrays.copyOf(raw, raw.length + 3);
        Path plain = TestFiles.write(dir.resolve("long"), longer);
        Path gz = TestFiles.write(dir.resolve("long.gz"), TestFiles.gzip(longer));
        assertTrue(assertThrows(DataFormatException.class, () -> Idx.readImages(plain)).getMessage()
                .contains("but the file has 3 bytes more"));
        assertTrue(assertThrows(DataFormatException.class, () -> Idx.readImages(gz)).getMessage()
                .contains("3 bytes of unexpected data after the last image"));
    }

    @Test
    void aFolderOrAMissingFileIsNamed() {
        assertTrue(assertThrows(DataFormatException.class, () -> Idx.readImages(dir)).getMessage().endsWith("is a folder, not a data file"));
        IOException e = assertThrows(IOException.class, () -> Idx.readImages(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope"));
    }

    static boolean isGzip(Path f) throws IOException {
        byte[] b = Files.readAllBytes(f);
        return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    static String sha(byte[] content) {
        return java.util.HexFormat.of().formatHex(DataFiles.sha256().digest(content));
    }
}
