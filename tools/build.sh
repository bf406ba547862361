#!/usr/bin/env bash
# Configures and builds wfsim in build/ (Release, warnings as errors).
# Extra arguments go to CMake's configure step, e.g. -DWFSIM_SANITIZE=ON.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${WFSIM_BUILD_DIR:-build}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DWFSIM_WERROR=ON "$@"
cmake --build "$build_dir" -j "$(nproc)"
