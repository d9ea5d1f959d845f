package aevb.experiments;

import java.nio.file.Path;
import java.util.List;

/**
 * A child JVM's main for the curve-job tests: runs one curve of a Figure 2 on generated data
 * (what {@code reproduce figure2 --only} does with real data). Arguments: out, curve id,
 * training samples, checkpoint seconds.
 */
public final class Figure2JobMain {
    private Figure2JobMain() {}

    static Figure2.Config config(Path out, long samples) {
        return Figure2.Config.forBudget(Budget.QUICK,
                List.of(new Figure2.Row(ExperimentFixtures.digitsSetting(), List.of(2))), 5, out)
                .withSamples(samples).withEvalPoints(40);
    }

    public static void main(String[] args) throws Exception {
        Figure2.runCurve(config(Path.of(args[0]), Long.parseLong(args[2])), args[1], Double.parseDouble(args[3]),
                System.out);
    }
}
