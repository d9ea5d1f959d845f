package aevb.run;

import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.io.Checkpoint;
import aevb.io.CheckpointException;
import aevb.io.CheckpointHeader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which data a run was trained on, recorded in its checkpoints: the data set's image shape and,
 * for every file read, its name and the SHA-256 of its content. A folder path says where the
 * data were, not what they were; the checksums let {@code --resume} and {@code evaluate} warn,
 * naming the file, when the data differ from the run's.
 *
 * <p>Header entries (under {@code extra.}, which checkpoints carry through unchanged):
 * {@code extra.data.height}, {@code extra.data.width}, {@code extra.data.files} = n, and for
 * i = 1..n {@code extra.data.file.i} (the file's name, without folder and without {@code .gz})
 * and {@code extra.data.sha256.i}.
 */
public final class DataRecord {
    private DataRecord() {}

    /** The header entries that record {@code data}. */
    public static Map<String, String> header(DataSplits data) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("extra.data.height", Integer.toString(data.train().height()));
        h.put("extra.data.width", Integer.toString(data.train().width()));
        int i = 0;
        for (Map.Entry<String, String> e : data.files().entrySet()) {
            i++;
            h.put("extra.data.file." + i, baseName(e.getKey()));
            h.put("extra.data.sha256." + i, e.getValue());
        }
        h.put("extra.data.files", Integer.toString(i));
        return h;
    }

    /**
     * One warning line per recorded file whose content is not among the data now read (empty
     * when the data are the same, or when the checkpoint predates the record).
     */
    public static List<String> differences(Checkpoint c, DataSplits data) {
        List<String> out = new ArrayList<>();
        int n;
        try {
            n = (int) new CheckpointHeader(c).integer("extra.data.files", 0, 1000);
        } catch (CheckpointException e) {
            return out; // written before checksums were recorded: nothing to compare
        }
        Map<String, String> now = new LinkedHashMap<>();
        data.files().forEach((file, sha) -> now.put(baseName(file), sha));
        Map<String, String> paths = new LinkedHashMap<>();
        data.files().keySet().forEach(file -> paths.put(baseName(file), file));
        for (int i = 1; i <= n; i++) {
            String name = c.get("extra.data.file." + i), sha = c.get("extra.data.sha256." + i);
            if (name == null || sha == null || now.containsValue(sha)) {
                continue;
            }
            out.add(now.containsKey(name)
                    ? "warning: " + paths.get(name) + " differs from the " + name + " that " + c.source()
                            + " was trained on (sha256 " + now.get(name) + ", the checkpoint records " + sha + ")"
                    : "warning: " + c.source() + " was trained on " + name + " (sha256 " + sha
                            + "), which is not among the data read now (" + String.join(", ", paths.values()) + ")");
        }
        return out;
    }

    /**
     * The image shape (height, width) of the run's data: recorded in the checkpoint, else that of
     * the data set's name (Frey Face 28x20), else 28x28 for D = 784, else the square of side
     * sqrt(D), else one row of D pixels.
     */
    public static int[] imageShape(Checkpoint c, RunConfig cfg) {
        int d = cfg.model().dataDim();
        try {
            CheckpointHeader h = new CheckpointHeader(c);
            int height = (int) h.integer("extra.data.height", 1, d);
            int width = (int) h.integer("extra.data.width", 1, d);
            if ((long) height * width == d) {
                return new int[] {height, width};
            }
        } catch (CheckpointException e) {
            // not recorded (an older checkpoint): infer below
        }
        if (cfg.dataset().equals("frey") && d == Datasets.FREY_HEIGHT * Datasets.FREY_WIDTH) {
            return new int[] {Datasets.FREY_HEIGHT, Datasets.FREY_WIDTH};
        }
        int side = (int) Math.round(Math.sqrt(d));
        return side * side == d ? new int[] {side, side} : new int[] {1, d};
    }

    /** "train-images-idx3-ubyte" for ".../mnist/train-images-idx3-ubyte.gz": names survive moves and gzip. */
    static String baseName(String file) {
        Path p = Path.of(file).getFileName();
        String s = p == null ? file : p.toString();
        return s.endsWith(".gz") ? s.substring(0, s.length() - 3) : s;
    }
}
