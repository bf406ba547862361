#!/usr/bin/env bash
# From a fresh clone: install what is missing, build, run the default scenario
# (Buckinghamshire, September 2015; 1000 replications) and chart it.
# Writes results/buckinghamshire-2015.h5 and results/buckinghamshire-2015.png.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
tools/build.sh
# The analysis package, for Debian's Python, offline (its build backend is in the repo).
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo /usr/bin/python3 -m pip install --quiet --no-deps --no-index --break-system-packages ./analysis
mkdir -p results
build/bin/wfsim run scenarios/buckinghamshire-2015.yaml -o results/buckinghamshire-2015.h5 -n 1000 --seed 1
wfsim-analysis plot results/buckinghamshire-2015.h5 \
  -o results/buckinghamshire-2015.png
