package aevb.cli;

import aevb.data.DataSplits;
import aevb.data.Datasets;
import aevb.experiments.SemiSupervised;
import aevb.experiments.SemiSupervisedPaper;
import aevb.tensor.Parallel;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code aevb reproduce semi-supervised --labels 100|600|1000|3000}: Table 1 of Kingma et al.
 * (2014) with the models of {@link SemiSupervised}, kept apart from the figures'
 * {@link ReproduceCommand}, which hands over to {@link #run} and lists {@link #FLAGS} among its own.
 * It shares --epochs and --dataset with iwae-table (their defaults differ: see {@link #run}).
 */
final class SemiSupervisedCommand {
    static final String NAME = "semi-supervised";
    static final long DEFAULT_EPOCHS = 10;
    static final List<Flag> FLAGS = List.of(
            Flag.choice("labels", "100", "semi-supervised: labelled training images, N/10 of each digit"
                    + " (Table 1's N)", "100", "600", "1000", "3000"),
            Flag.real("alpha", "0.1", 0, 1e6, "semi-supervised: the weight of eq. 9's classification term per"
                    + " training image, alpha = this·N (the paper's 0.1)"));
    private static final List<String> OWN = List.of("labels", "alpha");

    private SemiSupervisedCommand() {}

    /** A one-line error when a flag of semi-supervised is given to another experiment. */
    static void rejectOwnFlags(Args a, String figure) throws UsageException {
        for (String f : OWN) {
            if (a.given(f)) {
                throw new UsageException("aevb reproduce: --" + f + " is for semi-supervised only, not " + figure);
            }
        }
    }

    static int run(Args a, PrintStream out, PrintStream err) throws Exception {
        for (String f : List.of("budget", "datasets", "nz", "samples", "aevb-lr", "wake-sleep-lr", "eval-points", "only",
                "list", "merge", "import", "checkpoint-every", "held-out", "minutes", "models", "k", "test-points",
                "stage-test-points")) {
            if (a.given(f)) {
                throw new UsageException("aevb reproduce semi-supervised: --" + f + " does not apply (see --help for"
                        + " --labels, --epochs, --dataset, --hidden, --seed, --threads, --data-dir, --out, --resume)");
            }
        }
        if (a.given("threads")) {
            Parallel.setThreads(a.integer("threads"));
        }
        String dataset = a.get("dataset");
        if (!dataset.equals("mnist") && !dataset.equals("sample")) {
            throw new UsageException("aevb reproduce semi-supervised: --dataset takes mnist or sample, not '" + dataset + "'");
        }
        int labels = Integer.parseInt(a.get("labels"));
        long epochs = a.given("epochs") ? a.longValue("epochs") : DEFAULT_EPOCHS;
        long seed = a.longValue("seed");
        boolean resume = a.toggle("resume");
        Path base = Path.of("runs", "reproduce-" + NAME);
        Path outDir = a.given("out") ? a.path("out") : resume ? base : TrainCommand.freshDir(base);
        if (!resume && Files.exists(outDir.resolve("labels-only"))) {
            throw new UsageException("aevb reproduce semi-supervised: " + outDir + " already holds a run; continue it"
                    + " with --resume, or give another --out");
        }
        SemiSupervised.Config c = SemiSupervised.Config.of(dataset, labels, epochs, seed);
        c = new SemiSupervised.Config(c.dataset(), labels, epochs, seed, a.given("hidden") ? a.integer("hidden") : c.hidden(),
                c.m1Latent(), c.m2Latent(), a.real("alpha"), c.lr(), c.unlabelledBatch(), c.labelledBatch());
        DataSplits data = Datasets.load(dataset, a.path("data-dir"), true, err);
        out.println("data:     " + data.summary());
        out.println("output:   " + outDir);
        out.printf(Locale.ROOT, "semi-supervised: N = %d labels (%d per digit, chosen by seed %d), %d epochs per model,"
                        + " hidden %d, M1 Nz = %d, M2 Nz = %d, alpha = %s·N, Adam %.0e, M_u = %d + M_l = %d per minibatch;"
                        + " error on the %s images%n", labels, labels / 10, seed, epochs, c.hidden(), c.m1Latent(),
                c.m2Latent(), a.get("alpha"), c.lr(), c.unlabelledBatch(), c.labelledBatch(), data.heldOut().name());
        SemiSupervised.Result r = SemiSupervised.run(c, data, SemiSupervised.MODELS, outDir, out);
        Path png = SemiSupervised.analogies(r.m2(), data.heldOut(), 10, outDir.resolve("analogies.png"));
        out.println();
        out.printf(Locale.ROOT, "%-12s %-9s %12s   %-22s%n", "model", "", "error (ours)", "Table 1, N = " + labels);
        for (String m : SemiSupervised.MODELS) {
            SemiSupervisedPaper.Cell p = SemiSupervisedPaper.TABLE1.get(m).get(labels);
            out.printf(Locale.ROOT, "%-12s %-9s %11.2f%%   %s %.2f%s%n", m, "(" + SemiSupervisedPaper.paperName(m) + ")",
                    r.error().get(m), SemiSupervisedPaper.paperName(m), p.error(),
                    Double.isNaN(p.sd()) ? "" : String.format(Locale.ROOT, " (± %.2f)", p.sd()));
        }
        out.println("(ours: M1 is a softmax MLP on the VAE's means, not a TSVM; " + dataset + "'s " + data.heldOut().name()
                + " images; the paper trained for far longer)");
        out.println("analogies: " + png);
        return 0;
    }
}
