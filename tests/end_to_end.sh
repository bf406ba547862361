#!/usr/bin/env bash
# The quick start's path, end to end: run the default scenario, then plot it.
set -euo pipefail
wfsim=$1
python=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$wfsim" run scenarios/buckinghamshire-2015.yaml -o "$out/results.h5" -n 50 --seed 1 -j 2
PYTHONPATH=analysis "$python" -m wfsim_analysis plot "$out/results.h5" -o "$out/chart.png"
test -s "$out/chart.png"
echo "end to end: results and chart written"
