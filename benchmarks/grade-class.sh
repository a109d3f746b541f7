#!/usr/bin/env bash
# Grading a class: 500 generated answers files (every checkpoint but the code ones), graded in
# one run and in 4 shards plus a merge, with the release `tutor`; checks the two reports are
# identical and prints the times with the machine and its load.
#
#   benchmarks/grade-class.sh [--count 500] [--jobs 2]
# Training references come from the run cache ($XDG_CACHE_HOME/tutor): the first grading
# computes the missing ones (minutes), so a warm-up run goes first and is not timed.
set -euo pipefail
cd "$(dirname "$0")/.."
count=500 jobs=2
while (($#)); do case "$1" in
    --count) count=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    *) echo "usage: $0 [--count N] [--jobs J]" >&2; exit 2 ;;
esac; done
swift build -c release --product tutor >/dev/null
tutor=$PWD/.build/release/tutor
work=$(mktemp -d /tmp/grade-class.XXXXXX)
python3 benchmarks/make_submissions.py lessons "$work/subs" --count "$count"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$tutor" grade "$work/subs/learner000.json" --lang en --format json >/dev/null    # warm-up: references into the cache

now() { date +%s.%N; }
start=$(now)
"$tutor" grade "$work/subs" --lang en --jobs "$jobs" --format json --output "$work/single.json" >/dev/null
echo "single run, --jobs $jobs: $(echo "$(now) - $start" | bc) s"
start=$(now)
for k in 0 1 2 3; do
    "$tutor" grade "$work/subs" --lang en --jobs 1 --shard "$k/4" --output "$work/part-$k.json" >/dev/null &
done
wait
echo "4 shards as concurrent processes, --jobs 1 each: $(echo "$(now) - $start" | bc) s"
start=$(now)
"$tutor" grade merge "$work"/part-*.json --format json --output "$work/merged.json" >/dev/null
echo "merge: $(echo "$(now) - $start" | bc) s"
if cmp -s "$work/single.json" "$work/merged.json"; then echo "merged report: identical to the single run ($(wc -c <"$work/single.json") bytes)"
else echo "merged report DIFFERS from the single run: diff $work/single.json $work/merged.json"; exit 1; fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$work"
