#!/usr/bin/env bash
# From a fresh clone: install what is missing, build with warnings as errors, and run
# every test (C++ through CTest, the analysis package's pytest, the quick start end
# to end).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh --with-browser
tools/build.sh
# The label "faults" (100 SIGKILLs, under a minute) is left to `ctest -L faults`.
ctest --test-dir "${WFSIM_BUILD_DIR:-build}" --output-on-failure -j "$(nproc)" -LE faults
