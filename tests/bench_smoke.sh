#!/usr/bin/env bash
# The benchmark script at a hundredth of its replications: it must still find every
# figure in wfsim's output (a change to that output once left it printing nan).
set -euo pipefail
wfsim=$1
build=$(dirname "$(dirname "$wfsim")")
out=$(WFSIM_BENCH_SCALE=100 bash bench/run_bench.sh "$build")
echo "$out"
if grep -qi "nan" <<<"$out"; then echo "bench_smoke: a figure is missing" >&2; exit 1; fi
test "$(grep -cE '^n=[0-9]+ threads=[12] +[0-9.]+ +[0-9.]+ +[0-9.]+$' <<<"$out")" -eq 6
for label in "region over wf1" "wf1 at 5,400 posts over wf1" "region over wf1 at 5,400 posts"; do
  grep -qE "^$label, median of [0-9]+ rounds: +[0-9.]+ \(range [0-9.]+ to [0-9.]+\)$" <<<"$out"
done
echo "bench_smoke: every figure read"

# And the breakdown of the region's events per second, in one round.
out=$(WFSIM_BENCH_SCALE=100 WFSIM_BENCH_ROUNDS=1 bash bench/region_breakdown.sh "$build")
echo "$out"
if grep -qi "nan\|inf" <<<"$out"; then echo "bench_smoke: a breakdown figure is missing" >&2; exit 1; fi
test "$(grep -cE '^  [1-9] +( +[0-9.]+){6}$' <<<"$out")" -eq 1
test "$(grep -cE '^  [^ ].*: +[0-9.]+ \(range [0-9.]+ to [0-9.]+\)$' <<<"$out")" -eq 6
echo "bench_smoke: every breakdown figure read"
