package aevb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aevb.experiments.SemiSupervisedPaper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code aevb reproduce semi-supervised}: misuse gives one line and exit code 2; the paper's
 * numbers the command prints are the CSV's in docs/paper.
 */
class SemiSupervisedCommandTest {

    record Run(int code, String out, String err) {}

    static Run run(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(argv, o, e);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void misuseIsOneClearLine() {
        for (List<String> args : List.of(
                List.of("reproduce", "semi-supervised", "--labels", "50"),
                List.of("reproduce", "semi-supervised", "--budget", "long"),
                List.of("reproduce", "semi-supervised", "--dataset", "frey"),
                List.of("reproduce", "figure4", "--labels", "600"),
                List.of("reproduce", "iwae-table", "--labels", "600"))) {
            Run r = run(args.toArray(String[]::new));
            assertEquals(2, r.code(), args + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), args + ": " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertTrue(run("reproduce", "semi-supervised", "--labels", "50").err().contains("--labels"));
    }

    /** A finished run continued with --resume trains nothing again and reports the same errors. */
    @Test
    void aResumedRunReusesItsJobs(@org.junit.jupiter.api.io.TempDir Path tmp) {
        String[] args = {"reproduce", "semi-supervised", "--dataset", "sample", "--epochs", "1", "--hidden", "4",
                "--threads", "1", "--out", tmp.resolve("run").toString()};
        Run first = run(args);
        assertEquals(0, first.code(), first.err());
        String[] again = java.util.Arrays.copyOf(args, args.length + 1);
        again[args.length] = "--resume";
        Run second = run(again);
        assertEquals(0, second.code(), second.err());
        assertEquals(4, table(first.out()).size(), first.out());
        assertEquals(table(first.out()), table(second.out()));
        assertFalse(second.out().contains("epoch 1:"), "nothing is trained again:\n" + second.out());
        assertEquals(2, run(args).code(), "without --resume an existing run is refused");
        assertTrue(Files.isRegularFile(tmp.resolve("run/analogies.png")));
    }

    static List<String> table(String out) {
        return out.lines().filter(l -> l.matches("(labels-only|m1|m2|m1\\+m2) .*%.*")).toList();
    }

    @Test
    void thePaperNumbersAreTheCsvs() throws Exception {
        Map<String, String> names = Map.of("m1", "M1+TSVM", "m2", "M2", "m1+m2", "M1+M2", "labels-only", "NN");
        List<String> rows = Files.readAllLines(Path.of("docs/paper/semi-supervised-table1.csv")).stream()
                .filter(l -> !l.startsWith("#") && !l.startsWith("model,")).toList();
        int checked = 0;
        for (var m : SemiSupervisedPaper.TABLE1.entrySet()) {
            for (var n : m.getValue().entrySet()) {
                String prefix = names.get(m.getKey()) + "," + n.getKey() + ",";
                String row = rows.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(prefix));
                String[] f = row.split(",", -1);
                assertEquals(Double.parseDouble(f[2]), n.getValue().error(), 1e-9, row);
                assertEquals(f[3].isEmpty() ? Double.NaN : Double.parseDouble(f[3]), n.getValue().sd(), 1e-9, row);
                checked++;
            }
        }
        assertEquals(16, checked);
    }
}
