#!/usr/bin/env bash
# Checking learner code: the release `tutor` in a fresh workspace, as a learner uses it.
# Times the first `tutor check relu-code` after `tutor init` (relu written, nothing built yet)
# and the checks after several edits of relu, then the same two steps with `swift build` of the
# workspace's package (how workspaces were built before the prebuilt library) for the ratio.
#
#   benchmarks/code-check.sh [--edits 7] [--skip-swift-build]
# The library for workspaces is built first (`tutor build-library`, as `make tutor` does) and
# not timed: a learner has it from `make tutor`.
set -euo pipefail
cd "$(dirname "$0")/.."
edits=7 swift_build=1
while (($#)); do case "$1" in
    --edits) edits=$2; shift 2 ;;
    --skip-swift-build) swift_build=0; shift ;;
    *) echo "usage: $0 [--edits N] [--skip-swift-build]" >&2; exit 2 ;;
esac; done
swift build -c release --product tutor >/dev/null
tutor=$PWD/.build/release/tutor
"$tutor" build-library
work=$(mktemp -d /tmp/code-check-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export XDG_STATE_HOME=$work/state XDG_CACHE_HOME=$work/cache TUTOR_LEARNER=bench
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

now() { date +%s.%N; }
# relu, written a different way each time (and a counter, so every edit changes the file).
relu() {
    local body
    case $(($1 % 3)) in
        0) body='X.map { max($0, 0) }' ;;
        1) body='X.map { $0 > 0 ? $0 : 0 }' ;;
        2) body='Tensor(shape: X.shape, scalars: X.scalars.map { Swift.max($0, 0) })' ;;
    esac
    printf 'import D2L\n\n// edit %s\npublic func relu(_ X: Tensor) -> Tensor {\n    %s\n}\n' "$1" "$body"
}
# Times one `tutor check relu-code`, which must pass; prints the wall seconds, and appends the CPU
# seconds (user + system, its compiler runs and sandboxes included) to $work/cpu.
check() {
    if ! /usr/bin/time -o "$work/time" -f "%e %U %S" "$tutor" check relu-code --workspace "$work/ws" --lessons lessons \
        >"$work/check.out" 2>&1; then
        echo "the check did not pass:" >&2; cat "$work/check.out" >&2; exit 1
    fi
    awk '{ print $2 + $3 }' "$work/time" >>"$work/cpu"
    awk '{ print $1 }' "$work/time"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

"$tutor" init "$work/ws" >/dev/null
relu 0 >"$work/ws/Sources/Exercises/Relu.swift"
first=$(check)
echo "tutor check relu-code, first after tutor init: $first s (CPU $(tail -1 "$work/cpu") s)"
: >"$work/edits"
: >"$work/cpu"
for i in $(seq 1 "$edits"); do
    relu "$i" >"$work/ws/Sources/Exercises/Relu.swift"
    check >>"$work/edits"
done
echo "tutor check relu-code after an edit ($edits edits): median $(median <"$work/edits") s, min $(sort -n "$work/edits" | head -1) s, max $(sort -n "$work/edits" | tail -1) s; CPU median $(median <"$work/cpu") s"
unchanged=$(check)
echo "tutor check relu-code, nothing changed: $unchanged s (CPU $(tail -1 "$work/cpu") s)"

if ((swift_build)); then
    # The same workspace built as a package: the whole library compiles in it the first time.
    start=$(now)
    (cd "$work/ws" && swift build --product runner >/dev/null 2>&1)
    package_first=$(echo "$(now) - $start" | bc)
    : >"$work/package-edits"
    for i in $(seq 1 3); do
        relu $((edits + i)) >"$work/ws/Sources/Exercises/Relu.swift"
        start=$(now)
        (cd "$work/ws" && swift build --product runner >/dev/null 2>&1)
        echo "$(now) - $start" | bc >>"$work/package-edits"
    done
    package_edit=$(median <"$work/package-edits")
    echo "swift build of the workspace (the build alone, no check): first $package_first s, after an edit median $package_edit s (3 edits)"
    echo "ratios, tutor check / swift build alone: first $(echo "scale=3; $first / $package_first" | bc), after an edit $(echo "scale=3; $(median <"$work/edits") / $package_edit" | bc)"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "targets: first check <= 5 s: $(echo "$first <= 5" | bc | sed 's/1/met/;s/0/NOT met/'); median after an edit <= 0.6 s: $(echo "$(median <"$work/edits") <= 0.6" | bc | sed 's/1/met/;s/0/NOT met/')"
