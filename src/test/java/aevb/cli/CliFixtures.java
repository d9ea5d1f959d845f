package aevb.cli;

import aevb.data.Idx;
import aevb.io.Checkpoint;
import aevb.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Generated data folders, tiny runs and folder fingerprints for the command-line safety tests. */
final class CliFixtures {
    private CliFixtures() {}

    record Result(int code, String out, String err) {
        /** The stderr lines that are not warnings. */
        List<String> errors() {
            return err.lines().filter(l -> !l.isBlank() && !l.startsWith("warning:")).toList();
        }
    }

    static Result run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** An MNIST-format data folder (the four IDX files, gzip) of n training and m test images of 28x28. */
    static Path mnistFolder(Path dir, int n, int m, long seed) throws IOException {
        return mnistFolder(dir, n, m, seed, 28, 28);
    }

    /** The same with images of height x width pixels. */
    static Path mnistFolder(Path dir, int n, int m, long seed, int height, int width) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        write(dir, "train", n, rnd, height, width);
        write(dir, "t10k", m, rnd, height, width);
        return dir;
    }

    private static void write(Path dir, String prefix, int n, SplittableRandom rnd, int height, int width)
            throws IOException {
        int d = height * width;
        byte[] px = new byte[n * d];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) rnd.nextInt(10);
            for (int j = 0; j < d; j++) {
                // a blob per label: enough structure for a VAE to learn a little
                px[i * d + j] = (byte) (((j / width + j % width + labels[i] * 3) % 10 < 4) ? rnd.nextInt(150, 256) : 0);
            }
        }
        Idx.writeImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"), n, height, width, px);
        Idx.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels);
    }

    /** The flags of a training run that takes a second or two on generated data. */
    static List<String> tinyRun(Path data) {
        return List.of("--dataset", "mnist", "--data-dir", data.toString(), "--hidden", "8", "--latent", "2",
                "--batch", "10", "--epochs", "1", "--eval-points", "20", "--threads", "1", "--no-figures");
    }

    /**
     * Every file and link under root, with the SHA-256 of its bytes (of its target's name for a link).
     * A run folder's lock file counts by presence only: taking the lock writes the taker's pid into it.
     */
    static Map<String, String> fingerprint(Path root) {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String key = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    m.put(key, "link -> " + Files.readSymbolicLink(p));
                } else if (p.getFileName().toString().equals(aevb.run.RunFolder.LOCK)) {
                    m.put(key, "aevb's lock file (it holds the pid of its last holder)");
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    m.put(key, sha256(Files.readAllBytes(p)));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    m.put(key + "/", "folder");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of a checkpoint with some header entries replaced (and a valid CRC): crafted, not damaged. */
    static void craft(Path from, Path to, Map<String, String> changes) throws IOException {
        Checkpoint c = Checkpoint.load(from);
        Checkpoint out = new Checkpoint();
        c.header().forEach((k, v) -> out.put(k, changes.getOrDefault(k, v)));
        changes.forEach((k, v) -> {
            if (c.get(k) == null) {
                out.put(k, v);
            }
        });
        for (Map.Entry<String, Tensor> e : c.arrays().entrySet()) {
            out.putArray(e.getKey(), e.getValue());
        }
        Files.createDirectories(to.toAbsolutePath().getParent());
        out.save(to);
    }

    /** The java command that runs aevb's Main in a child JVM with this test's class path. */
    static List<String> childJava(String... jvmFlags) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector"));
        cmd.addAll(List.of(jvmFlags));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        return cmd;
    }
}
