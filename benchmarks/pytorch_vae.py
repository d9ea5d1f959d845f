#!/usr/bin/env python3
"""PyTorch reference for `./aevb bench`: the paper's MNIST VAE trained on generated data.

The same model and step as aevb's benchmark (aevb.bench.TrainBench), written the usual PyTorch
way: a 784-500-20 tanh encoder with mu and log-variance heads, a 20-500-784 tanh decoder with
Bernoulli logits, the bound of estimator B (eq. 10: analytic KL, L = 1 sample of eps), minibatches
of M = 100 drawn from a shuffled set of N = 60,000 generated images (intensities uniform in
[0, 1]; the time of a step does not depend on them), Adagrad with step size 0.02 and
eps = 1e-8, weight decay 1/N on the decoder's parameters (theta) only, parameters initialised
from N(0, 0.01^2). Kingma & Welling, Auto-Encoding Variational Bayes, 2013, section 5.

It reports training images/s (median, min and max of timed windows after a warm-up) and the
evaluation images/s (encoder and one decoder pass, batch 1000, no gradients), for each thread
count asked for (torch.set_num_threads), with the FLOP count aevb uses (410 MFLOP per step).

    /usr/bin/python3 benchmarks/pytorch_vae.py                 # 1 and 2 threads
    /usr/bin/python3 benchmarks/pytorch_vae.py --threads 1 4 --seconds 8 --json

See benchmarks/README.md for how to install PyTorch with a fast BLAS on Debian.
"""
import argparse
import json
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

D, H, NZ, M, N = 784, 500, 20, 100, 60000
LR, EPS_ADAGRAD = 0.02, 1e-8
FLOPS_PER_STEP = 2.0 * M * (D * H * 2 + (H * NZ * 3) * 2 + NZ * H * 3 + H * D * 3)
FLOPS_PER_EVAL_IMAGE = 2.0 * (D * H + 2 * H * NZ + NZ * H + H * D)


class Vae(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc_hidden, self.enc_mu, self.enc_logvar = nn.Linear(D, H), nn.Linear(H, NZ), nn.Linear(H, NZ)
        self.dec_hidden, self.dec_logits = nn.Linear(NZ, H), nn.Linear(H, D)
        for p in self.parameters():
            nn.init.normal_(p, 0.0, 0.01)

    def encoder_parameters(self):
        return [p for m in (self.enc_hidden, self.enc_mu, self.enc_logvar) for p in m.parameters()]

    def decoder_parameters(self):
        return [p for m in (self.dec_hidden, self.dec_logits) for p in m.parameters()]

    def bound_terms(self, x, eps):
        """Eq. (10) per data point: -KL(q(z|x) || p(z)) + log p(x|z), z = mu + sigma * eps."""
        h = torch.tanh(self.enc_hidden(x))
        mu, logvar = self.enc_mu(h), self.enc_logvar(h)
        neg_kl = 0.5 * torch.sum(1 + logvar - mu * mu - torch.exp(logvar), dim=1)
        z = mu + torch.exp(0.5 * logvar) * eps
        logits = self.dec_logits(torch.tanh(self.dec_hidden(z)))
        log_px = -F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=1)
        return neg_kl + log_px


class Trainer:
    def __init__(self, data, seed):
        torch.manual_seed(seed)
        self.data, self.model = data, Vae()
        self.opt = torch.optim.Adagrad([
            {"params": self.model.encoder_parameters(), "weight_decay": 0.0},
            {"params": self.model.decoder_parameters(), "weight_decay": 1.0 / N},
        ], lr=LR, eps=EPS_ADAGRAD)
        self.order, self.next = torch.randperm(N), 0

    def step(self):
        if self.next + M > N:
            self.order, self.next = torch.randperm(N), 0
        x = self.data[self.order[self.next:self.next + M]]          # the minibatch, copied out
        self.next += M
        eps = torch.randn(M, NZ)
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
    ap.add_argument("--json", action="store_true", help="print JSON")
    a = ap.parse_args()

    torch.manual_seed(1)
    data = torch.rand(N, D)
    report = {"torch": torch.__version__, "blas": blas_library(), "flops_per_step": FLOPS_PER_STEP,
              "training": [], "evaluation": []}
    for threads in a.threads:
        torch.set_num_threads(threads)
        print(f"training on {threads} thread(s) ...", file=sys.stderr)
        t = Trainer(data, 1)
        rates = measure(t.step, M, a.seconds, a.windows, a.warmup)
        med = statistics.median(rates)
        report["training"].append({"threads": threads, "images_per_s_median": med, "images_per_s_min": rates[0],
                                   "images_per_s_max": rates[-1], "ms_per_step_median": 1e3 * M / med,
                                   "gflops_median": med / M * FLOPS_PER_STEP / 1e9})
        print(f"evaluating on {threads} thread(s) ...", file=sys.stderr)
        x, eps = data[:1000], torch.randn(1000, NZ)
        with torch.no_grad():
            rates = measure(lambda: t.model.bound_terms(x, eps).sum().item(), 1000, a.seconds / 2, a.windows,
                            a.warmup)
        med = statistics.median(rates)
        report["evaluation"].append({"threads": threads, "images_per_s_median": med, "images_per_s_min": rates[0],
                                     "images_per_s_max": rates[-1], "gflops_median": med * FLOPS_PER_EVAL_IMAGE / 1e9})
    if a.json:
        print(json.dumps(report, indent=1))
        return
    print(f"PyTorch {report['torch']} ({report['blas']}): the paper's MNIST model, M = {M}, generated data")
    print(f"FLOPs counted as aevb does: {FLOPS_PER_STEP / 1e6:.1f} MFLOP per step\n")
    print(f"{'training':24} {'images/s median [min-max]':28} {'ms/step':>10} {'GFLOP/s':>9}")
    for r in report["training"]:
        print(f"  {r['threads']:>2} thread(s)           {r['images_per_s_median']:8.0f} "
              f"[{r['images_per_s_min']:6.0f}-{r['images_per_s_max']:6.0f}]   {r['ms_per_step_median']:8.3f} "
              f"{r['gflops_median']:9.1f}")
    print(f"\n{'evaluation (batch 1000)':24} {'images/s median [min-max]':28} {'':>10} {'GFLOP/s':>9}")
    for r in report["evaluation"]:
        print(f"  {r['threads']:>2} thread(s)           {r['images_per_s_median']:8.0f} "
              f"[{r['images_per_s_min']:6.0f}-{r['images_per_s_max']:6.0f}]   {'':8} {r['gflops_median']:9.1f}")


if __name__ == "__main__":
    main()
