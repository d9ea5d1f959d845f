package aevb.experiments;

import aevb.autodiff.Tape;
import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.data.Minibatches;
import aevb.io.MetricsLog;
import aevb.nn.Adam;
import aevb.nn.WeightDecay;
import aevb.run.LearnerCheckpoint;
import aevb.semi.ClassificationError;
import aevb.semi.Classifier;
import aevb.semi.ClassifierLearner;
import aevb.semi.LabelledSubset;
import aevb.semi.M2;
import aevb.semi.M2Config;
import aevb.semi.M2Learner;
import aevb.semi.SemiSupervisedObjective;
import aevb.sgvb.Aevb;
import aevb.sgvb.EstimatorB;
import aevb.sgvb.Learner;
import aevb.sgvb.Vae;
import aevb.sgvb.VaeConfig;
import aevb.tensor.Tensor;
import aevb.viz.ImageGrid;
import aevb.viz.NormalCdf;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Table 1 of Kingma, Rezende, Mohamed &amp; Welling (2014): test error with N labelled MNIST images,
 * for the models of section 3 trained here, each a resumable {@link CurveJob} in a folder of its
 * own under the output folder, measured on the held-out images after every epoch:
 * <ul>
 *   <li>{@code labels-only}: the classifier network of M2's q(y|x) trained on the N labelled images
 *       alone (the baseline every semi-supervised model must beat; the paper's "NN" row is this);
 *   <li>{@code m2}: M2 on the pixels (eqs. 6-9, α = 0.1·N), all N training images unlabelled;
 *   <li>{@code m1}: M1, the plain VAE (AEVB, estimator B) trained on all training images, then the
 *       same classifier trained on the means of q(z|x) of the labelled images (the paper used a
 *       transductive SVM; this is a softmax MLP, trained by the tape);
 *   <li>{@code m1+m2}: M2 on M1's features, Φ(mean of q(z|x)) (the normal CDF maps each code into
 *       (0, 1)) with the Gaussian decoder (mean squashed into (0, 1)); the paper's M1+M2 fed M2
 *       samples of M1's q(z|x) through a Gaussian decoder.
 * </ul>
 * Each minibatch of M2 has M_u unlabelled and M_l labelled images; the labelled images are a
 * class-balanced choice fixed by the seed ({@link LabelledSubset}). Adam throughout (the
 * authors' code: Adam, 3·10⁻⁴), no weight decay.
 */
public final class SemiSupervised {
    public static final List<String> COLUMNS = List.of("model", "samples", "epoch", "heldout_error", "seconds");
    public static final List<String> MODELS = List.of("labels-only", "m2", "m1", "m1+m2");

    /**
     * @param labels N, labelled images (a multiple of 10)
     * @param epochs passes over the N training images for each model
     */
    public record Config(String dataset, int labels, long epochs, long seed, int hidden, int m1Latent, int m2Latent,
                         double alphaPerPoint, double lr, int unlabelledBatch, int labelledBatch) {
        /** The defaults: hidden 500, M1's Nz = 50 and M2's Nz = 50 (section 4.1), α = 0.1·N, Adam 0.001, M_u = 100. */
        public static Config of(String dataset, int labels, long epochs, long seed) {
            return new Config(dataset, labels, epochs, seed, 500, 50, 50, SemiSupervisedObjective.PAPER_ALPHA_PER_POINT,
                    1e-3, 100, Math.min(10, labels));
        }

        Map<String, String> settings(String model) {
            Map<String, String> s = new LinkedHashMap<>();
            s.put("model", model);
            s.put("dataset", dataset);
            s.put("labels", Integer.toString(labels));
            s.put("epochs", Long.toString(epochs));
            s.put("seed", Long.toString(seed));
            s.put("hidden", Integer.toString(hidden));
            s.put("m1Latent", Integer.toString(m1Latent));
            s.put("m2Latent", Integer.toString(m2Latent));
            s.put("alphaPerPoint", Double.toString(alphaPerPoint));
            s.put("lr", Double.toString(lr));
            s.put("unlabelledBatch", Integer.toString(unlabelledBatch));
            s.put("labelledBatch", Integer.toString(labelledBatch));
            return s;
        }
    }

    /** The held-out error (percent) of each model trained, by name, in {@link #MODELS}' order. */
    public record Result(Map<String, Double> error, Map<String, Double> seconds, M2 m2) {}

    private SemiSupervised() {}

    /** Trains (or continues, or reuses) the models in {@code models}; returns their held-out errors. */
    public static Result run(Config c, DataSplits data, List<String> models, Path out, PrintStream log) throws IOException {
        Dataset train = data.train(), held = data.heldOut();
        Dataset labelled = LabelledSubset.of(train, c.labels(), 10, c.seed());
        Tensor heldX = held.asTensor();
        Map<String, Double> error = new LinkedHashMap<>(), seconds = new LinkedHashMap<>();
        M2 trainedM2 = null;
        long m2Steps = c.epochs() * (train.size() / c.unlabelledBatch());
        if (models.contains("labels-only")) {
            ClassifierLearner l = classifier(c, train.dim(), labelled);
            seconds.put("labels-only", job(c, "labels-only", out, l, new Minibatches(labelled, c.labelledBatch(), c.seed()),
                    m2Steps, train.size() / c.unlabelledBatch(), x -> l.classifier().classify(x), heldX, held.labels(), log));
            error.put("labels-only", ClassificationError.percent(l.classifier()::classify, heldX, held.labels()));
        }
        if (models.contains("m2")) {
            M2Learner l = m2(c, train.dim(), "bernoulli", labelled, train.size());
            seconds.put("m2", job(c, "m2", out, l, new Minibatches(train, c.unlabelledBatch(), c.seed()), m2Steps,
                    train.size() / c.unlabelledBatch(), l.m2()::classify, heldX, held.labels(), log));
            error.put("m2", ClassificationError.percent(l.m2()::classify, heldX, held.labels()));
            trainedM2 = l.m2();
        }
        if (models.contains("m1") || models.contains("m1+m2")) {
            Vae vae = m1(c, train, out, log, seconds);
            Dataset features = features(vae, train, "features", false);
            Dataset labelledFeatures = LabelledSubset.of(features, c.labels(), 10, c.seed());
            Tensor heldFeatures = features(vae, held, "held-out features", false).asTensor();
            if (models.contains("m1")) {
                ClassifierLearner l = classifier(c, c.m1Latent(), labelledFeatures);
                seconds.put("m1", job(c, "m1", out, l, new Minibatches(labelledFeatures, c.labelledBatch(), c.seed()),
                        m2Steps, train.size() / c.unlabelledBatch(), l.classifier()::classify, heldFeatures, held.labels(), log));
                error.put("m1", ClassificationError.percent(l.classifier()::classify, heldFeatures, held.labels()));
            }
            if (models.contains("m1+m2")) {
                features = features(vae, train, "features", true);
                labelledFeatures = LabelledSubset.of(features, c.labels(), 10, c.seed());
                heldFeatures = features(vae, held, "held-out features", true).asTensor();
                M2Learner l = m2(c, c.m1Latent(), "gaussian", labelledFeatures, features.size());
                seconds.put("m1+m2", job(c, "m1+m2", out, l, new Minibatches(features, c.unlabelledBatch(), c.seed()),
                        m2Steps, train.size() / c.unlabelledBatch(), l.m2()::classify, heldFeatures, held.labels(), log));
                error.put("m1+m2", ClassificationError.percent(l.m2()::classify, heldFeatures, held.labels()));
            }
        }
        return new Result(error, seconds, trainedM2);
    }

    /**
     * The paper's Figure 1 (b, c), analogies: for each of the first {@code images} held-out images,
     * z = the mean of q(z|x, y) at the label q(y|x) gives it, then p(x|y, z)'s mean for each of the
     * ten labels y. Row i is image i (first column) and its z decoded as 0, 1, ..., 9.
     */
    public static Path analogies(M2 m2, Dataset held, int images, Path png) throws IOException {
        int k = m2.config.classes(), d = held.dim();
        Tensor x = held.asTensor().rowSlice(0, images);
        Tape tape = new Tape();
        Tensor y = M2.oneHot(m2.classify(x), k);
        Tensor z = m2.encoder.encode(aevb.autodiff.Matrices.concatColumns(tape.constant(x), tape.constant(y))).mu().value;
        int[] labels = new int[images * k];
        for (int t = 0; t < k; t++) {
            for (int i = 0; i < images; i++) {
                labels[t * images + i] = t;
            }
        }
        Tensor zs = aevb.autodiff.Matrices.repeatRows(tape.constant(z), k).value;          // (K·n, Nz), block t: label t
        Tensor inputs = aevb.autodiff.Matrices.concatColumns(tape.constant(zs), tape.constant(M2.oneHot(labels, k))).value;
        Tensor means = m2.decoder.mean(inputs);                                             // (K·n, D)
        float[] grid = new float[images * (k + 1) * d];
        for (int i = 0; i < images; i++) {
            System.arraycopy(x.data, i * d, grid, (i * (k + 1)) * d, d);
            for (int t = 0; t < k; t++) {
                System.arraycopy(means.data, (t * images + i) * d, grid, (i * (k + 1) + 1 + t) * d, d);
            }
        }
        ImageGrid.of(held.height(), held.width()).columns(k + 1).scale(2).gap(1)
                .title("M2 analogies: a held-out image, then its z decoded with y = 0 .. 9").write(png, grid, images * (k + 1));
        return png;
    }

    static ClassifierLearner classifier(Config c, int dim, Dataset labelled) {
        Classifier net = Classifier.initialised(dim, c.hidden(), 10, c.seed());
        return new ClassifierLearner(net, labelled.labels(), new Adam(c.lr()), WeightDecay.NONE);
    }

    static M2Learner m2(Config c, int dim, String decoder, Dataset labelled, int unlabelled) {
        M2 m2 = M2.initialised(new M2Config(dim, 10, c.hidden(), c.m2Latent(), decoder), c.seed());
        double alpha = c.alphaPerPoint() * ((double) labelled.size() + unlabelled);
        return new M2Learner(m2, labelled, c.labelledBatch(), unlabelled, alpha, new Adam(c.lr()), WeightDecay.NONE, c.seed());
    }

    /** M1: the VAE of the AEVB paper (one tanh layer each side, estimator B) on all training images. */
    static Vae m1(Config c, Dataset train, Path out, PrintStream log, Map<String, Double> seconds) throws IOException {
        Vae vae = Vae.initialised(new VaeConfig(train.dim(), c.hidden(), c.m1Latent(), "bernoulli"), c.seed());
        Aevb aevb = new Aevb(vae, new EstimatorB(), new Adam(c.lr()), WeightDecay.priorPerDataPoint(train.size()), 1, c.seed());
        int m = 100;
        long steps = c.epochs() * (train.size() / m);
        Path dir = out.resolve("m1-vae");
        List<Long> at = new ArrayList<>();
        for (long e = 1; e <= c.epochs(); e++) {
            at.add(e * (train.size() / m) * m);
        }
        CurveJob.Spec spec = new CurveJob.Spec(dir, c.settings("m1-vae"), COLUMNS, at, steps, m);
        double s = CurveJob.run(spec, aevb, new Minibatches(train, m, c.seed()), (csv, samples, secs) -> {
            csv.append("m1-vae", samples, samples / train.size(), Double.NaN, secs);
            return String.format(Locale.ROOT, "  m1-vae    epoch %d", samples / train.size());
        }, (csv, samples, secs, e) -> "  m1-vae stopped: " + e.getMessage(), CurveJob.DEFAULT_CHECKPOINT_SECONDS, log);
        LearnerCheckpoint.restore(LearnerCheckpoint.load(dir.resolve(CurveJob.CHECKPOINT)), aevb);
        seconds.put("m1-vae", s);
        return vae;
    }

    /** The mean of q(z|x) of every image, (N, Nz), or Φ of it (in (0, 1)), with the images' labels. */
    static Dataset features(Vae vae, Dataset images, String name, boolean squash) {
        int n = images.size(), nz = vae.config.latent();
        float[] f = new float[n * nz];
        Tensor x = images.asTensor();
        for (int from = 0; from < n; from += 1000) {
            int to = Math.min(n, from + 1000);
            float[] mu = vae.encoder.encode(new Tape().constant(x.rowSlice(from, to))).mu().data();
            for (int i = 0; i < mu.length; i++) {
                f[from * nz + i] = squash ? (float) NormalCdf.phi(mu[i]) : mu[i];
            }
        }
        return new Dataset(name, n, 1, nz, f, images.labels());
    }

    /** Runs one model's job with a held-out error after every epoch; returns its training seconds. */
    static double job(Config c, String model, Path out, Learner learner, Minibatches batches, long steps, long stepsPerEpoch,
            Function<Tensor, int[]> predict, Tensor heldX, int[] heldLabels, PrintStream log) throws IOException {
        Path dir = out.resolve(model.replace('+', '-'));
        List<Long> at = new ArrayList<>();
        for (long e = 1; e <= c.epochs(); e++) {
            at.add(e * stepsPerEpoch * c.unlabelledBatch());
        }
        // the x axis of every model: steps times M_u, the unlabelled images M2 sees (the same steps for all)
        long perEpoch = stepsPerEpoch * c.unlabelledBatch();
        CurveJob.Spec spec = new CurveJob.Spec(dir, c.settings(model), COLUMNS, at, steps, c.unlabelledBatch());
        double s = CurveJob.run(spec, learner, batches, (csv, samples, secs) -> {
            double err = ClassificationError.percent(predict, heldX, heldLabels);
            csv.append(model, samples, samples / perEpoch, err, secs);
            return String.format(Locale.ROOT, "  %-11s epoch %d: held-out error %.2f%% (%.0f s)", model, samples / perEpoch, err, secs);
        }, (csv, samples, secs, e) -> {
            csv.append(model, samples, samples / perEpoch, Double.NaN, secs);
            return "  " + model + " stopped: " + e.getMessage();
        }, CurveJob.DEFAULT_CHECKPOINT_SECONDS, log);
        LearnerCheckpoint.restore(LearnerCheckpoint.load(dir.resolve(CurveJob.CHECKPOINT)), learner);
        return s;
    }
}
