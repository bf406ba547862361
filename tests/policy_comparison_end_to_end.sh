#!/usr/bin/env bash
# docs/policy-comparison.md end to end on few replications: four policies against the
# default scenario on common random numbers, then the comparison chart; and its tables
# against the 1,000 replications it names.
set -euo pipefail
wfsim=$1
python=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$wfsim" compare scenarios/buckinghamshire-2015.yaml scenarios/buckinghamshire-2015-{campaign,supplement,nqsw,conversion}.yaml \
  -o "$out/policies.h5" -n 20 --seed 2015 -q
PYTHONPATH=analysis "$python" -m wfsim_analysis compare "$out/policies.h5" -o "$out/policies.png" --measure agency_share
test -s "$out/policies.png"
# A flow is charted per month, as the file's kind attribute says (comparison files had none).
PYTHONPATH=analysis "$python" - "$out/policies.h5" <<'PY'
import sys
from wfsim_analysis.comparison import comparison_chart
labels = [axis.get_ylabel() for axis in comparison_chart(sys.argv[1], "leavers_permanent").axes]
assert labels == ["leavers permanent (workers per month)", "difference from baseline (workers per month)"], labels
PY
PYTHONPATH=analysis "$python" -m wfsim_analysis report "$out/policies.h5" -o "$out/policies.html"
grep -q "Policy comparison for Buckinghamshire" "$out/policies.html"
grep -q "data:image/png;base64" "$out/policies.html"
if PYTHONPATH=analysis "$python" -m wfsim_analysis compare "$out/policies.h5" -o "$out/x.png" --measure bogus 2>/dev/null; then
  echo "an unknown measure was accepted" >&2
  exit 1
fi
# The page's tables are those of the run it names (1,000 replications, seed 2015), row
# for row: a change to the model that moves a figure there shows here.
"$wfsim" compare scenarios/buckinghamshire-2015.yaml scenarios/buckinghamshire-2015-{campaign,supplement,nqsw,conversion}.yaml \
  -o "$out/policies-1000.h5" -n 1000 --seed 2015 -q 2>/dev/null
"$python" tools/policy-comparison-tables.py "$out/policies-1000.h5" > "$out/tables.md"
rows=$(grep -c '^| ' "$out/tables.md")
missing=0
while IFS= read -r row; do
  if ! grep -Fxq -- "$row" docs/policy-comparison.md; then
    echo "docs/policy-comparison.md lacks this run's row: $row" >&2
    missing=$((missing + 1))
  fi
done < <(grep '^| ' "$out/tables.md")
if [ "$rows" -lt 30 ] || [ "$missing" -gt 0 ]; then
  echo "policy-comparison.md: $missing of $rows rows not as the run gives them (write them with" \
       "tools/policy-comparison-tables.py and copy them in)" >&2
  exit 1
fi
# A sweep of two keys, and its heat map.
"$wfsim" sweep scenarios/buckinghamshire-2015.yaml -o "$out/sweep.h5" -n 10 --seed 1 -q \
  --vary 'authorities[0].roles[0].recruitment.applicants_per_year=36,60' \
  --vary 'authorities[0].roles[0].leaving.turnover_per_year=0.15,0.2'
PYTHONPATH=analysis "$python" -m wfsim_analysis sweep "$out/sweep.h5" -o "$out/sweep.png"
test -s "$out/sweep.png"
echo "policy comparison and sweep: files and charts written"
