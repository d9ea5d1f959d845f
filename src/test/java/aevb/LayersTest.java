package aevb;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of README's map, bottom to top, and the rule that no import runs back up: a class
 * may import its own package and packages of a lower rank only. Two packages of the same rank
 * (e.g. {@code data} and {@code autodiff}) know nothing of each other.
 */
class LayersTest {

    static final Map<String, Integer> RANK = Map.ofEntries(
            Map.entry("random", 0), Map.entry("tensor", 0),
            Map.entry("io", 1),
            Map.entry("data", 2), Map.entry("viz", 2), Map.entry("autodiff", 2),
            Map.entry("nn", 3),
            Map.entry("prob", 4),
            Map.entry("sgvb", 5),
            Map.entry("eval", 6),
            Map.entry("baselines", 7), Map.entry("semi", 7),
            Map.entry("infer", 8), Map.entry("run", 8),
            Map.entry("experiments", 9), Map.entry("bench", 9),
            Map.entry("api", 10),
            Map.entry("cli", 11));

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?aevb\\.([a-z]+)", Pattern.MULTILINE);

    @Test
    void noImportRunsBackUp() throws IOException {
        Path root = Path.of("src/main/java/aevb");
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path rel = root.relativize(file);
                if (rel.getNameCount() < 2) continue;              // aevb/*.java: none today
                String own = rel.getName(0).toString();
                Integer ownRank = RANK.get(own);
                assertNotNull(ownRank, "package aevb." + own + " has no place in LayersTest.RANK: give it one");
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String used = m.group(1);
                    if (used.equals(own)) continue;
                    Integer usedRank = RANK.get(used);
                    if (usedRank == null || usedRank >= ownRank)
                        wrong.add(rel + " imports aevb." + used);
                }
            }
        }
        assertTrue(wrong.isEmpty(), "imports that run back up the layers:\n  " + String.join("\n  ", wrong));
    }
}
