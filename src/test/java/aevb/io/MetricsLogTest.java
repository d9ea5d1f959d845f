package aevb.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
    @TempDir
    Path dir;

    private static final List<String> COLUMNS = List.of("step", "samples", "train_bound", "note");

    @Test
    void writesAHeaderThenOneLinePerRowQuotingWhereNeeded() throws IOException {
        Path f = dir.resolve("runs/a/metrics.csv");
        try (MetricsLog log = MetricsLog.open(f, COLUMNS)) {
            log.append(1, 100L, -543.21, "plain");
            log.append(2, 200L, -200.5f, "has, comma and \"quotes\"");
        }
        assertEquals("step,samples,train_bound,note\n1,100,-543.21,plain\n2,200,-200.5,\"has, comma and \"\"quotes\"\"\"\n",
                Files.readString(f));
    }

    @Test
    void reopeningAppendsWithoutASecondHeaderAndDropsAPartialLine() throws IOException {
        Path f = dir.resolve("m.csv");
        try (MetricsLog log = MetricsLog.open(f, COLUMNS)) {
            log.append(1, 100, -1.5, "");
        }
        // a crash in the middle of a row
        Files.writeString(f, "2,200,-1.", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (MetricsLog log = MetricsLog.open(f, COLUMNS)) {
            log.append(2, 200, -1.25, "resumed");
        }
        assertEquals("step,samples,train_bound,note\n1,100,-1.5,\n2,200,-1.25,resumed\n", Files.readString(f));
    }

    @Test
    void aPartialHeaderIsRewritten() throws IOException {
        Path f = dir.resolve("m.csv");
        Files.writeString(f, "step,sam");
        try (MetricsLog log = MetricsLog.open(f, COLUMNS)) {
            log.append(1, 2, 3, 4);
        }
        assertEquals("step,samples,train_bound,note\n1,2,3,4\n", Files.readString(f));
    }

    @Test
    void otherColumnsAreRefusedAndTheFileKept() throws IOException {
        Path f = dir.resolve("m.csv");
        Files.writeString(f, "epoch,loss\n1,2\n");
        IOException e = assertThrows(IOException.class, () -> MetricsLog.open(f, COLUMNS));
        assertEquals(f + ": has columns 'epoch,loss', this run writes 'step,samples,train_bound,note'; write to another"
                + " file (or move this one away)", e.getMessage());
        assertEquals("epoch,loss\n1,2\n", Files.readString(f));
    }

    @Test
    void aRowOfTheWrongWidthIsAProgrammingError() throws IOException {
        try (MetricsLog log = MetricsLog.open(dir.resolve("m.csv"), COLUMNS)) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> log.append(1, 2)).getMessage()
                    .contains("has 2 values for 4 columns"));
        }
    }
}
