#!/usr/bin/env bash
# Where the regional scenario's events per second go, step by step from wf1: the same
# engine run on scenarios that add one part of the region at a time.
#
#   wf1                 the reference one-council scenario (300 posts)
#   one council         one council of the region (Kent) alone, as the region's
#                       scenario describes it (richer than wf1: two kinds of absence,
#                       lognormal and gamma delays, failed offers, destinations),
#                       with unlimited agency supply as in wf1
#   ... at region size  that council scaled to the region's posts
#   19 councils         the region's councils, without its shared agency market,
#                       labour pool and rules (agency supply unlimited, as in wf1)
#   + market and pool   the region with its market and pool, without rules
#   region              the regional scenario as bench/run_bench.sh runs it
#
# Each step's ratio is its events per second over the step before, the median of
# interleaved rounds (WFSIM_BENCH_ROUNDS, default 5), since this shared machine's speed
# drifts. Usage: bench/region_breakdown.sh [BUILD_DIR]   (default: build)
# WFSIM_BENCH_SCALE=100 divides the replication counts by 100 (at least 2), as in
# run_bench.sh: the test suite runs it so; its figures then mean nothing.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
rounds=${WFSIM_BENCH_ROUNDS:-5}
region=$here/../scenarios/south-east-moc-2016.yaml
council=Kent

# The region's scenario cut down to one council: everything before its list of
# authorities, then that council's entry without its neighbours; the market, pool and
# rules that follow the list are left out. (The scenario is written by
# tools/make-regional-scenarios.py, one entry per "  - name:" line.)
awk -v entry="  - name: $council" '
  /^authorities:/ { print; listing = 1; next }
  !listing { print; next }
  /^[^ #]/ { exit }
  /^  - name: / { keep = ($0 == entry) }
  /^    neighbours:/ { next }
  keep' "$region" >"$out/council.yaml"
grep -q "^  - name: $council\$" "$out/council.yaml" || { echo "no council $council in $region" >&2; exit 2; }

# The council at the region's size: its posts, starting staff and applicants scaled.
value() { sed -nE "s/.*[ {]$1: ([0-9.]+).*/\1/p" "$out/council.yaml" | head -1; }
region_posts=$(sed -nE 's/^ +permanent_posts: ([0-9]+)$/\1/p' "$region" | awk '{ s += $1 } END { print s }')
factor=$(awk -v a="$region_posts" -v b="$(value permanent_posts)" 'BEGIN { print a / b }')
scaled() { awk -v v="$(value "$1")" -v f="$factor" -v whole="$2" 'BEGIN { x = v * f; if (whole) printf "%d", x + 0.5; else print x }'; }
role='authorities[0].roles[0]'
big=(--set "$role.permanent_posts=$region_posts" --set "$role.initial.in_post=$(scaled in_post 1)"
  --set "$role.initial.absent=$(scaled absent 1)"
  --set "$role.initial.agency_covering_vacancies=$(scaled agency_covering_vacancies 1)"
  --set "$role.recruitment.applicants_per_year=$(scaled applicants_per_year 0)")

ten=(--set 'duration=10 years')
unbound=(--set 'rules=[]')
bare=(--set 'agency_supply=[]' --set 'labour_pool=[]' --set 'rules=[]')
rate() {  # replications scenario [--set ...] -> million events per second on one thread
  local n scenario=$2
  n=$(replications "$1")
  shift 2
  rm -f "$out/run.h5"
  "$wfsim" run "$scenario" -o "$out/run.h5" -n "$n" -j 1 --seed 1 "$@" | sed -nE 's/.* ([0-9.]+) million events\/s.*/\1/p'
}

labels=("wf1" "one council ($council)" "... at region size ($region_posts posts)" "19 councils, no market, pool or rules"
  "+ market and pool" "region (+ rules)")
declare -A ratios
echo "events per second (millions, 1 thread), $rounds interleaved rounds:"
printf '  %-7s' "round"
printf ' %10s' wf1 council "at size" councils "+market" region
echo
for i in $(seq "$rounds"); do
  specs=(0 1 2 3 4 5)
  ((i % 2)) || specs=(5 4 3 2 1 0)  # alternate the order, as run_bench.sh does
  declare -A got=()
  for s in "${specs[@]}"; do
    case $s in
      0) got[0]=$(rate 1000 "$here/wf1.yaml") ;;
      1) got[1]=$(rate 200 "$out/council.yaml" "${ten[@]}") ;;
      2) got[2]=$(rate 30 "$out/council.yaml" "${ten[@]}" "${big[@]}") ;;
      3) got[3]=$(rate 60 "$region" "${ten[@]}" "${bare[@]}") ;;
      4) got[4]=$(rate 60 "$region" "${ten[@]}" "${unbound[@]}") ;;
      5) got[5]=$(rate 60 "$region" "${ten[@]}") ;;
    esac
  done
  printf '  %-7s' "$i"
  for s in 0 1 2 3 4 5; do printf ' %10s' "${got[$s]}"; done
  echo
  for s in 1 2 3 4 5; do
    ratios[$s]+="$(awk -v a="${got[$((s - 1))]}" -v b="${got[$s]}" 'BEGIN { printf "%.3f ", b / a }')"
  done
  ratios[all]+="$(awk -v a="${got[0]}" -v b="${got[5]}" 'BEGIN { printf "%.3f ", b / a }')"
done
median() {  # label values... -> the median and range of the values
  local label=$1
  shift
  printf '  %-46s %s\n' "$label" "$(median_range "$@")"
}
echo
echo "each step over the one before, median of $rounds rounds:"
for s in 1 2 3 4 5; do
  # shellcheck disable=SC2086  # the ratios are one word each
  median "${labels[$s]}:" ${ratios[$s]}
done
# shellcheck disable=SC2086
median "region over wf1 (the product):" ${ratios[all]}
