#!/usr/bin/env bash
# docs/policy-comparison.md end to end on few replications: four policies against the
# default scenario on common random numbers, then the comparison chart.
set -euo pipefail
wfsim=$1
python=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$wfsim" compare scenarios/buckinghamshire-2015.yaml scenarios/buckinghamshire-2015-{campaign,supplement,nqsw,conversion}.yaml \
  -o "$out/policies.h5" -n 20 --seed 2015 -q
PYTHONPATH=analysis "$python" -m wfsim_analysis compare "$out/policies.h5" -o "$out/policies.png" --measure agency_share
test -s "$out/policies.png"
if PYTHONPATH=analysis "$python" -m wfsim_analysis compare "$out/policies.h5" -o "$out/x.png" --measure bogus 2>/dev/null; then
  echo "an unknown measure was accepted" >&2
  exit 1
fi
echo "policy comparison: file and chart written"
