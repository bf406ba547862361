#!/usr/bin/env bash
# Time to answer: whole `wfsim run` processes (simulation, results file, summaries),
# measured the way a planner waits for them, against each other and against the
# hand-written wf1 loop (bench/wf1_reference.cpp, spec bench/WF1.md), side by side in
# one session. Prints the figures docs/performance.md reports:
#
#  1. wf1, 2,000 replications, 1 thread: wfsim's speed over the loop's (wall time of
#     the whole process), in interleaved rounds; events a second by the spec's count.
#  2. Two threads over one, whole process, for wf1 and the South East region.
#  3. The region, 10 years, 10,000 replications on 2 threads: wall time, file size and
#     peak memory, default output and --keep summaries, against 100 replications.
#  4. With mpirun: strong and weak scaling over 1 and 2 processes.
#
# Usage: bench/run_bench.sh [BUILD_DIR]   (default: build; it must hold bin/wfsim and
# bin/wf1_reference). WFSIM_BENCH_ROUNDS sets the rounds (default 9: on this shared
# 2-core machine one round's two-threads ratio for wf1 ranged from 1.41 to 2.33 within
# minutes, and a median of 9 moves less than one of 5). The engine under test is the
# ordinary `wfsim run`: there is no benchmark fast path.
# WFSIM_BENCH_SCALE=100 divides every replication count by 100 (at least 2): the test
# suite runs it so to check the script still reads wfsim's output; its figures mean nothing.
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
loop=$build/bin/wf1_reference
[ -x "$loop" ] || { echo "no wf1_reference at $loop: build first" >&2; exit 2; }
rounds=${WFSIM_BENCH_ROUNDS:-9}
region="$here/../scenarios/south-east-moc-2016.yaml"
ten_years=(--set 'duration=10 years')

now() { date +%s.%N; }
# wall seconds of a command, its output discarded; the previous results file is flushed
# first so its write-back does not land in this run's time
wall() {
  rm -f "$out/run.h5"; sync
  local start; start=$(now)
  "$@" >/dev/null
  awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
wfsim_run() {  # replications threads scenario [args...]
  local n; n=$(replications "$1"); local j=$2 scenario=$3; shift 3
  "$wfsim" run "$scenario" -o "$out/run.h5" -n "$n" -j "$j" --seed 1 -q "$@"
}
# "peak memory X MiB" from wfsim's own summary line, and the file's size in MB
run_and_measure() {  # replications threads scenario [args...] -> "wall MB MiB"
  local n; n=$(replications "$1"); local j=$2 scenario=$3; shift 3
  rm -f "$out/run.h5"; sync
  local start line; start=$(now)
  line=$("$wfsim" run "$scenario" -o "$out/run.h5" -n "$n" -j "$j" --seed 1 "$@" | grep "peak memory")
  awk -v a="$start" -v b="$(now)" -v s="$(stat -c %s "$out/run.h5")" -v m="$(sed -E 's/.*peak memory ([0-9.]+) MiB.*/\1/' <<<"$line")" \
    'BEGIN { printf "%.2f %.1f %.1f", b - a, s / 1e6, m }'
}

echo "wfsim against the hand-written wf1 loop ($(nproc) cores, $(date -u +%Y-%m-%d), $rounds interleaved rounds)"
n_wf1=$(replications 2000)
events=$("$loop" "$n_wf1" | sed -nE 's/^events=([0-9]+).*/\1/p')
echo "wf1, $n_wf1 replications, 1 thread, whole process (spec events: $events, as the loop counts them)"
printf '%-8s %12s %12s %16s\n' "round" "loop s" "wfsim s" "wfsim over loop"
speed=()
for i in $(seq "$rounds"); do
  if ((i % 2)); then
    a=$(wall "$loop" "$n_wf1"); b=$(wall wfsim_run 2000 1 "$here/wf1.yaml")
  else
    b=$(wall wfsim_run 2000 1 "$here/wf1.yaml"); a=$(wall "$loop" "$n_wf1")
  fi
  speed+=("$(ratio "$a" "$b")")
  printf '%-8s %12s %12s %16s\n' "$i" "$a" "$b" "${speed[-1]}"
  last_loop=$a last_wfsim=$b
done
echo "wfsim's speed over the loop's, median of $rounds rounds: $(median_range "${speed[@]}")"
awk -v e="$events" -v a="$last_loop" -v b="$last_wfsim" \
  'BEGIN { printf "spec events a second, last round: loop %.2f million, wfsim %.2f million\n", e / a / 1e6, e / b / 1e6 }'

echo
echo "two threads over one, whole process, $rounds interleaved rounds"
printf '%-8s %10s %10s %10s %10s\n' "round" "wf1 j1" "wf1 j2" "region j1" "region j2"
wf1_x=() region_x=()
for i in $(seq "$rounds"); do
  if ((i % 2)); then
    a=$(wall wfsim_run 2000 1 "$here/wf1.yaml"); b=$(wall wfsim_run 2000 2 "$here/wf1.yaml")
    c=$(wall wfsim_run 200 1 "$region" "${ten_years[@]}"); d=$(wall wfsim_run 200 2 "$region" "${ten_years[@]}")
  else
    b=$(wall wfsim_run 2000 2 "$here/wf1.yaml"); a=$(wall wfsim_run 2000 1 "$here/wf1.yaml")
    d=$(wall wfsim_run 200 2 "$region" "${ten_years[@]}"); c=$(wall wfsim_run 200 1 "$region" "${ten_years[@]}")
  fi
  wf1_x+=("$(ratio "$a" "$b")"); region_x+=("$(ratio "$c" "$d")")
  printf '%-8s %10s %10s %10s %10s\n' "$i" "$a" "$b" "$c" "$d"
done
echo "wf1 ($n_wf1 replications), 2 threads over 1, median of $rounds rounds: $(median_range "${wf1_x[@]}")"
echo "region ($(replications 200) replications, 10 years), 2 threads over 1, median of $rounds rounds: $(median_range "${region_x[@]}")"

echo
echo "region, 10 years, 2 threads: wall s, file MB, peak MiB"
printf '%-36s %10s %10s %10s\n' "run" "wall s" "file MB" "peak MiB"
for keep in standard summaries; do
  for n in 100 10000; do
    read -r w f m <<<"$(run_and_measure "$n" 2 "$region" "${ten_years[@]}" --keep "$keep")"
    printf '%-36s %10s %10s %10s\n' "--keep $keep, n=$(replications "$n")" "$w" "$f" "$m"
    declare "w_${keep}_$n=$w" "f_${keep}_$n=$f" "m_${keep}_$n=$m"
  done
done
echo "peak memory, 10000 over 100 replications: standard $(ratio "$m_standard_10000" "$m_standard_100"), summaries $(ratio "$m_summaries_10000" "$m_summaries_100")"
echo "file size, 10000 over 100 replications:   standard $(ratio "$f_standard_10000" "$f_standard_100"), summaries $(ratio "$f_summaries_10000" "$f_summaries_100")"

if command -v mpirun >/dev/null && grep -q "with MPI" <<<"$("$wfsim" --version)"; then
  mpi=(mpirun --oversubscribe -np)
  [ "$(id -u)" -eq 0 ] && mpi=(mpirun --allow-run-as-root --oversubscribe -np)
  n=$(replications 200) half=$(replications 100)
  echo
  echo "across processes (region, 10 years, 1 thread a process): wall s"
  one=$(wall "${mpi[@]}" 1 "$wfsim" run "$region" -o "$out/run.h5" -n "$n" -j 1 --seed 1 -q "${ten_years[@]}")
  two=$(wall "${mpi[@]}" 2 "$wfsim" run "$region" -o "$out/run.h5" -n "$n" -j 1 --seed 1 -q "${ten_years[@]}")
  weak=$(wall "${mpi[@]}" 1 "$wfsim" run "$region" -o "$out/run.h5" -n "$half" -j 1 --seed 1 -q "${ten_years[@]}")
  threads=$(wall "$wfsim" run "$region" -o "$out/run.h5" -n "$n" -j 2 --seed 1 -q "${ten_years[@]}")
  echo "strong: $n replications on 1 process $one, on 2 processes $two: speed-up $(ratio "$one" "$two")"
  echo "weak: $half replications on 1 process $weak, $n on 2 processes $two: efficiency $(ratio "$weak" "$two")"
  echo "the same $n on 1 process of 2 threads: $threads"
fi
