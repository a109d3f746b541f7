#!/usr/bin/env bash
# The checks of `make test` after the debug build (`swift build --build-tests`):
#   1. `tutor lint lessons`, which trains the course's reference runs into the run cache;
#   2. side by side: the package's tests, in four processes, each on its own share of the
#      suites, and the ThreadSanitizer build of the grading targets (Package.swift, TUTOR_TSAN=1);
#   3. the ThreadSanitizer test.
# Each part's output is printed whole when it ends, in that order, then one closing line.
# Exit status: 0 only when every part succeeded and every listed test ran and passed.
#
# Lint runs alone and trains the runs it needs one per core side by side (`--jobs`), each on one
# thread: a run's own threads meet thousands of times an epoch, and beside other work each
# meeting waits for a free core (lint took twice as long among the tests). The tests run
# in four processes because Swift Testing runs a process's tests on one thread per core, and the
# code-check suites (a compiler, then the sandbox) and the command-line suites (a child `tutor`,
# a pseudo-terminal) spend most of their time waiting on child processes: in one process those
# waits would hold every thread while the CPU idles.
set -uo pipefail
cd "$(dirname "$0")/.."
logs=.build/run-tests
mkdir -p "$logs"
rm -f "$logs"/*.txt

tsan=(env TUTOR_TSAN=1 TSAN_OPTIONS=halt_on_error=1 swift)
tsan_options=(--sanitize=thread --scratch-path .build-tsan)

bundle=$(ls -d .build/debug/*PackageTests.xctest 2>/dev/null | head -1)
if [ "$(uname -s)" != Linux ] || [ ! -x "$bundle" ] || [ -d "$bundle" ]; then
    # Elsewhere (macOS) the bundle is not a program of its own: one after another, as SwiftPM runs them.
    .build/debug/tutor lint lessons || exit 1
    swift test --skip-build 2>&1 | tee "$logs/tests.txt" || exit 1
    "${tsan[@]}" test "${tsan_options[@]}" || exit 1
    echo "All $(sed -n 's/.*Test run with \([0-9]*\) tests.*/\1/p' "$logs/tests.txt" | tail -1) tests passed, lint and the ThreadSanitizer test too."
    exit 0
fi

# The suites sharing one code-check workspace (SharedTestWorkspace) stay in one process.
code='^TutorTests\.(CodeCheckerTests|LearnerCodeContainmentTests|GradingScratchTests|WorkspaceLibraryTests)/'
terminal='^TutorCLITests\.(Prompt|Watch|Session|Show|Pipe|Visual|FIFO)'
cli='^TutorCLITests\.'
shards=("--filter $code" "--filter $terminal" "--filter $cli --skip $terminal" "--skip $code --skip $cli")

status=0
failed=()
ran=0
# Runs the bundle on one share of the tests (its options in $1) into $2.
run_shard() {
    # shellcheck disable=SC2086  # $1 is a list of options
    "$bundle" --testing-library swift-testing $1 > "$2" 2>&1
}
# Prints a part's log and counts the tests its summary line reports.
report_shard() {
    cat "$1"
    local count
    count=$(sed -n 's/.*Test run with \([0-9]*\) tests\{0,1\} .*/\1/p' "$1" | tail -1)
    if [ -z "$count" ]; then
        echo "run-tests: $1 ended without a test summary (see above)" >&2
        failed+=("$1")
    fi
    ran=$((ran + ${count:-0}))
}

expected=$("$bundle" --testing-library swift-testing --list-tests 2>/dev/null | grep -c .)

echo "== tutor lint lessons"
.build/debug/tutor lint lessons --jobs "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)" 2>&1 || failed+=("tutor lint lessons")

"${tsan[@]}" build --build-tests "${tsan_options[@]}" > "$logs/tsan-build.txt" 2>&1 &
tsan_build=$!
pids=()
for i in "${!shards[@]}"; do
    run_shard "${shards[$i]}" "$logs/tests-$i.txt" &
    pids+=($!)
done
for i in "${!shards[@]}"; do
    echo "== tests: ${shards[$i]}"
    wait "${pids[$i]}" || failed+=("tests: ${shards[$i]}")
    report_shard "$logs/tests-$i.txt"
done
if [ "$ran" -ne "$expected" ]; then
    echo "run-tests: $ran tests ran, but the test bundle lists $expected" >&2
    failed+=("the count of tests")
fi

echo "== ThreadSanitizer build and test of the grading targets"
wait $tsan_build || failed+=("the ThreadSanitizer build")
cat "$logs/tsan-build.txt"
"${tsan[@]}" test --skip-build "${tsan_options[@]}" || failed+=("the ThreadSanitizer test")

if [ ${#failed[@]} -eq 0 ]; then
    echo "All $ran tests passed (in ${#shards[@]} processes), lint and the ThreadSanitizer test too."
else
    echo "Failed: ${failed[*]}" >&2
    status=1
fi
exit "$status"
