package aevb.data;

import aevb.tensor.Tensor;

/**
 * One minibatch X^M of Algorithm 1: the images x (M, D) and which training points they are
 * ({@code indices[r]} is the point in row r; MCEM keeps one chain per point and needs to know).
 * The arrays belong to the {@link Minibatches} that drew them and are overwritten by the next draw.
 *
 * @param x        the images, (M, D), binarised when the run binarises
 * @param indices  the training points of the rows, length M
 * @param step     the iteration t this minibatch is for
 * @param epoch    the pass over the data it belongs to
 */
public record Minibatch(Tensor x, int[] indices, long step, long epoch) {}
