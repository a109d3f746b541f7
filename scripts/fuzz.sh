#!/usr/bin/env bash
# Builds the libFuzzer harnesses of fuzz/ (release, own build folder) and runs each for
# FUZZ_SECONDS, one after another, at the lowest priority. See fuzz/README.md.
#
#   scripts/fuzz.sh                    every harness, FUZZ_SECONDS each (default 60)
#   scripts/fuzz.sh idx markdown       only these
#   scripts/fuzz.sh --build            build only; the binary is .build/fuzz/release/tutor-fuzz
#   scripts/fuzz.sh --asan             with AddressSanitizer (.build/fuzz-asan/), several times slower
#   scripts/fuzz.sh --asan --replay    every input found so far, once, under AddressSanitizer
#   FUZZ_ARGS='-jobs=2' scripts/fuzz.sh  more libFuzzer options
#
# A crash leaves its input in .build/fuzz/crashes/<harness>/; replay it with
# `.build/fuzz/release/tutor-fuzz <harness> FILE`, then copy it into fuzz/regressions/<harness>/
# (which `swift test --filter FuzzRegressionTests` and `make test` replay) and fix the bug.
set -euo pipefail
cd "$(dirname "$0")/.."

build_only=false asan=false replay=false
harnesses=()
for arg in "$@"; do
    case "$arg" in
        --build) build_only=true ;;
        --asan) asan=true ;;
        --replay) replay=true ;;
        *) harnesses+=("$arg") ;;
    esac
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
# Swift code is memory-safe outside its unsafe pointers, so the long runs go without
# AddressSanitizer (several times the executions); --asan builds the checked variant apart.
build=.build/fuzz sanitize=(-Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer)
if $asan; then
    build=.build/fuzz-asan sanitize=(--sanitize address -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer,address)
fi
TUTOR_FUZZ=1 nice -n 10 swift build -c release --build-path "$build" --product tutor-fuzz "${sanitize[@]}" \
    -Xswiftc -use-ld=lld -Xlinker "$fuzzer_lib" -Xlinker -lstdc++
binary=$build/release/tutor-fuzz
$build_only && exit 0

seconds=${FUZZ_SECONDS:-60}
# The Swift runtime's own crash reporter would race libFuzzer's; leaks are not what we look for.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
# One line per run (harness, seconds, executions, crashes, build), for fuzz/RUNS.md.
runs=.build/fuzz/runs.tsv
status=0
for harness in "${harnesses[@]}"; do
    [[ -d "fuzz/corpus/$harness" ]] || { echo "fuzz: no harness '$harness' (fuzz/corpus/$harness is missing)" >&2; exit 2; }
    work=".build/fuzz/corpus/$harness" crashes=".build/fuzz/crashes/$harness"
    # (`if`, not `&&`: a failing substitution in an assignment would end the script under set -e)
    log=".build/fuzz/$harness$(if $asan; then echo -asan; fi)$(if $replay; then echo -replay; fi).log"
    mkdir -p "$work" "$crashes"
    # Typed answers, YAML and Markdown find their structure within a KiB or two; a longer input
    # only costs time (the Markdown harness repeats its input itself to reach depth).
    case "$harness" in
        answer|checkpoint-spec|markdown) max_len=2048 ;;
        *) max_len=4096 ;;
    esac
    if $replay; then
        echo "fuzz: $harness, every input of $work once"
        limits=(-runs=0)
    else
        echo "fuzz: $harness for ${seconds}s"
        limits=(-max_total_time="$seconds")
    fi
    # `nice` counts only inside a session's scheduling group (Linux's autogroup): against other
    # sessions a niced fuzzer would still take its session's full share. So it runs in a session
    # of its own whose group is lowered too, and takes only CPU nobody else wants. Ctrl-C here
    # stops it as before.
    run=(sh -c 'exec nice -n 19 "$@"' fuzz)
    if command -v setsid > /dev/null; then   # not on macOS
        run=(setsid sh -c 'echo 19 > /proc/self/autogroup 2>/dev/null; exec nice -n 19 "$@"' fuzz)
    fi
    # The committed seeds are read, new finds go to the build folder (fuzz/corpus stays small).
    # Slow inputs are picked less often (-entropic_scale_per_exec_time): one deep document costs
    # as much as thousands of short ones.
    # shellcheck disable=SC2086
    rc=0 started=$SECONDS
    "${run[@]}" "$binary" "$harness" "$work" "fuzz/corpus/$harness" "${limits[@]}" \
        -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 -max_len="$max_len" -entropic_scale_per_exec_time=1 \
        -artifact_prefix="$crashes/" -print_final_stats=1 ${FUZZ_ARGS:-} > "$log" 2>&1 &
    fuzzer=$!
    trap 'kill -INT "$fuzzer" 2>/dev/null || true' INT TERM
    wait "$fuzzer" && rc=0 || rc=$?
    # A trapped Ctrl-C ends `wait` early: wait again for the fuzzer's own exit status.
    while kill -0 "$fuzzer" 2>/dev/null; do wait "$fuzzer" && rc=0 || rc=$?; done
    trap - INT TERM
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|.*Fatal error|Test unit written)' \
        "$log" || true
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    # 72: libFuzzer's exit on Ctrl-C or SIGINT (-interrupted_exitcode), a run cut short, not a crash.
    found=$((rc != 0 && rc != 72))
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$harness" "$((SECONDS - started))" "${executions:-0}" \
        "$found" "$(basename "$build")$($replay && echo ' replay')$( ((rc == 72)) && echo ' interrupted')" >> "$runs"
    if ((found)); then
        echo "fuzz: $harness found a crash (exit $rc); input in $crashes/, log $log" >&2
        status=1
    fi
done
exit $status
