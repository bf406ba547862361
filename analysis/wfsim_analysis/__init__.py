"""Analysis of wfsim results files: a reader, charts, reports and exports.

The HDF5 layout this package reads is specified in docs/output-format.md. The names
below are loaded on first use, so that `wfsim-analysis` can say in one line which
Debian package is missing instead of failing inside an import.
"""

import importlib
import importlib.util
import sys

# The third-party modules the package needs, and the Debian packages that provide them.
DEBIAN_PACKAGES = {"numpy": "python3-numpy", "h5py": "python3-h5py", "matplotlib": "python3-matplotlib",
                   "yaml": "python3-yaml"}

_EXPORTS = {
    "DEFAULT_MEASURES": ".fanchart",
    "Fan": ".fanchart",
    "fan_chart": ".fanchart",
    "fan_data": ".fanchart",
    "Results": ".results",
    "ResultsError": ".results",
    "open": ".files",
    "to_dataframe": ".files",
    "kind_of": ".files",
    "bands": ".files",
}
__all__ = sorted(_EXPORTS)


def missing_dependencies():
    """The Debian packages of the modules this Python cannot import."""
    return [package for module, package in DEBIAN_PACKAGES.items() if importlib.util.find_spec(module) is None]


def refuse_missing_dependencies(prog):
    """Exit 1 with one line naming the Debian packages this Python lacks, if any."""
    missing = missing_dependencies()
    if missing:
        print(f"{prog}: error: this Python ({sys.executable}) lacks {', '.join(missing)}; on Debian: "
              f"sudo apt-get install {' '.join(missing)} (or run with /usr/bin/python3)", file=sys.stderr)
        sys.exit(1)


# Run as a command, `python3 -m wfsim_analysis` or `-m wfsim_analysis.rule_effect`: while
# Python imports this package to find the module, sys.argv[0] is "-m". The module run
# imports numpy first thing, which gave a traceback rather than this line.
if sys.argv[:1] == ["-m"]:
    refuse_missing_dependencies(__name__)


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
