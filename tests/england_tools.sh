#!/usr/bin/env bash
# The England scenarios are generated, not written by hand (docs/england.md): the
# shipped ones must be what tools/make-england-scenarios.sh makes of the data and
# data/england_calibration.yaml today, and tools/calibrate-england.py must still run a
# round, write whole factor files and refuse bad arguments with exit 2.
set -euo pipefail
wfsim=$1
python=$2
out=$(mktemp -d)
# Output is read from a file or a variable, never through "| grep -q": under pipefail, a
# grep that stops at its first match can fail the writer with SIGPIPE.
trap 'rm -rf "$out"' EXIT
fail() {
  echo "england_tools: $*" >&2
  exit 1
}
build_dir=$(cd "$(dirname "$wfsim")/.." && pwd)

# The shipped scenarios, regenerated, header included: only the engine's version in
# the "Written by" line may differ.
tools/make-england-scenarios.sh "$build_dir" "$out" >"$out/make.log" 2>&1 ||
  { cat "$out/make.log" >&2; fail "make-england-scenarios.sh failed"; }
any_version() { sed -E 's/^# Written by wfsim [^:]*:/# Written by wfsim VERSION:/' "$1"; }
for f in england-2023.yaml england-2023-national-rules.yaml; do
  test -s "$out/$f" || fail "make-england-scenarios.sh wrote no $f"
  if ! diff <(any_version "scenarios/$f") <(any_version "$out/$f") >"$out/diff.txt"; then
    head -20 "$out/diff.txt" >&2
    fail "scenarios/$f is not what the data and data/england_calibration.yaml give: run tools/make-england-scenarios.sh"
  fi
done

# One round of the calibration, small: a whole factors file, every region, both factors.
"$python" tools/calibrate-england.py --wfsim "$wfsim" --replications 2 --rounds 1 --months 1-12 \
  --start-from data/england_calibration.yaml -o "$out/factors.yaml" >/dev/null 2>"$out/calibrate.log" ||
  { cat "$out/calibrate.log" >&2; fail "calibrate-england.py failed"; }
grep -q "round 1: largest gap" "$out/calibrate.log" || fail "calibrate-england.py printed no round"
# Whether a file in $out has $1 in its name, dot files included (the analysis package's
# temporaries start with a dot). A glob, not `ls | grep -q`: under pipefail, an ls cut
# short by grep's early exit would turn a found file into none.
any_named() {
  local f
  for f in "$out"/*"$1"* "$out"/.*"$1"*; do
    [ -e "$f" ] && return 0
  done
  return 1
}
! any_named partial || fail "calibrate-england.py left a partial file"
"$python" - "$out/factors.yaml" <<'PY' || fail "the factors file is not whole"
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
regions = doc["regions"]
assert doc["year"] == 2023, doc["year"]
assert len(regions) == 9, sorted(regions)
for name, f in regions.items():
    assert set(f) == {"own_applicants", "agency_joiners"}, (name, f)
    assert all(v > 0 for v in f.values()), (name, f)
PY
grep -q "over months 1 to 12" "$out/factors.yaml" || fail "the factors file does not say the months fitted"

# Bad arguments: exit 2, the tool's own message saying what is wrong (argparse's exit 2
# for an unknown option would not match), no traceback, nothing written. Small runs
# throughout, so a check that stopped refusing costs seconds, not a calibration.
expect_refused() {
  local why=$1 message=$2
  shift 2
  set +e
  "$python" tools/calibrate-england.py --wfsim "$wfsim" --replications 1 --rounds 1 -o "$out/refused.yaml" "$@" \
    >/dev/null 2>"$out/refused.log"
  local code=$?
  set -e
  test "$code" -eq 2 || fail "$why: exit $code, expected 2"
  grep -qF -- "$message" "$out/refused.log" || { cat "$out/refused.log" >&2; fail "$why: not the message '$message'"; }
  ! grep -q "Traceback" "$out/refused.log" || fail "$why: a traceback"
  ! any_named refused.yaml || fail "$why: wrote a factors file"
  ! any_named partial || fail "$why: left a partial file"
}
expect_refused "months past the limit" "--months '1-300': expected FIRST-LAST" --months 1-300
expect_refused "months backwards" "--months '12-1': expected FIRST-LAST" --months 12-1
expect_refused "months not numbers" "--months 'one-two': expected FIRST-LAST" --months one-two
expect_refused "no rounds" "--rounds 0: at least 1" --rounds 0
expect_refused "a missing start file" "not a factors file this tool wrote" --start-from "$out/no-such-file.yaml"
expect_refused "a start file that is not factors" "not a factors file this tool wrote" --start-from README.md
printf 'year: 2023\nregions: {}\n' >"$out/empty-factors.yaml"
expect_refused "a start file without the regions" "no factors for" --start-from "$out/empty-factors.yaml"
expect_refused "an output directory that does not exist" "its directory does not exist" -o "$out/no/such/dir.yaml"
cp scenarios/england-2023.yaml "$out/a-scenario.yaml"
expect_refused "a scenario as the output" "is not a factors file this tool writes" -o "$out/a-scenario.yaml"
cmp -s scenarios/england-2023.yaml "$out/a-scenario.yaml" || fail "calibrate-england.py replaced a scenario"
expect_refused "a folder as the output" "it is a folder" -o "$out"
cp data/england_calibration.yaml "$out/start.yaml"
expect_refused "the start file as the output" "it is the --start-from file" --start-from "$out/start.yaml" -o "$out/start.yaml"
cmp -s data/england_calibration.yaml "$out/start.yaml" || fail "the start file was changed"
# The tables of docs/england.md refuse, with exit 2 and the reason, what would print an
# empty or NaN table (a window after the run, a date that is not one, a September too far).
"$wfsim" run scenarios/south-east-moc-2016.yaml -o "$out/se.h5" -n 2 --seed 1 -q --set 'duration=1 year'
expect_exit_2() {  # why, text the message must hold, command...
  local why=$1 says=$2 status=0
  shift 2
  "$@" >/dev/null 2>"$out/err" || status=$?
  [ "$status" = 2 ] || fail "$why: exit $status, expected 2"
  grep -q -- "$says" "$out/err" || fail "$why: the message lacks '$says': $(cat "$out/err")"
  ! grep -q Traceback "$out/err" || fail "$why: a traceback: $(cat "$out/err")"
  # One line of message; argparse's own refusals put its usage (which may wrap onto
  # indented lines) first, and only those lines are passed over.
  local said
  said=$(awk '/^usage:/ { usage = 1; next } usage && /^ / { next } { usage = 0 } NF { n++ } END { print n + 0 }' \
    "$out/err")
  [ "$said" -eq 1 ] || fail "$why: $said lines of message, expected 1: $(cat "$out/err")"
}
expect_exit_2 "england-flows.py after the run" "no reporting period ends between 2030-01-01" \
  "$python" tools/england-flows.py "$out/se.h5" "$out/se.h5" --from 2030-01-01
expect_exit_2 "england-flows.py, not a date" "expects a date YYYY-MM-DD" \
  "$python" tools/england-flows.py "$out/se.h5" "$out/se.h5" --from 2025-13-01
expect_exit_2 "england-flows.py, a run of one region" "is a run of one region" \
  "$python" tools/england-flows.py "$out/se.h5" "$out/se.h5"
expect_exit_2 "england-flows.py, a missing file" "no such file" \
  "$python" tools/england-flows.py "$out/se.h5" "$out/no-such.h5"
expect_exit_2 "england-flows.py, not HDF5" "could not be read" "$python" tools/england-flows.py README.md "$out/se.h5"
expect_exit_2 "compare-england.py, no second September" "no 30 September a year or more into the run" \
  "$python" tools/compare-england.py "$out/se.h5" --against-year 2023 --nth 2
expect_exit_2 "compare-england.py --councils without a year" "give --against-year" \
  "$python" tools/compare-england.py "$out/se.h5" --councils
# --councils: each council against its own figures (england.md's table of councils).
"$wfsim" run scenarios/south-east-moc-2016.yaml -o "$out/se2.h5" -n 2 --seed 1 -q --set 'duration=2 years'
"$python" tools/compare-england.py "$out/se2.h5" --against-year 2017 --councils --markdown "$out/councils.md" \
  >"$out/councils.txt"
cmp -s "$out/councils.txt" "$out/councils.md" || fail "compare-england.py --councils: --markdown is not the table it printed"
for measure in "vacancy rate" "agency rate" "turnover"; do
  grep -Eq "^- $measure: [0-9]+ of 1[89] councils more than 2 points from their own figure" "$out/councils.txt" ||
    fail "compare-england.py --councils: no line for $measure: $(cat "$out/councils.txt")"
done

# An England run's total row is "All councils" ("Region" read as one of its nine), and
# the analysis commands take it as the total by default.
"$wfsim" run scenarios/england-2023.yaml -o "$out/england.h5" -n 2 --seed 1 -q --set 'duration=2 months'
"$wfsim" info "$out/england.h5" >"$out/england-info.txt"
grep -q "^  All councils: median" "$out/england-info.txt" || fail "info: no All councils row"
PYTHONPATH=analysis "$python" -m wfsim_analysis report "$out/england.h5" -o "$out/england.html" >/dev/null
grep -q "all 151 councils together (the file&#x27;s All councils row)" "$out/england.html" ||
  fail "report: the England total is not the default row"
# A region of an England file, charted from the kept series: all councils together are
# the file's total row, to rounding; London is its 32 councils' series summed.
PYTHONPATH=analysis "$python" -m wfsim_analysis plot "$out/england.h5" --authority london -o "$out/london.png" \
  --measures agency_share,vacancy_rate,agency_spend >/dev/null || fail "plot --authority london failed"
PYTHONPATH=analysis "$python" - "$out/england.h5" <<'PY' || fail "a region's figures are not its councils' together"
import sys
import numpy as np
import h5py
from wfsim_analysis.results import GROUP_RATIOS, GROUP_SUMS, Results
with Results(sys.argv[1]) as r:
    councils = [i for i, a in enumerate(r.authorities) if a != "All councils"]
    assert len(r.regions) == 9 and sorted(i for rows in r.regions.values() for i in rows) == councils
    for m in sorted((GROUP_SUMS & set(r.kept_series)) | set(GROUP_RATIOS)):
        assert np.allclose(r.group_summary(m, councils), r.summary(m, "All councils"), rtol=1e-12, atol=1e-9,
                           equal_nan=True), m
    london = r.regions["London"]
    with h5py.File(sys.argv[1]) as f:
        spend = f["series/agency_spend"][:, london, :].sum(axis=1)
    assert len(london) == 32
    assert np.allclose(r.group_summary("agency_spend", london)[r.statistic_index("p50")], np.median(spend, axis=0))
PY

# leaver-destinations.py: the year to 30 September 2025 of a run, its shares worked
# out again here from the file (the councils' mean counts over October 2024 to
# September 2025, the Region row left out), the agency band present, and the DfE's
# 2025 figures beside them.
"$wfsim" run scenarios/national-rules-2024-moc-only.yaml -o "$out/nat.h5" -n 3 --seed 1 -q
"$python" tools/leaver-destinations.py "$out/nat.h5" --markdown "$out/dest.md" >"$out/dest.txt" 2>"$out/dest.err" ||
  fail "leaver-destinations.py failed"
# A run of one region has no region to move to: no note of leavers who moved region.
if [ -s "$out/dest.err" ]; then
  cat "$out/dest.err" >&2
  fail "leaver-destinations.py printed a note on a run of one region"
fi
cmp -s "$out/dest.txt" "$out/dest.md" || fail "leaver-destinations.py: --markdown is not the table it printed"
"$python" - "$out/dest.md" "$out/nat.h5" <<'PY' || fail "leaver-destinations.py: the table is not the file's shares"
import sys
import h5py
rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in open(sys.argv[1])][2:]
table = {(year, going): (float(share), band, dfe) for _, year, going, share, band, dfe in rows}
with h5py.File(sys.argv[2]) as f:
    text = lambda x: x.decode() if isinstance(x, bytes) else str(x)
    dates = [text(d) for d in f["date"][:]]
    councils = [i for i, a in enumerate(f["summary/authority"][:]) if text(a) not in ("Region", "All councils")]
    mean = [text(s) for s in f["statistic"][:]].index("mean")
    window = slice(dates.index("2024-10-31"), dates.index("2025-09-30") + 1)
    total = lambda m: f["summary/" + m][mean, councils, window].sum()
    for going, measure in (("agency work", "leavers_to_agency"), ("another council", "leavers_to_other_council"),
                           ("out", "leavers_to_outside")):
        expected = 100 * total(measure) / total("leavers_permanent")
        share = table[("2025", going)][0]
        assert abs(share - expected) < 0.051, (going, share, expected)
assert table[("2025", "agency work")][1].count(" to ") == 1, table  # median (5% to 95%)
assert table[("2025", "agency work")][2] == "6.6" and table[("2025", "another council")][2] == "29.1", table
PY
# Of England's run, the shares are the series' own: a leaver bound out leaves, and in
# England (every region with a pool of many councils and a finite agency market) no
# permanent leaver seeks in another region's pool, which the DfE's shares, counting
# moves between regions among movers, would have counted twice.
"$wfsim" run scenarios/england-2023.yaml -o "$out/england-year.h5" -n 2 --seed 1 -q --set 'duration=1 year'
"$python" tools/leaver-destinations.py "$out/england-year.h5" --markdown "$out/dest-england.md" >/dev/null \
  2>"$out/dest-england.err" || fail "leaver-destinations.py failed on England's run"
if [ -s "$out/dest-england.err" ]; then
  cat "$out/dest-england.err" >&2
  fail "leaver-destinations.py printed a note on England's run, where no permanent leaver moves region"
fi
"$python" - "$out/dest-england.md" "$out/england-year.h5" <<'PY' || fail "leaver-destinations.py: England's movers"
import sys
import h5py
rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in open(sys.argv[1])][2:]
table = {going: float(share) for _, year, going, share, _, _ in rows if year == "2024"}
with h5py.File(sys.argv[2]) as f:
    text = lambda x: x.decode() if isinstance(x, bytes) else str(x)
    councils = [i for i, a in enumerate(f["summary/authority"][:]) if text(a) != "All councils"]
    mean = [text(s) for s in f["statistic"][:]].index("mean")
    total = lambda m: f["summary/" + m][mean, councils, :].sum()
    names = [text(c) for c in f["flow_category"][:]]
    flows = f["flows/mean"][()]
    across = sum(flows[i, j, :].sum() for i, a in enumerate(names) for j, b in enumerate(names)
                 if a.startswith("permanent: ") and b.startswith("seeking permanent: ") and a[11:] != b[19:])
    out = sum(flows[i, names.index("outside"), :].sum() for i, a in enumerate(names) if a.startswith("permanent: "))
    leavers = total("leavers_permanent")
    expected = {"another council": total("leavers_to_other_council"), "out": total("leavers_to_outside")}
assert expected["out"] > 1000, expected  # the case arose: leavers bound out
assert across == 0, f"{across} permanent leavers a replication joined another region's seekers"
# Every leaver bound out left. Exact: with 2 replications every mean is a whole count
# halved, however the flows (summed by region) and the summaries (by council) add up.
assert out == expected["out"], (out, expected["out"])
for going, count in expected.items():
    assert abs(table[going] - 100 * count / leavers) < 0.051, (going, table[going], 100 * count / leavers)
PY
# Where a region has no pool (the North East's taken out), its leavers bound for another
# council seek next door, counted under their destination; the tool says how many.
cp scenarios/england-2023.yaml "$out/england-base.yaml"
printf 'extends: england-base.yaml\nlabour_pool:\n  - {role: social_worker, region: North East, remove: true}\n' \
  >"$out/no-pool.yaml"
"$wfsim" run "$out/no-pool.yaml" -o "$out/no-pool.h5" -n 2 --seed 1 -q --set 'duration=1 year' \
  2>"$out/no-pool.log" || {
  cat "$out/no-pool.log" >&2
  fail "the run of England without the North East's pool failed"
}
"$python" tools/leaver-destinations.py "$out/no-pool.h5" >/dev/null 2>"$out/no-pool.err" ||
  fail "leaver-destinations.py failed on a run with a region without a pool"
grep -q "permanent leavers who joined another region's seekers, a replication, by year to 30 September: 2024 " \
  "$out/no-pool.err" ||
  fail "leaver-destinations.py said nothing of the leavers who sought next door"
# Mistakes: one line, exit 2, no traceback, no input replaced.
"$wfsim" run scenarios/national-rules-2024-moc-only.yaml -o "$out/late.h5" -n 2 --seed 1 -q \
  --set 'start=2024-10-15' --set 'duration=1 year'
expect_exit_2 "leaver-destinations.py, a first October of half a month" "no whole year to 30 September" \
  "$python" tools/leaver-destinations.py "$out/late.h5"
expect_exit_2 "leaver-destinations.py, no whole year to 30 September" "no whole year to 30 September" \
  "$python" tools/leaver-destinations.py "$out/se.h5"
expect_exit_2 "leaver-destinations.py, a missing file" "no such file" \
  "$python" tools/leaver-destinations.py "$out/no-such.h5"
expect_exit_2 "leaver-destinations.py, not HDF5" "not an HDF5 file" "$python" tools/leaver-destinations.py README.md
expect_exit_2 "leaver-destinations.py, the wrong data" "is not the DfE's attrition data" \
  "$python" tools/leaver-destinations.py "$out/nat.h5" --data data/csww_indicators_2017_2023.csv
"$wfsim" compare scenarios/national-rules-2024-moc-only.yaml scenarios/national-rules-2024.yaml \
  -o "$out/cmp.h5" -n 2 --seed 1 -q
expect_exit_2 "leaver-destinations.py, a comparison's file" "has format 'wfsim-comparison'" \
  "$python" tools/leaver-destinations.py "$out/cmp.h5"
cp "$out/nat.h5" "$out/nat-copy.h5"
expect_exit_2 "leaver-destinations.py --markdown onto its input" "it is this command's input" \
  "$python" tools/leaver-destinations.py "$out/nat.h5" --markdown "$out/nat.h5"
cmp -s "$out/nat.h5" "$out/nat-copy.h5" || fail "leaver-destinations.py replaced its input"
# A --markdown table never replaces a file of another kind (a scenario, another run).
cp scenarios/national-rules-2024.yaml "$out/scenario.yaml"
for tool in leaver-destinations.py compare-england.py; do
  expect_exit_2 "$tool --markdown onto a scenario" "is not a table this tool writes" \
    "$python" "tools/$tool" "$out/nat.h5" --markdown "$out/scenario.yaml"
  cmp -s scenarios/national-rules-2024.yaml "$out/scenario.yaml" || fail "$tool replaced a scenario"
done
ln -s "$out/nowhere.md" "$out/dangling.md"
expect_exit_2 "compare-england.py --markdown onto a link to nothing" "it is a link" \
  "$python" tools/compare-england.py "$out/nat.h5" --markdown "$out/dangling.md"
[ -L "$out/dangling.md" ] || fail "compare-england.py replaced a link"
"$python" tools/compare-england.py "$out/nat.h5" --markdown "$out/mine.md" >/dev/null
chmod a-w "$out/mine.md"
expect_exit_2 "compare-england.py --markdown onto a write-protected table" "it is write-protected" \
  "$python" tools/compare-england.py "$out/nat.h5" --markdown "$out/mine.md"
expect_exit_2 "compare-england.py --markdown onto its input" "it is this command's input" \
  "$python" tools/compare-england.py "$out/nat.h5" --markdown "$out/nat.h5"
cmp -s "$out/nat.h5" "$out/nat-copy.h5" || fail "compare-england.py replaced its input"
expect_exit_2 "compare-england.py, a missing file" "no such file" "$python" tools/compare-england.py "$out/no-such.h5"
expect_exit_2 "compare-england.py, a comparison's file" "is not a results file" \
  "$python" tools/compare-england.py "$out/cmp.h5"
expect_exit_2 "compare-england.py, the wrong data" "is not the workforce indicators CSV" \
  "$python" tools/compare-england.py "$out/nat.h5" --data data/csww_attrition_national_2021_2025.csv
expect_exit_2 "compare-england.py, a year the data lacks" "has figures for 2017 to 2023" \
  "$python" tools/compare-england.py "$out/nat.h5" --against-year 1900
# A file that keeps no series: the shares, and the band said to be missing.
"$wfsim" run scenarios/national-rules-2024-moc-only.yaml -o "$out/summ.h5" -n 2 --seed 1 -q --keep summaries
"$python" tools/leaver-destinations.py "$out/summ.h5" >"$out/summ-destinations.md"
grep -q "| 2025 | agency work | [0-9.]* | no series kept |" "$out/summ-destinations.md" ||
  fail "leaver-destinations.py: a summaries-only file does not say its band is missing"
echo "england_tools: the shipped England scenarios regenerate unchanged; calibrate-england.py runs and refuses bad arguments;"
echo "england_tools: england-flows.py, compare-england.py and leaver-destinations.py refuse what would give an empty table"
