#!/usr/bin/env bash
# The HTML report end to end: a real run, the report, then Debian's headless Chromium
# renders it: it must load with no broken images and produce a screenshot.
set -euo pipefail
wfsim=$1
python=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$wfsim" run scenarios/buckinghamshire-2015.yaml -o "$out/results.h5" -n 20 --seed 3 -q
PYTHONPATH=analysis "$python" -m wfsim_analysis report "$out/results.h5" -o "$out/report.html"
grep -q "In brief" "$out/report.html"
grep -q "ASSUMPTION" "$out/report.html"
grep -q "in 90 of every 100 it lies between" "$out/report.html"
# One replication has no range to give: it read "between 26% and 26%".
"$wfsim" run scenarios/buckinghamshire-2015.yaml -o "$out/one.h5" -n 1 --seed 3 -q
PYTHONPATH=analysis "$python" -m wfsim_analysis report "$out/one.h5" -o "$out/one.html"
grep -q "In the one simulated future of this run, the agency share at" "$out/one.html"
grep -q "One replication shows no range" "$out/one.html"
if grep -q "90 of every 100" "$out/one.html"; then echo "a range given of one replication" >&2; exit 1; fi
# A value changed on the command line is said beside the assumption its comment
# declares, which still gives the file's 48 a year; a variant lists the assumptions of
# the scenario it extends too, from the text its results file keeps, and shows the
# merged scenario it ran.
"$wfsim" run scenarios/buckinghamshire-2015.yaml -o "$out/set.h5" -n 4 --seed 3 -q \
  --set 'authorities[0].roles[0].recruitment.applicants_per_year=60'
PYTHONPATH=analysis "$python" -m wfsim_analysis report "$out/set.h5" -o "$out/set.html"
grep -q "48 a year.*\[changed for this run: --set authorities\[0\].roles\[0\].recruitment.applicants_per_year=60\]" \
  "$out/set.html"
"$wfsim" run scenarios/buckinghamshire-2015-supplement.yaml -o "$out/variant.h5" -n 4 --seed 3 -q
PYTHONPATH=analysis "$python" -m wfsim_analysis report "$out/variant.h5" -o "$out/variant.html"
grep -q "This scenario extends .*buckinghamshire-2015.yaml. The assumptions those declare" "$out/variant.html"
grep -q "salary_per_year (from .*buckinghamshire-2015.yaml): ASSUMPTION: a 2015 social worker" "$out/variant.html"
grep -q "The scenario as run, with its base merged in" "$out/variant.html"
grep -q "salary_per_year: 33000" "$out/variant.html"  # the base's, merged in
# Two variants of one base: its assumptions once, each variant's change marked as its.
"$wfsim" compare scenarios/buckinghamshire-2015-supplement.yaml scenarios/buckinghamshire-2015-more-applicants.yaml \
  -o "$out/variants.h5" -n 2 --seed 3 -q
PYTHONPATH=analysis "$python" -m wfsim_analysis report "$out/variants.h5" -o "$out/variants.html"
[ "$(grep -o "buckinghamshire-2015.yaml (extended by Policy: market supplement, Buckinghamshire, September 2015, 60 \
applicants a year)</td><td>applicants_per_year" "$out/variants.html" | wc -l)" = 1 ]
grep -q "a national shortage; 48 a year.*\[set by the scenario&#x27;s own file, for Buckinghamshire, September 2015, 60 applicants a year\]" \
  "$out/variants.html"
# A sweep of a variant: its base's assumptions too, the key the variant sets marked.
"$wfsim" sweep scenarios/buckinghamshire-2015-more-applicants.yaml -o "$out/sweep.h5" -n 2 --seed 3 -q \
  --vary 'authorities[0].roles[0].leaving.notice=1 month,2 months'
PYTHONPATH=analysis "$python" -m wfsim_analysis report "$out/sweep.h5" -o "$out/sweep.html"
grep -q "applicants_per_year</strong> (from .*buckinghamshire-2015.yaml): ASSUMPTION: suitable applicants.*\[set by the scenario&#x27;s own file\]" \
  "$out/sweep.html"
# The notes the commands printed are in each kind of report, beside its brief: the NQSW
# programme's cohorts whose work falls after the run.
"$wfsim" run scenarios/buckinghamshire-2015-nqsw.yaml -o "$out/nqsw.h5" -n 2 --seed 3 -q 2>/dev/null
"$wfsim" compare scenarios/buckinghamshire-2015.yaml scenarios/buckinghamshire-2015-nqsw.yaml -o "$out/nqsw-c.h5" \
  -n 2 --seed 3 -q 2>/dev/null
"$wfsim" sweep scenarios/buckinghamshire-2015-nqsw.yaml -o "$out/nqsw-s.h5" -n 2 --seed 3 -q 2>/dev/null \
  --vary 'authorities[0].roles[0].leaving.notice=1 month,2 months'
for kind in nqsw nqsw-c nqsw-s; do
  PYTHONPATH=analysis "$python" -m wfsim_analysis report "$out/$kind.h5" -o "$out/$kind.html"
  grep -q "<h2>What wfsim noted</h2>" "$out/$kind.html"
  grep -q "NQSW programme&#x27;: 2 of its 5 cohorts within the run (from 2019-09-01) start work after it ends" \
    "$out/$kind.html"
done
# The comparison's and the sweep's end-of-run tables show the NQSW cohort's September fee
# as that month's policy cost: they say it is no monthly rate.
for kind in nqsw-c nqsw-s; do
  grep -q "so one month's policy cost is what that month paid, not a monthly rate" "$out/$kind.html"
done
# A name with dollar signs is drawn as written: matplotlib read "$^$" as mathematics,
# and the report ended in a traceback.
"$wfsim" run scenarios/buckinghamshire-2015.yaml -o "$out/dollar.h5" -n 2 --seed 3 -q \
  --set 'name=Bonus $^$ and $_$' --set 'duration=1 year'
PYTHONPATH=analysis "$python" -m wfsim_analysis report "$out/dollar.h5" -o "$out/dollar.html"
grep -q "<title>Bonus \$^\$ and \$_\$: Buckinghamshire</title>" "$out/dollar.html"
if grep -q "What wfsim noted" "$out/report.html"; then echo "a run without notes has a notes section" >&2; exit 1; fi
# Each report is titled by what it reports: a sweep's by its scenario ("Sweep" alone),
# a run's with its place.
grep -q "<title>Sweep of Policy: NQSW programme</title>" "$out/nqsw-s.html"
grep -q "<title>Policy: NQSW programme: Buckinghamshire</title>" "$out/nqsw.html"
PYTHONPATH=analysis "$python" -m wfsim_analysis export "$out/variants.h5" -o "$out/variants.xlsx"
PYTHONPATH=analysis "$python" - "$out/variants.xlsx" <<'PY'
import sys
from openpyxl import load_workbook
rows = [r for r in load_workbook(sys.argv[1])["About"].iter_rows(values_only=True) if r and r[1] == "applicants_per_year"]
base = [r for r in rows if str(r[0]).endswith("(extended by Policy: market supplement, Buckinghamshire, September 2015, "
                                               "60 applicants a year)")]
assert len(base) == 1 and "set by the scenario's own file, for Buckinghamshire, September 2015, 60 applicants" in base[0][3], rows
PY
# Written again over itself, as a planner reruns it; but never over a page of someone's
# own without --force (it carries no wfsim-analysis generator tag).
PYTHONPATH=analysis "$python" -m wfsim_analysis report "$out/results.h5" -o "$out/report.html"
printf '<!DOCTYPE html>\n<html><body>my paper</body></html>\n' > "$out/paper.html"
if PYTHONPATH=analysis "$python" -m wfsim_analysis report "$out/results.h5" -o "$out/paper.html" 2> "$out/err"; then
  echo "the report replaced a page it did not write" >&2
  exit 1
fi
grep -q "is not a report wfsim-analysis wrote" "$out/err"
grep -q "my paper" "$out/paper.html"
browser=$(command -v chromium || true)
if [ -z "$browser" ]; then
  echo "chromium is not installed: run tools/install-deps.sh --with-browser" >&2
  exit 1
fi
# Flags as this workplace's probe found necessary: no sandbox as root, no background
# networking (the machine has no internet), a fresh profile.
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync)
# The page counts its images once loaded (a script in it sets two attributes on
# <body>); headless Chromium dumps the DOM after its virtual-time budget. grep reads a
# here-string: with pipefail, "echo | grep -q" can fail on SIGPIPE.
dom=$(timeout 120 "$browser" "${flags[@]}" --user-data-dir="$out/profile1" --virtual-time-budget=10000 \
        --dump-dom "file://$out/report.html" 2>/dev/null)
grep -q 'data-images="2"' <<<"$dom" || { echo "the report's images were not counted" >&2; exit 1; }
grep -q 'data-broken-images="0"' <<<"$dom" || { echo "the report has broken images" >&2; exit 1; }
timeout 120 "$browser" "${flags[@]}" --user-data-dir="$out/profile2" --window-size=1200,1600 \
  --screenshot="$out/report.png" "file://$out/report.html" 2>/dev/null
test -s "$out/report.png"
echo "report: rendered in Chromium, 2 images, none broken, screenshot $(stat -c %s "$out/report.png") bytes"
# The comparison report: three charts (total cost, agency share, uncovered gap), all loaded.
"$wfsim" compare scenarios/buckinghamshire-2015.yaml scenarios/buckinghamshire-2015-nqsw.yaml \
  -o "$out/compare.h5" -n 20 --seed 3 -q
PYTHONPATH=analysis "$python" -m wfsim_analysis report "$out/compare.h5" -o "$out/compare.html"
# Its cost sentence is the paired difference of the totals over the run, as the file
# holds it: the NQSW cohort's cost is booked in September, the run's last month, so
# that month alone would say the programme costs more when over the run it costs less.
"$python" - "$out/compare.h5" "$out/compare.html" <<'PY'
import sys, h5py
with h5py.File(sys.argv[1]) as f:
    mean = float(f["total_difference/total_cost"][1, 0, 0])
    months = f["time"].shape[0]
expected = f"£{abs(mean) / 1e6:,.2f}m {'more' if mean >= 0 else 'less'} in total than the baseline over the {months} months"
page = open(sys.argv[2], encoding="utf-8").read()
assert expected in page, f"the report does not say {expected!r}"
assert "Over the whole run" in page
print("comparison report: says", expected)
PY
dom=$(timeout 120 "$browser" "${flags[@]}" --user-data-dir="$out/profile3" --virtual-time-budget=10000 \
        --dump-dom "file://$out/compare.html" 2>/dev/null)
grep -q 'data-images="3"' <<<"$dom" || { echo "the comparison report's images were not counted" >&2; exit 1; }
grep -q 'data-broken-images="0"' <<<"$dom" || { echo "the comparison report has broken images" >&2; exit 1; }
echo "comparison report: rendered in Chromium, 3 images, none broken"
