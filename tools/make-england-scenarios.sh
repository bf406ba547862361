#!/usr/bin/env bash
# Writes scenarios/england-2023.yaml (every council of England, one labour market per
# region, the regional agreements in force) with `wfsim init --england`, and
# scenarios/england-2023-national-rules.yaml, which extends it with England's national
# agency rules (its rules list is the regional agreements' and the national rules').
# Usage: tools/make-england-scenarios.sh [BUILD_DIR [OUT_DIR]]   (defaults: build, scenarios)
# tests/england_tools.sh writes them to a temporary OUT_DIR and checks that the shipped
# ones are what the data and data/england_calibration.yaml give.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
wfsim=$(cd "${1:-$here/build}" && pwd)/bin/wfsim
out=${2:-scenarios}
cd "$here"
"$wfsim" init --from-csww data/csww_indicators_2017_2023.csv --england --year 2023 -o "$out/england-2023.yaml"
# A file in a fresh directory: init never replaces a file it did not write, and an
# empty one from mktemp is not a scenario.
tmpdir=$(mktemp -d)
trap 'rm -rf "$tmpdir"' EXIT
tmp=$tmpdir/national-rules.yaml
"$wfsim" init --from-csww data/csww_indicators_2017_2023.csv --england --year 2023 --national-rules -o "$tmp" >/dev/null
{
  echo "# England, 2023, under England's national agency rules: the statutory guidance \"Child"
  echo "# and family social workers: agency rules\" (DfE), in force 31 October 2024, price caps"
  echo "# from 1 October 2025 (data/regional_agreements.yaml; docs/regional-rules.md cites each"
  echo "# term). Written by tools/make-england-scenarios.sh: regenerate rather than edit."
  echo "# Compare with its base on common random numbers:"
  echo "#   wfsim compare scenarios/england-2023.yaml scenarios/england-2023-national-rules.yaml -o e.h5"
  echo "wfsim: 1"
  echo "extends: england-2023.yaml"
  echo "name: \"England, 2023, national rules\""
  sed -n '/^rules:/,$p' "$tmp"
} > "$out/england-2023-national-rules.yaml"
"$wfsim" validate "$out/england-2023-national-rules.yaml"
