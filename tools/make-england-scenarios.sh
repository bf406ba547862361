#!/usr/bin/env bash
# Writes scenarios/england-2023.yaml (every council of England, one labour market per
# region, the regional agreements in force) with `wfsim init --england`, and
# scenarios/england-2023-national-rules.yaml, which extends it with England's national
# agency rules (its rules list is the regional agreements' and the national rules').
# Usage: tools/make-england-scenarios.sh [BUILD_DIR [OUT_DIR]]   (defaults: build, scenarios)
# Both are written in a temporary directory and validated before either replaces the
# old one in OUT_DIR. tests/england_tools.sh writes them to a
# temporary OUT_DIR and checks that the shipped ones are what the data and
# data/england_calibration.yaml give.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
refuse() { echo "make-england-scenarios.sh: $1" >&2; exit 2; }
[ -d "${1:-$here/build}" ] || refuse "${1:-$here/build}: no such build folder (build first: tools/build.sh)"
[ -d "${2:-$here/scenarios}" ] || refuse "${2:-$here/scenarios}: no such folder to write the scenarios to"
wfsim=$(cd "${1:-$here/build}" && pwd)/bin/wfsim
[ -x "$wfsim" ] || refuse "$wfsim: no such program (build first: tools/build.sh)"
out=$(cd "${2:-$here/scenarios}" && pwd)
# Only a scenario this script wrote is replaced: anything else under the name (a
# folder, a results file, someone's own scenario) is refused before any work.
for f in england-2023.yaml england-2023-national-rules.yaml; do
  if [ -e "$out/$f" ] || [ -L "$out/$f" ]; then
    [ -f "$out/$f" ] && [ ! -L "$out/$f" ] || refuse "$out/$f is not a file: move it aside first"
    [ "$(head -c 11 "$out/$f" | tr -d '\000')" = "# England, " ] ||
      refuse "$out/$f is not a scenario this script writes: move it aside first"
  fi
done
cd "$here"
# A fresh directory: init never replaces a file it did not write.
tmpdir=$(mktemp -d)
trap 'rm -rf "$tmpdir"' EXIT
# The first file is written under its final name, which init records in its header
# with the command line. The command is recorded as "wfsim", not this machine's path
# to the binary (exec -a sets the program's argv[0]), so the header is the same
# wherever the file is made.
mkdir "$tmpdir/scenarios"
(exec -a wfsim "$wfsim" init --from-csww data/csww_indicators_2017_2023.csv --england --year 2023 \
  -o "$tmpdir/scenarios/england-2023.yaml")
sed -i "s|-o $tmpdir/scenarios/england-2023.yaml|-o scenarios/england-2023.yaml|" "$tmpdir/scenarios/england-2023.yaml"
"$wfsim" init --from-csww data/csww_indicators_2017_2023.csv --england --year 2023 --national-rules \
  -o "$tmpdir/national-rules.yaml" >/dev/null
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
  # Without init's fingerprint line: this file is assembled here, not written by init.
  sed -n '/^rules:/,$p' "$tmpdir/national-rules.yaml" | grep -v '^# wfsim fingerprint: '

} >"$tmpdir/scenarios/england-2023-national-rules.yaml"
"$wfsim" validate "$tmpdir/scenarios/england-2023-national-rules.yaml"
# Copied beside their place and renamed over it: a rename within a file system is
# whole, where a move from /tmp to another file system is a copy.
# Both copied first, then both renamed: a failure while copying leaves the old pair.
partials=()
trap 'rm -rf "$tmpdir"; rm -f "${partials[@]}"' EXIT
for f in england-2023.yaml england-2023-national-rules.yaml; do
  partials+=("$(mktemp "$out/.$f.partial-XXXXXX")")
  cp "$tmpdir/scenarios/$f" "${partials[-1]}"
  chmod 644 "${partials[-1]}"
done
mv "${partials[0]}" "$out/england-2023.yaml"
mv "${partials[1]}" "$out/england-2023-national-rules.yaml"
