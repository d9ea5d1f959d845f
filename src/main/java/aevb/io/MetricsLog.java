package aevb.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A CSV file of training metrics (step, samples seen, bound, ...), one row per report, that
 * any plotting tool can read.
 *
 * <p>Each row is written with one write call and forced to disk before {@link #append} returns,
 * so a crash loses at most the row being written. Reopening an existing log (to resume a run)
 * checks that its columns are the same, drops a trailing partial row left by a crash, and
 * appends; the header is written once, when the file is new.
 */
public final class MetricsLog implements Closeable {
    private final Path file;
    private final List<String> columns;
    private final FileChannel channel;

    private MetricsLog(Path file, List<String> columns, FileChannel channel) {
        this.file = file;
        this.columns = columns;
        this.channel = channel;
    }

    /** Opens {@code file} for appending rows with these columns, creating it (and its folder) if needed. */
    public static MetricsLog open(Path file, List<String> columns) throws IOException {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a metrics log needs at least one column");
        }
        List<String> cols = List.copyOf(columns);
        String header = row(cols.toArray());
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            long size = ch.size();
            long keep = size == 0 ? 0 : endOfLastCompleteLine(ch, size);
            if (keep == 0) {
                ch.truncate(0);
                ch.position(0);
                writeFully(ch, header);
            } else {
                String existing = firstLine(ch);
                if (!existing.equals(header.substring(0, header.length() - 1))) {
                    throw new IOException(file + ": has columns '" + existing + "', this run writes '"
                            + header.strip() + "'; write to another file (or move this one away)");
                }
                if (keep < size) {
                    ch.truncate(keep); // a row cut short by a crash: drop it rather than glue the next one to it
                }
                ch.position(keep);
            }
            ch.force(true);
            return new MetricsLog(file, cols, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Appends one row (values printed with {@code String.valueOf}; doubles and floats exactly). */
    public synchronized void append(Object... values) throws IOException {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("metrics row has " + values.length + " values for " + columns.size()
                    + " columns " + columns);
        }
        try {
            writeFully(channel, row(values));
            channel.force(false);
        } catch (IOException e) {
            // a full disk says "No space left on device" and names no file: name it
            throw new IOException("cannot append to " + file + ": " + OutputPaths.reason(e), e);
        }
    }

    public Path file() {
        return file;
    }

    public List<String> columns() {
        return columns;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    /** One CSV line with its line break, quoting fields that need it (RFC 4180). */
    static String row(Object[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String s = String.valueOf(values[i]);
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                sb.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(s);
            }
        }
        return sb.append('\n').toString();
    }

    private static void writeFully(FileChannel ch, String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Offset just after the last '\n', scanning back from the end (0 when there is none). */
    private static long endOfLastCompleteLine(FileChannel ch, long size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8192);
        long pos = size;
        while (pos > 0) {
            int n = (int) Math.min(b.capacity(), pos);
            pos -= n;
            b.clear().limit(n);
            while (b.hasRemaining()) {
                if (ch.read(b, pos + b.position()) < 0) {
                    throw new IOException("file shrank while reading");
                }
            }
            for (int i = n - 1; i >= 0; i--) {
                if (b.get(i) == '\n') {
                    return pos + i + 1;
                }
            }
        }
        return 0;
    }

    private static String firstLine(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(ch.size(), 1 << 16));
        ch.read(b, 0);
        byte[] bytes = new byte[b.position()];
        b.flip().get(bytes);
        String s = new String(bytes, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
