package aevb.cli;

import aevb.data.DataCatalog;
import aevb.data.DataDirs;
import aevb.data.Downloader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code aevb download mnist|frey|binarized-mnist}: fetch a data set, verified against pinned SHA-256. */
public final class DownloadCommand implements Command {

    @Override
    public String name() {
        return "download";
    }

    @Override
    public String summary() {
        return "fetch MNIST, Frey Face or binarized MNIST, checked against pinned SHA-256";
    }

    @Override
    public String positionalUsage() {
        return String.join("|", DataCatalog.DOWNLOADABLE);
    }

    @Override
    public int maxPositional() {
        return 1;
    }

    @Override
    public List<Flag> flags() {
        return List.of(Flag.text("data-dir", "DIR", null, "where to put the files (default: $AEVB_DATA or ~/.cache/aevb)"));
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        if (a.positional().size() != 1 || !DataCatalog.DOWNLOADABLE.contains(a.positional().get(0))) {
            throw new UsageException("aevb download: name one data set: " + String.join(", ", DataCatalog.DOWNLOADABLE)
                    + (a.positional().isEmpty() ? "" : " (got '" + a.positional().get(0) + "')"));
        }
        String dataset = a.positional().get(0);
        Path dir = DataDirs.resolve(a.get("data-dir"));
        aevb.io.OutputPaths.requireWritablePlace(dir, "--data-dir");
        List<Path> files = new Downloader(err).fetchAll(dataset, dir);
        for (Path p : files) {
            out.println("ok  " + p);
        }
        return 0;
    }
}
