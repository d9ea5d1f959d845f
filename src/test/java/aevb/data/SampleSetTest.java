package aevb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded sample: counts, shapes, labels and checksums as data/README.md states them. */
class SampleSetTest {
    private static DataSplits sample;
    private static Path sampleDir;

    @BeforeAll
    static void load() throws IOException {
        sampleDir = DataDirs.sampleDir();
        sample = Datasets.load("sample", null, false, new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void countsShapesAndSplit() {
        assertEquals(9000, sample.train().size());
        assertEquals(1000, sample.validation().size());
        assertNull(sample.test());
        assertEquals(sample.validation(), sample.heldOut());
        assertEquals(28, sample.train().height());
        assertEquals(28, sample.train().width());
        assertEquals(784, sample.validation().dim());
        assertEquals("sample: train 9000, validation 1000 images of 28x28", sample.summary());
    }

    @Test
    void labelsAreMnistsFirstTenThousandInOrder() {
        // MNIST training images 0..4 are the digits 5, 0, 4, 1, 9
        assertArrayEquals(new int[] {5, 0, 4, 1, 9}, Arrays.copyOf(sample.train().labels(), 5));
        int[] perDigit = new int[10];
        for (int y : sample.train().labels()) {
            perDigit[y]++;
        }
        for (int y : sample.validation().labels()) {
            perDigit[y]++;
        }
        assertArrayEquals(BuildSample.PER_DIGIT, perDigit); // the npm package's digit counts
    }

    @Test
    void pixelsAreIntensities() {
        float min = 1;
        float max = 0;
        for (float v : sample.train().images()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    @Test
    void checksumsAreTheOnesDataReadmeStates() throws IOException {
        String readme = Files.readString(sampleDir.getParent().resolve("README.md"), StandardCharsets.UTF_8);
        String[][] pinned = {
            {SampleSet.TRAIN_IMAGES, SampleSet.TRAIN_IMAGES_SHA256},
            {SampleSet.TRAIN_LABELS, SampleSet.TRAIN_LABELS_SHA256},
            {SampleSet.VALID_IMAGES, SampleSet.VALID_IMAGES_SHA256},
            {SampleSet.VALID_LABELS, SampleSet.VALID_LABELS_SHA256},
        };
        for (String[] p : pinned) {
            assertEquals(p[1], DataFiles.contentSha256(sampleDir.resolve(p[0])), p[0]);
            assertTrue(readme.contains(p[1]), "data/README.md lacks the checksum of " + p[0]);
            assertEquals(p[1], sample.files().get(sampleDir.resolve(p[0]).toString()));
        }
    }

    @Test
    void aChangedSampleFileIsRefusedWithTheFix(@TempDir Path dir) throws IOException {
        for (String f : new String[] {SampleSet.TRAIN_IMAGES, SampleSet.TRAIN_LABELS, SampleSet.VALID_IMAGES,
            SampleSet.VALID_LABELS}) {
            Files.copy(sampleDir.resolve(f), dir.resolve(f));
        }
        byte[] labels = TestFiles.idxLabels(new byte[1000]);
        TestFiles.write(dir.resolve(SampleSet.VALID_LABELS), TestFiles.gzip(labels));
        DataFormatException e = assertThrows(DataFormatException.class, () -> SampleSet.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve(SampleSet.VALID_LABELS) + ": is a valid file but not the"
                + " embedded sample"), e.getMessage());
        assertTrue(e.getMessage().endsWith("restore it with 'git checkout -- data/' or rebuild it as data/README.md says"));
    }

    @Test
    void parsesTheNpmPackagesJson() throws DataFormatException {
        String json = "{ \"data\": [" + "0,".repeat(780) + "0.2,0.624,1,0.004]}";
        byte[] b = BuildSample.parseDigits("x.json", json.getBytes(StandardCharsets.US_ASCII));
        assertEquals(784, b.length);
        assertArrayEquals(new byte[] {51, (byte) 159, (byte) 255, 1}, Arrays.copyOfRange(b, 780, 784));
        assertThrows(DataFormatException.class,
                () -> BuildSample.parseDigits("x.json", "{\"data\":[0.5]}".getBytes(StandardCharsets.US_ASCII)));
    }
}
