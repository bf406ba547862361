#!/usr/bin/env bash
# What a wfsim process loads at its start (CMakeLists.txt, WFSIM_STATIC_CXX; the MPI
# module, engine/parallel/mpi_calls.h): a run in one process loads no C++ library and
# no part of OpenMPI, and a program started by a launcher without its MPI module beside
# it stops with a message that names the module, before doing anything.
# Arguments: the wfsim binary, then "static" if built with WFSIM_STATIC_CXX, then "mpi"
# if built with MPI.
set -euo pipefail
wfsim=$1
static=$2
mpi=$3
fail() { echo "startup_libraries: $*" >&2; exit 1; }
needed=$(readelf -d "$wfsim" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
echo "wfsim needs: $(echo $needed)"
if [ "$static" = static ]; then
  for lib in libstdc++ libgcc_s libyaml-cpp libboost libhdf5 libz.so libsz libaec; do
    if grep -q "^$lib" <<<"$needed"; then fail "$wfsim loads $lib at its start; WFSIM_STATIC_CXX links it in"; fi
  done
fi
if grep -q "^libmpi" <<<"$needed"; then fail "$wfsim loads OpenMPI at its start; only its MPI module should"; fi
if [ "$mpi" = mpi ]; then
  module="$(dirname "$wfsim")/wfsim-mpi.so"
  [ -f "$module" ] || fail "no MPI module beside $wfsim"
  readelf -d "$module" | grep -q "NEEDED.*libmpi" || fail "$module does not load OpenMPI"
  # Without the module, under a launcher: exit 1 and a message naming the module.
  alone=$(mktemp -d)
  trap 'rm -rf "$alone"' EXIT
  cp "$wfsim" "$alone/wfsim"
  set +e
  message=$(OMPI_COMM_WORLD_SIZE=2 "$alone/wfsim" run bench/wf1.yaml -o "$alone/out.h5" -n 2 2>&1)
  code=$?
  set -e
  [ "$code" -eq 1 ] || fail "without its module under a launcher wfsim exited $code, not 1: $message"
  grep -q "MPI module $alone/wfsim-mpi.so could not be loaded" <<<"$message" || fail "unclear message: $message"
  [ ! -e "$alone/out.h5" ] || fail "a results file was written without the module"
  echo "without its module: $message"
fi
echo "startup_libraries: ok"
