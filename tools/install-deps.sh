#!/usr/bin/env bash
# Installs what wfsim needs to build, test and plot, from Debian 12's packages.
# Does nothing (and needs no network) when everything is already there.
# --with-browser adds what only the test suite uses: Chromium and R (the HTML reports,
# the R snippet of docs/output-format.md) and Clang with its fuzzing runtime (the
# scenario and --set fuzzers; without them that test is skipped).
set -euo pipefail
packages=(
  build-essential cmake
  libboost-dev libboost-program-options-dev   # Program_options; Random is header-only
  libyaml-cpp-dev libhdf5-dev zlib1g-dev catch2
  libnlopt-cxx-dev                            # wfsim calibrate's optimiser
  libopenmpi-dev openmpi-bin                  # runs spread over processes (mpirun, srun)
  python3 python3-numpy python3-h5py python3-matplotlib python3-pytest
  python3-pip                                 # installs the analysis package (offline)
  python3-pandas python3-xarray python3-h5netcdf python3-netcdf4 python3-openpyxl  # xarray, pandas, Excel
  python3-yaml                                # the analysis package reads a file's scenario
  python3-jsonschema                          # checking scenarios against `wfsim schema`
)
# The test suite's extras: Chromium renders the HTML reports; R runs the snippet of
# docs/output-format.md; Clang and libFuzzer build the fuzzers (tests/fuzz).
[ "${1:-}" = "--with-browser" ] && packages+=(chromium r-base-core r-cran-hdf5r clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
