package aevb.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writing a file so that a crash, a full disk or Ctrl-C never leaves a half-written file under
 * the real name: write a temporary file in the same folder, force it to disk, then rename it over
 * the target in one step. Readers see the old file or the new one, never a mix.
 *
 * <p>The temporary file lives in the target's folder because a rename is only atomic within one
 * file system. Where the file system cannot rename atomically we fall back to a plain replacing
 * move, which is still far better than writing in place.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** What fills the file; it may wrap (and close) the stream it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically with what {@code content} writes. */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw named(target, e);
        }
        // not Files.createTempFile: that makes the file owner-only (0600), and it keeps those rights after the rename
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong() >>> 16) + ".tmp");
        boolean done = false;
        try {
            try (OutputStream out = new BufferedOutputStream(
                    Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                content.writeTo(out);
            }
            force(tmp);
            moveIntoPlace(tmp, target);
            done = true;
        } catch (FileSystemException e) {
            throw named(target, e);
        } catch (IOException e) {
            // "No space left on device" and its kin name no file: say which one, and that the old one is intact
            throw e.getMessage() != null && e.getMessage().startsWith(target.toString()) ? e : named(target, e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write's own error is the one to report
                }
            }
        }
    }

    /** Copies {@code source} to {@code target} atomically (a unique temporary name, then a rename). */
    public static void copy(Path source, Path target) throws IOException {
        write(target, out -> Files.copy(source, out));
    }

    private static IOException named(Path target, IOException e) {
        boolean existed = Files.isRegularFile(target);
        return new IOException("cannot write " + target + ": " + OutputPaths.reason(e)
                + (existed ? "; the previous " + target.getFileName() + " is intact" : ""), e);
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Renames a finished, forced temporary file over {@code target} and makes the rename itself
     * durable by forcing the folder (best effort: not every platform lets us open a folder).
     */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Path dir = target.toAbsolutePath().getParent();
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // the data itself is already on disk; only the folder entry may lag behind
        }
    }

    /** Forces a file's content to the storage device (fsync). */
    public static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }
}
