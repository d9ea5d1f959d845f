package aevb.cli;

import aevb.data.DataSplits;
import aevb.data.Dataset;
import aevb.data.Datasets;
import aevb.infer.AnomalyScores;
import aevb.infer.OneClass;
import aevb.io.AtomicFiles;
import aevb.io.OutputPaths;
import aevb.random.Randomness;
import aevb.tensor.Tensor;
import aevb.viz.ImageGrid;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code aevb score}: anomaly scores of held-out images (the negative bound, the negative
 * importance-sampled log p(x), the reconstruction error), a CSV of them, the ROC AUC of each
 * score for the digits the run left out of training ({@code train --exclude-digits}) and for
 * out-of-distribution sets (inverted digits, uniform noise, Frey Face padded to 28x28), and a
 * PNG of the most and least likely images of each set.
 */
public final class ScoreCommand implements Command {

    @Override
    public String name() {
        return "score";
    }

    @Override
    public String summary() {
        return "anomaly scores (bound, log p(x), reconstruction error) and their ROC AUC on held-out digits and OOD sets";
    }

    @Override
    public List<Flag> flags() {
        List<Flag> f = new ArrayList<>(UseData.flags("1000"));
        f.add(Flag.text("out", "FILE", "scores.png", "the PNG of the most and least likely images"));
        f.add(Flag.text("csv", "FILE", "scores.csv", "the CSV of every image's scores"));
        f.add(new Flag("digits", "D[,D]", null, "the anomalous digits (default: those the run left out of training)",
                v -> OneClass.parseDigits(v) == null ? "expects digits 0-9 separated by commas, not all ten" : null));
        f.add(Flag.text("ood", "SETS", "inverted,noise,frey", "out-of-distribution sets: inverted, noise, frey (or none)"));
        f.add(Flag.integer("k", "100", 1, 100_000, "K, importance samples for log p(x)"));
        f.add(Flag.integer("L", "1", 1, 10_000, "samples of eps for the bound (estimator B)"));
        f.add(Flag.integer("seed", "1", Long.MIN_VALUE, Long.MAX_VALUE, "seed of the noise images and of the estimates"));
        f.add(Flag.integer("show", "10", 1, 30, "images per row in the PNG"));
        return f;
    }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) throws Exception {
        List<String> ood = a.get("ood").equals("none") ? List.of() : Arrays.asList(a.get("ood").split(","));
        for (String s : ood) {
            if (!List.of("inverted", "noise", "frey").contains(s)) {
                throw new UsageException("aevb score: --ood expects inverted, noise, frey or none, got '" + s + "'");
            }
        }
        Path png = UseData.figure(a, "scores.png");   // both refused now, not after the scoring
        Path csv = csvTarget(a.path("csv"));
        UseData u = UseData.load(a, "score", err);
        Path ckpt = a.path("checkpoint");
        int[] digits = a.given("digits") ? OneClass.parseDigits(a.get("digits"))
                : OneClass.read(Files.isDirectory(ckpt) ? ckpt : ckpt.toAbsolutePath().getParent());
        long seed = a.longValue("seed");
        int k = a.integer("k"), l = a.integer("L");
        Tensor x = u.images().asTensor();
        out.println("score: " + u.describe(a) + (digits.length > 0 ? "; left out of training: digits " + OneClass.text(digits) : ""));
        out.printf(Locale.ROOT, "scores: -bound (estimator B, L = %d), -log p(x) (importance sampling, K = %d), reconstruction error%n", l, k);
        AnomalyScores test = AnomalyScores.of(u.vae(), x, l, k, seed);
        Map<String, Tensor> sets = new LinkedHashMap<>();
        sets.put("test", x);
        for (String s : ood) {
            Tensor t = oodSet(s, x, u, a, seed, err);
            if (t != null) {
                sets.put(s, t);
            }
        }
        Map<String, AnomalyScores> scores = new LinkedHashMap<>();
        scores.put("test", test);
        out.printf(Locale.ROOT, "%-26s %6s %9s %11s %13s %16s%n", "anomalies (AUC of score)", "n", "-bound", "-log p(x)",
                "recon. error", "mean log p(x)");
        if (digits.length > 0 && u.images().hasLabels()) {
            boolean[] positive = new boolean[x.rows];
            int n = 0;
            for (int i = 0; i < x.rows; i++) {
                int label = u.images().label(i);
                positive[i] = Arrays.stream(digits).anyMatch(dd -> dd == label);
                n += positive[i] ? 1 : 0;
            }
            if (n > 0 && n < x.rows) {
                row(out, "digits " + OneClass.text(digits) + " in test", n, test.auc(positive), meanLogPx(test, positive, true));
            }
        }
        for (Map.Entry<String, Tensor> e : sets.entrySet()) {
            if (e.getKey().equals("test")) {
                continue;
            }
            AnomalyScores s = AnomalyScores.of(u.vae(), e.getValue(), l, k, seed);
            scores.put(e.getKey(), s);
            boolean[] positive = new boolean[x.rows + e.getValue().rows];
            Arrays.fill(positive, x.rows, positive.length, true);
            row(out, e.getKey() + " vs test", e.getValue().rows, test.concat(s).auc(positive), -mean(s.negLogPx()));
        }
        out.printf(Locale.ROOT, "test images: mean log p(x) %.2f nats%n", -mean(test.negLogPx()));
        out.println("(AUC 0.5: the score cannot tell; 1: every anomaly scores above every test image;"
                + " below 0.5: the model finds the anomalies MORE likely than its own test data)");
        writeCsv(csv, scores, u.images());
        out.println("wrote " + csv);
        drawPng(png, sets, scores, u, a.integer("show"));
        out.println("wrote " + png);
        return 0;
    }

    private static void row(PrintStream out, String name, int n, double[] auc, double meanLogPx) {
        out.printf(Locale.ROOT, "%-26s %6d %9.3f %11.3f %13.3f %16.2f%n", name, n, auc[0], auc[1], auc[2], meanLogPx);
    }

    private static double meanLogPx(AnomalyScores s, boolean[] which, boolean want) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < which.length; i++) {
            if (which[i] == want) {
                sum -= s.negLogPx()[i];
                n++;
            }
        }
        return sum / n;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** An out-of-distribution set the size of the test images, or null (with a note) when it cannot be made. */
    private static Tensor oodSet(String name, Tensor x, UseData u, Args a, long seed, PrintStream err) throws Exception {
        int h = u.height(), w = u.width();
        switch (name) {
            case "inverted" -> {
                Tensor t = x.copy();
                for (int j = 0; j < t.data.length; j++) {
                    t.data[j] = 1f - t.data[j];
                }
                return t;
            }
            case "noise" -> {
                Tensor t = new Tensor(x.rows, x.cols);
                SplittableRandom rnd = Randomness.rng(seed, Randomness.Stream.SAMPLE, 4_000_000L);
                for (int j = 0; j < t.data.length; j++) {
                    t.data[j] = (float) rnd.nextDouble();
                }
                return t;
            }
            default -> {
                if (h != 28 || w != 28) {
                    return null;
                }
                Path dir = a.given("data-dir") ? a.path("data-dir") : u.config().dataDir() == null ? null : Path.of(u.config().dataDir());
                DataSplits frey;
                try {
                    frey = Datasets.load("frey", dir, false, err);
                } catch (Exception e) {
                    err.println("aevb score: skipping the Frey Face set (" + e.getMessage() + "); give --data-dir with frey/frey_rawface.mat");
                    return null;
                }
                Dataset faces = frey.heldOut();
                int n = Math.min(x.rows, faces.size()), fw = Datasets.FREY_WIDTH, pad = (28 - fw) / 2;
                Tensor t = new Tensor(n, 28 * 28);      // 28x20 faces, 4 black columns either side
                float[] img = new float[faces.dim()];
                for (int i = 0; i < n; i++) {
                    faces.copyImage(i, img);
                    for (int r = 0; r < 28; r++) {
                        System.arraycopy(img, r * fw, t.data, i * 784 + r * 28 + pad, fw);
                    }
                }
                return t;
            }
        }
    }

    static final String CSV_HEADER = "set,index,label,neg_bound,neg_log_px,recon_error";

    /**
     * Where {@code --csv} goes: a folder gets scores.csv inside it; an existing file is replaced
     * only when it is a scores file aevb wrote (its first line is {@link #CSV_HEADER}).
     */
    static Path csvTarget(Path csv) throws Exception {
        Path p = Files.isDirectory(csv) ? csv.resolve("scores.csv") : csv;
        OutputPaths.requireWritablePlace(p, "--csv");
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            String first = "";
            if (Files.isRegularFile(p)) {
                try (java.io.BufferedReader r = Files.newBufferedReader(p, StandardCharsets.ISO_8859_1)) {
                    first = java.util.Objects.requireNonNullElse(r.readLine(), "");
                }
            }
            if (!first.equals(CSV_HEADER)) {
                throw new UsageException("aevb score: --csv " + p + " exists and is not a scores file aevb wrote;"
                        + " aevb does not overwrite it (move it away or choose another name)");
            }
        }
        return p;
    }

    private static void writeCsv(Path file, Map<String, AnomalyScores> scores, Dataset test) throws Exception {
        StringBuilder sb = new StringBuilder(CSV_HEADER + "\n");
        scores.forEach((set, s) -> {
            for (int i = 0; i < s.negBound().length; i++) {
                String label = set.equals("test") && test.hasLabels() ? Integer.toString(test.label(i)) : "";
                sb.append(String.format(Locale.ROOT, "%s,%d,%s,%.4f,%.4f,%.4f%n", set, i, label, s.negBound()[i],
                        s.negLogPx()[i], s.reconstructionError()[i]));
            }
        });
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Rows: the most and the least likely test images, then the most likely image of each OOD set. */
    private static void drawPng(Path file, Map<String, Tensor> sets, Map<String, AnomalyScores> scores, UseData u, int show)
            throws Exception {
        List<String> labels = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        int d = u.images().dim();
        for (Map.Entry<String, Tensor> e : sets.entrySet()) {
            double[] nll = scores.get(e.getKey()).negLogPx();
            Integer[] order = new Integer[nll.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (p, q) -> Double.compare(nll[p], nll[q]));   // most likely first
            int n = Math.min(show, order.length);
            for (boolean most : e.getKey().equals("test") ? new boolean[] {true, false} : new boolean[] {true}) {
                float[] row = new float[show * d];
                double sum = 0;
                for (int c = 0; c < n; c++) {
                    int i = most ? order[c] : order[order.length - 1 - c];
                    System.arraycopy(e.getValue().data, i * d, row, c * d, d);
                    sum -= nll[i];
                }
                rows.add(row);
                labels.add(String.format(Locale.ROOT, "%s %s (log p %.0f)", e.getKey(), most ? "most likely" : "least likely", sum / n));
            }
        }
        float[] pixels = new float[rows.size() * show * d];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, pixels, r * show * d, show * d);
        }
        ImageGrid.of(u.height(), u.width()).columns(show).scale(2).gap(1)
                .title("score: images by log p(x) (importance sampling), mean over the row in brackets")
                .rowLabels(labels.toArray(String[]::new)).write(file, pixels, rows.size() * show);
    }
}
