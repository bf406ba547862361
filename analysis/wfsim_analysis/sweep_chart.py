"""Charts of a sweep file (`wfsim sweep`): a measure against one swept parameter, or
a heat map against two, at one reporting period, or (period "total") of each
replication's total over the run, for the measures that add up (costs, leavers)."""

import pathlib
import sys

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .results import ResultsError, as_text, find_name, measures_in, open_file, period_index, period_of_date, position


def sweep_chart(path, measure="agency_share", period=-1, authority=None, date=None):
    """The chart of `measure` against the swept values, at `period` (an index, or
    "total") or, if given, at `date` (YYYY-MM-DD: the last period ending on or before it)."""
    path = pathlib.Path(path)
    with open_file(path) as f:
        if as_text(f.attrs.get("format", "")) != "wfsim-sweep":
            raise ResultsError(f"{path} is not a wfsim sweep file (write one with 'wfsim sweep')")
        measure = find_name(measure, measures_in(f["summary"]), "measure", path)
        keys = list(f["sweep"].keys())
        # The datasets' leading dimensions follow the order the keys were given, which
        # the dimension scales record; h5py lists the group alphabetically.
        summary = f["summary/" + measure]
        ordered = []
        for axis in range(len(keys)):
            scale = summary.dims[axis][0]
            if scale.name is None:  # h5py's answer for an object no link leads to
                raise ResultsError(f"{path} is damaged or not a complete wfsim file: the scale of its swept "
                                   f"parameter {axis + 1} has no name")
            # The key's meaning ("applicants per year") labels the axis; files before
            # the scales carried it are labelled by the scale's name.
            meaning = as_text(scale.attrs.get("long_name", scale.name.split("/")[-1]))
            key = as_text(scale.attrs.get("key", ""))
            ordered.append((meaning + (f"\n({key})" if key else ""), [as_text(v) for v in scale[()]]))
        statistics = [as_text(s) for s in f["statistic"][:]]
        authorities = [as_text(a) for a in f["authority"][:]]
        if authority is not None:
            authority = find_name(authority, authorities, "authority", path)
        row = len(authorities) - 1 if authority is None else authorities.index(authority)
        units = as_text(summary.attrs.get("units", ""))
        total = period == "total"
        if total:
            if "total_summary" not in f:
                raise ResultsError(f"{path} was written before wfsim kept totals over the run; give a --period")
            if measure not in measures_in(f["total_summary"]):
                raise ResultsError(f"{measure!r} does not add up over time, so has no total over the run; those that "
                                   f"do: {', '.join(measures_in(f['total_summary']))}")
            when = f"over the {f['date'].shape[0]} months to {as_text(f['date'][-1])} (totals)"
            data = f["total_summary/" + measure][()][..., np.newaxis]  # one "period": the total
            period = -1
        else:
            if date is not None:
                period, note = period_of_date(date, f["date"][()], path)
                if note:
                    print(note, file=sys.stderr)
            when = "at " + as_text(f["date"][period_index(period, f["date"].shape[0], path)])
            data = summary[()]
    money = (1e-6, "£m") if total else (1e-3, "£k per month")
    scale, unit = {"fraction": (100.0, "%"), "GBP": money}.get(units, (1.0, units))
    index = lambda name: position(statistics, name, path, "statistics")
    if np.all(np.isnan(data[..., index("p50"), row, period])):
        # An empty chart would look like a chart of nothing, as plot says.
        raise ResultsError(f"{measure} has no value for {authorities[row]} {when} at any point of the sweep in "
                           f"{path.name} (caseload, for one, is NaN without workload feedback)")
    figure = Figure(figsize=(9, 6), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.subplots()
    label = measure.replace("_", " ")
    if len(ordered) == 1:
        (key, values), = ordered
        x = np.arange(len(values))
        med = data[:, index("p50"), row, period] * scale
        ax.fill_between(x, data[:, index("p5"), row, period] * scale, data[:, index("p95"), row, period] * scale,
                        alpha=0.25, label="5-95% of replications")
        ax.plot(x, med, marker="o", label="median")
        ax.set_xticks(x, values)
        ax.set_xlabel(key)
        ax.set_ylabel(f"{label} ({unit})")
        ax.legend()
    elif len(ordered) == 2:
        (key0, values0), (key1, values1) = ordered
        grid = data[:, :, index("p50"), row, period] * scale
        image = ax.imshow(grid, origin="lower", aspect="auto", cmap="viridis")
        ax.set_yticks(range(len(values0)), values0)
        ax.set_xticks(range(len(values1)), values1)
        ax.set_ylabel(key0)
        ax.set_xlabel(key1)
        for i in range(grid.shape[0]):
            for j in range(grid.shape[1]):
                ax.text(j, i, f"{grid[i, j]:.1f}", ha="center", va="center", color="white", fontsize=8)
        figure.colorbar(image, ax=ax, label=f"median {label} ({unit})")
    else:
        raise ResultsError(f"a sweep chart shows one or two swept keys; {path.name} has {len(ordered)}: "
                           "'wfsim-analysis export FILE --bands -o FILE.csv' gives every point's bands")
    ax.set_title(f"{label} {when}: {authorities[row]}")
    figure.text(0.01, 0.005, f"Source: {path.name}; common random numbers", fontsize=7, color="dimgray")
    figure.tight_layout(rect=(0, 0.03, 1, 1))
    return figure
