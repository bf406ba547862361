#!/usr/bin/env bash
# Planted bugs: can the test suite catch the mistakes it exists for?
#
# Each entry below is one small, realistic mistake in the engine, written as an exact
# text substitution in one file. For each, this script applies it, builds, runs the
# tests, records whether any test failed (caught) or none did (survived), and puts
# the file back. It prints a table and "caught K of N", and exits 1 if fewer than
# --threshold were caught (2 if a planted bug no longer applies or does not build, or if
# a test fails with no bug planted).
#
#   tools/mutate.sh [--build-dir DIR] [--only N[,N...]] [--list] [--check] [--threshold K]
#                   [--jobs J] [--golden] [--tests REGEX]
#
# --build-dir DIR  a build directory configured from this tree (default: build)
# --only N,...     plant only these bugs (numbers as --list shows them)
# --list           list the planted bugs, each as file, text and replacement, and exit
# --check          only check that every planted bug still applies (its text is in its
#                  file once), and exit: 0 if so, 2 if not (the test suite runs this)
# --threshold K    fewest caught for exit 0 (default 10; with --only, all of them)
# --jobs J         build jobs (default: the number of processors)
# --golden         count golden_outputs too (by default it is left out: see below)
# --tests REGEX    run only the CTest entries matching REGEX (default: the fast suite)
#
# The tests run are the fast suite, first on the unmodified engine (any failure there
# stops the run: it would count as catching every bug), then with each bug planted:
# every CTest entry but planted_bugs_still_apply (which fails whenever a bug is
# planted), golden_outputs (pinned
# results catch any change, right or wrong, so they would say nothing of whether the
# suite checks the result), validation_figures, mpi_ranks_bit_identical,
# keep_kinds_end_to_end, html_report_in_chromium, tutorial_steps and
# benchmark_script_reads_its_figures (slow, or about files and pipelines, not results),
# and the labels fuzz and faults (the fuzz run, which builds a clang engine
# of its own each time, and the 100 kills: about hostile input and files, not results).
# See docs/development.md, "Planted bugs", for how to add one.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

build=build
only=""
list=0
check_only=0
threshold=""
jobs=$(nproc 2>/dev/null || echo 2)
golden=0
tests_regex=""
while (($#)); do
  case $1 in
    --build-dir) build=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --list) list=1; shift ;;
    --check) check_only=1; shift ;;
    --threshold) threshold=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --golden) golden=1; shift ;;
    --tests) tests_regex=$2; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "mutate.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# ---------------------------------------------------------------------------------
# The planted bugs: area, file, what the mistake is, the exact text, its replacement.
# The text must occur exactly once in the file.
areas=() files=() whats=() olds=() news=()
plant() {
  areas+=("$1") files+=("$2") whats+=("$3") olds+=("$4") news+=("$5")
}

plant model engine/model/role_table.cpp \
  "notice hazard: the correction for time on notice with its sign swapped" \
  'return turnover_per_day / (1.0 - turnover_per_day * mean_notice_days);' \
  'return turnover_per_day / (1.0 + turnover_per_day * mean_notice_days);'

plant model engine/model/role_table.cpp \
  "permanent staff cost: the employer's on-costs dropped" \
  'role.fte_per_worker * role.pay.salary_per_year * (1 + role.pay.on_cost_rate) / kDaysPerYear;' \
  'role.fte_per_worker * role.pay.salary_per_year / kDaysPerYear;'

plant rules engine/kinds/cooling_off.cpp \
  "cooling-off of a number of days: one day short" \
  ': worker.left_permanent_at + days;' \
  ': worker.left_permanent_at + days - 1;'

plant comparison engine/output/difference_accumulator.cpp \
  "paired difference: the interval's half-width sd / n for sd / sqrt(n)" \
  'const double half = t975(n) * sd / std::sqrt(n);' \
  'const double half = t975(n) * sd / n;'

plant comparison engine/output/difference_accumulator.cpp \
  "paired difference: baseline minus variant (the sign swapped)" \
  'cell_value(dataset, variant[r], row, t) - cell_value(dataset, baseline[r], row, t);' \
  'cell_value(dataset, baseline[r], row, t) - cell_value(dataset, variant[r], row, t);'

plant summaries engine/output/replication_distribution.cpp \
  "quantiles: the virtual index n p for (n - 1) p" \
  'const double virtual_index = static_cast<double>(n - 1) * kProbabilities[q];' \
  'const double virtual_index = static_cast<double>(n) * kProbabilities[q];'

plant summaries engine/output/replication_distribution.cpp \
  "sd of counts: divided by n, not n - 1" \
  'const double denominator = static_cast<double>(n) * static_cast<double>(n - 1);' \
  'const double denominator = static_cast<double>(n) * static_cast<double>(n);'

plant calendar engine/kernel/calendar.cpp \
  "day number to date: the 400-year leap rule dropped (2000-02-29 becomes 2000-03-01)" \
  'const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;' \
  'const std::int64_t yoe = (doe - doe / 1460 + doe / 36524) / 365;'

plant calendar engine/kernel/calendar.cpp \
  "adding months: the month's length one day short, so the 31st clamps to the 30th" \
  'const std::int64_t month_length = first_of_next_month(first) - first;' \
  'const std::int64_t month_length = first_of_next_month(first) - first - 1;'

plant import engine/import/council_baseline.cpp \
  "init: caseload read from the cases column, not caseload_fte" \
  'if (auto c = f.own("caseload_fte")) {' \
  'if (auto c = f.own("cases")) {'

plant import engine/import/council_figures.cpp \
  "init: vacancies from a vacancy rate as rate x in post, not rate / (1 - rate) x in post" \
  'return Sourced{r.value / (1 - r.value) * in_post, "vacancy rate " + r.source};' \
  'return Sourced{r.value * in_post, "vacancy rate " + r.source};'
# Last: a header most of the engine includes, so it and its undoing rebuild the most.
plant rules engine/model/rule_book.hpp \
  "membership: a council still a member on the day its membership ends (< to <=)" \
  'first_[authority].from <= t && t < first_[authority].until) return true;' \
  'first_[authority].from <= t && t <= first_[authority].until) return true;'
# ---------------------------------------------------------------------------------

count=${#areas[@]}
python=/usr/bin/python3
[[ -x $python ]] || python=python3

# Replaces OLD by NEW in FILE, or with --check only counts; fails unless OLD is there once.
substitute() {
  "$python" - "$@" <<'PY'
import sys
mode, path, old, new = sys.argv[1:5]
with open(path, "rb") as f:
    text = f.read()
found = text.count(old.encode())
if found != 1:
    print(f"mutate.sh: {path}: the text to replace occurs {found} times, not once (has the code moved?):\n"
          f"    {old}", file=sys.stderr)
    sys.exit(1)
if mode == "apply":
    with open(path, "wb") as f:
        f.write(text.replace(old.encode(), new.encode()))
PY
}

selected=()
if [[ -n $only ]]; then
  IFS=, read -ra selected <<<"$only"
  for n in "${selected[@]}"; do
    if ! [[ $n =~ ^[0-9]+$ ]] || ((n < 1 || n > count)); then
      echo "mutate.sh: --only $n: the planted bugs are numbered 1 to $count" >&2
      exit 2
    fi
  done
else
  for ((n = 1; n <= count; n++)); do selected+=("$n"); done
fi

if [[ -z $threshold ]]; then
  if [[ -n $only ]]; then threshold=${#selected[@]}; else threshold=10; fi
fi

if ((list)); then
  for n in "${selected[@]}"; do
    i=$((n - 1))
    printf '%2d  %-10s %s\n    %s\n    - %s\n    + %s\n' "$n" "${areas[i]}" "${whats[i]}" "${files[i]}" \
      "${olds[i]}" "${news[i]}"
  done
  exit 0
fi

# Every planted bug must still apply before any is tried: a refactoring that moved the
# code shows here, loudly, rather than as a bug silently skipped.
broken=0
for n in "${selected[@]}"; do
  i=$((n - 1))
  substitute check "${files[i]}" "${olds[i]}" "${news[i]}" || broken=1
done
((broken)) && exit 2
if ((check_only)); then
  echo "mutate.sh: all ${#selected[@]} planted bugs still apply"
  exit 0
fi

[[ -f $build/CMakeCache.txt ]] || { echo "mutate.sh: $build is not a build directory (configure it first)" >&2; exit 2; }
home=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build/CMakeCache.txt")
if [[ $(cd "$home" && pwd -P) != $(pwd -P) ]]; then
  echo "mutate.sh: $build was configured from $home, not from $root" >&2
  exit 2
fi

# planted_bugs_still_apply runs this script's --check, which fails whenever a bug is
# planted: counted, it would catch every bug.
exclude='^(planted_bugs_still_apply|validation_figures|mpi_ranks_bit_identical|keep_kinds_end_to_end|html_report_in_chromium|tutorial_steps|benchmark_script_reads_its_figures'
((golden)) || exclude+='|golden_outputs'
exclude+=')$'
if [[ -n $tests_regex ]]; then
  test_filter=(-R "$tests_regex" -E "$exclude" -LE 'fuzz|faults')
else
  test_filter=(-E "$exclude" -LE 'fuzz|faults')
fi

logs=$build/mutate
mkdir -p "$logs"
saved=$(mktemp -d)
current=""  # the index of the file mutated now, if any

restore() {
  if [[ -n $current ]]; then
    # A plain copy: the file gets a new time, so the next build recompiles it.
    cat "$saved/original" >"${files[current]}"
    current=""
  fi
}
# shellcheck disable=SC2317  # called by the trap
on_exit() {
  restore
  rm -rf "$saved"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

build_engine() { nice -n 10 cmake --build "$build" -j "$jobs" >"$1" 2>&1; }

echo "Building the unmodified engine in $build ..."
if ! build_engine "$logs/original.build.log"; then
  echo "mutate.sh: the unmodified engine does not build; see $logs/original.build.log" >&2
  exit 2
fi
run_tests() { nice -n 10 ctest --test-dir "$build" "${test_filter[@]}" --timeout 300 -j 1 --output-on-failure >"$1" 2>&1; }
# A test that fails with no bug planted would be counted as catching every bug.
echo "Running the tests on the unmodified engine ..."
if ! run_tests "$logs/original.test.log"; then
  echo "mutate.sh: tests fail with no bug planted, so they would catch every bug; fix them first (see" \
    "$logs/original.test.log)" >&2
  exit 2
fi

results=() caught_by=() seconds=()
caught=0 errors=0
started=$SECONDS
for n in "${selected[@]}"; do
  i=$((n - 1))
  t0=$SECONDS
  printf '[%2d/%d] %-10s %s ... ' "$n" "$count" "${areas[i]}" "${whats[i]}"
  cp "${files[i]}" "$saved/original"
  current=$i
  substitute apply "${files[i]}" "${olds[i]}" "${news[i]}"
  if ! build_engine "$logs/$n.build.log"; then
    results[n]="BUILD FAILED"
    caught_by[n]="(see $logs/$n.build.log)"
    errors=$((errors + 1))
  else
    # A test that hangs on the bug fails by timeout, and that is a catch too.
    if run_tests "$logs/$n.test.log"; then
      results[n]="survived"
      caught_by[n]="-"
    else
      failed=$(sed -n '/The following tests FAILED:/,$ s/^[[:space:]]*[0-9]* - \(.*\) (\(Failed\|Timeout\|Exception\|SEGFAULT\|Subprocess aborted\|Child aborted\|Not Run\)[^)]*)$/\1/p' \
        "$logs/$n.test.log")
      if [[ -z $failed ]]; then
        results[n]="TEST ERROR"
        caught_by[n]="(ctest failed without a failing test; see $logs/$n.test.log)"
        errors=$((errors + 1))
      else
        results[n]="caught"
        caught=$((caught + 1))
        tests_failed=$(printf '%s\n' "$failed" | wc -l)
        first=$(printf '%s\n' "$failed" | head -n 2 | paste -sd ';' | sed 's/;/; /g')
        ((tests_failed > 2)) && first+="; and $((tests_failed - 2)) more"
        caught_by[n]=$first
      fi
    fi
  fi
  restore
  seconds[n]=$((SECONDS - t0))
  echo "${results[n]} (${seconds[n]} s)"
done

echo "Rebuilding the unmodified engine ..."
build_engine "$logs/original.build.log" || { echo "mutate.sh: the rebuild failed; see $logs/original.build.log" >&2; exit 2; }

echo
printf '%-3s %-10s %-9s %5s  %s\n' "#" "area" "result" "time" "planted bug (and the tests that caught it)"
for n in "${selected[@]}"; do
  i=$((n - 1))
  printf '%-3s %-10s %-9s %4ss  %s\n' "$n" "${areas[i]}" "${results[n]}" "${seconds[n]}" "${whats[i]}"
  [[ ${caught_by[n]} == - ]] || printf '%32s%s\n' "" "${caught_by[n]}"
done
echo
echo "caught $caught of ${#selected[@]} planted bugs in $((SECONDS - started)) s (threshold $threshold; logs in $logs)"
((errors)) && { echo "mutate.sh: $errors planted bug(s) did not build or test cleanly" >&2; exit 2; }
((caught >= threshold)) || exit 1
exit 0
