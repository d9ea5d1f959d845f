package aevb.cli;

import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.experiments.IwaeRun;
import aevb.experiments.IwaeSchedule;
import aevb.experiments.IwaeTable;
import aevb.tensor.Parallel;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code aevb reproduce iwae-table}: the flags and the call of {@link IwaeTable}, kept apart
 * from the figures' {@link ReproduceCommand}, which hands over to {@link #run} and lists
 * {@link #FLAGS} among its own.
 */
final class IwaeTableCommand {
    static final String NAME = "iwae-table";
    static final List<Flag> FLAGS = List.of(
            Flag.real("minutes", null, 0, 1e7, "iwae-table: stop after this many minutes with a checkpoint (a slice"
                    + " of the long run); --resume continues it"),
            Flag.text("models", "LIST", "iwae,kingma", "iwae-table: iwae (784-200-200-50, IWAE Table 1) and/or kingma"
                    + " (784-500-20), comma-separated"),
            Flag.integer("epochs", Long.toString(IwaeSchedule.totalEpochs()), 1, IwaeSchedule.totalEpochs(),
                    "iwae-table: epochs per model (the schedule's 3280; fewer for a partial run); semi-supervised: passes over"
                    + " the training images per model (default " + SemiSupervisedCommand.DEFAULT_EPOCHS + ")"),
            Flag.integer("k", "5000", 1, 1_000_000, "iwae-table: importance samples per test image (the paper's 5000)"),
            Flag.integer("test-points", "10000", 1, 1_000_000, "iwae-table: test images scored after the last epoch"
                    + " (the first ones; 10000 = all of MNIST's)"),
            Flag.integer("stage-test-points", "1000", 1, 1_000_000, "iwae-table: test images scored at the stage"
                    + " ends before the last epoch (at most --test-points)"),
            Flag.text("dataset", "NAME", "mnist", "iwae-table, rate-distortion and semi-supervised: mnist, or sample (the embedded subset, for a try-out)"));
    private static final List<String> OWN = List.of("minutes", "models", "epochs", "k", "test-points", "stage-test-points", "dataset");

    private IwaeTableCommand() {}

    /** A one-line error when a flag of iwae-table is given to a figure. */
    static void rejectOwnFlags(Args a, String figure) throws UsageException {
        for (String f : OWN) {
            if (a.given(f)) {
                String also = f.equals("dataset") ? ", rate-distortion and semi-supervised"
                        : f.equals("epochs") ? " and semi-supervised" : "";
                throw new UsageException("aevb reproduce: --" + f + " is for iwae-table" + also + " only, not " + figure);
            }
        }
    }

    static int run(Args a, PrintStream out, PrintStream err) throws Exception {
        for (String f : List.of("budget", "datasets", "nz", "samples", "hidden", "aevb-lr", "wake-sleep-lr", "eval-points",
                "only", "list", "merge", "import", "checkpoint-every", "held-out", "labels", "alpha")) {
            if (a.given(f)) {
                throw new UsageException("aevb reproduce iwae-table: --" + f + " does not apply (the protocol fixes it;"
                        + " see --help for --epochs, --k, --test-points, --models)");
            }
        }
        if (a.given("threads")) {
            Parallel.setThreads(a.integer("threads"));
        }
        List<IwaeRun.Architecture> archs = new ArrayList<>();
        for (String m : ReproduceCommand.split(a.get("models"))) {
            try {
                IwaeRun.Architecture arch = IwaeRun.Architecture.parse(m);
                if (archs.contains(arch)) {
                    throw new UsageException("aevb reproduce iwae-table: --models lists '" + m + "' twice");
                }
                archs.add(arch);
            } catch (IllegalArgumentException e) {
                throw new UsageException("aevb reproduce iwae-table: --models: " + e.getMessage());
            }
        }
        String dataset = a.get("dataset");
        if (!dataset.equals("mnist") && !dataset.equals("sample")) {
            throw new UsageException("aevb reproduce iwae-table: --dataset takes mnist or sample, not '" + dataset + "'");
        }
        Path dataDir = a.path("data-dir");
        boolean resume = a.toggle("resume");
        Path base = Path.of("runs", "reproduce-" + NAME);
        Path outDir = a.given("out") ? a.path("out") : resume ? base : TrainCommand.freshDir(base);
        if (!resume && java.nio.file.Files.exists(outDir.resolve(archs.getFirst().folder()))) {
            throw new UsageException("aevb reproduce iwae-table: " + outDir + " already holds a run; continue it with"
                    + " --resume, or give another --out");
        }
        DataSplits data = Datasets.load(dataset, dataDir, true, err);
        long seed = a.longValue("seed");
        List<IwaeRun.Config> configs = new ArrayList<>();
        for (IwaeRun.Architecture arch : archs) {
            configs.add(new IwaeRun.Config(arch, dataset, dataDir == null ? null : dataDir.toString(), seed,
                    a.longValue("epochs"), a.integer("k"), a.integer("test-points"), a.integer("stage-test-points"), 500, 60));
        }
        out.println("data:     " + data.summary());
        out.println("output:   " + outDir);
        out.printf(Locale.ROOT, "iwae-table: %s; VAE objective (k = 1), dynamic binarisation, M = %d, Adam (0.9, 0.999,"
                        + " ε = 1e-4), 3^i epochs at 0.001·10^(-i/7); %d epochs per model; K = %d on %d test images"
                        + " at the end, on %d at the stage ends before; seed %d%n",
                String.join(", ", archs.stream().map(x -> x.shape).toList()), IwaeRun.BATCH, a.longValue("epochs"),
                a.integer("k"), a.integer("test-points"), Math.min(a.integer("stage-test-points"), a.integer("test-points")),
                seed);
        double minutes = a.given("minutes") ? a.real("minutes") : 0;
        boolean done = IwaeTable.run(configs, data, outDir, minutes, out);
        out.println();
        IwaeTable.print(outDir, out);
        out.println();
        out.println(done ? "finished:  every model is trained and scored (" + outDir.resolve(IwaeTable.FINISHED) + ")"
                : "stopped:   the slice is over; continue with --resume --out " + outDir);
        return 0;
    }
}
