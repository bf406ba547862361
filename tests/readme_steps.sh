#!/usr/bin/env bash
# Runs the README's "Using it" command blocks as written, with the analysis package
# installed as the README says (into a folder of the test's own, offline) and every
# replication count cut to 12 so they take seconds. The quick start and test blocks
# (which rebuild) and the install block itself are left out.
set -euo pipefail
wfsim=$(realpath "$1")
python=$2
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
awk '/^```sh$/ {inside=1; block=""; next} /^```$/ && inside {inside=0; print block; next} inside {block = block $0 "\n"}' \
  README.md | grep -v -e '^tools/quickstart.sh$' -e '^tools/test.sh$' -e 'pip install' >"$work/steps.sh"
sed -i -E -e "s#build/bin/wfsim#$wfsim#g" -e 's#-n [0-9]+#-n 12#g' "$work/steps.sh"
echo "README: $(grep -c -v -e '^$' -e '^ ' "$work/steps.sh") commands"
"$python" -m pip install --quiet --no-deps --no-index --prefix "$work/prefix" ./analysis 2>/dev/null
bin=$(dirname "$(find "$work/prefix" -name wfsim-analysis -type f | head -1)")
site=$(find "$work/prefix" -type d -name wfsim_analysis | head -1)
export PATH="$bin:$PATH" PYTHONPATH="$(dirname "$site")"
# The commands name scenarios/ and data/ from the repository's root; their outputs go
# to the test's folder.
ln -s "$root/scenarios" "$work/scenarios"
ln -s "$root/data" "$work/data"
(cd "$work" && bash -euo pipefail steps.sh >log 2>&1) || { tail -40 "$work/log"; exit 1; }
for f in bucks.h5 bucks.png bucks.csv bucks.html ws.yaml ws-fitted.yaml policies.h5 policies.png sweep.h5 se.h5 \
         se-no-moc.h5 england.h5 england-rules.h5 london.png backtest.csv backtest.png; do
  test -s "$work/$f" || { echo "README: $f was not written" >&2; exit 1; }
done
echo "README: every command ran and wrote its files"
