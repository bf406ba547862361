#!/usr/bin/env bash
# The regional comparison of docs/regional-rules.md, end to end on few replications:
# the MoC scenario with and without its rules on common random numbers, then the
# paired comparison table.
set -euo pipefail
wfsim=$1
python=$2
out=$(mktemp -d)
# Output is read from a file or a variable, never through "| grep -q": under pipefail, a
# grep that stops at its first match can fail the writer with SIGPIPE.
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
# Every council asked for by 'all': no note listing those the rules do not bind.
PYTHONPATH=analysis "$python" -m wfsim_analysis.rule_effect "$out/with.h5" "$out/without.h5" --members all \
  > /dev/null 2> "$out/all-note.txt"
if grep -q "is not the rules' members" "$out/all-note.txt"; then echo "--members all noted as not the rules'" >&2; exit 1; fi
# The files the wrong way round would turn every difference's sign: refused.
status=0
PYTHONPATH=analysis "$python" -m wfsim_analysis.rule_effect "$out/without.h5" "$out/with.h5" --members rules \
  > /dev/null 2> "$out/swapped.txt" || status=$?
test "$status" -eq 2
grep -q "was run without rules and .* with them: give the run with the rules first" "$out/swapped.txt"
# A "without" run that differs in more than its rules: its difference is not headed
# as the rules' effect (it once was, with nothing said), and a note says what differs.
"$wfsim" run "$scenario" -o "$out/other.h5" -n 20 --seed 7 -q --set 'rules=[]' \
  --set 'authorities[0].roles[0].leaving.turnover_per_year=0.3'
PYTHONPATH=analysis "$python" -m wfsim_analysis.rule_effect "$out/with.h5" "$out/other.h5" --members rules \
  > "$out/other.md" 2> "$out/other-note.txt"
grep -q "differ in more than their rules (--set authorities\[0\].roles\[0\].leaving.turnover_per_year=0.3)" \
  "$out/other-note.txt"
grep -q "difference of $out/with.h5 from $out/other.h5" "$out/other.md"
if grep -q "with rules minus without" "$out/other.md"; then exit 1; fi
# The same rules in both (a run renamed): not the rules' effect either.
"$wfsim" run "$scenario" -o "$out/renamed.h5" -n 20 --seed 7 -q --set 'name=renamed'
PYTHONPATH=analysis "$python" -m wfsim_analysis.rule_effect "$out/with.h5" "$out/renamed.h5" --members rules \
  > "$out/renamed.md" 2> "$out/renamed-note.txt"
grep -q "have the same rules" "$out/renamed-note.txt"
grep -q "difference of $out/with.h5 from $out/renamed.h5" "$out/renamed.md"
# At the first period the leavers' window holds one month, and its label says so.
PYTHONPATH=analysis "$python" -m wfsim_analysis.rule_effect "$out/with.h5" "$out/without.h5" --members rules \
  --period 0 >"$out/first-period.md"
grep -q "permanent leavers going to agency (% of leavers, 1 month to date)" "$out/first-period.md"
PYTHONPATH=analysis "$python" -m wfsim_analysis.rule_effect "$out/with.h5" "$out/without.h5" --members rules \
  >"$out/rules.md"
grep -q "| all councils | agency share" "$out/rules.md"
PYTHONPATH=analysis "$python" -m wfsim_analysis flows "$out/with.h5" -o "$out/flows.png"
test -s "$out/flows.png"
echo "regional comparison: table and flow chart written"
# A council of the region gets its own report: its name in the title and the brief,
# its fan charts; the region's total is the default.
PYTHONPATH=analysis "$python" -m wfsim_analysis report "$out/with.h5" --authority kent -o "$out/kent.html" > /dev/null
grep -q "Workforce projection for <strong>Kent</strong>" "$out/kent.html"
PYTHONPATH=analysis "$python" -m wfsim_analysis report "$out/with.h5" -o "$out/region.html" > /dev/null
if grep -q "Workforce projection for <strong>Kent</strong>" "$out/region.html"; then
  echo "the default report is of Kent, not the region" >&2
  exit 1
fi
