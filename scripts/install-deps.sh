#!/usr/bin/env bash
# Installs what the course needs and is missing: the C libraries (cmark, OpenBLAS, zlib),
# bubblewrap (the sandbox learner code runs in, Linux only) and the Fashion-MNIST data set. Debian/Ubuntu via apt-get, macOS via Homebrew.
# Prints nothing but a short line per install; safe to run again and again.
set -euo pipefail

need_apt=()
have_pc() { pkg-config --exists "$1" 2>/dev/null; }

if [[ "$(uname -s)" == "Darwin" ]]; then
    command -v brew >/dev/null || { echo "setup: Homebrew is needed on macOS (https://brew.sh)" >&2; exit 1; }
    for f in cmark pkg-config openblas zlib; do
        brew list --versions "$f" >/dev/null 2>&1 || { echo "setup: brew install $f"; brew install "$f"; }
    done
    exit 0
fi

command -v pkg-config >/dev/null || need_apt+=(pkg-config)
have_pc libcmark || need_apt+=(libcmark-dev)
have_pc openblas || need_apt+=(libopenblas-dev)
have_pc zlib     || need_apt+=(zlib1g-dev)
command -v bwrap >/dev/null || need_apt+=(bubblewrap)
[[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz || -n "${FASHION_MNIST_DIR:-}" ]] \
    || need_apt+=(dataset-fashion-mnist)

if ((${#need_apt[@]})); then
    sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    echo "setup: installing ${need_apt[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
