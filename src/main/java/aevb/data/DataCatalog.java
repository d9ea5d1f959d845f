package aevb.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The data sets aevb can download, each a list of pinned files ({@link RemoteFile}).
 *
 * <p>Checksums are of the uncompressed content and were verified on copies of the files (see
 * {@code data/README.md}). Mirrors are tried in order; the first is the one most likely to be up.
 * The MNIST files are the same bytes on every mirror (LeCun's originals); Frey Face has Roweis'
 * page and a copy in a public repository pinned to a commit; binarized MNIST has Larochelle's
 * page only.
 */
public final class DataCatalog {
    /** The data sets {@code ./aevb download} can fetch ("sample" is embedded in {@code data/} instead). */
    public static final List<String> DOWNLOADABLE = List.of("mnist", "frey", "binarized-mnist");
    /** Every data set name {@link Datasets#load} accepts. */
    public static final List<String> NAMES = List.of("sample", "mnist", "frey", "binarized-mnist");

    private static final String[] MNIST_MIRRORS = {
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "https://storage.googleapis.com/cvdf-datasets/mnist/",
        "http://yann.lecun.com/exdb/mnist/",
    };
    private static final String LAROCHELLE = "http://www.cs.toronto.edu/~larocheh/public/datasets/binarized_mnist/";

    public static final RemoteFile MNIST_TRAIN_IMAGES = mnist("train-images-idx3-ubyte", 47_040_016,
            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db");
    public static final RemoteFile MNIST_TRAIN_LABELS = mnist("train-labels-idx1-ubyte", 60_008,
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5");
    public static final RemoteFile MNIST_TEST_IMAGES = mnist("t10k-images-idx3-ubyte", 7_840_016,
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7");
    public static final RemoteFile MNIST_TEST_LABELS = mnist("t10k-labels-idx1-ubyte", 10_008,
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    public static final RemoteFile FREY_FACE = RemoteFile.of("frey_rawface.mat", 1_100_584,
            "265a83a23adb081755cd3de375509828e690324d1d60f076b8ecebc840d59c64",
            "https://cs.nyu.edu/~roweis/data/frey_rawface.mat",
            "https://raw.githubusercontent.com/vilhess/projet_meth_ia/417f18d3bba5d716291a891c22e8f57da426a819/dataset/frey_rawface.mat");

    public static final RemoteFile BINARIZED_TRAIN = RemoteFile.of("binarized_mnist_train.amat", 78_400_000,
            "ad693b29f94c14277b095f5238ddefbbdaaae0939789dd2f4f0205278cee3e4d", LAROCHELLE + "binarized_mnist_train.amat");
    public static final RemoteFile BINARIZED_VALID = RemoteFile.of("binarized_mnist_valid.amat", 15_680_000,
            "1de3d397c40fe8eeb33dafd4099a1f665ec01e96d9be234aaeeac8a34930e2e2", LAROCHELLE + "binarized_mnist_valid.amat");
    public static final RemoteFile BINARIZED_TEST = RemoteFile.of("binarized_mnist_test.amat", 15_680_000,
            "e6687bfea3f820c174f33b7865140b2a2dd2930ef786f35d45795fc193b5ab2c", LAROCHELLE + "binarized_mnist_test.amat");

    private DataCatalog() {
    }

    private static RemoteFile mnist(String name, long bytes, String sha256) {
        String[] urls = new String[MNIST_MIRRORS.length];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = MNIST_MIRRORS[i] + name + ".gz";
        }
        return RemoteFile.of(name, bytes, sha256, urls);
    }

    /** The pinned files of a downloadable data set. */
    public static List<RemoteFile> files(String dataset) {
        return switch (canonical(dataset)) {
            case "mnist" -> List.of(MNIST_TRAIN_IMAGES, MNIST_TRAIN_LABELS, MNIST_TEST_IMAGES, MNIST_TEST_LABELS);
            case "frey" -> List.of(FREY_FACE);
            case "binarized-mnist" -> List.of(BINARIZED_TRAIN, BINARIZED_VALID, BINARIZED_TEST);
            case "sample" -> throw new IllegalArgumentException("the sample data set is embedded in data/ and is"
                    + " never downloaded");
            default -> throw unknown(dataset);
        };
    }

    /** Accepts a few spellings ("MNIST", "freyface", "binarized_mnist") and returns the canonical name. */
    public static String canonical(String dataset) {
        String d = dataset == null ? "" : dataset.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (d) {
            case "sample", "mnist-sample" -> "sample";
            case "mnist" -> "mnist";
            case "frey", "freyface", "frey-face", "frey-faces" -> "frey";
            case "binarized-mnist", "binarised-mnist", "bmnist" -> "binarized-mnist";
            default -> throw unknown(dataset);
        };
    }

    private static IllegalArgumentException unknown(String dataset) {
        return new IllegalArgumentException("unknown data set '" + dataset + "': use one of " + String.join(", ", NAMES));
    }

    /**
     * What to do by hand when downloads fail: which files to fetch from where, where to put
     * them, and how to point aevb at another folder.
     */
    public static String manualInstructions(String dataset, Path dir) {
        String name = canonical(dataset);
        StringBuilder sb = new StringBuilder();
        sb.append("To install ").append(name).append(" by hand, fetch these files on a machine with internet access")
                .append(" (gzip-compressed or not, either works):\n");
        for (RemoteFile f : files(name)) {
            sb.append("  ").append(f.name()).append("  (").append(DataFiles.bytes(f.bytes()))
                    .append(" uncompressed, sha256 ").append(f.sha256()).append(")\n");
            for (URI u : f.mirrors()) {
                sb.append("      ").append(u).append('\n');
            }
        }
        sb.append("and put them in ").append(dir.resolve(name)).append(" (or in any folder DIR, then add --data-dir DIR;")
                .append(" the environment variable AEVB_DATA sets the default folder).\n");
        sb.append("Without them, aevb still trains offline on the embedded 10,000-image MNIST sample (data set 'sample').");
        return sb.toString();
    }
}
