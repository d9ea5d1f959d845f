package aevb.experiments;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The paper's settings per data set, and what a setting refuses. */
class DataSettingTest {

    @Test
    void paperSettingsFollowSection5AndAppendixC() {
        DataSetting mnist = DataSetting.paper("mnist", ExperimentFixtures.digits(200, 50), "/data");
        assertEquals(500, mnist.hidden());
        assertEquals("bernoulli", mnist.decoder());
        assertEquals("/data", mnist.dataDir());
        DataSetting frey = DataSetting.paper("frey", ExperimentFixtures.faces(200, 50), null);
        assertEquals(200, frey.hidden());
        assertEquals("gaussian", frey.decoder());
        assertEquals("Frey Face", frey.label());
        for (DataSetting s : new DataSetting[] {mnist, frey}) {
            for (double lr : new double[] {s.aevbLr(), s.wakeSleepLr()}) {
                assertTrue(lr == 0.01 || lr == 0.02 || lr == 0.1, "from the paper's grid: " + lr);
            }
        }
        assertEquals(20, mnist.model(20).latent());
        assertEquals(64, mnist.model(20).dataDim());
        assertEquals(7, mnist.withHidden(7).hidden());
        assertEquals(0.5, frey.withWakeSleepLr(0.5).wakeSleepLr());
        assertEquals(0.5, frey.withAevbLr(0.5).aevbLr());
    }

    @Test
    void refusesUnknownDataSetsAndBadSettings() {
        var data = ExperimentFixtures.digits(200, 50);
        assertThrows(IllegalArgumentException.class, () -> DataSetting.paper("cifar", data, null));
        assertThrows(IllegalArgumentException.class, () -> DataSetting.paper("mnist", data, null).withHidden(0));
        assertThrows(IllegalArgumentException.class, () -> DataSetting.paper("mnist", data, null).withAevbLr(0));
        assertThrows(IllegalArgumentException.class,
                () -> new DataSetting("x", "X", data, null, 10, "poisson", 0.01, 0.01));
    }
}
