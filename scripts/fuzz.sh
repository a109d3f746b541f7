#!/usr/bin/env bash
# Builds the libFuzzer harnesses of fuzz/ (AddressSanitizer, release, own build folder) and runs
# each for FUZZ_SECONDS, one after another, at low priority. See fuzz/README.md.
#
#   scripts/fuzz.sh                    every harness, FUZZ_SECONDS each (default 60)
#   scripts/fuzz.sh idx markdown       only these
#   scripts/fuzz.sh --build            build only; the binary is .build/fuzz/release/tutor-fuzz
#   FUZZ_ARGS='-jobs=2' scripts/fuzz.sh  more libFuzzer options
#
# A crash leaves its input in .build/fuzz/crashes/<harness>/; replay it with
# `.build/fuzz/release/tutor-fuzz <harness> FILE`, then copy it into fuzz/regressions/<harness>/
# (which `swift test --filter FuzzRegressionTests` and `make test` replay) and fix the bug.
set -euo pipefail
cd "$(dirname "$0")/.."

build_only=false
harnesses=()
for arg in "$@"; do
    if [[ "$arg" == "--build" ]]; then build_only=true; else harnesses+=("$arg"); fi
done
if ((${#harnesses[@]} == 0)); then
    for dir in fuzz/corpus/*/; do harnesses+=("$(basename "$dir")"); done
fi

swiftc_path=$(readlink -f "$(command -v swiftc)")
fuzzer_lib=$(find "$(dirname "$swiftc_path")/../lib/clang" -name 'libclang_rt.fuzzer_no_main-x86_64.a' -print -quit 2>/dev/null || true)
if [[ -z "$fuzzer_lib" ]]; then
    echo "fuzz: libclang_rt.fuzzer_no_main is not in this Swift toolchain ($swiftc_path); libFuzzer needs the swift.org Linux toolchain" >&2
    exit 1
fi

# Coverage instrumentation comes from the frontend's -sanitize=fuzzer; libFuzzer itself is linked
# without its main (the driver calls LLVMFuzzerRunDriver), with lld (gold fails on ASan symbols).
TUTOR_FUZZ=1 swift build -c release --build-path .build/fuzz --product tutor-fuzz \
    --sanitize address -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer,address \
    -Xswiftc -use-ld=lld -Xlinker "$fuzzer_lib" -Xlinker -lstdc++
binary=.build/fuzz/release/tutor-fuzz
$build_only && exit 0

seconds=${FUZZ_SECONDS:-60}
# The Swift runtime's own crash reporter would race libFuzzer's; leaks are not what we look for.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
status=0
for harness in "${harnesses[@]}"; do
    [[ -d "fuzz/corpus/$harness" ]] || { echo "fuzz: no harness '$harness' (fuzz/corpus/$harness is missing)" >&2; exit 2; }
    work=".build/fuzz/corpus/$harness" crashes=".build/fuzz/crashes/$harness"
    mkdir -p "$work" "$crashes"
    max_len=4096
    [[ "$harness" == markdown ]] && max_len=8192
    echo "fuzz: $harness for ${seconds}s"
    # The committed seeds are read, new finds go to the build folder (fuzz/corpus stays small).
    # shellcheck disable=SC2086
    rc=0
    nice -n 10 "$binary" "$harness" "$work" "fuzz/corpus/$harness" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 -max_len="$max_len" \
        -artifact_prefix="$crashes/" -print_final_stats=1 ${FUZZ_ARGS:-} > ".build/fuzz/$harness.log" 2>&1 || rc=$?
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|.*Fatal error|Test unit written)' \
        ".build/fuzz/$harness.log" || true
    if ((rc != 0)); then
        echo "fuzz: $harness found a crash (exit $rc); input in $crashes/, log .build/fuzz/$harness.log" >&2
        status=1
    fi
done
exit $status
