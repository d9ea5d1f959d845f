package aevb.infer;

import aevb.tensor.Tensor;
import java.util.Arrays;

/**
 * What each task is measured against, methods that know nothing of the model: the training
 * mean for missing pixels, a 3x3 median filter and the noisy image itself for denoising, and
 * bilinear upsampling for super-resolution. A use of the VAE counts only where it beats these.
 */
public final class Baselines {
    private Baselines() {}

    /** The per-pixel mean of the training images: (1, D). */
    public static Tensor pixelMean(Tensor train) {
        Tensor m = new Tensor(1, train.cols);
        double[] s = new double[train.cols];
        for (int i = 0; i < train.rows; i++) {
            for (int j = 0; j < train.cols; j++) {
                s[j] += train.data[i * train.cols + j];
            }
        }
        for (int j = 0; j < train.cols; j++) {
            m.data[j] = (float) (s[j] / Math.max(1, train.rows));
        }
        return m;
    }

    /** Observed pixels kept, missing ones filled with the training mean. */
    public static Tensor meanFill(Tensor y, Tensor mask, Tensor pixelMean) {
        Tensor x = y.copy();
        for (int j = 0; j < x.data.length; j++) {
            if (mask.data[j] == 0f) {
                x.data[j] = pixelMean.data[j % y.cols];
            }
        }
        return x;
    }

    /** Each pixel replaced by the median of its 3x3 neighbourhood (clipped at the border). */
    public static Tensor median3x3(Tensor y, int height, int width) {
        Tensor x = new Tensor(y.rows, y.cols);
        float[] window = new float[9];
        for (int i = 0; i < y.rows; i++) {
            int base = i * height * width;
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    int n = 0;
                    for (int dr = -1; dr <= 1; dr++) {
                        for (int dc = -1; dc <= 1; dc++) {
                            int rr = r + dr, cc = c + dc;
                            if (rr >= 0 && rr < height && cc >= 0 && cc < width) {
                                window[n++] = y.data[base + rr * width + cc];
                            }
                        }
                    }
                    Arrays.sort(window, 0, n);
                    x.data[base + r * width + c] = n % 2 == 1 ? window[n / 2] : 0.5f * (window[n / 2 - 1] + window[n / 2]);
                }
            }
        }
        return x;
    }

    /** Values clipped to [0, 1] (a noisy image as an estimate of the clean one). */
    public static Tensor clip01(Tensor y) {
        Tensor x = y.copy();
        for (int j = 0; j < x.data.length; j++) {
            x.data[j] = Math.clamp(x.data[j], 0f, 1f);
        }
        return x;
    }

    /**
     * Bilinear upsampling by f, low-resolution pixel centres at ((k + ½) f - ½) in the high-resolution
     * grid, edges clamped: (R, (h/f)·(w/f)) -> (R, h·w).
     */
    public static Tensor bilinear(Tensor low, int height, int width, int factor) {
        int lh = height / factor, lw = width / factor;
        Tensor x = new Tensor(low.rows, height * width);
        for (int i = 0; i < low.rows; i++) {
            for (int r = 0; r < height; r++) {
                double fr = Math.clamp((r + 0.5) / factor - 0.5, 0, lh - 1);
                int r0 = (int) Math.floor(fr), r1 = Math.min(r0 + 1, lh - 1);
                double wr = fr - r0;
                for (int c = 0; c < width; c++) {
                    double fc = Math.clamp((c + 0.5) / factor - 0.5, 0, lw - 1);
                    int c0 = (int) Math.floor(fc), c1 = Math.min(c0 + 1, lw - 1);
                    double wc = fc - c0;
                    int b = i * lh * lw;
                    double v = (1 - wr) * ((1 - wc) * low.data[b + r0 * lw + c0] + wc * low.data[b + r0 * lw + c1])
                            + wr * ((1 - wc) * low.data[b + r1 * lw + c0] + wc * low.data[b + r1 * lw + c1]);
                    x.data[i * height * width + r * width + c] = (float) v;
                }
            }
        }
        return x;
    }
}
