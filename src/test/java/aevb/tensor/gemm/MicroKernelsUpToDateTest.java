package aevb.tensor.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The checked-in {@code MicroKernels.java} is what {@link GenerateMicroKernels} writes today: a
 * hand edit of the generated file, or a template change without a rerun, fails here.
 */
class MicroKernelsUpToDateTest {
    @Test
    void generatedFileIsUpToDate() throws IOException {
        String checkedIn = Files.readString(GenerateMicroKernels.TARGET, StandardCharsets.UTF_8);
        assertEquals(GenerateMicroKernels.generate(), checkedIn,
                GenerateMicroKernels.TARGET + " differs from its template: run "
                        + "java src/test/java/aevb/tensor/gemm/GenerateMicroKernels.java");
    }
}
