#!/usr/bin/env bash
# What a run keeps (wfsim run --keep): every kind of results file opens in wfsim info,
# h5py and each analysis command; series not kept are refused with a message that
# says how to get them, never a traceback.
set -euo pipefail
wfsim=$1
python=$2
out=$(mktemp -d)
# Output is read from a file or a variable, never through "| grep -q": under pipefail, a
# grep that stops at its first match can fail the writer with SIGPIPE.
trap 'rm -rf "$out"' EXIT
analysis() { PYTHONPATH=analysis "$python" -m wfsim_analysis "$@"; }
scenario=scenarios/south-east-moc-2016.yaml
for keep in standard all summaries "series=agency_share,vacancies,refused"; do
  file="$out/${keep//[=,]/_}.h5"
  "$wfsim" run "$scenario" -o "$file" -n 12 --seed 3 -q --set 'duration=2 years' --keep "$keep"
  info=$("$wfsim" info "$file")
  grep -q "median" <<<"$info"
  rm -f "$out/chart.png" "$out/flows.png" "$out/report.html"  # each kind makes its own
  analysis plot "$file" -o "$out/chart.png" --measure agency_share >/dev/null
  analysis flows "$file" -o "$out/flows.png" >/dev/null
  if [ "$keep" = summaries ]; then
    # No series to add: --series is refused with the fix, not quietly dropped.
    status=0
    analysis export "$file" -o "$out/tidy.csv" --series >/dev/null 2>"$out/err.txt" || status=$?
    # One check a line: under set -e a failure before the last '&&' of a list is ignored.
    [ "$status" -eq 2 ] || { echo "export --series of a summaries file exited $status, not 2" >&2; exit 1; }
    grep -q "keeps no replication's series" "$out/err.txt"
    analysis export "$file" -o "$out/tidy.csv" >/dev/null
  else
    analysis export "$file" -o "$out/tidy.csv" --series >/dev/null
  fi
  analysis report "$file" -o "$out/report.html" >/dev/null
  test -s "$out/chart.png"
  test -s "$out/flows.png"
  test -s "$out/report.html"
  # The file says what it keeps, and h5py reads every dataset in it.
  "$python" - "$file" "$keep" <<'PY'
import sys, h5py
sys.path.insert(0, "analysis")
from wfsim_analysis.results import measures_in
path, keep = sys.argv[1], sys.argv[2]
with h5py.File(path) as f:
    kept = f.attrs["kept_series"]
    kept = kept.decode() if isinstance(kept, bytes) else kept
    series = set(measures_in(f["series"]))  # the group's own scales left out
    expected = {"standard": 11, "all": 43, "summaries": 0}.get(keep, 2)
    assert len(series) == expected, (keep, sorted(series))
    assert len(measures_in(f["summary"])) == 43
    f.visititems(lambda name, obj: obj[()] if isinstance(obj, h5py.Dataset) else None)
    if "series/vacancies" in f:
        assert f["series/vacancies"].dtype == "int32"
    print(f"--keep {keep}: {len(series)} series, kept_series = {kept}")
PY
done
# rule_effect pairs a run with the rules and one without (one run twice is refused).
"$wfsim" run "$scenario" -o "$out/norules.h5" -n 12 --seed 3 -q --set 'duration=2 years' --set 'rules=[]'
# Without rules there are no refusals to keep, and kept_series no longer lists them.
"$python" - "$out/norules.h5" <<'PY'
import sys, h5py
kept = h5py.File(sys.argv[1]).attrs["kept_series"]
kept = kept.decode() if isinstance(kept, bytes) else kept
assert kept.startswith("series=") and "refused" not in kept.split(",") and len(kept.split(",")) == 11, kept
PY
# Pairing needs the standard series: a summaries-only file is refused with the fix.
if PYTHONPATH=analysis "$python" -m wfsim_analysis.rule_effect "$out/summaries.h5" "$out/norules.h5" \
     --members all 2>"$out/err"; then
  echo "rule_effect accepted a file without series" >&2
  exit 1
fi
grep -q "keep" "$out/err"
# Member councils are matched in any case; a name not in the file (a misspelling) is an
# error naming it, never a council quietly counted among the non-members.
# (wfsim-analysis rule-effect runs the same command as python3 -m wfsim_analysis.rule_effect.)
analysis rule-effect "$out/standard.h5" "$out/norules.h5" --members "kent, SURREY" >"$out/some.md"
grep -q "^| members |" "$out/some.md"
# Every council a member: no "all councils" rows repeating the members' (and some non-members
# give both groups and the total).
analysis rule-effect "$out/standard.h5" "$out/norules.h5" --members all >"$out/all.md"
# (Two commands and an if: a '! grep', or the first of an '&&', cannot stop a set -e script.)
grep -q "^| members |" "$out/all.md"
if grep -q "^| all councils |\|^| non-members |" "$out/all.md"; then
  echo "rule-effect --members all repeated the members' rows as all councils' or non-members'" >&2
  exit 1
fi
grep -q "^| all councils |" "$out/some.md"
status=0
PYTHONPATH=analysis "$python" -m wfsim_analysis.rule_effect "$out/standard.h5" "$out/norules.h5" \
  --members "Kent,Surey" >/dev/null 2>"$out/err" || status=$?
[ "$status" = 2 ] || { echo "rule_effect took an unknown member (exit $status)" >&2; exit 1; }
grep -q "'Surey', not among the file's councils" "$out/err"
PYTHONPATH=analysis "$python" - "$out/summaries.h5" <<'PY'
import sys
from wfsim_analysis.results import Results, ResultsError
with Results(sys.argv[1]) as r:
    try:
        r.series("agency_share")
    except ResultsError as e:
        assert "--keep" in str(e), e
    else:
        raise SystemExit("series of a summaries-only file did not raise")
PY
# One replication has no interval: refused in a line, not printed as NaN with a warning.
"$wfsim" run "$scenario" -o "$out/one.h5" -n 1 --seed 3 -q --set 'duration=1 year'
"$wfsim" run "$scenario" -o "$out/one-norules.h5" -n 1 --seed 3 -q --set 'duration=1 year' --set 'rules=[]'
status=0
analysis rule-effect "$out/one.h5" "$out/one-norules.h5" --members all >/dev/null 2>"$out/err" || status=$?
[ "$status" = 2 ] || { echo "rule_effect of one replication exited $status, not 2" >&2; exit 1; }
grep -q "has 1 replication: an interval needs at least 2" "$out/err"
if grep -q -i "warning" "$out/err"; then
  echo "rule_effect of one replication warned: $(cat "$out/err")" >&2
  exit 1
fi
# Two runs without rules (a lever against the baseline) are compared with a note of
# what sets them apart, as docs/regional-rules.md promises; it said nothing.
bucks=scenarios/buckinghamshire-2015.yaml
"$wfsim" run "$bucks" -o "$out/lever.h5" -n 4 --seed 3 -q --set 'duration=6 months' \
  --set 'authorities[0].roles[0].recruitment.applicants_per_year=60'
"$wfsim" run "$bucks" -o "$out/baseline.h5" -n 4 --seed 3 -q --set 'duration=6 months'
analysis rule-effect "$out/lever.h5" "$out/baseline.h5" --members all >/dev/null 2>"$out/err"
grep -q "were both run without agency rules and differ in --set authorities\[0\].roles\[0\].recruitment.applicants_per_year=60" "$out/err" ||
  { echo "rule_effect of two runs without rules did not say what differs: $(cat "$out/err")" >&2; exit 1; }
echo "keep end to end: every kind of file read by every command"
