package aevb.experiments;

import static org.junit.jupiter.api.Assertions.*;

import aevb.baselines.Mcem;
import aevb.experiments.Figure3.Method;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ablation on generated digits: each variant changes what it says of the first Figure 3, the
 * "paper" variant is what {@code reproduce figure3} runs, and the table borrows only what a variant
 * leaves alone.
 */
class Figure3AblationTest {

    static Figure3.Config base(Path out) {
        return Figure3Ablation.base(ExperimentFixtures.digitsSetting(), 1_000, List.of(200), 5, out).withEvalPoints(10)
                .withIsSamples(0);
    }

    @Test
    void variantsChangeOneChoiceOfTheFirstFigure3() {
        Figure3.Config base = base(Path.of("x"));
        Map<String, Figure3Ablation.Variant> v = Figure3Ablation.variants();
        Figure3.Config first = Figure3Ablation.config(base, v.get(Figure3Ablation.BASELINE));
        assertEquals(Mcem.Settings.online(), first.mcem());
        assertEquals(Figure3.FIRST_MCEM_LR, first.mcemLr());
        assertEquals(Path.of("x", "baseline"), first.out());
        assertEquals(1, Figure3Ablation.config(base, v.get("mcem-1-update")).mcem().weightUpdates());
        assertEquals(McemCounting.POINTS_UPDATED, Figure3Ablation.config(base, v.get("count-updates")).counting());
        assertEquals(Mcem.EStep.ALL, Figure3Ablation.config(base, v.get("batch-e-step")).mcem().eStep());
        assertFalse(Figure3Ablation.config(base, v.get("not-annealed")).schedule().annealed());
        assertEquals(100, Figure3Ablation.config(base, v.get("warm-up")).schedule().warmUp());
        Figure3.Config lr = Figure3Ablation.config(base, v.get("lr-0.1"));
        assertEquals(0.1, lr.setting().aevbLr());
        assertEquals(0.1, lr.setting().wakeSleepLr());
        assertEquals(0.1, lr.mcemLr());
        // the paper variant is reproduce figure3's default
        Figure3.Config paper = Figure3Ablation.config(base, v.get("paper"));
        Figure3.Config reproduce = Figure3.Config.forBudget(Budget.QUICK, Figure3.paperSetting(base.setting()), 5, Path.of("x"));
        assertEquals(reproduce.mcem(), paper.mcem());
        assertEquals(Mcem.Settings.paper(), paper.mcem());
        assertEquals(reproduce.mcemLr(), paper.mcemLr());
        assertEquals(reproduce.counting(), paper.counting());
        assertEquals(reproduce.schedule(), paper.schedule());
        assertEquals(reproduce.setting().aevbLr(), paper.setting().aevbLr());
        assertEquals(reproduce.setting().wakeSleepLr(), paper.setting().wakeSleepLr());
    }

    @Test
    void runsVariantsAsCurveJobsAndWritesTheTable(@TempDir Path dir) throws IOException {
        Figure3.Config base = base(dir.resolve("abl"));
        Map<String, Figure3Ablation.Variant> v = Figure3Ablation.variants();
        List<Figure3Ablation.Row> rows = Figure3Ablation.run(base, List.of(v.get("baseline"), v.get("batch-e-step")),
                EnumSet.allOf(Method.class), Figure3Test.QUIET);
        assertEquals(4, rows.size(), "3 methods for the baseline, MCEM alone for the MCEM-only variant");
        assertTrue(Files.isDirectory(dir.resolve("abl").resolve("batch-e-step").resolve("curves").resolve("n200-mcem")));
        String md = Files.readString(dir.resolve("abl").resolve(Figure3Ablation.SUMMARY));
        assertTrue(md.contains("| batch-e-step |"), md);
        Figure3Ablation.Row a = Figure3Ablation.pick(rows, v.get("batch-e-step"), 200, Method.AEVB);
        assertEquals("baseline", a.variant(), "AEVB is borrowed from the baseline");
        assertEquals("batch-e-step", Figure3Ablation.pick(rows, v.get("batch-e-step"), 200, Method.MCEM).variant());
        // the baseline's curves are the first Figure 3's, as its curve jobs give them
        Figure3.Result first = Figure3.run(base.withOut(dir.resolve("fig3")).firstCommitted(), Figure3Test.QUIET);
        for (Method m : Method.values()) {
            assertEquals(first.curve(200, m).last().testD(), Figure3Ablation.pick(rows, v.get("baseline"), 200, m).test(), 1e-4);
        }

        // run again: every curve is done, nothing trains, the same table
        Figure3Ablation.run(base, List.of(v.get("baseline"), v.get("batch-e-step")), EnumSet.allOf(Method.class),
                Figure3Test.QUIET);
        assertEquals(md, Files.readString(dir.resolve("abl").resolve(Figure3Ablation.SUMMARY)));
        assertNull(Figure3Ablation.parse("n200-vae"));
        assertEquals(new Figure3Curve(50000, Method.WAKE_SLEEP), Figure3Ablation.parse("n50000-wake-sleep"));
    }
}
