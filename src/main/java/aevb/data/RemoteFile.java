package aevb.data;

import java.net.URI;
import java.util.List;

/**
 * One pinned data file: its name, the size and SHA-256 of its <em>uncompressed</em> content, and
 * the mirrors to fetch it from, in order of preference.
 *
 * <p>The checksum pins the content, not the bytes on the wire: a mirror that serves the file
 * gzip-compressed, or re-compresses it, still verifies, and the same checksum vouches for a copy
 * a user placed by hand, compressed or not.
 *
 * @param name    the uncompressed file name, e.g. {@code train-images-idx3-ubyte}; on disk the file
 *                is {@code name} or {@code name.gz}, whichever the mirror served
 * @param bytes   length of the uncompressed content
 * @param sha256  of the uncompressed content, lower-case hex
 * @param mirrors URLs to try in order
 */
public record RemoteFile(String name, long bytes, String sha256, List<URI> mirrors) {
    public RemoteFile {
        if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("bad file name '" + name + "'");
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("bad sha256 for " + name + ": " + sha256);
        }
        mirrors = List.copyOf(mirrors);
    }

    /** A pinned file with mirrors given as strings. */
    public static RemoteFile of(String name, long bytes, String sha256, String... mirrors) {
        return new RemoteFile(name, bytes, sha256, java.util.Arrays.stream(mirrors).map(URI::create).toList());
    }
}
