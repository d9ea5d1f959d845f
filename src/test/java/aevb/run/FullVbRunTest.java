package aevb.run;

import static org.junit.jupiter.api.Assertions.*;

import aevb.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aevb train --full-vb}: Appendix F end to end on the embedded sample, small. */
class FullVbRunTest {

    static int run(ByteArrayOutputStream out, String... argv) {
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        return Main.run(argv, ps, ps);
    }

    @Test
    void trainsAndWritesMetricsAndSamples(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path dir = tmp.resolve("vb");
        int code = run(out, "train", "--full-vb", "--hidden", "20", "--latent", "2", "--train-samples", "30000",
                "--log-every", "50", "--eval-points", "200", "--out", dir.toString());
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
        List<String> rows = Files.readAllLines(dir.resolve(TrainingRun.METRICS));
        assertEquals(String.join(",", FullVbRun.COLUMNS), rows.get(0));
        assertTrue(rows.size() >= 6, "a row every 50 steps of 300: " + rows);
        double first = Double.parseDouble(rows.get(1).split(",")[5]), last = Double.parseDouble(rows.get(rows.size() - 1).split(",")[5]);
        assertTrue(last > first, "the held-out bound at mu_θ rises: " + first + " -> " + last);
        assertTrue(Files.size(dir.resolve("figures/samples.png")) > 1000);
    }

    @Test
    void refusesLargeModelsAndResume(@TempDir Path tmp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(1, run(out, "train", "--full-vb", "--hidden", "2000", "--train-samples", "100", "--out", tmp.resolve("x").toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("demonstration for small models"), out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(2, run(out, "train", "--full-vb", "--resume", tmp.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("cannot be resumed"));
    }
}
