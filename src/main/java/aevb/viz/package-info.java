/**
 * The paper's figures as PNG files, drawn with java.desktop (Graphics2D, ImageIO) in headless mode.
 * The classes take plain arrays and know nothing of the model.
 *
 * <ul>
 *   <li>Figure 5 (samples), reconstructions, Figure 4 (learned manifolds): {@link aevb.viz.ImageGrid};
 *       the latent grid of Figure 4: {@link aevb.viz.Manifold}, built on
 *       {@link aevb.viz.InverseNormalCdf} (AS241) and {@link aevb.viz.NormalCdf} (Φ, erfc).</li>
 *   <li>Figure 2 (the lower bound against training samples evaluated, log x axis):
 *       {@link aevb.viz.LineChart}, one panel per latent size side by side with {@link aevb.viz.Panels};
 *       axis ranges and ticks: {@link aevb.viz.Axis}.</li>
 *   <li>Latent means coloured by digit: {@link aevb.viz.Scatter}, colours from {@link aevb.viz.Palette}.</li>
 *   <li>Atomic PNG files: {@link aevb.viz.Png}. Text falls back to the built-in
 *       {@link aevb.viz.PixelFont} where Java finds no usable font.</li>
 * </ul>
 */
package aevb.viz;
