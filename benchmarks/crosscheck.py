#!/usr/bin/env python3
"""An independent check of aevb's numbers, in NumPy (float64), from an exported model.

    ./aevb export --checkpoint runs/sample-z20-s1 --out model.npz
    python3 benchmarks/crosscheck.py model.npz              # the sample's validation images

It reads the weights and the configuration from the .npz (numpy.load, nothing of aevb), reads
the embedded sample (data/mnist-sample, IDX with gzip), computes on the held-out images

  * the bound, estimator B (eq. 7 and 10 of Kingma & Welling): -KL(q(z|x) || N(0, I)) in closed
    form (Appendix B) plus the mean of log p(x|z) over L draws z = mu + sigma * eps;
  * log p(x) by importance sampling with q(z|x) as the proposal (K draws), as IWAE evaluates it;

and prints them beside what `./aevb evaluate --weights model.npz` prints for the same points,
L and K. The draws of eps differ (NumPy's generator, not aevb's), so the two agree to within
their standard errors, not bit for bit. NumPy only; run by a person, not by the test suite.
"""
import argparse
import gzip
import json
import os
import re
import struct
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOG_2PI = np.log(2 * np.pi)


def read_idx_images(path):
    """IDX images (magic 0x00000803) as an (n, rows*cols) float64 array of b / 255."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, n, rows, cols = struct.unpack(">IIII", data[:16])
    if magic != 0x803:
        sys.exit(f"crosscheck: {path} is not an IDX image file (magic {magic:#x})")
    pixels = np.frombuffer(data, dtype=np.uint8, count=n * rows * cols, offset=16)
    return pixels.reshape(n, rows * cols).astype(np.float64) / 255.0


def load_model(path):
    """The weights (float64) and metadata of an .npz, or of a .safetensors read by hand (the format is that simple)."""
    if path.endswith(".safetensors"):
        with open(path, "rb") as f:
            data = f.read()
        (n,) = struct.unpack("<Q", data[:8])  # little-endian u64: the JSON header's length
        header = json.loads(data[8 : 8 + n].decode("utf-8"))
        meta = header.pop("__metadata__", {})
        buf = data[8 + n :]
        weights = {}
        for k, info in header.items():
            assert info["dtype"] == "F32", k
            begin, end = info["data_offsets"]
            weights[k] = np.frombuffer(buf[begin:end], dtype="<f4").reshape(info["shape"]).astype(np.float64)
        return weights, meta
    with np.load(path) as npz:
        meta = json.loads(bytes(npz["metadata.json"]).decode("utf-8"))
        weights = {k: npz[k].astype(np.float64) for k in npz.files if k != "metadata.json"}
    return weights, meta


def layer(weights, name, x):
    """x W^T + b, W (out, in) and b (1, out) as aevb's Linear stores them."""
    return x @ weights[name + ".W"].T + weights[name + ".b"]


def encode(weights, x):
    h = np.tanh(layer(weights, "encoder.hidden", x))
    return layer(weights, "encoder.mu", h), layer(weights, "encoder.logVar", h)


def log_px_given_z(weights, decoder, x, z):
    """log p(x|z) for each row of z (k, Nz) and one image x (D,): Bernoulli from logits, or Gaussian (App. C)."""
    h = np.tanh(layer(weights, "decoder.hidden", z))
    if decoder == "bernoulli":
        a = layer(weights, "decoder.logits", h)
        # x log sigmoid(a) + (1 - x) log(1 - sigmoid(a)) = x a - softplus(a), stably
        return (x * a - np.logaddexp(0.0, a)).sum(axis=1)
    mean = 1.0 / (1.0 + np.exp(-layer(weights, "decoder.mu", h)))
    log_var = layer(weights, "decoder.logVar", h)
    return (-0.5 * (LOG_2PI + log_var + (x - mean) ** 2 / np.exp(log_var))).sum(axis=1)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("model", help="an .npz or .safetensors written by ./aevb export")
    p.add_argument("--split", choices=["train", "validation"], default="validation")
    p.add_argument("--points", type=int, default=1000, help="the first N images of the split")
    p.add_argument("--L", type=int, default=10, help="draws of eps per image for the bound")
    p.add_argument("--K", type=int, default=1000, help="importance samples per image for log p(x)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--no-aevb", action="store_true", help="do not run ./aevb evaluate beside it")
    args = p.parse_args()

    weights, meta = load_model(args.model)
    if meta.get("aevb.format") != "aevb-weights-1":
        sys.exit(f"crosscheck: {args.model} was not written by ./aevb export")
    if meta["run.dataset"] != "sample" or meta["run.binarization"] != "none":
        sys.exit("crosscheck: reads the embedded sample with grey levels as they are; this model was trained on "
                 f"{meta['run.dataset']} with binarization {meta['run.binarization']}")
    decoder = meta["model.decoder"]
    name = "train" if args.split == "train" else "valid"
    x_all = read_idx_images(os.path.join(ROOT, "data", "mnist-sample", f"{name}-images-idx3-ubyte.gz"))
    x_all = x_all[: args.points]
    n, nz = x_all.shape[0], weights["encoder.mu.W"].shape[0]
    rng = np.random.default_rng(args.seed)

    t0 = time.time()
    mu, log_var = encode(weights, x_all)
    sigma = np.exp(0.5 * log_var)
    neg_kl = 0.5 * (1 + log_var - mu ** 2 - np.exp(log_var)).sum(axis=1)  # Appendix B
    bound = np.empty(n)
    log_px = np.empty(n)
    for i in range(n):
        eps = rng.standard_normal((args.L, nz))
        bound[i] = neg_kl[i] + log_px_given_z(weights, decoder, x_all[i], mu[i] + sigma[i] * eps).mean()
        eps = rng.standard_normal((args.K, nz))
        z = mu[i] + sigma[i] * eps
        log_prior = -0.5 * (LOG_2PI + z ** 2).sum(axis=1)
        log_q = -0.5 * (LOG_2PI + log_var[i] + eps ** 2).sum(axis=1)
        log_w = log_px_given_z(weights, decoder, x_all[i], z) + log_prior - log_q
        m = log_w.max()
        log_px[i] = m + np.log(np.exp(log_w - m).sum()) - np.log(args.K)
    seconds = time.time() - t0

    def mean_se(v):
        return v.mean(), v.std(ddof=1) / np.sqrt(len(v)) if len(v) > 1 else 0.0

    b, b_se = mean_se(bound)
    l, l_se = mean_se(log_px)
    print(f"model: {args.model} ({meta['run.dataset']}, Nz={nz}, {meta['model.hidden']} hidden, {decoder} decoder, "
          f"step {meta.get('state.step', '?')}); {args.split} split, {n} images, L = {args.L}, K = {args.K}")
    rows = [("bound, estimator B", b, b_se), (f"log p(x), K = {args.K}", l, l_se)]
    theirs = {}
    if not args.no_aevb:
        cmd = [os.path.join(ROOT, "aevb"), "evaluate", "--weights", os.path.abspath(args.model),
               "--split", args.split, "--points", str(n), "--L", str(args.L), "--ll-samples", str(args.K),
               "--seed", str(args.seed)]
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit("crosscheck: ./aevb evaluate failed:\n" + out.stderr)
        m = re.search(r"estimator B \(eq\. 7\):\s+(-?[0-9.]+) ± ([0-9.]+)", out.stdout)
        if m:
            theirs["bound, estimator B"] = (float(m.group(1)), float(m.group(2)))
        m = re.search(r"K = \d+: (-?[0-9.]+) ± ([0-9.]+)", out.stdout)
        if m:
            theirs[f"log p(x), K = {args.K}"] = (float(m.group(1)), float(m.group(2)))
    print(f"{'nats per image':24s} {'NumPy float64':>22s} {'./aevb evaluate':>22s} {'difference':>12s}")
    for label, v, se in rows:
        line = f"{label:24s} {v:12.3f} ± {se:7.3f}"
        if label in theirs:
            a, a_se = theirs[label]
            line += f" {a:12.3f} ± {a_se:7.3f} {v - a:+12.3f}"
        print(line)
    print(f"(NumPy: {seconds:.1f} s; the two use different draws of eps, so they agree to within their standard "
          f"errors, not bit for bit)")


if __name__ == "__main__":
    main()
