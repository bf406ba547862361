#!/usr/bin/env bash
# The South East scenarios are generated, not written by hand (docs/regional-rules.md):
# the shipped ones must be what tools/make-regional-scenarios.py makes of the data
# today, and each must carry every South East agreement of
# data/regional_agreements.yaml in force during its run. (The national rules' scenario
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
for f in south-east-moc-2016.yaml south-east-no-moc-2016.yaml national-rules-2024.yaml; do
  if ! diff "scenarios/$f" "$out/$f" >"$out/diff.txt"; then
    head -20 "$out/diff.txt" >&2
    fail "scenarios/$f is not what the data give: run tools/make-regional-scenarios.py"
  fi
  "$wfsim" validate "scenarios/$f" >/dev/null || fail "scenarios/$f does not validate"
done

# A folder that does not exist is refused, not created or written around.
status=0
"$python" tools/make-regional-scenarios.py --out "$out/missing" >/dev/null 2>"$out/err.txt" || status=$?
test "$status" -eq 2 || fail "--out to a missing folder gave exit $status, not 2"
grep -q "no such folder" "$out/err.txt" || fail "--out to a missing folder said: $(cat "$out/err.txt")"

"$python" - <<'PY' || fail "a scenario leaves out an agreement in force during its run"
import datetime
import yaml

agreements = yaml.safe_load(open("data/regional_agreements.yaml", encoding="utf-8"))["agreements"]
south_east = [a for a in agreements if a.get("region") == "South East"]
assert south_east, "data/regional_agreements.yaml lists no South East agreement"


def as_date(value):
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


for name in ["south-east-moc-2016.yaml", "national-rules-2024.yaml", "south-east-no-moc-2016.yaml"]:
    scenario = yaml.safe_load(open(f"scenarios/{name}", encoding="utf-8"))
    start = as_date(scenario["start"])
    years = int(str(scenario["duration"]).split()[0])
    end = start.replace(year=start.year + years)
    councils = {a["name"] for a in scenario["authorities"]}
    rules = scenario.get("rules") or []
    in_force = [a for a in south_east
                if as_date(a["from"]) < end and ("until" not in a or as_date(a["until"]) > start)]
    if name == "south-east-no-moc-2016.yaml":
        # The counterfactual without the MoC: no rule at all, by design.
        assert not rules, f"{name} has rules"
        continue
    assert in_force, f"{name}: no South East agreement in force from {start} to {end}: the test checks nothing"
    for agreement in in_force:
        members = agreement["members"]
        expected = councils if members == "all" else councils - set(members["all_except"])
        matches = [r for r in rules
                   if r["kind"] == agreement["kind"] and r.get("scope") == agreement.get("scope")
                   and r.get("length") == agreement.get("length") and as_date(r["from"]) == as_date(agreement["from"])
                   and (set(councils) if r["members"] == "all" else set(r["members"])) == expected]
        assert len(matches) == 1, f"{name}: agreement '{agreement['name']}' is in force during the run but not in its rules"
    print(f"{name}: {len(in_force)} South East agreement(s) in force, each in the rules")
PY
echo "regional scenarios: as generated, and with the agreements in force"
