package aevb.cli;

import static org.junit.jupiter.api.Assertions.*;

import aevb.run.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * For any content already in a folder (files named like a run's, notes, sub-folders, links that
 * lead nowhere, or the folder itself a file), {@code train --out} into it either refuses with one
 * line, or, only when the folder holds nothing, trains; and every file that was there before is
 * byte-identical afterwards.
 */
class OutFolderProperties {
    static Path base;
    static Path data;
    static final AtomicInteger TRY = new AtomicInteger();

    enum Kind { FILE, EMPTY_FOLDER, FOLDER_WITH_FILE, DANGLING_LINK }

    record Entry(String name, Kind kind, byte[] bytes) {}

    @BeforeContainer
    static void data() throws IOException {
        base = Files.createTempDirectory("aevb-out-props");
        data = CliFixtures.mnistFolder(base.resolve("data"), 40, 10, 5);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var s = Files.walk(base)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<List<Entry>> contents() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of("checkpoint.aevb", "model.aevb", "config.txt", "metrics.csv", "figures", "samples.png",
                        RunFolder.LOCK, "notes.txt", ".hidden", "a b", "ü.txt", "model.aevb.png"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8));
        Arbitrary<Entry> entry = Combinators.combine(names, Arbitraries.of(Kind.class),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64)).as(Entry::new);
        return entry.list().ofMaxSize(4).uniqueElements(Entry::name);
    }

    @Property(tries = 40)
    void trainOutRefusesOrLeavesEveryFileAsItWas(@ForAll("contents") List<Entry> content, @ForAll boolean outIsAFile)
            throws IOException {
        Path root = base.resolve("try-" + TRY.incrementAndGet());
        Path out = root.resolve("out");
        Files.createDirectories(root);
        if (outIsAFile) {
            Files.write(out, content.isEmpty() ? new byte[0] : content.get(0).bytes());
        } else {
            Files.createDirectories(out);
            for (Entry e : content) {
                Path p = out.resolve(e.name());
                switch (e.kind()) {
                    case FILE -> Files.write(p, e.bytes());
                    case EMPTY_FOLDER -> Files.createDirectories(p);
                    case FOLDER_WITH_FILE -> Files.write(Files.createDirectories(p).resolve("inside"), e.bytes());
                    case DANGLING_LINK -> Files.createSymbolicLink(p, root.resolve("missing-" + e.name()));
                }
            }
        }
        Map<String, String> before = CliFixtures.fingerprint(root);
        List<String> argv = new ArrayList<>(List.of("train", "--out", out.toString()));
        argv.addAll(CliFixtures.tinyRun(data));
        CliFixtures.Result r = CliFixtures.run(argv.toArray(String[]::new));
        Map<String, String> after = CliFixtures.fingerprint(root);

        boolean empty = !outIsAFile && content.stream().allMatch(e -> e.name().equals(RunFolder.LOCK) && e.kind() == Kind.FILE);
        if (empty) {
            assertEquals(0, r.code(), () -> "an empty folder takes a new run: " + r.err());
        } else {
            assertNotEquals(0, r.code(), () -> "refused: " + content + " -> " + r.out());
            assertEquals(1, r.errors().size(), r.err());
            assertTrue(r.errors().get(0).contains(out.toString()), r.errors().get(0));
        }
        for (Map.Entry<String, String> e : before.entrySet()) {
            String key = e.getKey();
            if (empty && key.equals("out/" + RunFolder.LOCK)) {
                continue; // the lock file of a run that never started: the new run rewrites the pid in it
            }
            assertEquals(e.getValue(), after.get(key), "byte-identical: " + key);
        }
        if (!empty) {
            assertEquals(before, after, "a refusal adds nothing");
        }
    }
}
