#!/usr/bin/env bash
# What a wfsim process loads at its start (CMakeLists.txt, WFSIM_STATIC_CXX; the MPI
# module, engine/parallel/mpi_calls.h). The program's own list of libraries to load (its
# NEEDED entries, which the loader follows) holds no part of OpenMPI, and with
# WFSIM_STATIC_CXX nothing but libc, libm, NLopt and the loader; the MPI module is
# beside it and loads OpenMPI; and a program started as an MPI rank (by its launcher's
# variable) without its module beside it stops with a message that names the module,
# writing nothing.
# Arguments: the wfsim binary, then "static" if built with WFSIM_STATIC_CXX, then "mpi"
# if built with MPI.
set -euo pipefail
wfsim=$1
static=$2
mpi=$3
fail() { echo "startup_libraries: $*" >&2; exit 1; }
needed=$(readelf -d "$wfsim" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
echo "wfsim needs: $(echo $needed)"
for lib in $needed; do
  case "$lib" in
    libmpi*|libopen-*) fail "$wfsim loads OpenMPI ($lib) at its start; only its MPI module should" ;;
  esac
  if [ "$static" = static ]; then
    case "$lib" in
      libc.so.*|libm.so.*|libnlopt.so.*|ld-linux*) ;;
      *) fail "$wfsim loads $lib at its start; built with WFSIM_STATIC_CXX it should load only libc, libm and NLopt" ;;
    esac
  fi
done
if [ "$mpi" = mpi ]; then
  module="$(dirname "$wfsim")/wfsim-mpi.so"
  [ -f "$module" ] || fail "no MPI module beside $wfsim"
  readelf -d "$module" | grep -q "NEEDED.*libmpi" || fail "$module does not load OpenMPI"
  # Without the module, as a launcher's rank: exit 1 and a message naming the module.
  # The copy sits beside the build's program, not in /tmp, which may forbid running it.
  alone=$(mktemp -d "$(dirname "$wfsim")/startup-test.XXXXXX")
  trap 'rm -rf "$alone"' EXIT
  alone=$(cd "$alone" && pwd -P)  # as /proc/self/exe gives it
  cp "$wfsim" "$alone/wfsim"
  set +e
  message=$(OMPI_COMM_WORLD_SIZE=2 "$alone/wfsim" run bench/wf1.yaml -o "$alone/out.h5" -n 2 2>&1)
  code=$?
  set -e
  [ "$code" -eq 1 ] || fail "without its module as an MPI rank wfsim exited $code, not 1: $message"
  grep -qF "MPI module $alone/wfsim-mpi.so could not be loaded" <<<"$message" || fail "unclear message: $message"
  [ ! -e "$alone/out.h5" ] || fail "a results file was written without the module"
  echo "without its module: $message"
fi
echo "startup_libraries: ok"
