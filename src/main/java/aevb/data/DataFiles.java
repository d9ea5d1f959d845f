package aevb.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opening a data file that may or may not be gzip-compressed, and reading untrusted sizes safely.
 *
 * <p>Compression is detected from the first two bytes (0x1f 0x8b), not from the name: mirrors and
 * users rename files, and a tool may have unpacked {@code x.gz} without renaming it.
 *
 * <p>Every size in a file header is untrusted. Before allocating from it we check it against
 * {@link #MAX_CONTENT_BYTES} and against what the file can hold: exactly its length when it is
 * not compressed, and at most {@link #GZIP_MAX_RATIO} times its length when it is (deflate cannot
 * expand more than that). Even then a gzip stream is read in growing chunks, so a corrupt header
 * costs at most about twice the bytes that are really there.
 */
final class DataFiles {
    /** The largest decompressed content aevb reads: 256 MiB, over five times MNIST's training images. */
    static final long MAX_CONTENT_BYTES = 1L << 28;
    /** Deflate's largest expansion is about 1032:1 (a 258-byte match in a bit or two). */
    static final long GZIP_MAX_RATIO = 1032;

    private DataFiles() {
    }

    /** An open data file: its decompressed content as a stream that also computes its SHA-256. */
    static final class Opened implements AutoCloseable {
        final Path file;
        final boolean gzip;
        final long fileBytes;
        final InputStream in;
        private final MessageDigest sha256;
        private long contentRead;

        private Opened(Path file, boolean gzip, long fileBytes, InputStream in, MessageDigest sha256) {
            this.file = file;
            this.gzip = gzip;
            this.fileBytes = fileBytes;
            this.in = in;
            this.sha256 = sha256;
        }

        /** The most content bytes the file can hold: exact when plain, an upper bound when gzip. */
        long maxContentBytes() {
            return gzip ? Math.min(fileBytes * GZIP_MAX_RATIO, Long.MAX_VALUE / 2) : fileBytes;
        }

        /** Content bytes read so far. */
        long contentRead() {
            return contentRead;
        }

        /** The SHA-256 of the content read so far (all of it, once {@link #expectEnd} passed). */
        String sha256Hex() {
            return HexFormat.of().formatHex(sha256.digest());
        }

        int read() throws DataFormatException {
            try {
                int b = in.read();
                if (b >= 0) {
                    contentRead++;
                }
                return b;
            } catch (IOException e) {
                throw describe(file, e);
            }
        }

        /** Reads up to len bytes, returning how many (0 only at the end). */
        int readSome(byte[] buf, int off, int len) throws DataFormatException {
            try {
                int n = in.readNBytes(buf, off, len);
                contentRead += n;
                return n;
            } catch (IOException e) {
                throw describe(file, e);
            }
        }

        /** A big-endian 32-bit integer, e.g. an IDX header field; {@code what} names it for messages. */
        int readInt(String what) throws DataFormatException {
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int b = read();
                if (b < 0) {
                    throw new DataFormatException(file, "truncated: the file ends inside the header (" + what
                            + "), after " + contentRead + " bytes");
                }
                v = (v << 8) | b;
            }
            return v;
        }

        /**
         * Reads exactly n content bytes (n already checked against {@link #MAX_CONTENT_BYTES}).
         * Plain files were checked against their length, so they get one array; gzip streams
         * grow their array as data arrives, so a lying header cannot make us allocate much.
         */
        byte[] readExactly(long n, String what) throws DataFormatException {
            if (n < 0 || n > MAX_CONTENT_BYTES) {
                throw new IllegalArgumentException("unchecked size " + n);
            }
            int total = (int) n;
            byte[] buf = new byte[gzip ? Math.min(total, 1 << 20) : total];
            int got = 0;
            while (got < total) {
                if (got == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(total, 2L * buf.length));
                }
                int k = readSome(buf, got, buf.length - got);
                if (k == 0) {
                    throw new DataFormatException(file, "truncated: " + what + " but the data ends after "
                            + String.format(Locale.ROOT, "%,d", got) + " of them");
                }
                got += k;
            }
            return buf;
        }

        /**
         * Reads the whole content, refusing more than {@link #MAX_CONTENT_BYTES}; for formats
         * such as MAT-files that are parsed in memory.
         */
        byte[] readAll(String kind) throws DataFormatException {
            if (!gzip && fileBytes > MAX_CONTENT_BYTES) {
                throw new DataFormatException(file, "is " + bytes(fileBytes) + ", more than the "
                        + bytes(MAX_CONTENT_BYTES) + " aevb accepts for " + kind);
            }
            byte[] buf = new byte[(int) Math.min(gzip ? 1 << 20 : fileBytes, MAX_CONTENT_BYTES)];
            int got = 0;
            while (true) {
                if (got == buf.length) {
                    if (buf.length >= MAX_CONTENT_BYTES) {
                        if (read() < 0) {
                            return buf;
                        }
                        throw new DataFormatException(file, "decompresses to more than the "
                                + bytes(MAX_CONTENT_BYTES) + " aevb accepts for " + kind);
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(MAX_CONTENT_BYTES, Math.max(1024, 2L * buf.length)));
                }
                int k = readSome(buf, got, buf.length - got);
                if (k == 0) {
                    return got == buf.length ? buf : Arrays.copyOf(buf, got);
                }
                got += k;
            }
        }

        /**
         * Checks that nothing follows the content. For gzip this also reads the trailer, which is
         * where the CRC of the content is checked: without it a flipped byte could go unnoticed.
         */
        void expectEnd(String what) throws DataFormatException {
            byte[] probe = new byte[4096];
            long extra = 0;
            int k;
            while ((k = readSome(probe, 0, probe.length)) > 0) {
                extra += k;
                if (extra > (1 << 20)) {
                    break;
                }
            }
            if (extra > 0) {
                throw new DataFormatException(file, (extra > (1 << 20) ? "more than 1 MiB" : extra + " bytes")
                        + " of unexpected data after " + what + "; the header and the data do not agree");
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // read-only: nothing to lose on a failed close
            }
        }
    }

    /** Opens a file for reading, gunzipping it when it starts with the gzip magic bytes. */
    static Opened open(Path file) throws IOException {
        if (!Files.exists(file)) {
            if (Files.isSymbolicLink(file)) {
                throw new DataFormatException(file, "is a symbolic link that leads nowhere (or loops), not a data file");
            }
            throw new NoSuchFileException(file.toString(), null, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file, "is a folder, not a data file");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, "is not a regular file (a device or a pipe?), not a data file");
        }
        long size = Files.size(file);
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            InputStream content = raw;
            if (gzip) {
                try {
                    content = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
                } catch (IOException e) {
                    throw describe(file, e);
                }
            }
            MessageDigest md = sha256();
            return new Opened(file, gzip, size, new DigestInputStream(content, md), md);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** SHA-256 of a file's content, gunzipped when it is gzip: the checksum pinned for downloads. */
    static String contentSha256(Path file) throws IOException {
        try (Opened o = open(file)) {
            byte[] buf = new byte[1 << 16];
            while (o.readSome(buf, 0, buf.length) > 0) {
                // reading is what feeds the digest
            }
            return o.sha256Hex();
        }
    }

    /** Turns a decompression failure into a message a user can act on. */
    static DataFormatException describe(Path file, IOException e) {
        if (e instanceof DataFormatException d) {
            return d;
        }
        if (e instanceof EOFException) {
            return new DataFormatException(file, "truncated: the gzip data ends early (" + e.getMessage() + ")", e);
        }
        if (e instanceof ZipException) {
            String detail = "Corrupt GZIP trailer".equals(e.getMessage())
                    ? "the CRC32 of the unpacked data does not match the one recorded in the file"
                    : e.getMessage();
            return new DataFormatException(file, "corrupt gzip data (" + detail + ")", e);
        }
        return new DataFormatException(file, "cannot be read: " + e, e);
    }

    /** "47,040,016 bytes" style for messages. */
    static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d bytes", n);
    }
}
