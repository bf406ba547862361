#!/usr/bin/env bash
# Runs every shell block of docs/tutorial.md, in order, except the one marked
# "(setup)", so the tutorial cannot drift from what works. Its outputs go to a
# temporary tutorial-output/ that is removed afterwards.
set -euo pipefail
wfsim=$1
python=$2
work=$(mktemp -d)
trap 'rm -rf "$work" tutorial-output' EXIT
# The sh blocks, the set-up one left out; wfsim and python3 as this build has them.
awk '/^```sh$/ {inside=1; block=""; next} /^```$/ && inside {inside=0; if (block !~ /\(setup\)/) print block; next} inside {block = block $0 "\n"}' \
  docs/tutorial.md >"$work/steps.sh"
sed -i -e "s|build/bin/wfsim|$wfsim|g" -e "s|python3 -m|$python -m|g" "$work/steps.sh"
test -s "$work/steps.sh"
echo "tutorial: $(grep -c . "$work/steps.sh") commands"
bash -euo pipefail "$work/steps.sh" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
for f in bucks.png bucks.csv bucks.html compare.png sweep.h5; do test -s "tutorial-output/$f"; done
echo "tutorial: every step ran and wrote its files"
