"""Analysis of wfsim results files: a reader, charts, reports and exports.

The HDF5 layout this package reads is specified in docs/output-format.md. The names
below are loaded on first use, so that `wfsim-analysis` can say in one line which
Debian package is missing instead of failing inside an import.
"""

import importlib
import importlib.util

# The third-party modules the package needs, and the Debian packages that provide them.
DEBIAN_PACKAGES = {"numpy": "python3-numpy", "h5py": "python3-h5py", "matplotlib": "python3-matplotlib"}

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


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
