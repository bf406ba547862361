"""Analysis of wfsim results files: a reader and fan charts.

The HDF5 layout this package reads is specified in docs/output-format.md.
"""

from .fanchart import DEFAULT_MEASURES, Fan, fan_chart, fan_data
from .results import Results, ResultsError

__all__ = ["DEFAULT_MEASURES", "Fan", "Results", "ResultsError", "fan_chart", "fan_data"]
