package aevb.cli;

import aevb.bench.TrainBench;
import aevb.tensor.Parallel;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code aevb bench}: how fast the paper's MNIST model trains and evaluates here, on generated
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
        return "training and evaluation throughput of the paper's MNIST model, and GEMM GFLOP/s (generated data)";
    }

    @Override
    public List<Flag> flags() {
        return List.of(
                Flag.integer("threads", null, 1, 256, "the 'all threads' count (default: all cores)"),
                Flag.real("seconds", "4", 0.1, 600, "timed seconds per measurement, split in 8 windows"),
                Flag.toggle("json", "print the results as JSON (progress lines still go to stderr)"),
                Flag.toggle("profile", "add the time per kernel of one training step on all threads"),
                Flag.toggle("no-gemm", "skip the GEMM table"));
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) {
        TrainBench.Options o = TrainBench.Options.standard()
                .withThreads(a.given("threads") ? a.integer("threads") : Parallel.threads())
                .withSeconds(a.real("seconds"))
                .withGemm(!a.toggle("no-gemm"))
                .withProfile(a.toggle("profile"));
        TrainBench.Report r = TrainBench.run(o, err);
        out.print(a.toggle("json") ? TrainBench.json(r) : TrainBench.text(r));
        return 0;
    }
}
