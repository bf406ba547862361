"""Tidy CSV from a results file: one row per measure, authority, date and statistic.

The columns are measure, units, authority, date, statistic, value: the shape Excel
pivots and R's read.csv take as they are. With series=True, each replication's
values are added with statistic "replication <k>", for the measures whose series the
file keeps (wfsim run --keep).
"""

import csv

import numpy as np

from .results import Results


def export_csv(results_path, out_path, series=False):
    """Write the CSV; returns the number of data rows written."""
    rows = 0
    with Results(results_path) as results, open(out_path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["measure", "units", "authority", "date", "statistic", "value"])
        dates = [str(d) for d in results.dates]
        for measure in results.measures:
            units = results.units(measure)
            summary = results.summary(measure)  # (S, A, T)
            for s, statistic in enumerate(results.statistics):
                for a, authority in enumerate(results.authorities):
                    for t, date in enumerate(dates):
                        writer.writerow([measure, units, authority, date, statistic, _value(summary[s, a, t])])
                        rows += 1
            if series and measure in results.kept_series:
                values = results.series(measure)  # (R, A, T)
                for r in range(values.shape[0]):
                    for a, authority in enumerate(results.authorities):
                        for t, date in enumerate(dates):
                            writer.writerow([measure, units, authority, date, f"replication {r}", _value(values[r, a, t])])
                            rows += 1
    return rows


def _value(x):
    """Empty for undefined values (NaN), which Excel and R read as missing; counts as integers."""
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    return "" if np.isnan(x) else repr(float(x))
