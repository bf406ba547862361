#!/usr/bin/env bash
# The benchmark script at a hundredth of its replications: it must still find every
# figure in wfsim's output (a change to that output once left it printing nan).
set -euo pipefail
wfsim=$1
build=$(dirname "$(dirname "$wfsim")")
out=$(WFSIM_BENCH_SCALE=100 WFSIM_BENCH_ROUNDS=2 bash bench/run_bench.sh "$build")
echo "$out"
if grep -qiE "nan|inf" <<<"$out"; then echo "bench_smoke: a figure is missing" >&2; exit 1; fi
grep -qE "^wfsim's speed over the loop's, median of 2 rounds: [0-9.]+ \(range [0-9.]+ to [0-9.]+\)$" <<<"$out"
grep -qE "^spec events a second, last round: loop [0-9.]+ million, wfsim [0-9.]+ million$" <<<"$out"
grep -qE "^wf1 \([0-9]+ replications\), 2 threads over 1, median of 2 rounds: [0-9.]+ \(range" <<<"$out"
grep -qE "^region \([0-9]+ replications, 10 years\), 2 threads over 1, median of 2 rounds: [0-9.]+ \(range" <<<"$out"
test "$(grep -cE '^--keep (standard|summaries), n=[0-9]+ +[0-9.]+ +[0-9.]+ +[0-9.]+$' <<<"$out")" -eq 4
grep -qE "^peak memory, 10000 over 100 replications: standard [0-9.]+, summaries [0-9.]+$" <<<"$out"
version=$("$wfsim" --version)
if grep -q "with MPI" <<<"$version"; then
  grep -qE "^strong: [0-9]+ replications on 1 process [0-9.]+, on 2 processes [0-9.]+: speed-up [0-9.]+$" <<<"$out"
fi
echo "bench_smoke: every figure read"

# And the breakdown of the region's events per second, in one round.
out=$(WFSIM_BENCH_SCALE=100 WFSIM_BENCH_ROUNDS=1 bash bench/region_breakdown.sh "$build")
echo "$out"
if grep -qi "nan\|inf" <<<"$out"; then echo "bench_smoke: a breakdown figure is missing" >&2; exit 1; fi
test "$(grep -cE '^  [1-9] +( +[0-9.]+){6}$' <<<"$out")" -eq 1
test "$(grep -cE '^  [^ ].*: +[0-9.]+ \(range [0-9.]+ to [0-9.]+\)$' <<<"$out")" -eq 6
echo "bench_smoke: every breakdown figure read"
