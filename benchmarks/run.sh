#!/usr/bin/env bash
# The benchmark: D2L's 10-epoch training of the chapter's MLP against the PyTorch peer (two setups)
# on the same data, with this machine's sgemm rate and the time bound it implies.
#   benchmarks/run.sh [--epochs N] [--repeat N] [--skip-book] [--busy-core] [--json FILE]     (make bench runs it)
# Release build; installs PyTorch into benchmarks/.venv when no venv with torch 2.13.0+cpu is found.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "bench: building the release tutor" >&2
swift build -c release --product tutor >&2

echo "bench: building the sgemm rate probe" >&2
mkdir -p .build/bench
${CC:-cc} -O2 -ISources/CSgemm/include benchmarks/sgemm_rate.c Sources/CSgemm/sgemm_avx512.c \
    $(pkg-config --cflags --libs openblas) -lpthread -o .build/bench/sgemm_rate

has_torch() { "$1" -c 'import torch, numpy, sys; sys.exit(torch.__version__ != "2.13.0+cpu")' 2>/dev/null; }
python=""
for candidate in "${TORCH_PYTHON:-}" /opt/torchvenv/bin/python benchmarks/.venv/bin/python; do
    if [[ -n "$candidate" && -x "$candidate" ]] && has_torch "$candidate"; then python=$candidate; break; fi
done
if [[ -z "$python" ]]; then
    echo "bench: installing torch==2.13.0+cpu and numpy into benchmarks/.venv" >&2
    python3 -m venv benchmarks/.venv
    benchmarks/.venv/bin/pip install --quiet torch==2.13.0+cpu numpy
    python=benchmarks/.venv/bin/python
fi

exec python3 benchmarks/bench.py --tutor .build/release/tutor --sgemm .build/bench/sgemm_rate --python "$python" "$@"
