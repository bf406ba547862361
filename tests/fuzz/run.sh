#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang, with ASan and UBSan) if needed,
# writes their seed corpora, and runs each target for SECONDS, one after another.
#
# Usage: tests/fuzz/run.sh SECONDS [BUILD_DIR]      (BUILD_DIR: build-fuzz/ by default)
#
# Environment:
#   FUZZ_TARGETS      the targets to run (default: "scenario set csv")
#   FUZZ_ARGS         more libFuzzer options, e.g. -runs=1000000 (stops at whichever
#                     of -runs and SECONDS comes first)
#   FUZZ_BUILD_JOBS   parallel compile jobs (default: the number of cores)
#   WFSIM_FUZZ_CXX    the clang++ to use (default: clang++ on the PATH)
#
# Prints each target's executions and exits 1 if any target found a crash, an
# uncaught exception, a sanitizer report, a leak, a timeout (-timeout=10) or memory
# over -rss_limit_mb=2048; the inputs are saved under BUILD_DIR/fuzz-artifacts/.
# Exits 77 (CTest: skipped) if clang or its fuzzer runtime is missing.
set -uo pipefail

usage="usage: tests/fuzz/run.sh SECONDS [BUILD_DIR] (see the head of this script)"
case "${1:-}" in
  -h | --help)
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
esac
seconds=${1:-}
# A mistyped option was read as SECONDS and started a build of the fuzzers; 0 is no
# limit to libFuzzer, which then ran until killed. (Exit 1 means a crash found.)
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "$usage: SECONDS must be a whole number of 1 or more, got '$seconds'" >&2
  exit 2
fi
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${2:-$src/build-fuzz}
targets=${FUZZ_TARGETS:-scenario set csv}
jobs=${FUZZ_BUILD_JOBS:-$(nproc)}
read -r -a extra <<< "${FUZZ_ARGS:-}"
skip=77

# clang and its libFuzzer, ASan and UBSan runtimes (Debian: clang, libclang-rt-14-dev).
cxx=${WFSIM_FUZZ_CXX:-$(command -v clang++ || true)}
if [ -z "$cxx" ]; then
  echo "SKIP: clang++ not found; install clang and libclang-rt-14-dev (tools/install-deps.sh --with-browser does)"
  exit $skip
fi
probe=$(mktemp -d)
run=""  # this run's own seeds and temporary files (set below), so runs can overlap
trap 'rm -rf "$probe" ${run:+"$run"}' EXIT
echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' > "$probe/probe.cpp"
if ! "$cxx" -fsanitize=fuzzer,address,undefined "$probe/probe.cpp" -o "$probe/probe" 2> "$probe/err"; then
  echo "SKIP: $cxx cannot link a libFuzzer target with ASan and UBSan; install libclang-rt-14-dev"
  echo "(the runtime of $("$cxx" --version | head -n 1)):"
  sed 's/^/  /' "$probe/err" | head -n 5
  exit $skip
fi

# Configure once; the build is incremental after that. A unity build (the engine's
# sources compiled eight to a unit) parses the heavy headers an eighth as often, and
# the targets build only the engine's layers they link (engine/CMakeLists.txt): the
# first build took 79 s where it took 200 s on 2 cores (2026-12-06), and it is most of
# the suite's fuzz test.
if [ ! -f "$build/CMakeCache.txt" ]; then
  nice -n 10 cmake -S "$src" -B "$build" -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g" -DCMAKE_UNITY_BUILD=ON \
    -DWFSIM_FUZZ=ON -DWFSIM_WERROR=ON -DWFSIM_BUILD_TESTS=OFF -DWFSIM_WITH_MPI=OFF || exit 1
elif ! grep -q '^WFSIM_FUZZ:BOOL=ON' "$build/CMakeCache.txt"; then
  echo "error: $build is not a fuzz build (WFSIM_FUZZ=ON); give another directory" >&2
  exit 1
fi
build_targets=()
for t in $targets; do build_targets+=(--target "fuzz_$t"); done
nice -n 10 cmake --build "$build" -j "$jobs" "${build_targets[@]}" || exit 1

# Seeds, temporary files and logs are this run's own, so two runs of different
# targets on one build (one per core) do not disturb each other; the work corpus
# (fuzz-corpus/work/TARGET) is shared, and libFuzzer adds to it by content hash.
run=$build/fuzz-runs/$$
rm -rf "$run"
"$src/tests/fuzz/make_corpus.sh" "$run/corpus" || exit 1
artifacts=$build/fuzz-artifacts/$(date +%Y%m%d-%H%M%S)-$$
# The targets' temporary directories go here, so a crash never leaves one in /tmp.
export TMPDIR=$run/tmp
mkdir -p "$TMPDIR" "$build/fuzz-logs"
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
# ASan keeps the stack of every allocation and free, each distinct one for good, and
# the fuzzed inputs make new ones all the time: fuzz_scenario's memory grew 1.5 to 2.4
# MB per 1,000 executions (30 frames) and a million would pass -rss_limit_mb. Without
# them it stays flat and runs faster; a report still gives the faulting stack, and the
# replay command printed below gives the allocation's and the free's.
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0}

failed=0
for t in $targets; do
  work=$build/fuzz-corpus/work/$t  # what each run adds; later runs start from it
  mkdir -p "$work" "$artifacts/$t"
  log=$build/fuzz-logs/$t.log
  echo "fuzz_$t: running for ${seconds}s ${extra[*]} (log: $log)"
  start=$(date +%s)
  nice -n 10 "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -dict="$run/corpus/$t.dict" -artifact_prefix="$artifacts/$t/" \
    "${extra[@]}" "$work" "$run/corpus/seeds/$t" > "$log" 2>&1
  rc=$?
  elapsed=$(($(date +%s) - start))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\).*DONE.*/\1/p' "$log" | tail -n 1)
  found=$(ls "$artifacts/$t")
  echo "fuzz_$t: ${execs:-?} executions in ${elapsed}s, corpus $(ls "$work" | wc -l) files, exit $rc"
  if [ "$rc" -ne 0 ] || [ -n "$found" ]; then
    failed=1
    if [ "$rc" -eq 72 ] && [ -z "$found" ]; then
      echo "fuzz_$t: interrupted (libFuzzer exit 72), no finding"
      rmdir "$artifacts/$t"
      continue
    fi
    echo "fuzz_$t: FINDING; the report:"
    grep -m 1 -A 40 -E '^==[0-9]+==ERROR|runtime error|wfsim fuzz: unexpected|^ALARM|out-of-memory|ERROR: libFuzzer' "$log" |
      sed 's/^/  /'
    for f in $found; do
      echo "  input: $artifacts/$t/$f"
      echo "  replay: ASAN_OPTIONS=malloc_context_size=30 $build/fuzz/fuzz_$t $artifacts/$t/$f"
    done
  else
    rmdir "$artifacts/$t"
  fi
done
rmdir "$artifacts" 2> /dev/null
if [ "$failed" -ne 0 ]; then
  echo "FAILED: see the findings above"
  exit 1
fi
echo "passed: no crash, leak, timeout or unexpected exception"
