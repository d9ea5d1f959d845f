package aevb.viz;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/**
 * Writes figures as PNG files, atomically: the image goes to {@code name.tmp} in the same folder
 * and is then renamed over {@code name}, so a reader never sees half a file.
 *
 * <p>Loading this class switches AWT to headless mode (unless {@code java.awt.headless} was
 * already set): every figure class calls {@link #init()} in its static initialiser, before it
 * touches AWT, so figures render on servers and CI machines without a display.
 */
public final class Png {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        ImageIO.setUseCache(false); // encode in memory, not through a cache file in java.io.tmpdir
    }

    private Png() {}

    /** Does nothing but make sure the static initialiser above has run. */
    static void init() {}

    /**
     * Writes {@code image} to {@code file} as PNG, creating missing parent folders.
     *
     * @throws IOException naming the path when the folder cannot be created or written
     */
    public static void write(Path file, BufferedImage image) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the folder " + dir + " for the figure " + target
                    + ": " + e, e);
        }
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer in this JDK (javax.imageio)");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error is the one worth reporting
            }
            String why = e instanceof AccessDeniedException ? "permission denied" : e.toString();
            throw new IOException("cannot write the figure " + target + " (" + why
                    + "); check that the folder " + dir + " is writable", e);
        }
    }
}
