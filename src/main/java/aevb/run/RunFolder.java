package aevb.run;

import aevb.io.AtomicFiles;
import aevb.io.OutputPaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The rules of a run folder, so that nothing a user has is ever overwritten and two processes
 * never write into one run:
 *
 * <ul>
 *   <li>a new run goes only into a folder that does not exist or is empty;
 *   <li>a run is resumed only from a folder that holds its {@code checkpoint.aevb};
 *   <li>while a process trains (or resumes) a run it holds an exclusive lock on the folder's
 *       {@value #LOCK} file ({@link FileChannel#tryLock}); a second process is refused with a line
 *       naming the folder and the holder's pid. The operating system drops the lock when the
 *       holder dies, even by {@code kill -9}, so a stale lock file never blocks a resume.
 * </ul>
 * The lock file stays in the folder after the run (deleting it would let a third process lock a
 * fresh file while a second still holds the old one); a folder holding only it counts as empty.
 */
public final class RunFolder implements AutoCloseable {
    /** The lock file inside a run folder; it holds the pid of the process that last locked it. */
    public static final String LOCK = ".aevb.lock";
    /**
     * The folders this JVM has locked. A second channel must never be opened on a lock file this
     * process holds: POSIX drops all of a process's locks on a file when any descriptor of it closes.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;
    private final Path key;
    private boolean created;

    private RunFolder(Path dir, Path key, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims {@code dir} for a new run: refuses a file, a folder with anything in it, or a kernel
     * file system, creates the folder when missing and locks it. {@code flag} names the flag the
     * folder came from, for messages.
     */
    public static RunFolder claimNew(Path dir, String flag) throws IOException {
        requireNewRunFolder(dir, flag);   // refuse before writing anything: a lock file is a new file too
        boolean existed = Files.exists(dir);
        OutputPaths.createFolder(dir, flag);
        RunFolder f = lock(dir, flag);
        f.created = !existed;
        try {
            requireEmpty(dir, flag); // again, holding the lock: another process may have started meanwhile
            return f;
        } catch (IOException e) {
            f.close();
            throw e;
        }
    }

    /** Claims an existing run folder (one holding {@code checkpoint.aevb}) to resume it. */
    public static RunFolder claimExisting(Path dir, String flag) throws IOException {
        OutputPaths.requireWritablePlace(dir, flag);
        if (!Files.isRegularFile(dir.resolve(TrainingRun.CHECKPOINT))) {
            throw new RunFolderException(flag + " " + dir + (Files.isRegularFile(dir) ? " is a file, not a run folder"
                    : " holds no " + TrainingRun.CHECKPOINT) + " (give the run folder that aevb train wrote)");
        }
        return lock(dir, flag);
    }

    /**
     * The rule for a new run's folder alone (no lock, nothing written): it does not exist, or it is
     * an empty folder (the lock file of a run that never started aside).
     */
    public static void requireNewRunFolder(Path dir, String flag) throws IOException {
        OutputPaths.requireWritablePlace(dir, flag);
        if (Files.isDirectory(dir)) {
            requireNotInUse(dir, flag);
        }
        requireEmpty(dir, flag);
    }

    private static void requireEmpty(Path dir, String flag) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new RunFolderException(flag + " " + dir + " is " + (Files.isSymbolicLink(dir) && !Files.exists(dir)
                    ? "a symbolic link that leads nowhere" : "a file, not a folder")
                    + "; a new run needs a new or empty folder: choose another " + flag);
        }
        if (Files.exists(dir.resolve(TrainingRun.CHECKPOINT))) {
            throw new RunFolderException(dir + " already holds a run (" + TrainingRun.CHECKPOINT
                    + "); continue it with ./aevb train --resume " + dir + ", or choose another " + flag);
        }
        List<String> names = contents(dir);
        if (!names.isEmpty()) {
            throw new RunFolderException(flag + " " + dir + " is not empty (it holds " + listed(names)
                    + "); a new run goes only into a new or empty folder, so that nothing in it is overwritten:"
                    + " choose another " + flag + " (e.g. " + fresh(dir) + ")");
        }
    }

    /**
     * Refuses a folder whose lock another process holds (it is training there now). Probes an
     * existing lock file only: creates nothing.
     */
    static void requireNotInUse(Path dir, String flag) throws IOException {
        Path file = dir.resolve(LOCK);
        if (!Files.isRegularFile(file) || HELD.contains(key(dir))) {
            return; // no lock file, or this process holds it: the claim this check runs under
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return; // held by this process through a path spelt differently; the claim itself decides
            }
            if (l == null) {
                throw inUse(dir, flag, file, holder(ch));
            }
            l.release();
        } catch (RunFolderException e) {
            throw e;
        } catch (IOException e) {
            // unreadable lock file: the claim that follows will say so
        }
    }

    private static RunFolderException inUse(Path dir, String flag, Path file, String pid) {
        return new RunFolderException(flag + " " + dir + " is in use by another aevb process (pid " + pid
                + ", which holds " + file + "); wait for it to finish or stop it"
                + (flag.equals("--out") ? ", or choose another --out" : ""));
    }

    /** Writes {@code config.txt}, the run's settings as text (again on every resume, so it never goes stale). */
    public static void writeConfig(Path dir, RunConfig cfg, String note) throws IOException {
        StringBuilder sb = new StringBuilder("# aevb training run: " + cfg.describe() + "\n");
        if (note != null) {
            sb.append("# ").append(note).append('\n');
        }
        cfg.toHeader().forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        AtomicFiles.write(dir.resolve("config.txt"), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The same run with its data in another folder (they moved; {@code --resume DIR --data-dir NEW}). */
    public static RunConfig withDataDir(RunConfig c, String dataDir) {
        return new RunConfig(c.dataset(), dataDir, c.model(), c.estimator(), c.samples(), c.batch(), c.optimizer(),
                c.learningRate(), c.weightDecay(), c.binarization(), c.budget(), c.seed(), c.logEvery(), c.evalPoints());
    }

    public Path dir() {
        return dir;
    }

    /** Releases the lock (the lock file stays). */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
            HELD.remove(key);
        }
    }

    /**
     * Releases the lock; when the command failed ({@code ok} false) before a folder this claim
     * created received anything, removes the folder again, so a refused run leaves no litter.
     */
    public void release(boolean ok) throws IOException {
        close();
        if (!ok && created && contents(dir).isEmpty()) {
            Files.deleteIfExists(dir.resolve(LOCK));
            Files.deleteIfExists(dir);
        }
    }

    private static RunFolder lock(Path dir, String flag) throws IOException {
        Path file = dir.resolve(LOCK);
        Path key = key(dir);
        if (!HELD.add(key)) {
            throw inUse(dir, flag, file, ProcessHandle.current().pid() + ", this very process");
        }
        try {
            return lock(dir, key, file, flag);
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    private static Path key(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    private static RunFolder lock(Path dir, Path key, Path file, String flag) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new RunFolderException("cannot lock the run folder " + dir + " (" + file + ": "
                    + OutputPaths.reason(e) + ")", e);
        }
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null; // this very process holds it (a second run started from the same JVM)
        } catch (IOException e) {
            ch.close();
            throw new RunFolderException("cannot lock the run folder " + dir + ": " + OutputPaths.reason(e), e);
        }
        if (l == null) {
            String holder = holder(ch);
            ch.close();
            throw inUse(dir, flag, file, holder);
        }
        try {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
        } catch (IOException e) {
            l.release();
            ch.close();
            throw new RunFolderException("cannot write the lock file " + file + ": " + OutputPaths.reason(e), e);
        }
        return new RunFolder(dir, key, ch, l);
    }

    /** The pid the lock's holder wrote, or "unknown" while it has not written it yet. */
    private static String holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            ch.read(b, 0);
            String s = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
            return s.matches("[0-9]{1,19}") ? s : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The names in a folder, the lock file aside, sorted. */
    static List<String> contents(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            // the lock file is ours only when it is a plain file: a folder or a link under its name is someone's
            s.filter(p -> !(p.getFileName().toString().equals(LOCK) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)))
                    .map(p -> p.getFileName().toString()).sorted().forEach(names::add);
        } catch (IOException e) {
            throw new RunFolderException("cannot list the folder " + dir + ": " + OutputPaths.reason(e), e);
        }
        return names;
    }

    private static String listed(List<String> names) {
        List<String> shown = names.subList(0, Math.min(4, names.size()));
        return String.join(", ", shown) + (names.size() > shown.size() ? " and " + (names.size() - shown.size())
                + " more" : "");
    }

    /** The first of dir-2, dir-3, ... that does not exist, to suggest. */
    static Path fresh(Path dir) {
        Path p = dir;
        for (int i = 2; Files.exists(p, LinkOption.NOFOLLOW_LINKS); i++) {
            p = Path.of(dir + "-" + i);
        }
        return p;
    }

    /** A run folder that cannot be used as asked; the message names it and what to do. */
    public static final class RunFolderException extends IOException {
        public RunFolderException(String message) {
            super(message);
        }

        public RunFolderException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
