#!/usr/bin/env bash
# Instructions and simulated cache misses per event of WorkforceModel::run, for wf1 and
# the regional scenario, under callgrind: figures that do not depend on the machine's
# load, so two builds can be compared across days. Takes about two minutes.
#
# Usage: bench/callgrind_per_event.sh [BUILD_DIR]   (default: build)
# WFSIM_CG_WF1 and WFSIM_CG_REGION set the replication counts (default 100 and 8).
# The last level is simulated as 512 KiB, like this machine's second-level cache. The
# writer thread shares the simulated caches, so miss counts are upper bounds.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
wfsim=$build/bin/wfsim
[ -x "$wfsim" ] || { echo "no wfsim at $wfsim: build first" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

measure() {  # label replications scenario [--set ...]
  local label=$1 n=$2; shift 2
  local events
  events=$("$wfsim" run "$@" -o "$out/run.h5" -n "$n" -j 1 --seed 1 | sed -nE 's/^ +([0-9]+) events.*/\1/p')
  valgrind --tool=callgrind --cache-sim=yes --LL=524288,8,64 --callgrind-out-file="$out/cg.out" \
    "$wfsim" run "$@" -o "$out/run.h5" -n "$n" -j 1 --seed 1 -q >/dev/null 2>&1
  # awk reads to the end (grep -m1 would close the pipe early and fail the pipeline).
  callgrind_annotate --inclusive=yes "$out/cg.out" 2>/dev/null | sed -E 's/ +\( *[0-9.]+%\)//g' |
    awk -v ev="$events" -v l="$label" '/WorkforceModel::run\(/ && !done { done = 1; for (i = 1; i <= 9; i++) gsub(",", "", $i)
      printf "%-7s %9d events   per event: %6.0f instructions, %5.2f first-level misses, %5.2f misses of 512 KiB\n",
             l, ev, $1 / ev, ($5 + $6) / ev, ($8 + $9) / ev }'
}
measure wf1 "${WFSIM_CG_WF1:-100}" "$here/wf1.yaml"

# The whole process against the hand-written loop, per spec event (bench/WF1.md: model
# events that fire, as the loop counts them; wfsim's own count includes month ends).
loop=$build/bin/wf1_reference
if [ -x "$loop" ]; then
  n=${WFSIM_CG_WF1:-100}
  spec=$("$loop" "$n" | sed -nE 's/^events=([0-9]+).*/\1/p')
  # callgrind_annotate prints "N (100.0%)  PROGRAM TOTALS": the percentage goes first.
  total() {
    callgrind_annotate "$1" 2>/dev/null | sed -E 's/ +\( *[0-9.]+%\)//g' | sed -nE 's/^ *([0-9,]+) +PROGRAM TOTALS.*/\1/p' |
      tr -d ,
  }
  valgrind --tool=callgrind --callgrind-out-file="$out/loop.out" "$loop" "$n" >/dev/null 2>&1
  valgrind --tool=callgrind --callgrind-out-file="$out/whole.out" \
    "$wfsim" run "$here/wf1.yaml" -o "$out/run.h5" -n "$n" -j 1 --seed 1 -q >/dev/null 2>&1
  loop_total=$(total "$out/loop.out") whole_total=$(total "$out/whole.out")
  [ -n "$loop_total" ] && [ -n "$whole_total" ] || { echo "could not read callgrind's program totals" >&2; exit 1; }
  awk -v l="$loop_total" -v w="$whole_total" -v e="$spec" -v n="$n" \
    'BEGIN { printf "wf1 whole process, %d replications, %d spec events: loop %.0f, wfsim %.0f instructions a spec event\n", n, e, l / e, w / e }'
fi
measure region "${WFSIM_CG_REGION:-8}" "$here/../scenarios/south-east-moc-2016.yaml" --set 'duration=10 years'
