package aevb.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding, reading and splitting data sets from a data folder (files generated here). */
class DatasetsTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private void mnistLike(Path folder, boolean gzip, int train, int test) {
        String gz = gzip ? ".gz" : "";
        byte[] trainLabels = new byte[train];
        for (int i = 0; i < train; i++) {
            trainLabels[i] = (byte) (i % 10);
        }
        put(folder.resolve("train-images-idx3-ubyte" + gz), TestFiles.idxImages(train, 28, 28, TestFiles.bytes(train * 784, 1)), gzip);
        put(folder.resolve("train-labels-idx1-ubyte" + gz), TestFiles.idxLabels(trainLabels), gzip);
        put(folder.resolve("t10k-images-idx3-ubyte" + gz), TestFiles.idxImages(test, 28, 28, TestFiles.bytes(test * 784, 2)), gzip);
        put(folder.resolve("t10k-labels-idx1-ubyte" + gz), TestFiles.idxLabels(new byte[test]), gzip);
    }

    private static void put(Path f, byte[] content, boolean gzip) {
        TestFiles.write(f, gzip ? TestFiles.gzip(content) : content);
    }

    @Test
    void mnistIsFoundInTheDataSetsSubfolderOrDirectlyGzipOrNot() throws IOException {
        mnistLike(dir.resolve("mnist"), true, 30, 20);
        DataSplits s = Datasets.load("mnist", dir, false, log);
        assertEquals("mnist: train 30, test 20 images of 28x28", s.summary());
        assertNull(s.validation());
        assertEquals(7, s.train().label(17));
        assertEquals(4, s.files().size());

        Path flat = dir.resolve("flat");
        mnistLike(flat, false, 12, 5);
        assertEquals(12, Datasets.load("MNIST", flat, false, log).train().size());
        // generated files are valid but not the pinned ones: allowed, but the log says so
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("is a valid file but not the pinned train-images-idx3-ubyte"));
    }

    @Test
    void missingFilesWithoutDownloadsSayWhatToDo() {
        DataUnavailableException e = assertThrows(DataUnavailableException.class,
                () -> Datasets.load("mnist", dir, false, log));
        String m = e.getMessage();
        assertTrue(m.startsWith("mnist is not in " + dir.resolve("mnist") + " nor in " + dir + " (missing: train-images-idx3-ubyte,"
                + " train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte)."), m);
        assertTrue(m.contains("Run ./aevb download mnist"), m);
        assertTrue(m.contains("--data-dir DIR"), m);
    }

    @Test
    void theDefaultFallsBackToTheSampleWhenTheDataSetIsMissingButNotWhenItIsCorrupt() throws IOException {
        DataSplits s = Datasets.loadOrSample("mnist", dir, false, log);
        assertEquals("sample", s.name());
        String logged = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("mnist is not in "), logged);
        assertTrue(logged.contains("this run uses the embedded MNIST sample instead"), logged);

        TestFiles.write(dir.resolve("frey/frey_rawface.mat"), new byte[10]);
        assertThrows(DataFormatException.class, () -> Datasets.loadOrSample("frey", dir, false, log));
    }

    @Test
    void mismatchedLabelsAndBadDigitsAreNamed() {
        mnistLike(dir.resolve("mnist"), false, 30, 20);
        put(dir.resolve("mnist/t10k-labels-idx1-ubyte"), TestFiles.idxLabels(new byte[19]), false);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.load("mnist", dir, false, log));
        assertEquals(dir.resolve("mnist/t10k-labels-idx1-ubyte") + ": holds 19 labels but "
                + dir.resolve("mnist/t10k-images-idx3-ubyte") + " holds 20 images; they must pair up one to one;"
                + " replace it with a good copy (delete it and run ./aevb download mnist)", e.getMessage());
        byte[] labels = new byte[20];
        labels[3] = 10;
        put(dir.resolve("mnist/t10k-labels-idx1-ubyte"), TestFiles.idxLabels(labels), false);
        e = assertThrows(DataFormatException.class, () -> Datasets.load("mnist", dir, false, log));
        assertTrue(e.getMessage().contains("label 10 of image 3 is not a digit 0..9"), e.getMessage());
    }

    @Test
    void binarizedMnistHasThreeSplits() throws IOException {
        byte[] bits = new byte[3 * 784];
        bits[5] = 1;
        for (String part : new String[] {"train", "valid", "test"}) {
            TestFiles.write(dir.resolve("binarized-mnist/binarized_mnist_" + part + ".amat"), TestFiles.amat(bits, 784));
        }
        DataSplits s = Datasets.load("binarized_mnist", dir, false, log);
        assertEquals("binarized-mnist: train 3, validation 3, test 3 images of 28x28", s.summary());
        assertEquals(1f, s.train().images()[5]);
        assertEquals(s.test(), s.heldOut());
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.load("cifar", dir, false, log));
        assertEquals("unknown data set 'cifar': use one of sample, mnist, frey, binarized-mnist", e.getMessage());
    }

    @Test
    void theDataFolderComesFromTheFlagThenTheEnvironmentThenTheHome() {
        Map<String, String> env = Map.of("AEVB_DATA", "/env/data", "XDG_CACHE_HOME", "/xdg");
        assertEquals(Path.of("/flag"), DataDirs.resolve("/flag", env, "/home/u"));
        assertEquals(Path.of("/home/u/d"), DataDirs.resolve("~/d", env, "/home/u"));
        assertEquals(Path.of("/env/data"), DataDirs.resolve(null, env, "/home/u"));
        assertEquals(Path.of("/xdg/aevb"), DataDirs.resolve(null, Map.of("XDG_CACHE_HOME", "/xdg"), "/home/u"));
        assertEquals(Path.of("/home/u/.cache/aevb"), DataDirs.resolve(" ", Map.of(), "/home/u"));
    }
}
