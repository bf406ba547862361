#!/usr/bin/env bash
# The regional comparison of docs/regional-rules.md, end to end on few replications:
# the MoC scenario with and without its rules on common random numbers, then the
# paired comparison table.
set -euo pipefail
wfsim=$1
python=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
scenario=scenarios/south-east-moc-2016.yaml
"$wfsim" run "$scenario" -o "$out/with.h5" -n 20 --seed 7 -q
"$wfsim" run "$scenario" -o "$out/without.h5" -n 20 --seed 7 -q --set 'rules=[]'
members=$(grep -A30 "name: SE MoC cooling-off" "$scenario" | grep "^      - " | sed 's/      - //' | sort -u | paste -sd, -)
PYTHONPATH=analysis "$python" -m wfsim_analysis.rule_effect "$out/with.h5" "$out/without.h5" --members "$members" \
  > "$out/table.md"
cat "$out/table.md"
grep -q "| non-members | leakage to non-members" "$out/table.md"
grep -q "| members | agency spend" "$out/table.md"
PYTHONPATH=analysis "$python" -m wfsim_analysis flows "$out/with.h5" -o "$out/flows.png"
test -s "$out/flows.png"
echo "regional comparison: table and flow chart written"
