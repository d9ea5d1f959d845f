package aevb.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code aevb train} says (issue 16): what the bound is, which optimiser runs, which bound
 * each line shows (one minibatch's or the held-out split's, by its name), and a final line whose
 * numbers are the last row of metrics.csv.
 */
class TrainConsoleTest {

    @Test
    void theConsoleNamesWhatItShowsAndEndsWithTheFinalBounds(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliFixtures.Result r = CliFixtures.run("train", "--train-samples", "3000", "--log-every", "7",
                "--eval-points", "100", "--no-figures", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String text = r.out();
        assertTrue(text.contains("ELBO") && text.contains("higher is better") && text.contains("minus the loss"), text);
        assertTrue(text.contains("optimizer: adagrad 0.01 (the paper's; --optimizer adam"), text);
        assertTrue(text.contains("validation bound"), "the sample's held-out split is its validation split: " + text);
        assertFalse(text.contains("test bound"), text);
        Matcher m = Pattern.compile("final: +train (-?[0-9.]+), validation (-?[0-9.]+) nats per image").matcher(text);
        assertTrue(m.find(), text);
        java.util.List<String> rows = java.nio.file.Files.readAllLines(out.resolve("metrics.csv"));
        String[] last = rows.getLast().split(",");
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f", Double.parseDouble(last[3])), m.group(1));
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f", Double.parseDouble(last[4])), m.group(2));
    }
}
