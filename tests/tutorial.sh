#!/usr/bin/env bash
# Runs every shell block of docs/tutorial.md, in order, except the one marked
# "(setup)", so the tutorial cannot drift from what works. The steps run in a
# temporary folder of the test's own, so its tutorial-output/ is the test's: an
# analyst's own tutorial-output/ at the repository's root is left as it was (the test
# once wrote there and removed it).
set -euo pipefail
wfsim=$(realpath "$1")
python=$2
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The sh blocks, the set-up one left out; wfsim and python3 as this build has them.
awk '/^```sh$/ {inside=1; block=""; next} /^```$/ && inside {inside=0; if (block !~ /\(setup\)/) print block; next} inside {block = block $0 "\n"}' \
  docs/tutorial.md >"$work/steps.sh"
sed -i -e "s|build/bin/wfsim|$wfsim|g" -e "s|python3 -m|$python -m|g" "$work/steps.sh"
# The analysis package installed as the set-up block says, but into a folder of the
# test's own rather than the system; --no-index proves it needs no download.
"$python" -m pip install --quiet --no-deps --no-index --prefix "$work/prefix" ./analysis 2>/dev/null
bin=$(dirname "$(find "$work/prefix" -name wfsim-analysis -type f | head -1)")
site=$(find "$work/prefix" -type d -name wfsim_analysis | head -1)
export PATH="$bin:$PATH" PYTHONPATH="$(dirname "$site")"
command -v wfsim-analysis >/dev/null || { echo "wfsim-analysis was not installed" >&2; exit 1; }
test -s "$work/steps.sh"
echo "tutorial: $(grep -c . "$work/steps.sh") commands"
# The steps name scenarios/ from the repository's root.
ln -s "$root/scenarios" "$work/scenarios"
(cd "$work" && bash -euo pipefail steps.sh >log 2>&1) || { cat "$work/log"; exit 1; }
for f in bucks.png bucks.csv bucks.html compare.png sweep.h5 sweep.png; do test -s "$work/tutorial-output/$f"; done
echo "tutorial: every step ran and wrote its files"
