#!/usr/bin/env bash
# The checks of `make test` after the debug build (`swift build --build-tests`), side by side:
#   - `tutor lint lessons`, which trains the course's reference runs into the run cache;
#   - the ThreadSanitizer build of the grading targets (Package.swift, TUTOR_TSAN=1);
#   - the package's tests, in four processes, each on its own share of the suites;
# then, in turn, the tests that read lint's runs (LintedRunTests) and the ThreadSanitizer test.
# Each part's output is printed whole when it ends, in that order, then one closing line.
# Exit status: 0 only when every part succeeded and every listed test ran and passed.
#
# Why side by side: on two cores each part alone leaves a core idle much of the time. Swift
# Testing runs a process's tests on one thread per core, and the code-check suites (a compiler,
# then the sandbox) and the command-line suites (a child `tutor`, a pseudo-terminal) spend most
# of their time waiting on child processes; in one process those waits hold both threads.
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
linted='^TutorTests\.LintedRunTests/'
shards=("--filter $code" "--filter $terminal" "--filter $cli --skip $terminal" "--skip $code --skip $cli --skip $linted")

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

.build/debug/tutor lint lessons > "$logs/lint.txt" 2>&1 &
lint=$!
"${tsan[@]}" build --build-tests "${tsan_options[@]}" > "$logs/tsan-build.txt" 2>&1 &
tsan_build=$!
pids=()
for i in "${!shards[@]}"; do
    run_shard "${shards[$i]}" "$logs/tests-$i.txt" &
    pids+=($!)
done

echo "== tutor lint lessons"
wait $lint || failed+=("tutor lint lessons")
cat "$logs/lint.txt"
for i in "${!shards[@]}"; do
    echo "== tests: ${shards[$i]}"
    wait "${pids[$i]}" || failed+=("tests: ${shards[$i]}")
    report_shard "$logs/tests-$i.txt"
done
echo "== tests that read lint's runs: --filter $linted"
run_shard "--filter $linted" "$logs/tests-linted.txt" || failed+=("tests: --filter $linted")
report_shard "$logs/tests-linted.txt"
if [ "$ran" -ne "$expected" ]; then
    echo "run-tests: $ran tests ran, but the test bundle lists $expected" >&2
    failed+=("the count of tests")
fi

echo "== ThreadSanitizer build and test of the grading targets"
wait $tsan_build || failed+=("the ThreadSanitizer build")
cat "$logs/tsan-build.txt"
"${tsan[@]}" test --skip-build "${tsan_options[@]}" || failed+=("the ThreadSanitizer test")

if [ ${#failed[@]} -eq 0 ]; then
    echo "All $ran tests passed (in $((${#shards[@]} + 1)) processes), lint and the ThreadSanitizer test too."
else
    echo "Failed: ${failed[*]}" >&2
    status=1
fi
exit "$status"
