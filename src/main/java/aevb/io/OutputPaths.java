package aevb.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where aevb may write, and what to say when it cannot. Every output path (a run folder, a
 * figure, a checkpoint) is checked here before anything is written: not under a kernel file
 * system ({@code /proc}, {@code /sys}, {@code /dev} but {@code /dev/shm}), not a path whose bytes
 * the platform could not decode, and no part of it a file where a folder should be. And every
 * file-system error becomes a sentence naming the file and the reason, not a bare path.
 */
public final class OutputPaths {
    private static final List<String> KERNEL = List.of("/proc", "/sys", "/dev");

    private OutputPaths() {}

    /** Refuses places no output belongs in; {@code flag} names where the path came from. */
    public static void requireWritablePlace(Path p, String flag) throws IOException {
        String text = p.toString();
        if (text.indexOf('\uFFFD') >= 0) {
            throw new IOException(flag + " " + text + ": the path holds bytes that are not valid UTF-8, so aevb cannot"
                    + " name it exactly; rename the folder, or run with a UTF-8 locale (LANG=C.UTF-8)");
        }
        Path abs = p.toAbsolutePath().normalize();
        for (String k : KERNEL) {
            Path root = Path.of(k);
            if (abs.startsWith(root) && !abs.startsWith("/dev/shm")) {
                throw new IOException(flag + " " + p + " is under " + k + ", a kernel file system, not a place for"
                        + " aevb's files; choose a folder on a disk");
            }
        }
        for (Path q = abs.getParent(); q != null; q = q.getParent()) {
            if (Files.exists(q, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(q)) {
                throw new IOException(flag + " " + p + ": " + q + (Files.isSymbolicLink(q) && !Files.exists(q)
                        ? " is a symbolic link that leads nowhere (or loops)" : " is a file, not a folder")
                        + "; choose another " + flag);
            }
        }
    }

    /** Creates a folder (and its parents) or says, naming it, why not. */
    public static void createFolder(Path dir, String flag) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the folder " + dir + " (" + flag + "): " + reason(e), e);
        }
    }

    /** The reason of a file-system error in words ("permission denied", "no space left on the disk"). */
    public static String reason(Throwable e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is a file, not a folder";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the folder is not empty";
        }
        if (e instanceof FileSystemLoopException) {
            return "the symbolic links loop";
        }
        String m = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        if (m.contains("No space left on device")) {
            return "no space left on the disk (free some space and run again)";
        }
        if (m.contains("Too many levels of symbolic links")) {
            return "the symbolic links loop";
        }
        if (m.contains("Read-only file system")) {
            return "the file system is read-only";
        }
        if (m.contains("Is a directory")) {
            return "a folder of that name is in the way";
        }
        if (m.contains("Disk quota exceeded")) {
            return "the disk quota is exceeded";
        }
        return m;
    }

    /**
     * One sentence for any I/O error: file-system errors name their file and reason; others keep
     * their message, which in aevb names the file already.
     */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null
                && (f.getMessage() == null || f.getMessage().startsWith(f.getFile()))) {
            return f.getFile() + ": " + reason(e) + (f.getOtherFile() != null ? " (" + f.getOtherFile() + ")" : "");
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        if (m.contains("No space left on device")) {
            return m.replace("No space left on device", "no space left on the disk (free some space and run again)");
        }
        return m;
    }
}
