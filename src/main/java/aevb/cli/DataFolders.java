package aevb.cli;

import aevb.data.DataCatalog;
import aevb.data.DataDirs;
import aevb.data.RemoteFile;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --data-dir} without {@code --dataset}: the data set is the one whose files are in the
 * folder. Training on the embedded sample while ignoring a folder the user named would be a
 * silent surprise, so when no (or more than one) data set is there the command refuses.
 */
final class DataFolders {
    private DataFolders() {}

    /** The one downloadable data set whose files are all in {@code dir} (or its per-data-set subfolders). */
    static String infer(Path dir, PrintStream out) throws UsageException {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("aevb train: --data-dir " + dir + (Files.exists(dir) ? " is a file, not a folder"
                    : " does not exist") + " (give the folder that holds the data files, and --dataset)");
        }
        List<String> complete = new ArrayList<>();
        for (String d : DataCatalog.DOWNLOADABLE) {
            boolean all = true;
            for (RemoteFile f : DataCatalog.files(d)) {
                all &= DataDirs.find(dir, d, f) != null;
            }
            if (all) {
                complete.add(d);
            }
        }
        if (complete.size() == 1) {
            out.println("data set: " + complete.get(0) + " (its files are in " + dir + ")");
            return complete.get(0);
        }
        throw new UsageException("aevb train: --data-dir " + dir + (complete.isEmpty()
                ? " holds the files of no data set aevb knows"
                : " holds the files of several data sets (" + String.join(", ", complete) + ")")
                + "; add --dataset " + String.join("|", DataCatalog.DOWNLOADABLE));
    }
}
