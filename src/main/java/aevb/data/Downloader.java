package aevb.data;

import aevb.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches pinned data files ({@link RemoteFile}) and keeps only what verifies.
 *
 * <p>Each file is streamed to {@code <name>.<random>.part} next to its final place, then its content
 * (gunzipped when the mirror sent gzip) is checked against the pinned length and SHA-256. Only
 * a file that verifies is forced to disk and renamed to its final name, {@code <name>} or
 * {@code <name>.gz} as the mirror served it; anything else is deleted and the next mirror tried.
 * So the final name always means a verified file, and a crash leaves at most a {@code .part}.
 *
 * <p>A file already present under its final name is verified, not fetched again. If it does not
 * verify it is left untouched (it may be a user's own file) and the message says what to do.
 */
public final class Downloader {
    private final PrintStream log;
    private final HttpClient client;
    private final Duration stallTimeout;

    /** A downloader with timeouts fit for real mirrors: 20 s to connect, 60 s without progress. */
    public Downloader(PrintStream log) {
        this(log, Duration.ofSeconds(20), Duration.ofSeconds(60));
    }

    /**
     * @param connectTimeout how long to wait for a mirror to accept the connection
     * @param stallTimeout   how long a transfer may go without receiving a byte before it is abandoned
     */
    public Downloader(PrintStream log, Duration connectTimeout, Duration stallTimeout) {
        this.log = log;
        this.stallTimeout = stallTimeout;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(connectTimeout)
                .build();
    }

    /**
     * Makes sure every file of {@code dataset} is in {@code <dataDir>/<dataset>/}, verified, and
     * returns their paths in catalog order. Files already present are verified, not fetched.
     */
    public List<Path> fetchAll(String dataset, Path dataDir) throws IOException {
        String name = DataCatalog.canonical(dataset);
        Path dir = DataDirs.downloadDir(dataDir, name);
        List<Path> paths = new ArrayList<>();
        for (RemoteFile f : DataCatalog.files(name)) {
            try {
                paths.add(fetch(f, dir));
            } catch (DataUnavailableException e) {
                throw new DataUnavailableException(e.getMessage() + "\n" + DataCatalog.manualInstructions(name, dataDir), e);
            }
        }
        return paths;
    }

    /** Makes sure {@code f} is in {@code dir}, verified; downloads it when it is not there. */
    public Path fetch(RemoteFile f, Path dir) throws IOException {
        for (String candidate : List.of(f.name(), f.name() + ".gz")) {
            Path existing = dir.resolve(candidate);
            if (Files.isRegularFile(existing)) {
                String problem = verify(existing, f);
                if (problem == null) {
                    log.println(existing + ": already present, verified");
                    return existing;
                }
                throw new DataUnavailableException(existing + " is already there but is not the expected file: " + problem
                        + ". It was left untouched; move it away (or delete it) and run the download again.");
            }
        }
        Files.createDirectories(dir);
        // a unique name: two downloads into one folder must not write into each other's partial file
        Path part = dir.resolve(f.name() + "." + Long.toHexString(new java.security.SecureRandom().nextLong() >>> 16)
                + ".part");
        List<String> failures = new ArrayList<>();
        boolean anyReached = false;
        for (URI url : f.mirrors()) {
            log.println("downloading " + f.name() + " from " + url);
            try {
                long got = transfer(url, part, f);
                String problem = verify(part, f);
                if (problem != null) {
                    anyReached = true;
                    failures.add(url + ": the data received (" + DataFiles.bytes(got) + ") is not the expected file: "
                            + problem);
                    log.println("  rejected: " + problem);
                    Files.deleteIfExists(part);
                    continue;
                }
                Path target = dir.resolve(isGzip(part) ? f.name() + ".gz" : f.name());
                AtomicFiles.force(part);
                AtomicFiles.moveIntoPlace(part, target);
                log.println("  saved " + target + " (" + DataFiles.bytes(got) + ", sha256 verified)");
                return target;
            } catch (InterruptedIOException e) {
                Files.deleteIfExists(part);
                throw e;
            } catch (IOException e) {
                Files.deleteIfExists(part);
                boolean unreachable = unreachable(e);
                anyReached |= !unreachable;
                String why = describe(e);
                failures.add(url + ": " + why);
                log.println("  failed: " + why);
            }
        }
        StringBuilder sb = new StringBuilder("could not download " + f.name() + " (nothing was saved):");
        for (String s : failures) {
            sb.append("\n  ").append(s);
        }
        if (!anyReached) {
            sb.append("\nNo mirror could be reached: this machine seems to be offline (or behind a proxy that"
                    + " blocks these sites).");
        }
        throw new DataUnavailableException(sb.toString());
    }

    /** Streams {@code url} into {@code part}; returns the bytes received. Never keeps more than it should. */
    private long transfer(URI url, Path part, RemoteFile f) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(stallTimeout)
                .header("User-Agent", "aevb (https://arxiv.org/abs/1312.6114 reproduction)")
                .GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download of " + f.name() + " interrupted");
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + statusText(response.statusCode()));
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            // a gzip of these files is smaller than the content; allow a little for incompressible data
            long cap = f.bytes() + f.bytes() / 64 + (1 << 16);
            if (declared > cap) {
                throw new IOException("the server announces " + DataFiles.bytes(declared) + ", more than the file can be ("
                        + DataFiles.bytes(f.bytes()) + " uncompressed)");
            }
            return copyWithWatchdog(body, part, cap, declared);
        }
    }

    /** Copies the body, abandoning it when no byte arrives for {@link #stallTimeout}. */
    private long copyWithWatchdog(InputStream body, Path part, long cap, long declared) throws IOException {
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aevb-download-watchdog");
            t.setDaemon(true);
            return t;
        });
        long stallNanos = stallTimeout.toNanos();
        ScheduledFuture<?> check = watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastProgress.get() > stallNanos && stalled.compareAndSet(false, true)) {
                try {
                    body.close(); // unblocks the reading thread with an IOException
                } catch (IOException ignored) {
                    // nothing more to do: the reader sees the failure
                }
            }
        }, 250, 250, TimeUnit.MILLISECONDS);
        long total = 0;
        long lastReport = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(part)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = body.read(buf)) > 0) {
                total += n;
                if (total > cap) {
                    throw new IOException("the server sent more than " + DataFiles.bytes(cap) + ", more than the file can be");
                }
                out.write(buf, 0, n);
                long now = System.nanoTime();
                lastProgress.set(now);
                if (now - lastReport > 5_000_000_000L) { // a plain line every few seconds: works in logs and terminals
                    lastReport = now;
                    log.printf(Locale.ROOT, "  %.1f MB%s%n", total / 1e6,
                            declared > 0 ? String.format(Locale.ROOT, " of %.1f MB", declared / 1e6) : "");
                }
            }
        } catch (IOException e) {
            if (stalled.get()) {
                throw new IOException("no data for " + stallTimeout.toSeconds() + " s after " + DataFiles.bytes(total)
                        + "; the transfer stalled");
            }
            throw new IOException("the transfer broke off after " + DataFiles.bytes(total)
                    + (declared >= 0 ? " of " + DataFiles.bytes(declared) : "") + " (" + describe(e) + ")", e);
        } finally {
            check.cancel(false);
            watchdog.shutdownNow();
        }
        if (stalled.get()) {
            throw new IOException("no data for " + stallTimeout.toSeconds() + " s after " + DataFiles.bytes(total)
                    + "; the transfer stalled");
        }
        if (declared >= 0 && total != declared) {
            throw new IOException("truncated transfer: received " + DataFiles.bytes(total) + " of the "
                    + DataFiles.bytes(declared) + " announced");
        }
        return total;
    }

    /** Null when {@code file}'s content has the pinned length and SHA-256, else what differs. */
    static String verify(Path file, RemoteFile f) throws IOException {
        long length = 0;
        String sha;
        try (DataFiles.Opened in = DataFiles.open(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.readSome(buf, 0, buf.length)) > 0) {
                length += n;
                if (length > f.bytes()) {
                    return "its content is longer than the expected " + DataFiles.bytes(f.bytes());
                }
            }
            sha = in.sha256Hex();
        } catch (DataFormatException e) {
            return e.problem();
        }
        if (length != f.bytes()) {
            return "its content is " + DataFiles.bytes(length) + ", expected " + DataFiles.bytes(f.bytes())
                    + " (sha256 " + sha + ", expected " + f.sha256() + ")";
        }
        if (!sha.equals(f.sha256())) {
            return "sha256 mismatch: expected " + f.sha256() + ", got " + sha;
        }
        return null;
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** True when the mirror could not be reached at all, as opposed to answering badly. */
    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof HttpConnectTimeoutException || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "cannot connect: the host name does not resolve (no DNS)";
            }
        }
        if (unreachable(e)) {
            // the JDK's message here is often empty or an inner ClosedChannelException: say what it means
            String m = e.getMessage();
            return "cannot connect (connection refused or host unreachable" + (m == null || m.isBlank() ? "" : ": " + m) + ")";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static String statusText(int code) {
        return switch (code) {
            case 403 -> " Forbidden";
            case 404 -> " Not Found";
            case 410 -> " Gone";
            case 429 -> " Too Many Requests";
            case 500 -> " Internal Server Error";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            default -> "";
        };
    }
}
