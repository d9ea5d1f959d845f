package aevb.experiments;

import aevb.data.DataSplits;
import aevb.run.PaperSettings;
import aevb.sgvb.VaeConfig;

/**
 * One data set of the paper's experiments with the architecture and step sizes used on it, by
 * default the paper's ({@link PaperSettings}, the one place they are kept).
 *
 * @param name          the data set ({@code mnist}, {@code frey}, or {@code sample}: the embedded
 *                      10,000-image subset of MNIST, for offline runs)
 * @param label         how figures and tables name it ("MNIST", "Frey Face")
 * @param data          its splits; the bound is reported on the training and the held-out split
 * @param dataDir       the folder the files were read from ({@code --data-dir}), or null for the
 *                      default; recorded in the checkpoints of Figures 4 and 5 so that
 *                      {@code aevb evaluate} finds the data again
 * @param hidden        hidden units of encoder and decoder
 * @param decoder       bernoulli or gaussian
 * @param aevbLr        Adagrad step size of AEVB
 * @param wakeSleepLr   Adagrad step size of wake-sleep
 */
public record DataSetting(String name, String label, DataSplits data, String dataDir, int hidden, String decoder, double aevbLr,
                          double wakeSleepLr) {

    /** The step sizes of this reproduction; why these, in {@link PaperSettings}. */
    public static final double MNIST_AEVB_LR = PaperSettings.MNIST_AEVB_LR;
    public static final double MNIST_WAKE_SLEEP_LR = PaperSettings.MNIST_WAKE_SLEEP_LR;
    public static final double FREY_AEVB_LR = PaperSettings.FREY_AEVB_LR;
    public static final double FREY_WAKE_SLEEP_LR = PaperSettings.FREY_WAKE_SLEEP_LR;

    public DataSetting {
        if (hidden < 1) {
            throw new IllegalArgumentException(name + ": hidden units must be >= 1, got " + hidden);
        }
        if (!(aevbLr > 0) || !(wakeSleepLr > 0)) {
            throw new IllegalArgumentException(name + ": step sizes must be > 0, got " + aevbLr + " and " + wakeSleepLr);
        }
        new VaeConfig(data.train().dim(), hidden, 1, decoder); // checks the decoder name
    }

    /** The paper's setting for a data set by name: MNIST (and its sample) or Frey Face ({@link PaperSettings}). */
    public static DataSetting paper(String name, DataSplits data, String dataDir) {
        if (!name.equals("mnist") && !name.equals("sample") && !name.equals("frey")) {
            throw new IllegalArgumentException("no paper setting for data set '" + name + "' (use mnist, frey or sample)");
        }
        PaperSettings p = PaperSettings.of(name);
        return new DataSetting(name, p.label(), data, name.equals("sample") ? null : dataDir, p.hidden(), p.decoder(),
                p.aevbLr(), p.wakeSleepLr());
    }

    /** The model of this setting with Nz latent dimensions. */
    public VaeConfig model(int latent) {
        return new VaeConfig(data.train().dim(), hidden, latent, decoder);
    }

    public DataSetting withHidden(int h) {
        return new DataSetting(name, label, data, dataDir, h, decoder, aevbLr, wakeSleepLr);
    }

    public DataSetting withAevbLr(double lr) {
        return new DataSetting(name, label, data, dataDir, hidden, decoder, lr, wakeSleepLr);
    }

    public DataSetting withWakeSleepLr(double lr) {
        return new DataSetting(name, label, data, dataDir, hidden, decoder, aevbLr, lr);
    }
}
