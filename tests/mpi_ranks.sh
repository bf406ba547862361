#!/usr/bin/env bash
# Runs spread over MPI ranks give the single process's results, bit for bit: wfsim run
# (one council, every series kept; the region with rules, 2 threads a rank), compare
# and sweep, each on 1, 2 and 3 ranks of this machine, every dataset and attribute
# compared (tests/same_results.py).
set -euo pipefail
wfsim=$1
python=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mpi=(mpirun --oversubscribe -np)
[ "$(id -u)" -eq 0 ] && mpi=(mpirun --allow-run-as-root --oversubscribe -np)
same() { "$python" tests/same_results.py "$@"; }
for ranks in 1 2 3; do
  "${mpi[@]}" "$ranks" "$wfsim" run bench/wf1.yaml -o "$out/wf1-$ranks.h5" -n 300 --seed 4 -j 1 -q --keep all
  "${mpi[@]}" "$ranks" "$wfsim" run scenarios/south-east-moc-2016.yaml -o "$out/region-$ranks.h5" -n 40 --seed 5 \
    -j 2 -q --set 'duration=2 years'
  "${mpi[@]}" "$ranks" "$wfsim" compare scenarios/buckinghamshire-2015.yaml scenarios/buckinghamshire-2015-campaign.yaml \
    -o "$out/compare-$ranks.h5" -n 200 --seed 6 -j 1 -q
  "${mpi[@]}" "$ranks" "$wfsim" sweep scenarios/buckinghamshire-2015.yaml -o "$out/sweep-$ranks.h5" -n 150 --seed 7 \
    -j 1 -q --vary 'authorities[0].roles[0].leaving.turnover_per_year=0.15,0.2'
done
# The single process, without mpirun, is the reference.
"$wfsim" run bench/wf1.yaml -o "$out/wf1.h5" -n 300 --seed 4 -j 2 -q --keep all
"$wfsim" run scenarios/south-east-moc-2016.yaml -o "$out/region.h5" -n 40 --seed 5 -j 1 -q --set 'duration=2 years'
"$wfsim" compare scenarios/buckinghamshire-2015.yaml scenarios/buckinghamshire-2015-campaign.yaml \
  -o "$out/compare.h5" -n 200 --seed 6 -j 2 -q
"$wfsim" sweep scenarios/buckinghamshire-2015.yaml -o "$out/sweep.h5" -n 150 --seed 7 -j 2 -q \
  --vary 'authorities[0].roles[0].leaving.turnover_per_year=0.15,0.2'
for kind in wf1 region compare sweep; do
  same "$out/$kind.h5" "$out/$kind-1.h5" "$out/$kind-2.h5" "$out/$kind-3.h5"
done
# The comparison is not trivially equal: another seed differs.
"$wfsim" run bench/wf1.yaml -o "$out/other.h5" -n 300 --seed 5 -j 1 -q --keep all
if same "$out/wf1.h5" "$out/other.h5" >/dev/null; then
  echo "files of different seeds compared equal" >&2
  exit 1
fi
# A command that does not spread its work (init here) runs on rank 0 alone, saying so
# once: it ran whole on every rank, each renaming its own copy onto the output.
"${mpi[@]}" 3 "$wfsim" init --from-csww data/csww_indicators_2017_2023.csv --la "West Sussex" --year 2022 \
  -o "$out/ws.yaml" >"$out/init.out" 2>"$out/init.err"
"$wfsim" init --from-csww data/csww_indicators_2017_2023.csv --la "West Sussex" --year 2022 -o "$out/ws1.yaml" \
  >/dev/null 2>&1
notes=$(grep -c "note: 'init' is not spread over MPI's ranks: rank 0 runs it alone" "$out/init.err" || true)
# The scenario the same but for the command line init writes in its header.
if [ "$notes" != 1 ] || ! diff <(grep -v "Written by wfsim" "$out/ws.yaml") <(grep -v "Written by wfsim" "$out/ws1.yaml") \
  >/dev/null; then
  echo "init under 3 ranks: $notes notes (expected 1), or another scenario: $(cat "$out/init.err")" >&2
  exit 1
fi
# Bad input found on a rank (rates that make workers without bound) ends the job with
# 2, as it ends a single process; it was MPI_Abort's 1, as for a failed machine.
set +e
"${mpi[@]}" 2 "$wfsim" run scenarios/south-east-moc-2016.yaml -o "$out/runaway.h5" -n 4 -j 1 -q \
  --set 'agency_supply[0].supply_elasticity=50' --set 'agency_supply[0].outside_pay_per_hour=1' 2>"$out/runaway.err"
code=$?
set -e
# Worded as a single process words it: "...; nothing was written".
if [ "$code" -ne 2 ] || ! grep -q "a rate makes workers without bound.*; nothing was written" "$out/runaway.err" ||
  [ -e "$out/runaway.h5" ]; then
  echo "a runaway run on 2 ranks: exit $code (expected 2): $(cat "$out/runaway.err")" >&2
  exit 1
fi
# An interrupt that reaches a rank other than 0 while rank 0 waits for that rank's
# block: rank 0 was left blocked in a receive and killed with its temporary file on
# disk, the job ending 130 without the "interrupted" line. Once rank 0 has made its
# temporary file (so past MPI's start, which needs every rank), rank 1 is held
# (SIGSTOP) until rank 0 waits for it: its file no longer grows and it has all but
# stopped using the processor (it polls). Short replications keep its blocks short.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
interrupt_rank_1() {  # SIGNAL NAME -> the job's exit code in $code
  local signal=$1 name=$2 pid0="" pid1="" last="" size="" ticks="" before=""
  mkdir -p "$out/$name"
  "${mpi[@]}" 2 "$wfsim" run scenarios/south-east-moc-2016.yaml -o "$out/$name/out.h5" -n 4000 -j 1 \
    --set 'duration=1 year' 2>"$out/$name/err" >/dev/null &
  local job=$!
  for _ in $(seq 600); do
    for p in $(pgrep -f "$out/$name/out.h5" || true); do
      case "$(tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | sed -n 's/^OMPI_COMM_WORLD_RANK=//p')" in
        0) pid0=$p ;; 1) pid1=$p ;;
      esac
    done
    [ -n "$pid1" ] && [ -n "$pid0" ] && compgen -G "$out/$name/out.h5.partial-*" >/dev/null && break
    sleep 0.1
  done
  [ -n "$pid0" ] && [ -n "$pid1" ] || { echo "$name: the ranks were not found within 60 s" >&2; exit 1; }
  kill -STOP "$pid1"
  for _ in $(seq 240); do
    sleep 0.5
    size=$(stat -c %s "$out/$name"/out.h5.partial-* 2>/dev/null || true)
    ticks=$(cpu_ticks "$pid0")
    # 10 ticks in half a second: a fifth of a core (computing uses all of one)
    [ -n "$size" ] && [ "$size" = "$last" ] && [ -n "$before" ] && [ $((ticks - before)) -le 10 ] && break
    last=$size before=$ticks
  done
  kill "-$signal" "$pid1"
  kill -CONT "$pid1"
  set +e
  wait "$job"
  code=$?
  set -e
  if compgen -G "$out/$name/*partial*" >/dev/null || [ -e "$out/$name/out.h5" ]; then
    echo "$signal to rank 1 while rank 0 waited: left $(ls "$out/$name")" >&2
    exit 1
  fi
}
interrupt_rank_1 INT interrupt-int
if [ "$code" -ne 130 ] || ! grep -q "wfsim: interrupted; nothing was written" "$out/interrupt-int/err"; then
  echo "SIGINT to rank 1: exit $code (expected 130): $(cat "$out/interrupt-int/err")" >&2
  exit 1
fi
interrupt_rank_1 TERM interrupt-term
if [ "$code" -ne 143 ]; then
  echo "SIGTERM to rank 1: exit $code (expected 143): $(cat "$out/interrupt-term/err")" >&2
  exit 1
fi
# The ranks agree on their input before the first block (cli/input_agreement.hpp).
# An error every rank finds is said once: it was said once a rank, the copies
# interleaved mid-line.
input_error() {  # NAME EXPECTED-CODE TEXT COMMAND...: ran within 60 s, ended CODE, TEXT once
  local name=$1 expected=$2 text=$3 code count
  shift 3
  set +e
  timeout 60 "$@" >"$out/$name.out" 2>"$out/$name.err"
  code=$?
  set -e
  count=$(grep -c -- "$text" "$out/$name.err" || true)
  if [ "$code" -ne "$expected" ] || [ "$count" != 1 ]; then
    echo "$name: exit $code (expected $expected), '$text' said $count times (expected once): $(cat "$out/$name.err")" >&2
    exit 1
  fi
}
input_error bad-key 2 "unknown key 'duraton'" "${mpi[@]}" 3 "$wfsim" run scenarios/buckinghamshire-2015.yaml \
  -o "$out/bad.h5" -n 4 -q --set 'duraton=1 year'
input_error bad-option 2 "--replications must be from 1" "${mpi[@]}" 3 "$wfsim" run \
  scenarios/buckinghamshire-2015.yaml -o "$out/bad.h5" -n 0
input_error no-folder 2 "the folder" "${mpi[@]}" 2 "$wfsim" run scenarios/buckinghamshire-2015.yaml \
  -o "$out/none/bad.h5" -n 4 -q
# A scenario one rank cannot read (missing on its node): that rank returned 2 while
# the others waited for its blocks for ever; now every rank ends, with its error.
mkdir -p "$out/here" "$out/there"
cp scenarios/buckinghamshire-2015.yaml "$out/here/b.yaml"
here=(-np 1 --wdir "$out/here" "$(realpath "$wfsim")" run b.yaml -o "$out/split.h5" -n 4 -q)
there=(-np 1 --wdir "$out/there" "$(realpath "$wfsim")" run b.yaml -o "$out/split.h5" -n 4 -q)
input_error missing-on-rank-1 2 "error on rank 1: b.yaml: cannot read the scenario file" \
  "${mpi[@]:0:${#mpi[@]}-1}" "${here[@]}" : "${there[@]}"
# A copy on one node that differs: the ranks simulated different scenarios into one file.
sed 's/turnover_per_year: 0.173/turnover_per_year: 0.9/' "$out/here/b.yaml" >"$out/there/b.yaml"
input_error differs-on-rank-1 2 "rank 1 read other input than rank 0" "${mpi[@]:0:${#mpi[@]}-1}" "${here[@]}" : \
  "${there[@]}"
[ ! -e "$out/split.h5" ] || { echo "a refused job wrote $out/split.h5" >&2; exit 1; }
# A stop while rank 0 waits for the others to agree: it ended the job at once, leaving
# its temporary file and saying nothing. Rank 1 is held after MPI's start (a shim that
# sleeps in MPI_Init_thread) so that rank 0, its temporary file made, waits for it.
mkdir -p "$out/agree"
cat >"$out/agree/shim.c" <<'SHIM'
#include <mpi.h>
#include <stdlib.h>
#include <unistd.h>
int MPI_Init_thread(int* argc, char*** argv, int required, int* provided) {
  int result = PMPI_Init_thread(argc, argv, required, provided);
  const char* pause = getenv("WFSIM_TEST_PAUSE_AFTER_INIT");
  if (pause) sleep((unsigned)atoi(pause));
  return result;
}
SHIM
mpicc -shared -fPIC "$out/agree/shim.c" -o "$out/agree/shim.so"
absolute=$(realpath "$wfsim")
agree_run=(run "$PWD/scenarios/buckinghamshire-2015.yaml" -o "$out/agree/out.h5" -n 4 -q)
"${mpi[@]:0:${#mpi[@]}-1}" -np 1 "$absolute" "${agree_run[@]}" : -np 1 -x LD_PRELOAD="$out/agree/shim.so" \
  -x WFSIM_TEST_PAUSE_AFTER_INIT=20 "$absolute" "${agree_run[@]}" 2>"$out/agree/err" >/dev/null &
job=$!
pid0=""
for _ in $(seq 300); do
  for p in $(pgrep -f "$out/agree/out.h5" || true); do
    [ "$(tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | sed -n 's/^OMPI_COMM_WORLD_RANK=//p')" = 0 ] && pid0=$p
  done
  [ -n "$pid0" ] && compgen -G "$out/agree/out.h5.partial-*" >/dev/null && break
  sleep 0.1
done
[ -n "$pid0" ] || { echo "agreement: rank 0 not found within 30 s" >&2; exit 1; }
sleep 0.5  # in the agreement by now: it reaches it within milliseconds of its file
kill -INT "$pid0"
set +e
wait "$job"
code=$?
set -e
if [ "$code" -ne 130 ] || [ "$(grep -c "wfsim: interrupted; nothing was written" "$out/agree/err")" != 1 ] ||
  compgen -G "$out/agree/out.h5*" >/dev/null; then
  echo "a stop in the agreement: exit $code (expected 130), left $(ls "$out/agree"): $(cat "$out/agree/err")" >&2
  exit 1
fi
# The summary's peak memory is every process's, not rank 0's alone.
"${mpi[@]}" 2 "$wfsim" run scenarios/buckinghamshire-2015.yaml -o "$out/peak.h5" -n 4 >"$out/peak.out"
grep -q "peak memory [0-9.]* MiB (the most of any process; [0-9.]* MiB in all)" "$out/peak.out" ||
  { echo "2 ranks' summary: $(cat "$out/peak.out")" >&2; exit 1; }
echo "MPI: 1, 2 and 3 ranks bit-identical to one process for run, compare and sweep; init on rank 0 alone;"
echo "an input error said once, a rank that cannot read its scenario or reads another one ends the job with 2;"
echo "bad input on a rank exits 2;"
echo "an interrupt of rank 1 while rank 0 waits leaves no temporary file and exits 130 or 143"
