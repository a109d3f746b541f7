#!/usr/bin/env bash
# Which is faster for a sweep on this machine: trainings one at a time, each using every core
# (the trainer's own workers, or one worker with a multi-threaded BLAS), or several trainings side
# by side with one thread each? Runs the same small sweep (no cache) in each setup, alternating,
# and prints the wall time of each. Release build: make release first.
#
#   benchmarks/sweep-jobs.sh [repeats]             (SUBSET=60000 EPOCHS=3 for the full training set)
#
# Figures on the 2-core machine this was written on are in docs/sweep.md.
set -euo pipefail
cd "$(dirname "$0")/.."
TUTOR=.build/release/tutor
REPEATS=${1:-2}
SUBSET=${SUBSET:-30000}
EPOCHS=${EPOCHS:-2}
CACHE=$(mktemp -d)   # --no-cache still writes results: keep them out of the user's cache
trap 'rm -rf "$CACHE"' EXIT
GRID=(--hiddens 128,256 --lr 0.1,0.5 --epochs "$EPOCHS" --train-subset "$SUBSET" --no-cache --json --cache "$CACHE")
cores=$(nproc)

run() {  # label, env..., -- args...
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  env "$@" "$TUTOR" sweep "${GRID[@]}" "${EXTRA[@]}" >/dev/null
  end=$(date +%s.%N)
  printf '%-58s %6.2f s\n' "$label" "$(echo "$end - $start" | bc)"
}

echo "sweep: 4 runs of $EPOCHS epochs on $SUBSET images, $cores cores, load average $(cut -d' ' -f1 /proc/loadavg)"
for r in $(seq "$REPEATS"); do
  EXTRA=(--jobs 1); run "1 at a time, $cores trainer workers x 1 BLAS thread" X=1
  EXTRA=(--jobs 1); run "1 at a time, 1 trainer worker x $cores BLAS threads" D2L_THREADS=1 OPENBLAS_NUM_THREADS="$cores"
  EXTRA=(--jobs "$cores"); run "$cores at a time, 1 worker x 1 BLAS thread each" X=1
done
