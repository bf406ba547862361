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
# The members the scenario's rules bind, taken from the file: the same table.
PYTHONPATH=analysis "$python" -m wfsim_analysis.rule_effect "$out/with.h5" "$out/without.h5" --members rules \
  > "$out/from-file.md"
cmp "$out/table.md" "$out/from-file.md"
# Members that are not the rules': the table is made as asked, with a note saying so.
PYTHONPATH=analysis "$python" -m wfsim_analysis.rule_effect "$out/with.h5" "$out/without.h5" --members Reading \
  > /dev/null 2> "$out/note.txt"
grep -q "note: --members is not the rules' members: Reading is given as members, and no rule of the run binds them" \
  "$out/note.txt"
# The files the wrong way round would turn every difference's sign: refused.
status=0
PYTHONPATH=analysis "$python" -m wfsim_analysis.rule_effect "$out/without.h5" "$out/with.h5" --members rules \
  > /dev/null 2> "$out/swapped.txt" || status=$?
test "$status" -eq 2
grep -q "was run without rules and .* with them: give the run with the rules first" "$out/swapped.txt"
PYTHONPATH=analysis "$python" -m wfsim_analysis flows "$out/with.h5" -o "$out/flows.png"
test -s "$out/flows.png"
echo "regional comparison: table and flow chart written"
