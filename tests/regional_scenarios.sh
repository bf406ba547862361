#!/usr/bin/env bash
# The South East scenarios are generated, not written by hand (docs/regional-rules.md):
# the shipped ones must be what tools/make-regional-scenarios.py makes of the data
# today, each with rules must carry every South East agreement of
# data/regional_agreements.yaml in force during its run, and the counterfactuals
# (no MoC in 2016, the MoC alone in 2024) hold just the rules they should. (The national rules' scenario
# once left out the MoC relaunched in 2022, so its comparison set the national rules
# against no rules at all and gave effects three times too large.)
set -euo pipefail
wfsim=$1
python=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() {
  echo "regional_scenarios: $*" >&2
  exit 1
}

"$python" tools/make-regional-scenarios.py --out "$out" >"$out/make.log" 2>&1 ||
  { cat "$out/make.log" >&2; fail "make-regional-scenarios.py failed"; }
scenarios="south-east-moc-2016.yaml south-east-no-moc-2016.yaml national-rules-2024.yaml national-rules-2024-moc-only.yaml"
for f in $scenarios; do
  if ! diff "scenarios/$f" "$out/$f" >"$out/diff.txt"; then
    head -20 "$out/diff.txt" >&2
    fail "scenarios/$f is not what the data give: run tools/make-regional-scenarios.py"
  fi
  # The run's first and last days, as the engine reads them ("from 2024-04-01 to
  # 2028-03-31"), for the check below.
  "$wfsim" validate "scenarios/$f" >"$out/$f.txt" || fail "scenarios/$f does not validate"
done

# A folder that does not exist is refused, not created or written around.
status=0
"$python" tools/make-regional-scenarios.py --out "$out/missing" >/dev/null 2>"$out/err.txt" || status=$?
test "$status" -eq 2 || fail "--out to a missing folder gave exit $status, not 2"
grep -q "no such folder" "$out/err.txt" || fail "--out to a missing folder said: $(cat "$out/err.txt")"

# Any failure below prints its own traceback: an assertion names the scenario and the
# agreement; anything else is the check's own fault, not a missing agreement.
"$python" - "$out" <<'PY'
import datetime
import re
import sys

import yaml

out = sys.argv[1]
agreements = yaml.safe_load(open("data/regional_agreements.yaml", encoding="utf-8"))["agreements"]
south_east = [a for a in agreements if a.get("region") == "South East"]
assert south_east, "data/regional_agreements.yaml lists no South East agreement"


def as_date(value):
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def members_of(rule, councils):
    members = rule["members"]
    if members == "all":
        return set(councils)
    if isinstance(members, dict):
        left_out = set(members["all_except"])
        assert left_out <= councils, f"all_except names no council of the scenario: {left_out - councils}"
        return councils - left_out
    return set(members)


def run_span(name):
    text = open(f"{out}/{name}.txt", encoding="utf-8").read()
    found = re.search(r"from (\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})", text)
    assert found, f"wfsim validate did not say when {name} runs: {text!r}"
    first, last = (datetime.date.fromisoformat(d) for d in found.groups())
    return first, last + datetime.timedelta(days=1)  # the end is exclusive


def rule_matches(rule, agreement, councils):
    same = all(rule.get(k) == agreement.get(k) for k in ("kind", "scope", "length"))
    return same and as_date(rule["from"]) == as_date(agreement["from"]) and \
        members_of(rule, councils) == members_of(agreement, councils)


checked = 0
for name in ["south-east-moc-2016.yaml", "national-rules-2024.yaml", "national-rules-2024-moc-only.yaml"]:
    scenario = yaml.safe_load(open(f"scenarios/{name}", encoding="utf-8"))
    start, end = run_span(name)
    councils = {a["name"] for a in scenario["authorities"]}
    rules = scenario.get("rules") or []
    in_force = [a for a in south_east
                if as_date(a["from"]) < end and ("until" not in a or as_date(a["until"]) > start)]
    assert in_force, f"{name}: no South East agreement in force from {start} to {end}: the test checks nothing"
    for agreement in in_force:
        matches = [r for r in rules if rule_matches(r, agreement, councils)]
        assert len(matches) == 1, f"{name}: agreement '{agreement['name']}' is in force during the run but not in its rules"
        checked += 1
    print(f"{name}: {len(in_force)} South East agreement(s) in force, each in the rules")

# The counterfactuals: the no-MoC scenario has no rule at all, and the MoC-only one
# exactly the national scenario's rules that are not national.
assert not yaml.safe_load(open("scenarios/south-east-no-moc-2016.yaml", encoding="utf-8")).get("rules")
national = yaml.safe_load(open("scenarios/national-rules-2024.yaml", encoding="utf-8"))["rules"]
moc_only = yaml.safe_load(open("scenarios/national-rules-2024-moc-only.yaml", encoding="utf-8"))["rules"]
assert moc_only == [r for r in national if not r["name"].startswith("national")], "the MoC-only rules differ"
assert len(moc_only) < len(national)
print(f"{checked} agreements checked; the counterfactuals hold the rules they should")
PY
echo "regional scenarios: as generated, and with the agreements in force"
