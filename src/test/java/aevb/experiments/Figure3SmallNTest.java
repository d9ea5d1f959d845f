package aevb.experiments;

import static org.junit.jupiter.api.Assertions.*;

import aevb.experiments.Figure3.Method;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small-N ablation on generated digits: each variant changes what it says of reproduce
 * figure3's configuration, the estimator variant re-scores the very same training, and the
 * prior's weight reaches the learner without touching the folders of curves made before it.
 */
class Figure3SmallNTest {

    static Figure3.Config base(Path out) {
        return Figure3SmallN.base(ExperimentFixtures.digitsSetting(), 200, 2_000, 10, 5, out).withIsSamples(20);
    }

    @Test
    void variantsChangeOneChoiceOfReproduceFigure3() {
        Figure3.Config base = base(Path.of("x"));
        Map<String, Figure3SmallN.Variant> v = Figure3SmallN.variants();
        Figure3.Config paper = Figure3SmallN.config(base, v.get(Figure3SmallN.BASELINE));
        Figure3.Config reproduce = Figure3.Config.forBudget(Budget.QUICK, Figure3.paperSetting(base.setting()), 5, Path.of("x"));
        assertEquals(reproduce.mcem(), paper.mcem());
        assertEquals(reproduce.schedule(), paper.schedule());
        assertEquals(reproduce.setting().aevbLr(), paper.setting().aevbLr());
        assertEquals(1, paper.prior());
        assertEquals(Path.of("x", "paper"), paper.out());
        assertEquals(0, Figure3SmallN.config(base, v.get("no-prior")).prior());
        assertEquals(10, Figure3SmallN.config(base, v.get("prior-x10")).prior());
        assertFalse(Figure3SmallN.config(base, v.get("not-annealed")).schedule().annealed());
        assertEquals(0.02, Figure3SmallN.config(base, v.get("lr-0.02")).setting().aevbLr());
        assertEquals(20, paper.appendixD().starts(), "the estimator as the long run had it");
        assertThrows(IllegalArgumentException.class, () -> base.withPrior(-1));
        assertThrows(IllegalArgumentException.class, () -> base.withPrior(Double.NaN));
    }

    @Test
    void thePriorIsRecordedOnlyWhereItDiffersFromThePapers() {
        Figure3.Config base = base(Path.of("x"));
        Figure3Curve aevb = new Figure3Curve(200, Method.AEVB);
        assertFalse(aevb.settings(base).containsKey("prior"), "curves made before the switch continue");
        assertEquals("0.0", aevb.settings(base.withPrior(0)).get("prior"));
    }

    @Test
    void runsVariantsAsCurveJobsAndTabulatesThem(@TempDir Path dir) throws IOException {
        Figure3.Config base = base(dir.resolve("small"));
        Map<String, Figure3SmallN.Variant> v = Figure3SmallN.variants();
        Figure3SmallN.run(base, List.of(v.get("paper"), v.get("no-prior")), List.of(Method.AEVB), Figure3Test.QUIET);
        List<Figure3SmallN.Row> rows = Figure3SmallN.merge(base);
        assertEquals(2, rows.size());
        Figure3SmallN.Row paper = rows.get(0), noPrior = rows.get(1);
        assertEquals("paper", paper.variant());
        assertEquals(2_000, paper.last().samples());
        // the prior changes the training
        assertNotEquals(paper.last().testIs(), noPrior.last().testIs());
        assertTrue(paper.bestTest().testD() >= paper.last().testD());
        String md = Files.readString(dir.resolve("small").resolve(Figure3SmallN.SUMMARY));
        assertTrue(md.contains("| no-prior |"), md);
        assertTrue(Files.readString(dir.resolve("small").resolve(Figure3SmallN.CSV)).startsWith("variant,dataset_n,method"));
    }
}
