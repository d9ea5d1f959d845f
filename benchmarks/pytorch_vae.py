#!/usr/bin/env python3
"""PyTorch reference for `./aevb bench`: the paper's VAEs trained on generated data.

The same models and step as aevb's benchmark (aevb.bench.TrainBench, aevb.bench.BenchModel),
written the usual PyTorch way. --model mnist (the default): a 784-500-20 tanh encoder with mu and
log-variance heads, a 20-500-784 tanh decoder with Bernoulli logits; mnist200: the same with
Nz = 200; frey: 560-200-2 with the Gaussian decoder of Appendix C.2 (a sigmoid mean head and a
log-variance head). The bound of estimator B (eq. 10: analytic KL, L = 1 sample of eps),
minibatches of M = 100 drawn from a shuffled set of N generated images (intensities uniform in
[0, 1]; the time of a step does not depend on them; N = 60,000 for MNIST, 1,565 for Frey Face),
Adagrad with the paper's step size (0.01 MNIST, 0.02 Frey Face) and eps = 1e-8, weight decay 1/N
on the decoder's parameters (theta) only, parameters initialised from N(0, 0.01^2). Kingma &
Welling, Auto-Encoding Variational Bayes, 2013, section 5.

It reports training images/s (median, min and max of timed windows after a warm-up), the
evaluation images/s (encoder and one decoder pass, batch 1000, no gradients) and, with
--importance, log p(x) by importance sampling with K = 5000 (decoder passes of 1000 rows, as aevb
runs them), for each thread count asked for (torch.set_num_threads), with the FLOP count aevb
uses (410 MFLOP per step for mnist).

    /usr/bin/python3 benchmarks/pytorch_vae.py                 # 1 and 2 threads
    /usr/bin/python3 benchmarks/pytorch_vae.py --model frey --importance
    /usr/bin/python3 benchmarks/pytorch_vae.py --threads 1 4 --seconds 8 --json

See benchmarks/README.md for how to install PyTorch with a fast BLAS on Debian.
"""
import argparse
import json
import math
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

# name: (D, hidden, Nz, decoder, N, Adagrad step size), as aevb.bench.BenchModel
MODELS = {
    "mnist": (784, 500, 20, "bernoulli", 60000, 0.01),
    "mnist200": (784, 500, 200, "bernoulli", 60000, 0.01),
    "frey": (560, 200, 2, "gaussian", 1565, 0.02),
}
M, EPS_ADAGRAD, K_IS, IS_ROWS = 100, 1e-8, 5000, 1000
LOG_2PI = math.log(2 * math.pi)


def flops(d, h, nz, heads):
    """aevb's count: the matrix products, 2*m*k*n, forward and backward, no input gradient for the data.
    Returns (per training step of M, per forward image, per decoder row)."""
    step = 2.0 * M * (d * h * 2 + (h * nz * 3) * 2 + nz * h * 3 + heads * h * d * 3)
    decoder_row = 2.0 * (nz * h + heads * h * d)
    return step, 2.0 * (d * h + 2 * h * nz) + decoder_row, decoder_row


class Vae(nn.Module):
    def __init__(self, d, h, nz, decoder):
        super().__init__()
        self.gaussian = decoder == "gaussian"
        self.enc_hidden, self.enc_mu, self.enc_logvar = nn.Linear(d, h), nn.Linear(h, nz), nn.Linear(h, nz)
        self.dec_hidden, self.dec_out = nn.Linear(nz, h), nn.Linear(h, d)
        self.dec_logvar = nn.Linear(h, d) if self.gaussian else None
        for p in self.parameters():
            nn.init.normal_(p, 0.0, 0.01)

    def encoder_parameters(self):
        return [p for m in (self.enc_hidden, self.enc_mu, self.enc_logvar) for p in m.parameters()]

    def decoder_parameters(self):
        heads = (self.dec_hidden, self.dec_out) + ((self.dec_logvar,) if self.gaussian else ())
        return [p for m in heads for p in m.parameters()]

    def encode(self, x):
        h = torch.tanh(self.enc_hidden(x))
        return self.enc_mu(h), self.enc_logvar(h)

    def log_px(self, x, z):
        """log p(x|z) per row: Bernoulli logits, or the Gaussian of Appendix C.2 (sigmoid mean)."""
        h = torch.tanh(self.dec_hidden(z))
        if not self.gaussian:
            return -F.binary_cross_entropy_with_logits(self.dec_out(h), x, reduction="none").sum(dim=1)
        mean, logvar = torch.sigmoid(self.dec_out(h)), self.dec_logvar(h)
        return -0.5 * torch.sum(LOG_2PI + logvar + (x - mean) ** 2 * torch.exp(-logvar), dim=1)

    def bound_terms(self, x, eps):
        """Eq. (10) per data point: -KL(q(z|x) || p(z)) + log p(x|z), z = mu + sigma * eps."""
        mu, logvar = self.encode(x)
        neg_kl = 0.5 * torch.sum(1 + logvar - mu * mu - torch.exp(logvar), dim=1)
        return neg_kl + self.log_px(x, mu + torch.exp(0.5 * logvar) * eps)

    def log_likelihood(self, x1):
        """log p(x) of one image by importance sampling with q(z|x): K_IS samples, IS_ROWS decoder rows a pass."""
        mu, logvar = self.encode(x1)
        sigma, logw = torch.exp(0.5 * logvar), []
        for k0 in range(0, K_IS, IS_ROWS):
            eps = torch.randn(IS_ROWS, mu.shape[1])
            z = mu + sigma * eps
            log_pz = -0.5 * torch.sum(LOG_2PI + z * z, dim=1)
            log_q = -0.5 * torch.sum(LOG_2PI + logvar + eps * eps, dim=1)
            logw.append(self.log_px(x1.expand(IS_ROWS, -1), z) + log_pz - log_q)
        return (torch.logsumexp(torch.cat(logw), 0) - math.log(K_IS)).item()


class Trainer:
    def __init__(self, data, spec, seed):
        d, h, nz, decoder, n, lr = spec
        torch.manual_seed(seed)
        self.data, self.n, self.nz, self.model = data, n, nz, Vae(d, h, nz, decoder)
        self.opt = torch.optim.Adagrad([
            {"params": self.model.encoder_parameters(), "weight_decay": 0.0},
            {"params": self.model.decoder_parameters(), "weight_decay": 1.0 / n},
        ], lr=lr, eps=EPS_ADAGRAD)
        self.order, self.next = torch.randperm(n), 0

    def step(self):
        if self.next + M > self.n:
            self.order, self.next = torch.randperm(self.n), 0
        x = self.data[self.order[self.next:self.next + M]]          # the minibatch, copied out
        self.next += M
        eps = torch.randn(M, self.nz)
        bound = self.model.bound_terms(x, eps).mean()               # per data point, as aevb reports
        self.opt.zero_grad(set_to_none=True)
        (-bound).backward()
        self.opt.step()                                              # weight decay: grad += theta / N
        return bound.item()


def measure(call, images_per_call, seconds, windows, warmup):
    """Images/s of `call` in `windows` timed windows after a warm-up that lasts until the rate
    stops improving (at least `warmup` seconds)."""
    start, best, flat = time.perf_counter(), 0.0, 0
    while True:
        rate = window(call, images_per_call, 0.25)
        best, flat = (rate, 0) if rate > best * 1.03 else (best, flat + 1)
        elapsed = time.perf_counter() - start
        if (elapsed >= warmup and flat >= 3) or elapsed > 10:
            break
    return sorted(window(call, images_per_call, seconds / windows) for _ in range(windows))


def window(call, images_per_call, seconds):
    calls, start = 0, time.perf_counter()
    while True:
        call()
        calls += 1
        now = time.perf_counter()
        if now - start >= seconds:
            return images_per_call * calls / (now - start)


def blas_library():
    """The BLAS library this process has loaded (Debian's torch calls whatever libblas.so.3 is)."""
    (torch.rand(64, 64) @ torch.rand(64, 64)).sum()
    try:
        with open("/proc/self/maps") as maps:
            libs = {line.split()[-1] for line in maps if "blas" in line}
        return ", ".join(sorted(libs)) or "unknown"
    except OSError:
        return "unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2], help="thread counts (default: 1 2)")
    ap.add_argument("--seconds", type=float, default=4.0, help="timed seconds per measurement (default 4)")
    ap.add_argument("--windows", type=int, default=8, help="timed windows per measurement (default 8)")
    ap.add_argument("--warmup", type=float, default=1.5, help="least warm-up seconds (default 1.5)")
    ap.add_argument("--model", choices=sorted(MODELS), default="mnist", help="the model (default: mnist, 784-500-20)")
    ap.add_argument("--importance", action="store_true", help="also time log p(x) by importance sampling, K = 5000")
    ap.add_argument("--json", action="store_true", help="print JSON")
    a = ap.parse_args()

    spec = MODELS[a.model]
    d, h, nz, decoder, n, _ = spec
    flops_step, flops_eval_image, flops_decoder_row = flops(d, h, nz, 2 if decoder == "gaussian" else 1)
    torch.manual_seed(1)
    data = torch.rand(n, d)
    report = {"torch": torch.__version__, "blas": blas_library(), "model": f"{a.model} {d}-{h}-{nz} {decoder}",
              "flops_per_step": flops_step, "training": [], "evaluation": [], "importance": []}
    for threads in a.threads:
        torch.set_num_threads(threads)
        print(f"training on {threads} thread(s) ...", file=sys.stderr)
        t = Trainer(data, spec, 1)
        rates = measure(t.step, M, a.seconds, a.windows, a.warmup)
        med = statistics.median(rates)
        report["training"].append({"threads": threads, "images_per_s_median": med, "images_per_s_min": rates[0],
                                   "images_per_s_max": rates[-1], "ms_per_step_median": 1e3 * M / med,
                                   "gflops_median": med / M * flops_step / 1e9})
        print(f"evaluating on {threads} thread(s) ...", file=sys.stderr)
        x, eps = data[:1000], torch.randn(1000, nz)
        with torch.no_grad():
            rates = measure(lambda: t.model.bound_terms(x, eps).sum().item(), 1000, a.seconds / 2, a.windows,
                            a.warmup)
        med = statistics.median(rates)
        report["evaluation"].append({"threads": threads, "images_per_s_median": med, "images_per_s_min": rates[0],
                                     "images_per_s_max": rates[-1], "gflops_median": med * flops_eval_image / 1e9})
        if a.importance:
            print(f"importance sampling (K = {K_IS}) on {threads} thread(s) ...", file=sys.stderr)
            for _ in range(200):                                     # q trained a little, as aevb's bench does
                t.step()
            images = data[:4]
            with torch.no_grad():
                rates = measure(lambda: [t.model.log_likelihood(images[i:i + 1]) for i in range(4)], 4, a.seconds / 2,
                                a.windows, a.warmup)
            med = statistics.median(rates)
            per_image = K_IS * flops_decoder_row + flops_eval_image - flops_decoder_row
            report["importance"].append({"threads": threads, "k": K_IS, "images_per_s_median": med,
                                         "images_per_s_min": rates[0], "images_per_s_max": rates[-1],
                                         "seconds_per_1000_images": 1000 / med, "gflops_median": med * per_image / 1e9})
    if a.json:
        print(json.dumps(report, indent=1))
        return
    print(f"PyTorch {report['torch']} ({report['blas']}): {report['model']}, M = {M}, generated data")
    print(f"FLOPs counted as aevb does: {flops_step / 1e6:.1f} MFLOP per step\n")
    print(f"{'training':24} {'images/s median [min-max]':28} {'ms/step':>10} {'GFLOP/s':>9}")
    for r in report["training"]:
        print(f"  {r['threads']:>2} thread(s)           {r['images_per_s_median']:8.0f} "
              f"[{r['images_per_s_min']:6.0f}-{r['images_per_s_max']:6.0f}]   {r['ms_per_step_median']:8.3f} "
              f"{r['gflops_median']:9.1f}")
    print(f"\n{'evaluation (batch 1000)':24} {'images/s median [min-max]':28} {'':>10} {'GFLOP/s':>9}")
    for r in report["evaluation"]:
        print(f"  {r['threads']:>2} thread(s)           {r['images_per_s_median']:8.0f} "
              f"[{r['images_per_s_min']:6.0f}-{r['images_per_s_max']:6.0f}]   {'':8} {r['gflops_median']:9.1f}")
    for r in report["importance"]:
        print(f"\nlog p(x), K = {K_IS}, {r['threads']} thread(s): {r['images_per_s_median']:.1f} images/s "
              f"[{r['images_per_s_min']:.1f}-{r['images_per_s_max']:.1f}], {r['seconds_per_1000_images']:.1f} s per 1000 "
              f"images, {r['gflops_median']:.1f} GFLOP/s")


if __name__ == "__main__":
    main()
