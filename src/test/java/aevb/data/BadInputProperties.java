package aevb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated corruptions of real files: MNIST images and labels from the embedded sample, a
 * Frey-shaped MAT-file and a binarized-MNIST .amat generated here. Whatever the corruption, a
 * reader must either read a well-formed result or throw its one typed exception whose message
 * starts with the file; never an OutOfMemoryError, a NegativeArraySizeException, an index error
 * or any other exception.
 */
class BadInputProperties {
    private static Path dir;
    private static byte[] imagesContent; // 64 real MNIST images, IDX, uncompressed
    private static byte[] labelsContent;
    private static byte[] matContent;
    private static byte[] amatContent;

    @BeforeContainer
    static void realFiles() throws IOException {
        dir = Files.createTempDirectory("aevb-bad-input");
        Path sample = DataDirs.sampleDir();
        Idx.Images all = Idx.readImages(sample.resolve(SampleSet.VALID_IMAGES));
        Idx.Labels labels = Idx.readLabels(sample.resolve(SampleSet.VALID_LABELS));
        int n = 64;
        imagesContent = TestFiles.idxImages(n, 28, 28, Arrays.copyOf(all.pixels(), n * 784));
        labelsContent = TestFiles.idxLabels(Arrays.copyOf(labels.labels(), n));
        matContent = TestFiles.freyLike(12, 5);
        byte[] bits = new byte[20 * 784];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (byte) ((all.pixels()[i] & 0xff) > 127 ? 1 : 0);
        }
        amatContent = TestFiles.amat(bits, 784);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The kinds of file under test, each with its reader. */
    enum Kind {
        IDX_IMAGES, IDX_IMAGES_GZ, IDX_LABELS, IDX_LABELS_GZ, MAT, MAT_GZ, AMAT, AMAT_GZ;

        boolean gzip() {
            return name().endsWith("_GZ");
        }

        byte[] content() {
            return switch (this) {
                case IDX_IMAGES, IDX_IMAGES_GZ -> imagesContent;
                case IDX_LABELS, IDX_LABELS_GZ -> labelsContent;
                case MAT, MAT_GZ -> matContent;
                case AMAT, AMAT_GZ -> amatContent;
            };
        }

        byte[] file() {
            return gzip() ? TestFiles.gzip(content()) : content();
        }

        /** Reads the file and returns a fingerprint of what was read. */
        Object read(Path f) throws IOException {
            return switch (this) {
                case IDX_IMAGES, IDX_IMAGES_GZ -> {
                    Idx.Images im = Idx.readImages(f);
                    assertEquals((long) im.count() * im.rows() * im.cols(), im.pixels().length);
                    yield im.pixels();
                }
                case IDX_LABELS, IDX_LABELS_GZ -> Idx.readLabels(f).labels();
                case MAT, MAT_GZ -> {
                    MatV5.Uint8Matrix m = MatV5.readUint8Matrix(f, "ff");
                    assertEquals((long) m.rows() * m.cols(), m.data().length);
                    yield m.data();
                }
                case AMAT, AMAT_GZ -> Amat.read(f, 784).pixels();
            };
        }
    }

    private static int counter;

    private static Path put(byte[] bytes) {
        Path f = dir.resolve("case-" + (counter++) + ".bin");
        try {
            return Files.write(f, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads {@code f}; returns null when it read cleanly, the message when it failed the right
     * way, and fails the property on any other outcome.
     */
    private static String outcome(Kind kind, Path f) {
        try {
            kind.read(f);
            return null;
        } catch (DataFormatException e) {
            assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
            assertTrue(e.problem().length() > 10, e.getMessage());
            return e.getMessage();
        } catch (Throwable t) {
            fail(kind + " " + f + " threw " + t, t);
            return null;
        } finally {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // temp folder is removed at the end
            }
        }
    }

    @Property(tries = 200)
    void truncatedFilesAreRejected(@ForAll Kind kind, @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double at) {
        byte[] good = kind.file();
        int cut = (int) (at * good.length);
        byte[] bad = Arrays.copyOf(good, cut);
        Path f = put(bad);
        String message = outcome(kind, f);
        // cuts that leave a well-formed file: inside a MAT-file's final padding, or an .amat cut at a line end
        boolean onlyPadding = (kind == Kind.MAT) && cut >= good.length - 7 && cut >= 128 + 8 + 560 * 12;
        boolean wholeLines = (kind == Kind.AMAT) && cut > 0 && (cut % 1568 == 0 || cut % 1568 == 1567);
        if (wholeLines) {
            assertEquals(null, message);
        } else if (!onlyPadding) {
            assertTrue(message != null, kind + " cut to " + cut + " of " + good.length + " bytes was accepted");
        }
    }

    @Property(tries = 300)
    void flippedBytesGiveDataOrAClearError(@ForAll Kind kind, @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double at,
            @ForAll @IntRange(min = 1, max = 255) int mask) {
        byte[] bad = kind.file().clone();
        bad[(int) (at * bad.length)] ^= (byte) mask;
        outcome(kind, put(bad));
    }

    @Property(tries = 100)
    void garbageGivesAClearError(@ForAll Kind kind, @ForAll("garbage") byte[] garbage) {
        outcome(kind, put(garbage));
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    @Property(tries = 100)
    void wrongMagicIsNamed(@ForAll boolean images, @ForAll boolean gzip, @ForAll int magic) {
        byte[] content = (images ? imagesContent : labelsContent).clone();
        int expected = images ? Idx.IMAGES_MAGIC : Idx.LABELS_MAGIC;
        if (magic == expected) {
            return;
        }
        ByteBuffer.wrap(content).putInt(0, magic);
        Kind kind = images ? (gzip ? Kind.IDX_IMAGES_GZ : Kind.IDX_IMAGES) : (gzip ? Kind.IDX_LABELS_GZ : Kind.IDX_LABELS);
        String message = outcome(kind, put(gzip ? TestFiles.gzip(content) : content));
        assertTrue(message != null && message.contains("wrong magic number"), message);
    }

    @Property(tries = 300)
    void absurdDimensionsAreRefusedWithoutAllocating(@ForAll("dimension") int value, @ForAll @IntRange(min = 1, max = 3) int field,
            @ForAll boolean gzip) {
        byte[] content = imagesContent.clone();
        ByteBuffer b = ByteBuffer.wrap(content);
        b.putInt(4 * field, value);
        long product = (long) b.getInt(4) * b.getInt(8) * b.getInt(12);
        Kind kind = gzip ? Kind.IDX_IMAGES_GZ : Kind.IDX_IMAGES;
        String message = outcome(kind, put(gzip ? TestFiles.gzip(content) : content));
        if (product != 64L * 784 || b.getInt(4) < 0) {
            assertTrue(message != null, "header " + Arrays.toString(new int[] {b.getInt(4), b.getInt(8), b.getInt(12)})
                    + " was accepted");
        }
    }

    @Property(tries = 100)
    void absurdLabelCountsAreRefused(@ForAll("dimension") int value, @ForAll boolean gzip) {
        byte[] content = labelsContent.clone();
        ByteBuffer.wrap(content).putInt(4, value);
        String message = outcome(gzip ? Kind.IDX_LABELS_GZ : Kind.IDX_LABELS, put(gzip ? TestFiles.gzip(content) : content));
        if (value != 64) {
            assertTrue(message != null, value + " labels accepted");
        }
    }

    @Provide
    Arbitrary<Integer> dimension() {
        return Arbitraries.oneOf(
                Arbitraries.of(0, -1, 1, 63, 65, 1 << 16, 1 << 20, 1 << 24, 1 << 30, Integer.MAX_VALUE, Integer.MIN_VALUE,
                        -64, 4096, 4097),
                Arbitraries.integers());
    }

    @Property(tries = 100)
    void matFilesWithTheWrongClassOrShapeAreNamed(@ForAll @IntRange(min = 0, max = 20) int mxClass,
            @ForAll @IntRange(min = 1, max = 4) int ndims, @ForAll boolean compress, @ForAll boolean bigEndian) {
        ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int[] dims = new int[ndims];
        Arrays.fill(dims, 2);
        dims[0] = 560;
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        byte[] element = TestFiles.matElement(order, "ff", mxClass, dims, 2, new byte[(int) n]);
        byte[] file = TestFiles.matFile(order, compress ? TestFiles.compressed(order, element) : element);
        Path f = put(file);
        String message = outcome(Kind.MAT, f);
        if (ndims == 1) {
            assertTrue(message.contains("its dimensions should be at least two"), message); // MAT-files have >= 2
        } else if (mxClass == 9 && ndims == 2) {
            assertEquals(null, message);
        } else if (mxClass != 9) {
            assertTrue(message.contains("expected a real uint8 matrix"), message);
        } else {
            assertTrue(message.contains("dimensions") && message.contains("expected a 2-D matrix"), message);
        }
    }

    @Property(tries = 50)
    void amatWithWrongValuesOrLengthsIsNamed(@ForAll @IntRange(min = 0, max = 19) int line,
            @ForAll("amatDamage") String damage) {
        String text = new String(amatContent, java.nio.charset.StandardCharsets.US_ASCII);
        String[] lines = text.split("\n", -1);
        lines[line] = switch (damage) {
            case "drop" -> lines[line].substring(2);
            case "extra" -> lines[line] + " 0";
            case "two" -> "2" + lines[line].substring(1);
            case "float" -> "0.5" + lines[line].substring(1);
            default -> "";
        };
        String message = outcome(Kind.AMAT, put(String.join("\n", lines).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertTrue(message != null && message.contains("line " + (line + 1)), message);
    }

    @Provide
    Arbitrary<String> amatDamage() {
        return Arbitraries.of("drop", "extra", "two", "float", "empty");
    }

    @Property(tries = 20)
    void undamagedFilesReadBack(@ForAll Kind kind) throws IOException {
        Object read = kind.read(put(kind.file()));
        assertTrue(read instanceof byte[] b && b.length > 0);
        if (kind == Kind.IDX_LABELS || kind == Kind.IDX_LABELS_GZ) {
            assertArrayEquals(Arrays.copyOfRange(labelsContent, 8, labelsContent.length), (byte[]) read);
        }
    }
}
