package aevb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads against a server this test starts on the loopback interface (127.0.0.1 only):
 * no test here touches the network.
 */
class DownloaderTest {
    /** A small real file: the label file of the embedded sample's validation split. */
    private static final byte[] CONTENT = TestFiles.idxLabels(TestFiles.bytes(1000, 9));
    private static final RemoteFile PINNED_TEMPLATE = new RemoteFile("valid-labels-idx1-ubyte", CONTENT.length,
            IdxTest.sha(CONTENT), List.of());

    @TempDir
    Path dir;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        route("/plain/x", ex -> send(ex, 200, CONTENT));
        route("/gz/x.gz", ex -> send(ex, 200, TestFiles.gzip(CONTENT)));
        route("/wrong/x", ex -> {
            byte[] wrong = CONTENT.clone();
            wrong[100] ^= 1;
            send(ex, 200, wrong);
        });
        route("/missing/x", ex -> send(ex, 404, "no such file".getBytes(StandardCharsets.UTF_8)));
        route("/truncated/x", ex -> {
            // announces the whole file, sends half, then hangs up
            ex.sendResponseHeaders(200, CONTENT.length);
            OutputStream out = ex.getResponseBody();
            out.write(CONTENT, 0, CONTENT.length / 2);
            out.flush();
            try {
                Thread.sleep(50);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        route("/short-chunked/x", ex -> {
            // no length announced: the body simply ends early, only the checksum can tell
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(CONTENT, 0, CONTENT.length / 2);
            }
        });
        route("/stall/x", ex -> {
            ex.sendResponseHeaders(200, CONTENT.length);
            OutputStream out = ex.getResponseBody();
            out.write(CONTENT, 0, 10);
            out.flush();
            try {
                Thread.sleep(3000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    private void route(String path, Handler h) {
        server.createContext(path, ex -> {
            requests.incrementAndGet();
            try {
                h.handle(ex);
            } finally {
                ex.close();
            }
        });
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private RemoteFile pinned(String... paths) {
        return RemoteFile.of(PINNED_TEMPLATE.name(), PINNED_TEMPLATE.bytes(), PINNED_TEMPLATE.sha256(),
                java.util.Arrays.stream(paths).map(p -> p.startsWith("http") ? p : url(p)).toArray(String[]::new));
    }

    private Downloader downloader() {
        return new Downloader(log, Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    private List<String> filesIn(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void downloadsVerifiesAndKeepsThePlainFile() throws IOException {
        Path got = downloader().fetch(pinned("/plain/x"), dir);
        assertEquals(dir.resolve("valid-labels-idx1-ubyte"), got);
        assertArrayEquals(CONTENT, Files.readAllBytes(got));
        assertEquals(List.of("valid-labels-idx1-ubyte"), filesIn(dir));
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("sha256 verified"));
    }

    @Test
    void aGzipMirrorVerifiesAgainstTheUncompressedChecksumAndIsKeptCompressed() throws IOException {
        Path got = downloader().fetch(pinned("/gz/x.gz"), dir);
        assertEquals(dir.resolve("valid-labels-idx1-ubyte.gz"), got);
        assertArrayEquals(java.util.Arrays.copyOfRange(CONTENT, 8, CONTENT.length), Idx.readLabels(got).labels());
        assertEquals(PINNED_TEMPLATE.sha256(), DataFiles.contentSha256(got));
    }

    @Test
    void wrongBytesAreRejectedAndNothingIsLeftBehind() throws IOException {
        DataUnavailableException e = assertThrows(DataUnavailableException.class,
                () -> downloader().fetch(pinned("/wrong/x"), dir));
        assertTrue(e.getMessage().startsWith("could not download valid-labels-idx1-ubyte (nothing was saved):"), e.getMessage());
        assertTrue(e.getMessage().contains(url("/wrong/x") + ": the data received (1,008 bytes) is not the expected file:"
                + " sha256 mismatch: expected " + PINNED_TEMPLATE.sha256() + ", got "), e.getMessage());
        assertFalse(e.getMessage().contains("offline"));
        assertEquals(List.of(), filesIn(dir));
    }

    @Test
    void aTruncatedTransferIsRejected() throws IOException {
        DataUnavailableException e = assertThrows(DataUnavailableException.class,
                () -> downloader().fetch(pinned("/truncated/x"), dir));
        assertTrue(e.getMessage().contains(url("/truncated/x") + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("504 bytes") || e.getMessage().contains("broke off"), e.getMessage());
        assertEquals(List.of(), filesIn(dir));

        DataUnavailableException c = assertThrows(DataUnavailableException.class,
                () -> downloader().fetch(pinned("/short-chunked/x"), dir));
        assertTrue(c.getMessage().contains("its content is 504 bytes, expected 1,008 bytes"), c.getMessage());
        assertEquals(List.of(), filesIn(dir));
    }

    @Test
    void aStalledTransferIsAbandoned() throws IOException {
        DataUnavailableException e = assertThrows(DataUnavailableException.class,
                () -> downloader().fetch(pinned("/stall/x"), dir));
        assertTrue(e.getMessage().contains("the transfer stalled"), e.getMessage());
        assertEquals(List.of(), filesIn(dir));
    }

    @Test
    void a404OnTheFirstMirrorFallsBackToTheSecond() throws IOException {
        Path got = downloader().fetch(pinned("/missing/x", "/gz/x.gz"), dir);
        assertEquals(dir.resolve("valid-labels-idx1-ubyte.gz"), got);
        String logged = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("failed: HTTP 404 Not Found"), logged);
        assertEquals(2, requests.get());
    }

    @Test
    void offlineSaysSoAndNamesEveryMirror() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String a = "http://127.0.0.1:" + closedPort + "/a/x.gz";
        String b = "http://127.0.0.1:" + closedPort + "/b/x";
        DataUnavailableException e = assertThrows(DataUnavailableException.class,
                () -> downloader().fetch(pinned(a, b), dir));
        assertTrue(e.getMessage().contains(a + ": cannot connect"), e.getMessage());
        assertTrue(e.getMessage().contains(b + ": cannot connect"), e.getMessage());
        assertTrue(e.getMessage().contains("this machine seems to be offline"), e.getMessage());
        assertEquals(List.of(), filesIn(dir));
    }

    @Test
    void aVerifiedFileIsNotFetchedAgainAndAForeignOneIsLeftUntouched() throws IOException {
        downloader().fetch(pinned("/plain/x"), dir);
        assertEquals(1, requests.get());
        downloader().fetch(pinned("/plain/x"), dir);
        assertEquals(1, requests.get());

        Path other = dir.resolve("other");
        Path mine = TestFiles.write(other.resolve("valid-labels-idx1-ubyte"), "my own notes".getBytes(StandardCharsets.UTF_8));
        DataUnavailableException e = assertThrows(DataUnavailableException.class,
                () -> downloader().fetch(pinned("/plain/x"), other));
        assertTrue(e.getMessage().startsWith(mine + " is already there but is not the expected file"), e.getMessage());
        assertArrayEquals("my own notes".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(mine));
    }

    @Test
    void manualInstructionsNameFilesChecksumsAndTheFolder() {
        String text = DataCatalog.manualInstructions("mnist", Path.of("/data"));
        assertTrue(text.contains("train-images-idx3-ubyte  (47,040,016 bytes uncompressed, sha256 "
                + DataCatalog.MNIST_TRAIN_IMAGES.sha256() + ")"), text);
        assertTrue(text.contains("https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz"), text);
        assertTrue(text.contains("put them in /data/mnist"), text);
        assertTrue(text.contains("--data-dir DIR"), text);
    }
}
