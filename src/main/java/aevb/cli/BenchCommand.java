package aevb.cli;

import aevb.bench.BenchModel;
import aevb.bench.TrainBench;
import aevb.tensor.Parallel;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code aevb bench}: how fast the paper's MNIST model (or {@code --model mnist200|frey}) trains and evaluates here, on generated
 * data (no download): training images/s, ms per step and GFLOP/s on 1 thread and on all threads,
 * evaluation images/s, and the GEMM GFLOP/s at the model's shapes. See {@link TrainBench}.
 */
public final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "training and evaluation throughput of the paper's models, and GEMM GFLOP/s (generated data)";
    }

    @Override
    public List<Flag> flags() {
        return List.of(
                Flag.choice("model", "mnist", "mnist (784-500-20, the paper's), mnist200 (Nz = 200) or frey (560-200-2, Gaussian)",
                        "mnist", "mnist200", "frey"),
                Flag.integer("threads", null, 1, 256, "the 'all threads' count (default: all cores)"),
                Flag.real("seconds", "4", 0.1, 600, "timed seconds per measurement, split in 8 windows"),
                Flag.toggle("json", "print the results as JSON (progress lines still go to stderr)"),
                Flag.toggle("profile", "add the time per kernel of one training step on all threads"),
                Flag.toggle("no-gemm", "skip the GEMM table"),
                Flag.toggle("importance", "add log p(x) by importance sampling with K = 5000 (the IWAE table's estimator)"));
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) {
        TrainBench.Options o = TrainBench.Options.standard()
                .withModel(BenchModel.named(a.get("model")))
                .withThreads(a.given("threads") ? a.integer("threads") : Parallel.threads())
                .withSeconds(a.real("seconds"))
                .withGemm(!a.toggle("no-gemm"))
                .withProfile(a.toggle("profile"))
                .withImportance(a.toggle("importance"));
        TrainBench.Report r = TrainBench.run(o, err);
        out.print(a.toggle("json") ? TrainBench.json(r) : TrainBench.text(r));
        return 0;
    }
}
