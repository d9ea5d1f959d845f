package aevb.io;

import aevb.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's weights for other tools: named float32 arrays and a string map of metadata (the run's
 * configuration), in one of two formats that NumPy and PyTorch read without aevb:
 * {@link Npz} (a zip of {@code .npy} files) and {@link Safetensors}. Both are written by the JDK
 * alone and keep every float's bits, so a round trip is exact.
 *
 * @param arrays   the parameters, by name, in the order they were written
 * @param metadata text entries (the configuration the arrays belong to)
 */
public record Weights(Map<String, Tensor> arrays, Map<String, String> metadata) {
    /** Arrays larger than this are refused (they are read whole, like a checkpoint). */
    static final long MAX_BYTES = Integer.MAX_VALUE - 64;

    public Weights {
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The two formats, by the name {@code --format} takes and the file suffix they go with. */
    public enum Format {
        NPZ("npz", ".npz"), SAFETENSORS("safetensors", ".safetensors");

        public final String flag;
        public final String suffix;

        Format(String flag, String suffix) {
            this.flag = flag;
            this.suffix = suffix;
        }
    }

    /** Writes the weights to {@code file} atomically, in {@code format}. */
    public void save(Path file, Format format) throws IOException {
        byte[] bytes = switch (format) {
            case NPZ -> Npz.encode(this);
            case SAFETENSORS -> Safetensors.encode(this);
        };
        AtomicFiles.write(file, bytes);
    }

    /** Reads an {@code .npz} or {@code .safetensors} file, told apart by its first bytes. */
    public static Weights load(Path file) throws IOException {
        String name = String.valueOf(file);
        if (!Files.exists(file)) {
            throw new NoSuchFileException(name, null, "weights file not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(name, "is not a regular file");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(9);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Npz.read(file);
        }
        if (head.length == 9 && head[8] == '{') {
            return Safetensors.read(file);
        }
        throw new CheckpointException(name, "is neither an .npz (a zip file) nor a .safetensors file "
                + "(an 8-byte length, then a JSON header)");
    }
}
