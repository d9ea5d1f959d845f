package aevb.cli;

import static org.junit.jupiter.api.Assertions.*;

import aevb.data.Idx;
import aevb.run.RunFolder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The safety contract, case by case: a careless or hostile command line (bad files, crafted
 * checkpoints, occupied or odd output folders, flags that would not fit in memory) gets its exit
 * code, one line that names the file or flag, no stack trace, and leaves every file that was
 * there before byte-identical (the whole fixture folder is fingerprinted before and after).
 */
class MisuseTest {
    @TempDir
    static Path root;
    static RunFolder heldLock, heldRunLock;
    static String oldHeap;

    /** One misuse: argv ({T} is the fixture root), the exit code, and a fragment the message must hold. */
    record Case(String name, String[] argv, int code, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, int code, String expected, String... argv) {
        return new Case(name, argv, code, expected);
    }

    @BeforeAll
    static void fixtures() throws Exception {
        oldHeap = System.getProperty("aevb.heapBytes");
        System.setProperty("aevb.heapBytes", Long.toString(128L << 20)); // the memory refusals, without starving the JVM
        Path gen = CliFixtures.mnistFolder(root.resolve("gen"), 100, 20, 1);
        List<String> argv = new ArrayList<>(List.of("train", "--out", root.resolve("run").toString()));
        argv.addAll(CliFixtures.tinyRun(gen));
        CliFixtures.Result r = CliFixtures.run(argv.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        Path run = root.resolve("run"), ck = root.resolve("ck");

        Files.createDirectories(root.resolve("notes"));
        Files.writeString(root.resolve("notes/notes.txt"), "my notes\n");
        Path old = Files.createDirectories(root.resolve("oldrun/figures"));
        for (String f : List.of("model.aevb", "config.txt", "metrics.csv")) {
            Files.copy(run.resolve(f), root.resolve("oldrun").resolve(f));
        }
        Files.writeString(old.resolve("samples.png"), "not really a png");
        Files.writeString(root.resolve("afile"), "a file\n");
        Files.createSymbolicLink(root.resolve("dangling"), root.resolve("nowhere"));
        Files.createSymbolicLink(root.resolve("loopA"), root.resolve("loopB"));
        Files.createSymbolicLink(root.resolve("loopB"), root.resolve("loopA"));
        Files.createDirectories(root.resolve("pics/manifold.png"));
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", root.resolve("pics/photo.png").toFile());
        Files.writeString(root.resolve("pics/fake.png"), "a text file with a .png name\n");

        Path model = run.resolve("checkpoint.aevb");
        Map<String, Map<String, String>> crafted = Map.ofEntries(
                Map.entry("batch0", Map.of("run.batch", "0")),
                Map.entry("logEvery0", Map.of("run.logEvery", "0")),
                Map.entry("negstep", Map.of("state.step", "-5")),
                Map.entry("negeval", Map.of("run.evalPoints", "-1")),
                Map.entry("hidden2m", Map.of("model.hidden", "2000000")),
                Map.entry("hidden5000", Map.of("model.hidden", "5000")),
                Map.entry("estC", Map.of("run.estimator", "C")),
                Map.entry("betaNeg", Map.of("run.estimator", "B(beta=-1.0)")),
                Map.entry("optSgd", Map.of("run.optimizer", "sgd", "optimizer.name", "sgd")),
                Map.entry("dimAbc", Map.of("model.dataDim", "abc")),
                Map.entry("lrNaN", Map.of("run.learningRate", "NaN")),
                Map.entry("noformat", Map.of("format", "something-else")),
                Map.entry("budgetHuge", Map.of("run.budget", "9223372036854775807")),
                Map.entry("seenWrong", Map.of("state.samplesSeen", "7")),
                Map.entry("decoderX", Map.of("model.decoder", "poisson")),
                Map.entry("shapeWrong", Map.of("extra.data.height", "7")));
        for (var e : crafted.entrySet()) {
            CliFixtures.craft(model, ck.resolve(e.getKey() + ".aevb"), e.getValue());
        }
        Files.writeString(ck.resolve("text.aevb"), "hello\n");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(ck.resolve("trunc.aevb"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 1;
        Files.write(ck.resolve("crc.aevb"), flipped);
        Files.createSymbolicLink(ck.resolve("dangling.aevb"), ck.resolve("gone.aevb"));
        Files.createDirectories(root.resolve("resumebad"));
        CliFixtures.craft(model, root.resolve("resumebad/checkpoint.aevb"), Map.of("run.batch", "0"));

        Files.createDirectories(root.resolve("locked"));
        heldLock = RunFolder.claimNew(root.resolve("locked"), "--out");
        copyRun(run, root.resolve("lockedrun"));
        heldRunLock = RunFolder.claimExisting(root.resolve("lockedrun"), "--resume");

        Files.createDirectories(root.resolve("ckfolder/checkpoint.aevb"));
        copyRun(run, root.resolve("metricsfolder"));
        Files.delete(root.resolve("metricsfolder/metrics.csv"));
        Files.createDirectories(root.resolve("metricsfolder/metrics.csv"));
        Files.writeString(root.resolve("metricsfolder").resolve(RunFolder.LOCK), "1\n"); // as a finished run leaves it

        Path bad = Files.createDirectories(root.resolve("baddata"));
        for (String f : List.of("train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            Files.copy(gen.resolve(f), bad.resolve(f));
        }
        Files.createDirectories(bad.resolve("train-images-idx3-ubyte"));
        Path loop = Files.createDirectories(root.resolve("loopdata"));
        for (String f : List.of("train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
            Files.copy(gen.resolve(f), loop.resolve(f));
        }
        Files.createSymbolicLink(loop.resolve("train-images-idx3-ubyte.gz"), loop.resolve("train-images-idx3-ubyte.gz"));
        // a valid IDX of 4 images of 4096x4096 (64 MiB of pixels, 5 times that once read as floats)
        Path big = Files.createDirectories(root.resolve("bigdata"));
        Idx.writeImages(big.resolve("train-images-idx3-ubyte.gz"), 4, 4096, 4096, new byte[4 * 4096 * 4096]);
        Idx.writeLabels(big.resolve("train-labels-idx1-ubyte.gz"), new byte[4]);
        Files.copy(gen.resolve("t10k-images-idx3-ubyte.gz"), big.resolve("t10k-images-idx3-ubyte.gz"));
        Files.copy(gen.resolve("t10k-labels-idx1-ubyte.gz"), big.resolve("t10k-labels-idx1-ubyte.gz"));
    }

    static void copyRun(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String f : List.of("checkpoint.aevb", "model.aevb", "config.txt", "metrics.csv")) {
            Files.copy(from.resolve(f), to.resolve(f));
        }
    }

    @AfterAll
    static void release() throws IOException {
        heldLock.close();
        heldRunLock.close();
        if (oldHeap == null) {
            System.clearProperty("aevb.heapBytes");
        } else {
            System.setProperty("aevb.heapBytes", oldHeap);
        }
    }

    static String[] train(String... more) {
        return trainOn("{T}/gen", more);
    }

    static String[] trainOn(String data, String... more) {
        List<String> a = new ArrayList<>(List.of("train"));
        a.addAll(List.of(more));
        a.addAll(List.of("--dataset", "mnist", "--data-dir", data, "--hidden", "8", "--latent", "2", "--batch", "10",
                "--epochs", "1", "--eval-points", "20", "--threads", "1", "--no-figures"));
        return a.toArray(String[]::new);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // output folders: a new run never goes into a folder with anything in it
                c("new run into a folder of notes", 1, "--out {T}/notes is not empty (it holds notes.txt)", train("--out", "{T}/notes")),
                c("new run into a finished run whose checkpoint was deleted", 1, "--out {T}/oldrun is not empty", train("--out", "{T}/oldrun")),
                c("new run into a run folder", 1, "{T}/run already holds a run", train("--out", "{T}/run")),
                c("new run into a file", 1, "--out {T}/afile is a file, not a folder", train("--out", "{T}/afile")),
                c("new run below a file", 1, "{T}/afile is a file, not a folder", train("--out", "{T}/afile/sub")),
                c("new run under /proc", 1, "--out /proc/aevb-run is under /proc", train("--out", "/proc/aevb-run")),
                c("new run under /sys", 1, "--out /sys/aevb-run is under /sys", train("--out", "/sys/aevb-run")),
                c("new run into a dangling link", 1, "--out {T}/dangling is a symbolic link that leads nowhere", train("--out", "{T}/dangling")),
                c("new run into a link loop", 1, "--out {T}/loopA is a symbolic link that leads nowhere", train("--out", "{T}/loopA")),
                c("new run into a folder another process trains in", 1, "--out {T}/locked is in use by another aevb process (pid", train("--out", "{T}/locked")),
                c("resume of a run another process trains", 1, "--resume {T}/lockedrun is in use by another aevb process (pid", "train", "--resume", "{T}/lockedrun"),
                c("resume of a folder without a checkpoint", 2, "--resume {T}/notes holds no checkpoint.aevb", "train", "--resume", "{T}/notes"),
                c("resume of a file", 2, "--resume {T}/afile holds no checkpoint.aevb", "train", "--resume", "{T}/afile"),
                c("resume of a crafted checkpoint (batch 0)", 1, "{T}/resumebad/checkpoint.aevb: header entry 'run.batch' is '0'", "train", "--resume", "{T}/resumebad"),
                // figures: never over anything that is not a PNG aevb wrote
                c("sample over a PNG aevb did not write", 1, "--out {T}/pics/photo.png exists and is not a figure aevb wrote", "sample", "--checkpoint", "{T}/run", "--out", "{T}/pics/photo.png"),
                c("sample over a text file named .png", 1, "--out {T}/pics/fake.png exists and is not a figure aevb wrote", "sample", "--checkpoint", "{T}/run", "--out", "{T}/pics/fake.png"),
                c("sample to a name without .png whose .png is not aevb's", 1, "--out {T}/pics/photo.png exists and is not a figure aevb wrote", "sample", "--checkpoint", "{T}/run", "--out", "{T}/pics/photo"),
                c("reconstruct over an old run's non-PNG figure", 1, "--out {T}/oldrun/figures/samples.png exists and is not a figure", "reconstruct", "--checkpoint", "{T}/run", "--out", "{T}/oldrun/figures/samples.png", "--data-dir", "{T}/gen"),
                c("sample under /proc", 1, "--out /proc/x.png is under /proc", "sample", "--checkpoint", "{T}/run", "--out", "/proc/x.png"),
                c("sample below a file", 1, "{T}/afile is a file, not a folder", "sample", "--checkpoint", "{T}/run", "--out", "{T}/afile/x.png"),
                c("manifold with --dim-x alone", 2, "give both --dim-x and --dim-y", "manifold", "--checkpoint", "{T}/run", "--dim-x", "1"),
                c("manifold with one dimension twice", 2, "--dim-x and --dim-y must differ", "manifold", "--checkpoint", "{T}/run", "--dim-x", "2", "--dim-y", "2"),
                c("manifold beyond Nz", 2, "--dim-x/--dim-y must be from 1 to 2", "manifold", "--checkpoint", "{T}/run", "--dim-x", "1", "--dim-y", "3", "--out", "{T}/m.png"),
                // checkpoints are untrusted input
                c("checkpoint folder without a checkpoint", 2, "--checkpoint {T}/notes is a folder that holds neither", "sample", "--checkpoint", "{T}/notes"),
                c("checkpoint that is a text file", 1, "{T}/ck/text.aevb: is not an aevb checkpoint", "evaluate", "--checkpoint", "{T}/ck/text.aevb"),
                c("truncated checkpoint", 1, "{T}/ck/trunc.aevb: truncated", "evaluate", "--checkpoint", "{T}/ck/trunc.aevb"),
                c("checkpoint with a flipped bit", 1, "{T}/ck/crc.aevb: corrupt: CRC32", "sample", "--checkpoint", "{T}/ck/crc.aevb"),
                c("checkpoint link that leads nowhere", 2, "--checkpoint {T}/ck/dangling.aevb is a symbolic link that leads nowhere", "sample", "--checkpoint", "{T}/ck/dangling.aevb"),
                c("crafted: batch 0", 1, "{T}/ck/batch0.aevb: header entry 'run.batch' is '0'; allowed: an integer from 1", "evaluate", "--checkpoint", "{T}/ck/batch0.aevb"),
                c("crafted: log interval 0", 1, "{T}/ck/logEvery0.aevb: header entry 'run.logEvery' is '0'", "sample", "--checkpoint", "{T}/ck/logEvery0.aevb"),
                c("crafted: negative step", 1, "{T}/ck/negstep.aevb: header entry 'state.step' is '-5'", "sample", "--checkpoint", "{T}/ck/negstep.aevb"),
                c("crafted: negative evaluation count", 1, "{T}/ck/negeval.aevb: header entry 'run.evalPoints' is '-1'", "sample", "--checkpoint", "{T}/ck/negeval.aevb"),
                c("crafted: hidden = 2,000,000", 1, "{T}/ck/hidden2m.aevb: header entry 'model.hidden' is '2000000'; allowed: an integer from 1 to 100000", "sample", "--checkpoint", "{T}/ck/hidden2m.aevb"),
                c("crafted: hidden = 5000, arrays of 8", 1, "{T}/ck/hidden5000.aevb: the header describes a model of D = 784, 5000 hidden", "manifold", "--checkpoint", "{T}/ck/hidden5000.aevb"),
                c("crafted: unknown estimator", 1, "{T}/ck/estC.aevb: header entry 'run.estimator' is 'C'; allowed: A, B or B(beta=X)", "evaluate", "--checkpoint", "{T}/ck/estC.aevb"),
                c("crafted: negative beta", 1, "{T}/ck/betaNeg.aevb: header entry 'run.estimator' is 'B(beta=-1.0)'", "evaluate", "--checkpoint", "{T}/ck/betaNeg.aevb"),
                // β-VAE's flag (issue 20)
                c("--beta 0", 2, "--beta expects a number greater than 0", train("--beta", "0")),
                c("--beta with estimator A", 2, "--beta weights the analytic KL of estimator B", train("--beta", "4", "--estimator", "A")),
                c("--beta on a resumed run", 2, "--beta cannot change a resumed run", "train", "--resume", "{T}/run", "--beta", "2"),
                c("crafted: unknown optimiser", 1, "{T}/ck/optSgd.aevb: header entry 'run.optimizer' is 'sgd'; allowed: one of adagrad, adam", "sample", "--checkpoint", "{T}/ck/optSgd.aevb"),
                c("crafted: non-numeric data dimension", 1, "{T}/ck/dimAbc.aevb: header entry 'model.dataDim' is 'abc'", "sample", "--checkpoint", "{T}/ck/dimAbc.aevb"),
                c("crafted: learning rate NaN", 1, "{T}/ck/lrNaN.aevb: header entry 'run.learningRate' is 'NaN'", "sample", "--checkpoint", "{T}/ck/lrNaN.aevb"),
                c("crafted: budget beyond 2^62", 1, "{T}/ck/budgetHuge.aevb: header entry 'run.budget'", "sample", "--checkpoint", "{T}/ck/budgetHuge.aevb"),
                c("crafted: samples seen disagree with the step", 1, "{T}/ck/seenWrong.aevb: header entry 'state.samplesSeen' is '7'", "sample", "--checkpoint", "{T}/ck/seenWrong.aevb"),
                c("crafted: unknown decoder", 1, "{T}/ck/decoderX.aevb: header entry 'model.decoder' is 'poisson'", "sample", "--checkpoint", "{T}/ck/decoderX.aevb"),
                c("crafted: image shape that is not D", 1, "{T}/ck/shapeWrong.aevb: header entry 'extra.data.width'", "sample", "--checkpoint", "{T}/ck/shapeWrong.aevb"),
                c("another checkpoint format", 1, "{T}/ck/noformat.aevb: not an aevb training checkpoint", "sample", "--checkpoint", "{T}/ck/noformat.aevb"),
                // data files
                c("a folder where a data file should be", 1, "{T}/baddata/train-images-idx3-ubyte: is a folder, not a data file", trainOn("{T}/baddata", "--out", "{T}/new1")),
                c("a link loop where a data file should be", 1, "{T}/loopdata/train-images-idx3-ubyte.gz: is a symbolic link that leads nowhere (or loops)", trainOn("{T}/loopdata", "--out", "{T}/new2")),
                c("--data-dir of no known data set, no --dataset", 2, "--data-dir {T}/notes holds the files of no data set aevb knows; add --dataset", "train", "--data-dir", "{T}/notes", "--out", "{T}/new3"),
                c("--data-dir that does not exist, no --dataset", 2, "--data-dir {T}/nothere does not exist", "train", "--data-dir", "{T}/nothere"),
                c("a valid IDX too large for the heap", 1, "{T}/bigdata/train-images-idx3-ubyte.gz (4 images of 4096x4096", trainOn("{T}/bigdata", "--out", "{T}/new4")),
                // resources: valid flags that would not fit
                c("--L 1000 --batch 100 does not fit", 1, "training with --L 1000 --batch 100 (100,000 rows of activations)", "train", "--out", "{T}/new5", "--dataset", "mnist", "--data-dir", "{T}/gen", "--L", "1000", "--batch", "100", "--hidden", "8", "--threads", "1"),
                c("evaluate --L 10000 does not fit", 1, "evaluating 20 points with --L 10000", "evaluate", "--checkpoint", "{T}/run", "--L", "10000"),
                c("evaluate of one point", 2, "--points expects an integer from 2", "evaluate", "--checkpoint", "{T}/run", "--points", "1"),
                // flags (issue 16's items live here too)
                c("misspelt flag", 2, "unknown flag --latnet; did you mean --latent?", "train", "--latnet", "2"),
                c("single-dash flag", 2, "unknown option -batch; did you mean --batch?", "train", "-batch", "10"),
                c("--samples-per-point is --L", 2, "--L expects an integer from 1 to 1000, got '0'", "train", "--samples-per-point", "0"),
                c("--L and its alias both", 2, "--L is given twice", "train", "--L", "1", "--samples-per-point", "2"),
                c("a path that is not valid UTF-8", 2, "--out is a path whose bytes are not valid UTF-8", "train", "--out", "{T}/caf\uFFFD"),
                c("checkpoint that is a device", 1, "/dev/null: is not a regular file", "evaluate", "--checkpoint", "/dev/null"),
                c("figure to /dev/null", 1, "--out /dev/null.png is under /dev", "sample", "--checkpoint", "{T}/run", "--out", "/dev/null"),
                c("an empty --out", 2, "--out expects a value", "train", "--out", ""),
                c("resume where checkpoint.aevb is a folder", 1, "{T}/ckfolder/checkpoint.aevb: is not a regular file", "train", "--resume", "{T}/ckfolder"),
                c("resume where metrics.csv is a folder", 1, "{T}/metricsfolder/metrics.csv is not a file (a folder is in the way)", "train", "--resume", "{T}/metricsfolder", "--no-figures"),
                c("data folder under /proc", 1, "--data-dir /proc is under /proc", "train", "--dataset", "mnist", "--data-dir", "/proc", "--out", "{T}/new6"),
                c("download into /proc", 1, "--data-dir /proc/aevb is under /proc", "download", "mnist", "--data-dir", "/proc/aevb"),
                c("misspelt command", 2, "unknown command 'evalute'; did you mean evaluate?", "evalute"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithOneNamedLineAndNothingChanged(Case k) {
        String t = root.toString();
        String[] argv = Stream.of(k.argv()).map(a -> a.replace("{T}", t)).toArray(String[]::new);
        String expected = k.expected().replace("{T}", t);
        Map<String, String> before = CliFixtures.fingerprint(root);
        CliFixtures.Result r = CliFixtures.run(argv);
        Map<String, String> after = CliFixtures.fingerprint(root);
        String all = r.err();
        assertEquals(k.code(), r.code(), () -> "exit code of " + String.join(" ", argv) + "; stderr: " + all);
        assertEquals(1, r.errors().size(), () -> "one line (warnings aside): " + all);
        String line = r.errors().get(0);
        System.out.println("misuse: " + k.name() + " -> exit " + r.code() + ": " + line.replace(t, "{T}"));
        assertTrue(line.contains(expected), () -> "expected '" + expected + "' in: " + line);
        assertTrue(line.startsWith("aevb"), line);
        assertFalse(all.contains("\tat ") || all.contains("Exception") || all.contains("java.lang."), () -> "a stack trace or a raw exception: " + all);
        assertEquals(before, after, "every file present before is byte-identical after, and nothing was added");
    }

    @Test
    void atLeastFortyCases() {
        assertTrue(cases().count() >= 40);
    }

    @Test
    void aFigureNamedAfterTheModelGetsItsOwnPngAndTheModelIsKept() throws IOException {
        Path run = root.resolve("run");
        String model = CliFixtures.sha256(Files.readAllBytes(run.resolve("model.aevb")));
        CliFixtures.Result r = CliFixtures.run("sample", "--checkpoint", run.toString(), "--out",
                run.resolve("model.aevb").toString(), "--count", "4");
        assertEquals(0, r.code(), r.err());
        assertEquals(model, CliFixtures.sha256(Files.readAllBytes(run.resolve("model.aevb"))));
        assertTrue(r.out().contains("model.aevb.png"), r.out());
        // drawn again over its own PNG: allowed
        assertEquals(0, CliFixtures.run("sample", "--checkpoint", run.toString(), "--out",
                run.resolve("model.aevb.png").toString(), "--count", "4").code());
        Files.delete(run.resolve("model.aevb.png"));
    }

    @Test
    void versionAndAliasInHelp() {
        CliFixtures.Result v = CliFixtures.run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("aevb "), v.out());
        assertTrue(CliFixtures.run("train", "--help").out().contains("--L, --samples-per-point N"));
    }

    @Test
    void resumeUsesTheDataWhereTheyMovedAndWarnsWhenTheyDiffer() throws IOException {
        Path run = root.resolve("movedrun"), moved = root.resolve("gen-moved");
        copyRun(root.resolve("run"), run);
        Files.createDirectories(moved);
        try (var s = Files.list(root.resolve("gen"))) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Files.copy(f, moved.resolve(f.getFileName()));
            }
        }
        CliFixtures.Result r = CliFixtures.run("train", "--resume", run.toString(), "--data-dir", moved.toString(),
                "--epochs", "2", "--no-figures");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("differs"), r.err());
        assertEquals(moved.toString(), aevb.run.TrainingRun.configOf(run).dataDir(), "the checkpoint records the new folder");
        assertTrue(Files.readString(run.resolve("config.txt")).contains("run.dataDir = " + moved), "and config.txt too");

        Path other = CliFixtures.mnistFolder(root.resolve("gen-other"), 100, 20, 99);
        CliFixtures.Result e = CliFixtures.run("evaluate", "--checkpoint", run.toString(), "--data-dir", other.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.err().contains("warning: " + other.resolve("train-images-idx3-ubyte.gz") + " differs from the"
                + " train-images-idx3-ubyte that " + run.resolve("model.aevb") + " was trained on (sha256 "), e.err());
        CliFixtures.Result w = CliFixtures.run("train", "--resume", run.toString(), "--data-dir", other.toString(),
                "--epochs", "3", "--no-figures");
        assertEquals(0, w.code(), w.err());
        assertTrue(w.err().contains("warning: " + other.resolve("t10k-images-idx3-ubyte.gz") + " differs"), w.err());
    }

    @Test
    void figuresUseTheDataSetsOwnImageShape() throws IOException {
        Path data = CliFixtures.mnistFolder(root.resolve("gen-16x12"), 60, 20, 4, 16, 12);
        Path run = root.resolve("run-16x12");
        List<String> argv = new ArrayList<>(List.of("train", "--out", run.toString()));
        argv.addAll(CliFixtures.tinyRun(data));
        assertEquals(0, CliFixtures.run(argv.toArray(String[]::new)).code());
        aevb.io.Checkpoint c = aevb.run.ModelCheckpoint.load(run.resolve("model.aevb"));
        assertArrayEquals(new int[] {16, 12}, aevb.run.DataRecord.imageShape(c, aevb.run.RunConfig.fromCheckpoint(c)));
        // 4 samples drawn 2x2 at scale 2 under the same title: tiles of 16 rows, not 28
        Path png = root.resolve("pics16.png");
        assertEquals(0, CliFixtures.run("sample", "--checkpoint", run.toString(), "--count", "4", "--out", png.toString()).code());
        BufferedImage im = ImageIO.read(png.toFile());
        Path ref = root.resolve("pics28.png");
        assertEquals(0, CliFixtures.run("sample", "--checkpoint", root.resolve("run").toString(), "--count", "4",
                "--out", ref.toString()).code());
        BufferedImage im28 = ImageIO.read(ref.toFile());
        assertEquals(2 * (28 - 16) * 2, im28.getHeight() - im.getHeight(), "two rows of tiles, each 12 px lower at scale 2");
    }

    @Test
    void theDataSetIsTheOneWhoseFilesAreInDataDir() {
        Path out = root.resolve("inferred");
        CliFixtures.Result r = CliFixtures.run("train", "--data-dir", root.resolve("gen").toString(), "--out", out.toString(),
                "--hidden", "8", "--latent", "2", "--batch", "10", "--epochs", "1", "--eval-points", "20",
                "--threads", "1", "--no-figures");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("data set: mnist (its files are in " + root.resolve("gen") + ")"), r.out());
    }

    @Test
    void metricsWithBytesThatAreNotUtf8DoNotStopAResume() throws IOException {
        Path run = root.resolve("utf8run");
        copyRun(root.resolve("run"), run);
        byte[] m = Files.readAllBytes(run.resolve("metrics.csv"));
        byte[] bad = new byte[m.length + 6];
        System.arraycopy(m, 0, bad, 0, m.length);
        System.arraycopy(new byte[] {'9', '9', (byte) 0xff, ',', (byte) 0xfe, '\n'}, 0, bad, m.length, 6);
        Files.write(run.resolve("metrics.csv"), bad);
        CliFixtures.Result r = CliFixtures.run("train", "--resume", run.toString(), "--epochs", "2", "--no-figures");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(run.resolve("config.txt"), StandardCharsets.UTF_8).contains("resumed at step 10"),
                "config.txt is rewritten on resume");
    }
}
