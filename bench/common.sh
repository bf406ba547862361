# Shared by the benchmark scripts, which source it with their arguments: sets `here`
# (this directory), `wfsim` (from the build directory given as the first argument,
# default build/), `out` (a temporary directory, removed on exit) and `scale`
# (WFSIM_BENCH_SCALE, by which replication counts are divided for the test suite).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${1:-$here/../build}
wfsim=$build/bin/wfsim
[ -x "$wfsim" ] || { echo "no wfsim at $wfsim: build first (cmake -S . -B build && cmake --build build)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
scale=${WFSIM_BENCH_SCALE:-1}

replications() {  # count -> the count divided by the scale, at least 2
  echo $(($1 / scale > 2 ? $1 / scale : 2))
}

median_range() {  # values... -> "median (range low to high)", to two decimals
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    printf "%.2f (range %.2f to %.2f)", v[int((NR + 1) / 2)], v[1], v[NR] }'
}
