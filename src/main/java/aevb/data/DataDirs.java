package aevb.data;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where data files live.
 *
 * <p>The data folder is resolved the way other tools resolve their caches: the
 * {@code --data-dir} flag, else the environment variable {@code AEVB_DATA}, else
 * {@code $XDG_CACHE_HOME/aevb}, else {@code ~/.cache/aevb}. Downloads go to
 * {@code <folder>/<data set>/}; files are also found directly in the folder, so
 * {@code --data-dir ~/Downloads/mnist} works for a folder a user filled by hand.
 *
 * <p>The embedded sample is not in the cache but in the project's own {@code data/} folder,
 * found from the system property {@code aevb.home}, the jar's location
 * ({@code target/aevb.jar} lies next to {@code data/}), or the working folder and its parents.
 */
public final class DataDirs {
    /** The environment variable that sets the default data folder. */
    public static final String ENV = "AEVB_DATA";
    /** The system property naming the aevb folder (the one holding {@code data/}). */
    public static final String HOME_PROPERTY = "aevb.home";
    /** The sample's folder inside the project. */
    public static final String SAMPLE_FOLDER = "data/mnist-sample";

    private DataDirs() {
    }

    /** The data folder: {@code flag} if given, else from the environment and the user's home. */
    public static Path resolve(String flag) {
        return resolve(flag, System.getenv(), System.getProperty("user.home"));
    }

    /** {@link #resolve(String)} with the environment passed in, for tests. */
    public static Path resolve(String flag, Map<String, String> env, String userHome) {
        if (flag != null && !flag.isBlank()) {
            return Path.of(expandHome(flag.trim(), userHome));
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(expandHome(fromEnv.trim(), userHome));
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "aevb");
        }
        return Path.of(userHome == null ? "." : userHome, ".cache", "aevb");
    }

    private static String expandHome(String p, String userHome) {
        if (userHome != null && (p.equals("~") || p.startsWith("~/"))) {
            return userHome + p.substring(1);
        }
        return p;
    }

    /** The folder downloads of {@code dataset} go to. */
    public static Path downloadDir(Path dataDir, String dataset) {
        return dataDir.resolve(DataCatalog.canonical(dataset));
    }

    /**
     * The file holding {@code f} under {@code dataDir}, or null: looks in the data set's
     * subfolder (also spelt with '_'), then in the folder itself, for the plain name and then the
     * name with {@code .gz}.
     */
    public static Path find(Path dataDir, String dataset, RemoteFile f) {
        Path sub = downloadDir(dataDir, dataset);
        // "binarized_mnist" is how other tools spell the folder; accept it as well
        Path underscored = dataDir.resolve(sub.getFileName().toString().replace('-', '_'));
        for (Path dir : List.of(sub, underscored, dataDir)) {
            for (String name : List.of(f.name(), f.name() + ".gz")) {
                Path p = dir.resolve(name);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        // A folder, a dangling link or a link loop under the file's name is not a missing file: return it, so
        // that reading it says what it is, rather than starting a download beside it.
        for (Path dir : List.of(sub, underscored, dataDir)) {
            for (String name : List.of(f.name(), f.name() + ".gz")) {
                Path p = dir.resolve(name);
                if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * The embedded sample's folder ({@code data/mnist-sample}), or a {@link DataUnavailableException}
     * that lists where it looked.
     */
    public static Path sampleDir() throws DataUnavailableException {
        List<Path> tried = new ArrayList<>();
        for (Path home : homeCandidates()) {
            Path p = home.resolve(SAMPLE_FOLDER).normalize();
            if (!tried.contains(p)) {
                tried.add(p);
            }
            if (Files.isRegularFile(p.resolve(SampleSet.TRAIN_IMAGES))) {
                return p;
            }
        }
        StringBuilder sb = new StringBuilder("the embedded MNIST sample (" + SAMPLE_FOLDER + ") was not found; looked in:");
        for (Path p : tried) {
            sb.append("\n  ").append(p.toAbsolutePath());
        }
        sb.append("\nrun aevb from its own folder (./aevb ...), or pass -D" + HOME_PROPERTY + "=<the aevb folder>");
        throw new DataUnavailableException(sb.toString());
    }

    /**
     * The folders that may be the aevb folder, most likely first: {@code -Daevb.home}, the folders
     * above the jar (or classes folder) aevb was loaded from, then the working folder and its
     * parents. The tutorials are found the same way as the sample.
     */
    public static List<Path> homeCandidates() {
        List<Path> homes = new ArrayList<>();
        String prop = System.getProperty(HOME_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            homes.add(Path.of(prop));
        }
        try {
            var src = DataDirs.class.getProtectionDomain().getCodeSource();
            if (src != null) {
                // target/aevb.jar or target/classes: the project folder is two levels up
                Path code = Path.of(src.getLocation().toURI()).toAbsolutePath();
                for (Path p = code.getParent(); p != null && homes.size() < 6; p = p.getParent()) {
                    homes.add(p);
                }
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // an unusual class loader: fall back to the working folder
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            homes.add(p);
            if (homes.size() > 16) {
                break;
            }
        }
        return homes;
    }
}
