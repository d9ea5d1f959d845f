package aevb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmatTest {
    @TempDir
    Path dir;

    @Test
    void readsLinesOfZerosAndOnesGzipOrNot() throws IOException {
        byte[] bits = {0, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0};
        byte[] text = TestFiles.amat(bits, 4);
        assertEquals("0 1 1 0\n1 1 1 0\n0 0 1 0\n", new String(text, StandardCharsets.US_ASCII));
        for (Path f : new Path[] {TestFiles.write(dir.resolve("a.amat"), text),
            TestFiles.write(dir.resolve("a.amat.gz"), TestFiles.gzip(text))}) {
            Amat.Images im = Amat.read(f, 4);
            assertEquals(3, im.count());
            assertArrayEquals(bits, im.pixels());
        }
    }

    @Test
    void windowsLineEndsAndAMissingFinalLineBreakAreFine() throws IOException {
        Path f = TestFiles.write(dir.resolve("crlf.amat"), "0 1\r\n1 0".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(new byte[] {0, 1, 1, 0}, Amat.read(f, 2).pixels());
    }

    @Test
    void badLinesAreNamed() {
        Path f = TestFiles.write(dir.resolve("bad.amat"), "0 1 0\n1 0\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(f + ": line 2 has 2 values, expected 3 (one image per line)",
                assertThrows(DataFormatException.class, () -> Amat.read(f, 3)).getMessage());
        Path g = TestFiles.write(dir.resolve("float.amat"), "0 1 0.5\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(g + ": line 1, value 3: '.' is not 0 or 1 (a binarized MNIST .amat file holds only 0 and 1"
                + " separated by spaces)", assertThrows(DataFormatException.class, () -> Amat.read(g, 3)).getMessage());
        Path e = TestFiles.write(dir.resolve("empty.amat"), new byte[0]);
        assertEquals(e + ": holds no images (it is empty)",
                assertThrows(DataFormatException.class, () -> Amat.read(e, 3)).getMessage());
    }
}
