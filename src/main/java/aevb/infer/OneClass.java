package aevb.infer;

import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * The one-class protocol of anomaly detection on MNIST: train on every digit but the held-out
 * ones ({@code aevb train --exclude-digits D}), then score the whole test set; the held-out
 * digit's images are the anomalies, and the AUC of a score says how well it finds them. The
 * digits a run left out are written beside its checkpoint ({@link #FILE}), so that
 * {@code aevb score} and a resumed run know them.
 */
public final class OneClass {
    public static final String FILE = "excluded-digits.txt";

    private OneClass() {}

    /** "3" or "3,8" -> {3} or {3, 8}; each a digit 0-9, none twice; null if the text is not that. */
    public static int[] parseDigits(String text) {
        TreeSet<Integer> digits = new TreeSet<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            if (p.length() != 1 || !Character.isDigit(p.charAt(0)) || !digits.add(p.charAt(0) - '0')) {
                return null;
            }
        }
        return digits.size() == 10 ? null : digits.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The splits with the given digits removed from the training set only (validation and test keep them). */
    public static DataSplits excludeFromTraining(DataSplits data, int[] digits) {
        Dataset train = data.train();
        if (!train.hasLabels()) {
            throw new IllegalArgumentException("--exclude-digits needs labelled data (mnist or sample), not " + data.name());
        }
        return new DataSplits(data.name(), without(train, digits), data.validation(), data.test(), data.files());
    }

    /** The images of d whose label is not in digits (copied). */
    public static Dataset without(Dataset d, int[] digits) {
        return select(d, digits, false);
    }

    /** The images of d whose label is in digits (copied). */
    public static Dataset only(Dataset d, int[] digits) {
        return select(d, digits, true);
    }

    private static Dataset select(Dataset d, int[] digits, boolean keepListed) {
        int dim = d.dim(), n = 0;
        float[] x = new float[d.size() * dim];
        int[] labels = new int[d.size()];
        float[] all = d.images();
        for (int i = 0; i < d.size(); i++) {
            int label = d.label(i);
            boolean listed = Arrays.stream(digits).anyMatch(v -> v == label);
            if (listed == keepListed) {
                System.arraycopy(all, i * dim, x, n * dim, dim);
                labels[n++] = d.label(i);
            }
        }
        return new Dataset(d.name(), n, d.height(), d.width(), Arrays.copyOf(x, n * dim), Arrays.copyOf(labels, n));
    }

    public static void write(Path runDir, int[] digits) throws IOException {
        AtomicFiles.write(runDir.resolve(FILE), (text(digits) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The digits a run left out of training, or an empty array when it left none out. */
    public static int[] read(Path runDir) throws IOException {
        Path f = runDir.resolve(FILE);
        if (!Files.exists(f)) {
            return new int[0];
        }
        int[] d = parseDigits(Files.readString(f, StandardCharsets.UTF_8).strip());
        if (d == null) {
            throw new IOException(f + ": expected digits such as 3 or 3,8; rewrite or delete the file");
        }
        return d;
    }

    public static String text(int[] digits) {
        return String.join(",", Arrays.stream(digits).mapToObj(Integer::toString).toArray(String[]::new));
    }
}
