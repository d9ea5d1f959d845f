package aevb.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one entry point for data: a data set by name, its files found, fetched if allowed,
 * read, checked and split.
 *
 * <ul>
 *   <li>{@code sample}: the 10,000 MNIST training images embedded in {@code data/}: train =
 *       MNIST training images 0..8999, validation = 9000..9999 (see {@link SampleSet}).
 *   <li>{@code mnist}: train 60,000, test 10,000, intensities in [0, 1] (section 5 of the paper).
 *   <li>{@code frey}: Frey Face, 1965 images of 28x20; the last {@value #FREY_TEST_SIZE} images
 *       (1565..1964) are held out as the test set, the first 1565 are the training set. The
 *       paper does not state its split; ours is fixed here and used everywhere.
 *   <li>{@code binarized-mnist}: Larochelle's fixed binarisation, train 50,000, validation
 *       10,000, test 10,000 (not used by the paper; the common benchmark of later work).
 * </ul>
 */
public final class Datasets {
    /** Frey Face images are 28 rows of 20 pixels. */
    public static final int FREY_HEIGHT = 28;
    public static final int FREY_WIDTH = 20;
    /** Frey Face: the last 400 images are the test set (a contiguous block, since the images are video frames). */
    public static final int FREY_TEST_SIZE = 400;

    private Datasets() {
    }

    /**
     * Loads a data set.
     *
     * @param name          sample, mnist, frey or binarized-mnist
     * @param dataDir       the data folder ({@code --data-dir}), or null for the default
     *                      ({@link DataDirs#resolve}); ignored for the sample
     * @param allowDownload fetch missing files (verified) instead of failing
     * @param log           where progress and warnings go
     * @throws DataUnavailableException when files are missing and cannot be fetched
     * @throws DataFormatException      when a file is corrupt; the message names it and the fix
     */
    public static DataSplits load(String name, Path dataDir, boolean allowDownload, PrintStream log) throws IOException {
        String dataset = DataCatalog.canonical(name);
        if (dataset.equals("sample")) {
            return SampleSet.load(DataDirs.sampleDir());
        }
        Path dir = dataDir != null ? dataDir : DataDirs.resolve(null);
        List<Path> paths = locate(dataset, dir, allowDownload, log);
        String fix = "replace it with a good copy (delete it and run ./aevb download " + dataset + ")";
        Map<String, String> files = new LinkedHashMap<>();
        try {
            return switch (dataset) {
                case "mnist" -> mnist(paths, files, log);
                case "frey" -> frey(paths.get(0), files, log);
                case "binarized-mnist" -> binarized(paths, files, log);
                default -> throw new IllegalStateException(dataset);
            };
        } catch (DataFormatException e) {
            throw e.withFix(fix);
        }
    }

    /**
     * For a command's default data set: {@link #load} it if it can be had, else say why and use
     * the embedded sample, so that the main command still runs on a fresh machine with no
     * network. Only a missing data set falls back; a corrupt file is an error to fix, not to hide.
     */
    public static DataSplits loadOrSample(String name, Path dataDir, boolean allowDownload, PrintStream log)
            throws IOException {
        try {
            return load(name, dataDir, allowDownload, log);
        } catch (DataUnavailableException e) {
            if (DataCatalog.canonical(name).equals("sample")) {
                throw e;
            }
            log.println(e.getMessage());
            log.println("aevb: " + DataCatalog.canonical(name) + " is not available, so this run uses the embedded MNIST"
                    + " sample instead (" + SampleSet.TRAIN_SIZE + " training and " + SampleSet.VALID_SIZE
                    + " validation images); its numbers are not comparable with the paper's.");
            return load("sample", null, false, log);
        }
    }

    /** The paths of a data set's files, fetching the missing ones when allowed. */
    private static List<Path> locate(String dataset, Path dir, boolean allowDownload, PrintStream log) throws IOException {
        List<Path> paths = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (RemoteFile f : DataCatalog.files(dataset)) {
            Path p = DataDirs.find(dir, dataset, f);
            if (p == null && allowDownload) {
                try {
                    p = new Downloader(log).fetch(f, DataDirs.downloadDir(dir, dataset));
                } catch (DataUnavailableException e) {
                    throw new DataUnavailableException(e.getMessage() + "\n" + DataCatalog.manualInstructions(dataset, dir), e);
                }
            }
            if (p == null) {
                missing.add(f.name());
            }
            paths.add(p);
        }
        if (!missing.isEmpty()) {
            throw new DataUnavailableException(dataset + " is not in " + DataDirs.downloadDir(dir, dataset) + " nor in " + dir
                    + " (missing: " + String.join(", ", missing) + ").\nRun ./aevb download " + dataset + ", or:\n"
                    + DataCatalog.manualInstructions(dataset, dir));
        }
        return paths;
    }

    private static DataSplits mnist(List<Path> p, Map<String, String> files, PrintStream log) throws IOException {
        Dataset train = mnistPart("mnist/train", p.get(0), p.get(1), DataCatalog.MNIST_TRAIN_IMAGES,
                DataCatalog.MNIST_TRAIN_LABELS, files, log);
        Dataset test = mnistPart("mnist/test", p.get(2), p.get(3), DataCatalog.MNIST_TEST_IMAGES,
                DataCatalog.MNIST_TEST_LABELS, files, log);
        if (train.height() != test.height() || train.width() != test.width()) {
            throw new DataFormatException(p.get(2), "holds images of " + test.height() + "x" + test.width()
                    + " but the training images are " + train.height() + "x" + train.width());
        }
        return new DataSplits("mnist", train, null, test, files);
    }

    /** An MNIST-style pair of IDX files: images and labels 0..9, one each. */
    static Dataset mnistPart(String name, Path imagesFile, Path labelsFile, RemoteFile pinnedImages,
            RemoteFile pinnedLabels, Map<String, String> files, PrintStream log) throws IOException {
        Idx.Images images = Idx.readImages(imagesFile);
        Idx.Labels labels = Idx.readLabels(labelsFile);
        note(imagesFile, images.sha256(), pinnedImages, files, log);
        note(labelsFile, labels.sha256(), pinnedLabels, files, log);
        return labelled(name, images, labels, imagesFile, labelsFile);
    }

    /** Pairs images with labels, checking that they match and that labels are digits. */
    static Dataset labelled(String name, Idx.Images images, Idx.Labels labels, Path imagesFile, Path labelsFile)
            throws DataFormatException {
        if (images.count() == 0) {
            throw new DataFormatException(imagesFile, "holds no images");
        }
        if (labels.count() != images.count()) {
            throw new DataFormatException(labelsFile, "holds " + labels.count() + " labels but " + imagesFile
                    + " holds " + images.count() + " images; they must pair up one to one");
        }
        int[] y = new int[labels.count()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.labels()[i] & 0xff;
            if (y[i] > 9) {
                throw new DataFormatException(labelsFile, "label " + y[i] + " of image " + i + " is not a digit 0..9");
            }
        }
        return Dataset.fromBytes(name, images.count(), images.rows(), images.cols(), images.pixels(), 255, y);
    }

    private static DataSplits frey(Path file, Map<String, String> files, PrintStream log) throws IOException {
        MatV5.Uint8Matrix ff = MatV5.readUint8Matrix(file, "ff");
        note(file, ff.sha256(), DataCatalog.FREY_FACE, files, log);
        return freySplit(file, ff, files);
    }

    /** Frey Face from the matrix {@code ff}: column j is image j, 28 rows x 20 columns row-major. */
    static DataSplits freySplit(Path file, MatV5.Uint8Matrix ff, Map<String, String> files) throws DataFormatException {
        int d = FREY_HEIGHT * FREY_WIDTH;
        if (ff.rows() != d) {
            throw new DataFormatException(file, "variable 'ff' is " + ff.rows() + " x " + ff.cols() + ", expected " + d
                    + " rows (one 28x20 image per column)");
        }
        int n = ff.cols();
        if (n <= FREY_TEST_SIZE) {
            throw new DataFormatException(file, "holds " + n + " images, too few to hold out the last " + FREY_TEST_SIZE
                    + " (the original has 1965)");
        }
        // column-major storage puts column j, i.e. image j, in bytes [560 j, 560 j + 560): already image-major
        Dataset all = Dataset.fromBytes("frey", n, FREY_HEIGHT, FREY_WIDTH, ff.data(), 255, null);
        int split = n - FREY_TEST_SIZE;
        return new DataSplits("frey", all.slice("frey/train", 0, split), null, all.slice("frey/test", split, n), files);
    }

    private static DataSplits binarized(List<Path> p, Map<String, String> files, PrintStream log) throws IOException {
        RemoteFile[] pinned = {DataCatalog.BINARIZED_TRAIN, DataCatalog.BINARIZED_VALID, DataCatalog.BINARIZED_TEST};
        String[] names = {"binarized-mnist/train", "binarized-mnist/validation", "binarized-mnist/test"};
        Dataset[] parts = new Dataset[3];
        for (int i = 0; i < 3; i++) {
            Amat.Images a = Amat.read(p.get(i), 28 * 28);
            note(p.get(i), a.sha256(), pinned[i], files, log);
            parts[i] = Dataset.fromBytes(names[i], a.count(), 28, 28, a.pixels(), 1, null);
        }
        return new DataSplits("binarized-mnist", parts[0], parts[1], parts[2], files);
    }

    /**
     * Records a file's checksum and warns when it is a valid file but not the pinned one (a user's
     * own copy, say Fashion-MNIST in the same format): that is allowed, but never silent.
     */
    private static void note(Path file, String sha256, RemoteFile pinned, Map<String, String> files, PrintStream log) {
        files.put(file.toString(), sha256);
        if (!sha256.equals(pinned.sha256())) {
            log.println("warning: " + file + " is a valid file but not the pinned " + pinned.name() + " (sha256 "
                    + sha256 + ", expected " + pinned.sha256() + "); using it anyway");
        }
    }
}
