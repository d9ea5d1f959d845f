#!/usr/bin/env bash
# The Figure 3 ablation of docs/figures/README.md: 10^5 samples per method, seed 1, 1 thread. Every curve
# of every variant is a Figure 3 curve job under OUT/<variant>/curves/, so a killed run continues where it
# stopped, and the lines below may run side by side (e.g. with GNU parallel); the merge writes the table.
# Usage: docs/figures/figure3-ablation.sh DATA_DIR OUT      (DATA_DIR holds mnist/; run from the repository)
set -eu
DATA=$1 OUT=$2
JAR=${JAR:-target/aevb.jar}
run() { java --add-modules=jdk.incubator.vector -XX:+UseParallelGC -Daevb.threads=1 -cp $JAR aevb.experiments.Figure3Ablation "$@"; }
for n in 1000 50000; do
  run "$DATA" 100000 $n baseline,batch-e-step,paper "$OUT" 1
done
run "$DATA" 100000 1000 count-updates,mcem-1-update,lr-0.02,lr-0.1,not-annealed,warm-up,batch-lr-0.02,batch-lr-0.1 "$OUT" 1
run merge "$OUT" 100000 1
