package aevb.cli;

import aevb.io.Checkpoint;
import aevb.io.Weights;
import aevb.run.ModelFiles;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code aevb export}: a trained model's weights for NumPy and PyTorch ({@code .npz},
 * {@code .safetensors}), or as a small aevb model file without the optimiser's state.
 */
public final class ExportCommand implements Command {

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "write a model's weights as .npz (NumPy) or .safetensors (PyTorch), or a weights-only .aevb";
    }

    @Override
    public List<Flag> flags() {
        return List.of(Checkpoints.FLAG,
                Flag.choice("format", null, "the file format (default: from the suffix of --out)",
                        "npz", "safetensors", "aevb"),
                Flag.text("out", "FILE", null, "the file to write; it must not exist yet (required)"));
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        Path file = a.path("out");
        if (file == null) {
            throw new UsageException("aevb export: --out FILE is required (e.g. --out model.npz)");
        }
        String format = a.get("format");
        if (format == null) {
            String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
            format = n.endsWith(".npz") ? "npz" : n.endsWith(".safetensors") ? "safetensors"
                    : n.endsWith(".aevb") ? "aevb" : null;
            if (format == null) {
                throw new UsageException("aevb export: --out " + file + " has no .npz, .safetensors or .aevb suffix; "
                        + "give --format npz|safetensors|aevb");
            }
        }
        if (Files.exists(file)) {
            throw new UsageException("aevb export: --out " + file + " exists; aevb does not overwrite files "
                    + "(delete it or choose another name)");
        }
        Checkpoint c = Checkpoints.load(a, name());
        switch (format) {
            case "npz" -> ModelFiles.weights(c).save(file, Weights.Format.NPZ);
            case "safetensors" -> ModelFiles.weights(c).save(file, Weights.Format.SAFETENSORS);
            default -> ModelFiles.saveModelOnly(c, file);
        }
        Weights w = ModelFiles.weights(c);
        long values = w.arrays().values().stream().mapToLong(t -> t.size()).sum();
        out.printf(Locale.ROOT, "wrote %s (%s, %d arrays, %,d float32 parameters, %,d bytes)%n", file, format,
                w.arrays().size(), values, Files.size(file));
        if (!format.equals("aevb")) {
            out.println("  names and shapes as aevb stores them: W is (out, in), b is (1, out); "
                    + "the configuration is in the metadata");
        }
        return 0;
    }
}
