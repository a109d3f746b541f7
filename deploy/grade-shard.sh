#!/usr/bin/env bash
# Grades one shard of a class: K from $JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or
# $SLURM_ARRAY_TASK_ID (Slurm array, --array=0-(N-1)), N from $SHARDS.
#
#   SHARDS=4 grade-shard SUBMISSIONS OUT_DIR [tutor grade options…]
# writes OUT_DIR/part-K.json; then: tutor grade merge OUT_DIR/part-*.json --output grades.json
set -euo pipefail
submissions=${1:?usage: SHARDS=N grade-shard SUBMISSIONS OUT_DIR [options]}
out=${2:?usage: SHARDS=N grade-shard SUBMISSIONS OUT_DIR [options]}
shift 2
k=${JOB_COMPLETION_INDEX:-${SLURM_ARRAY_TASK_ID:-}}
n=${SHARDS:?set SHARDS to the number of shards}
if [[ -z "$k" ]]; then
    echo "grade-shard: neither JOB_COMPLETION_INDEX nor SLURM_ARRAY_TASK_ID is set: which shard is this?" >&2
    exit 2
fi
mkdir -p "$out"
exec tutor grade "$submissions" --shard "$k/$n" --output "$out/part-$k.json" "$@"
