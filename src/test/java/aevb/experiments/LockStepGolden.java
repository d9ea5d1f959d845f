package aevb.experiments;

import aevb.tensor.Simd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The rows the curve jobs give for the tiny Figures 2 and 3, computed at the vector width the
 * golden files {@code figure2-lockstep.csv} and {@code figure3-lockstep.csv} were written at: 256
 * bits (8 float lanes; the lock-step trainers of commit 5bd4684 ran on AVX2). A sum across lanes
 * depends on how many lanes there are, so the same code gives other last bits at 512 bits (AVX-512)
 * or 128; on such a machine the rows are computed in a child JVM with
 * {@code -Daevb.vector.bits=256}, which every x86-64 JDK with AVX2 runs natively. Arguments of
 * the child's {@link #main}: figure2|figure3, the output folder; it prints the CSV's path last.
 */
public final class LockStepGolden {
    /** The lanes the golden files were written with. */
    static final int GOLDEN_LANES = 8;

    private LockStepGolden() {}

    /** The jobs' rows of figure2 or figure3 (the CSV with its header), at the golden files' width. */
    static List<String> rows(String figure, Path out) throws IOException {
        if (Simd.L == GOLDEN_LANES) {
            return Files.readAllLines(run(figure, out));
        }
        Path log = out.resolveSibling(out.getFileName() + ".log");
        Files.createDirectories(out.getParent());
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-Daevb.vector.bits=256", "-cp", System.getProperty("java.class.path"),
                LockStepGolden.class.getName(), figure, out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("the 256-bit child run failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        List<String> lines = Files.readAllLines(log);
        return Files.readAllLines(Path.of(lines.getLast().strip()));
    }

    /** Runs every curve of the tiny figure as a job and merges them; returns the merged CSV. */
    static Path run(String figure, Path out) throws IOException {
        if (figure.equals("figure2")) {
            Figure2.Config cfg = Figure2Test.tiny(out);
            for (String id : Figure2.curveIds(cfg)) {
                Figure2.runCurve(cfg, id, 0, Figure2Test.QUIET);
            }
            return Figure2.merge(cfg, List.of(), Figure2Test.QUIET).csv();
        }
        return Figure3.run(Figure3JobsTest.first(out), Figure3Test.QUIET).csv();
    }

    public static void main(String[] args) throws IOException {
        if (Simd.L != GOLDEN_LANES) {
            throw new IllegalStateException("expected " + GOLDEN_LANES + " lanes, got " + Simd.L);
        }
        System.out.println(run(args[0], Path.of(args[1])));
    }
}
