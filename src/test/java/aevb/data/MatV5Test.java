package aevb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatV5Test {
    @TempDir
    Path dir;

    @Test
    void readsTheNamedUint8MatrixAmongOthersInEitherByteOrderAndCompressed() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            byte[] data = TestFiles.bytes(6 * 4, 1);
            byte[] other = TestFiles.matElement(order, "x", 6, new int[] {1, 2}, 9, new byte[16]);
            byte[] ff = TestFiles.matElement(order, "ff", 9, new int[] {6, 4}, 2, data);
            for (boolean compress : new boolean[] {false, true}) {
                byte[] file = TestFiles.matFile(order, other, compress ? TestFiles.compressed(order, ff) : ff);
                Path f = TestFiles.write(dir.resolve(order + "-" + compress + ".mat"), file);
                MatV5.Uint8Matrix m = MatV5.readUint8Matrix(f, "ff");
                assertEquals(6, m.rows());
                assertEquals(4, m.cols());
                assertArrayEquals(data, m.data());
            }
        }
    }

    @Test
    void aMissingVariableListsTheOnesPresent() {
        byte[] file = TestFiles.matFile(ByteOrder.LITTLE_ENDIAN,
                TestFiles.matElement(ByteOrder.LITTLE_ENDIAN, "faces", 9, new int[] {2, 2}, 2, new byte[4]));
        Path f = TestFiles.write(dir.resolve("other.mat"), file);
        DataFormatException e = assertThrows(DataFormatException.class, () -> MatV5.readUint8Matrix(f, "ff"));
        assertEquals(f + ": has no variable 'ff' (it holds: faces)", e.getMessage());
    }

    @Test
    void wrongClassAndHdf5AreNamed() {
        byte[] doubles = TestFiles.matFile(ByteOrder.LITTLE_ENDIAN,
                TestFiles.matElement(ByteOrder.LITTLE_ENDIAN, "ff", 6, new int[] {560, 3}, 9, new byte[560 * 3 * 8]));
        Path f = TestFiles.write(dir.resolve("double.mat"), doubles);
        assertEquals(f + ": variable 'ff' is a double 560x3 array, expected a real uint8 matrix",
                assertThrows(DataFormatException.class, () -> MatV5.readUint8Matrix(f, "ff")).getMessage());
        byte[] hdf5 = Arrays.copyOf("MATLAB 7.3 MAT-file, Platform: GLNXA64".getBytes(StandardCharsets.US_ASCII), 512);
        Path h = TestFiles.write(dir.resolve("v73.mat"), hdf5);
        assertTrue(assertThrows(DataFormatException.class, () -> MatV5.readUint8Matrix(h, "ff")).getMessage()
                .contains("MATLAB 7.3 MAT-file (HDF5)"));
    }

    @Test
    void freySplitHoldsOutTheLast400Images() throws IOException {
        Path frey = TestFiles.write(dir.resolve("frey/frey_rawface.mat"), TestFiles.freyLike(1965, 3));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DataSplits s = Datasets.load("frey", dir, false, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(1565, s.train().size());
        assertEquals(400, s.test().size());
        assertNull(s.validation());
        assertEquals(28, s.train().height());
        assertEquals(20, s.train().width());
        assertEquals(s.test(), s.heldOut());
        // image j is column j of ff: test image 0 is column 1565, pixel (r, c) at r * 20 + c
        byte[] raw = TestFiles.bytes(560 * 1965, 3);
        assertEquals((raw[1565 * 560 + 3 * 20 + 7] & 0xff) / 255f, s.test().images()[3 * 20 + 7]);
        // a generated file is not the pinned one: allowed, but said
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("warning: " + frey + " is a valid file but not the pinned"));
    }

    @Test
    void freyOfTheWrongShapeIsNamedWithItsFix() {
        byte[] file = TestFiles.matFile(ByteOrder.LITTLE_ENDIAN,
                TestFiles.matElement(ByteOrder.LITTLE_ENDIAN, "ff", 9, new int[] {784, 500}, 2, new byte[784 * 500]));
        Path f = TestFiles.write(dir.resolve("frey_rawface.mat"), file);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Datasets.load("frey", dir, false, new PrintStream(new ByteArrayOutputStream())));
        assertEquals(f + ": variable 'ff' is 784 x 500, expected 560 rows (one 28x20 image per column);"
                + " replace it with a good copy (delete it and run ./aevb download frey)", e.getMessage());
    }
}
