package aevb.viz;

import aevb.io.AtomicFiles;
import aevb.io.OutputPaths;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes figures as PNG files, atomically (a uniquely named temporary file in the same folder,
 * then a rename), so a reader never sees half a file and two processes never share a temporary.
 *
 * <p>Every PNG carries a text chunk {@code Software = aevb}. A figure is written over an existing
 * file only when that file is a PNG; a figure a user names ({@link #figureTarget}) only over a PNG
 * that carries the chunk, i.e. one aevb wrote: so {@code --out run/model.aevb} can never replace a
 * model (or anyone's photo) with a picture.
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

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** The tEXt chunk every aevb figure carries: its type, then "Software", a NUL and "aevb". */
    private static final byte[] MARK = "tEXtSoftware\0aevb".getBytes(StandardCharsets.ISO_8859_1);

    private Png() {}

    /** Does nothing but make sure the static initialiser above has run. */
    static void init() {}

    /**
     * Writes {@code image} to {@code file} as PNG, creating missing parent folders. Refuses to
     * replace a file that is not a PNG.
     *
     * @throws IOException naming the path when the folder cannot be created or written
     */
    public static void write(Path file, BufferedImage image) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !isPng(target)) {
            throw new IOException("will not write the figure " + target + " over a file that is not a PNG"
                    + " (move it away, or write the figure elsewhere)");
        }
        byte[] bytes = encode(image);
        AtomicFiles.write(target, bytes);
    }

    /**
     * The file a figure named by a user ({@code flag}, e.g. "--out") goes to: a folder gets
     * {@code defaultName} inside it; a name without {@code .png} gets it appended; an existing file
     * is replaced only when it is a PNG aevb wrote. Refuses kernel file systems and undecodable
     * names ({@link OutputPaths#requireWritablePlace}).
     */
    public static Path figureTarget(Path out, String defaultName, String flag) throws IOException {
        Path p = out;
        if (Files.isDirectory(p)) {
            p = p.resolve(defaultName);
        } else if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            p = p.resolveSibling(p.getFileName() + ".png");
        }
        OutputPaths.requireWritablePlace(p, flag);
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(p)) {
                throw new IOException(flag + " " + p + " is a folder; name a .png file");
            }
            if (!isAevbPng(p)) {
                throw new IOException(flag + " " + p + " exists and is not a figure aevb wrote; aevb replaces only"
                        + " its own PNGs: move it away, or choose another " + flag);
            }
        }
        return p;
    }

    /** True when the file starts with the PNG signature. */
    static boolean isPng(Path file) throws IOException {
        byte[] head = head(file, SIGNATURE.length);
        return Arrays.equals(head, SIGNATURE);
    }

    /** True when the file is a PNG whose chunks before the image data include aevb's text chunk. */
    public static boolean isAevbPng(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        byte[] head = head(file, 4096);
        if (head.length < SIGNATURE.length || !Arrays.equals(Arrays.copyOf(head, SIGNATURE.length), SIGNATURE)) {
            return false;
        }
        for (int i = SIGNATURE.length; i + MARK.length <= head.length; i++) {
            if (Arrays.equals(head, i, i + MARK.length, MARK, 0, MARK.length)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] head(Path file, int n) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new byte[0];
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + " (to check it is a PNG before replacing it): "
                    + OutputPaths.reason(e), e);
        }
    }

    /** The PNG bytes of an image, with the Software = aevb text chunk. */
    static byte[] encode(BufferedImage image) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG writer in this JDK (javax.imageio)");
        }
        ImageWriter w = writers.next();
        try {
            ImageWriteParam param = w.getDefaultWriteParam();
            IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
            entry.setAttribute("keyword", "Software");
            entry.setAttribute("value", "aevb");
            IIOMetadataNode text = new IIOMetadataNode("tEXt");
            text.appendChild(entry);
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(text);
            meta.mergeTree("javax_imageio_png_1.0", root);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(bytes)) {
                w.setOutput(ios);
                w.write(null, new IIOImage(image, null, meta), param);
            }
            return bytes.toByteArray();
        } finally {
            w.dispose();
        }
    }
}
