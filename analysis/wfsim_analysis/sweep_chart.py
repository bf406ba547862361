"""Charts of a sweep file (`wfsim sweep`): a measure against one swept parameter, or
a heat map against two, at one reporting period, or (period "total") of each
replication's total over the run, for the measures that add up (costs, leavers)."""

import pathlib
import re
import sys
import textwrap

import h5py
import numpy as np
import yaml
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .assumptions import extended_scenarios, swept_keys
from .literal_text import drawn_literally
from .period_lengths import money_per, periods_counted
from .layout import check_complete
from .results import (ResultsError, as_text, find_name, measures_in, open_file, period_index, period_of_date, position,
                      refuse_other_kind, stored_units)
from .run_description import run_line


_NUMBER_AND_UNIT = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-z]*)\s*$")


# Days in each unit of a duration, as the engine reads them (scenario/run_length.cpp).
_DAYS_IN = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}


def _positions(values):
    """Where the swept values go on the x axis: at their numbers where all are numbers
    in one unit ("3 months", "6 months", "12 months" at 3, 6 and 12, not evenly spaced),
    at their lengths in days where all are durations in several units ("6 months",
    "1 year", "3 months": they were drawn evenly in the order typed, a year between two
    lengths of months), else evenly, in the order given."""
    found = [_NUMBER_AND_UNIT.match(v) for v in values]
    units = {m.group(2).lower().removesuffix("s") for m in found if m}
    if all(found) and len(units) == 1:
        return np.array([float(m.group(1)) for m in found])
    if all(found) and units <= set(_DAYS_IN):
        return np.array([float(m.group(1)) * _DAYS_IN[m.group(2).lower().removesuffix("s")] for m in found])
    return np.arange(len(values), dtype=float)


def _rule_name(f, key):
    """The name of the rule a swept key belongs to ("SE MoC cooling-off" for
    rules[0].length), from the file's scenario and those it extends; "" if it is no
    rule's or cannot be read. A rule of the scenario's base was not found, and its key
    went unnamed (an analysis walkthrough)."""
    found = re.match(r"^rules\[(\d+)\]\.", key)  # a key inside a rule, not a whole rule
    if not found or "scenario" not in f:
        return ""
    try:
        text = f["scenario"]["0"][()] if isinstance(f["scenario"], h5py.Group) else f["scenario"][()]
        chain = [as_text(text)] + [t for _, t in (extended_scenarios(f, 0) or [])]
        # Merged as extends merges them, from the farthest base: a rule matched by name,
        # a new one appended, an empty list the base's dropped.
        names = []
        for scenario in reversed(chain):
            rules = (yaml.safe_load(scenario) or {}).get("rules")
            if rules == []:
                names = []
            for rule in rules or []:
                if rule.get("name") not in names:
                    names.append(rule.get("name"))
        return str(names[int(found.group(1))] or "")
    except (yaml.YAMLError, AttributeError, IndexError, KeyError, TypeError):
        return ""


def _without_single_values(ordered, data, paired):
    """The swept keys of more than one value, with the data's dimensions of the others
    dropped, and [(meaning, value)] of those others: a key given one value ('--vary
    duration=2 years', as wfsim says, acts as --set) made a one-key sweep a heat map of
    one row (an analysis walkthrough). At least one key is kept."""
    single = [i for i, (_, values) in enumerate(ordered) if len(values) == 1]
    if len(single) == len(ordered):
        single = single[1:]
    if not single:
        return ordered, data, paired, []
    fixed = [(ordered[i][0].split("\n")[0], ordered[i][1][0]) for i in single]
    kept = [o for i, o in enumerate(ordered) if i not in single]
    return kept, data.squeeze(axis=tuple(single)), paired.squeeze(axis=tuple(single)), fixed


@drawn_literally
def sweep_chart(path, measure="agency_share", period=-1, authority=None, date=None):
    """The chart of `measure` against the swept values, at `period` (an index, or
    "total") or, if given, at `date` (YYYY-MM-DD: the last period ending on or before it)."""
    path = pathlib.Path(path)
    with open_file(path) as f:
        refuse_other_kind(path, as_text(f.attrs.get("format", "")), "sweep")
        check_complete(f, path)  # a sweep without its /variant was said to be damaged
        measure = find_name(measure, measures_in(f["summary"]), "measure", path)
        run = run_line(f.attrs)
        attrs, dates = dict(f.attrs), f["date"][()]
        summary = f["summary/" + measure]
        ordered = []
        # The key's meaning ("applicants per year") labels the axis, with its rule's name
        # for a rule's key ("length" alone did not say of what).
        for meaning, key, values in swept_keys(f, measure, path):
            rule = _rule_name(f, key)
            # wfsim writes the rule's name into the meaning (since 2026-12-06); older files lack it.
            meaning = f"{rule}: {meaning}" if rule and not meaning.startswith(f"{rule}: ") else meaning
            ordered.append((meaning + (f"\n({key})" if key else ""), values))
        statistics = [as_text(s) for s in f["statistic"][:]]
        authorities = [as_text(a) for a in f["authority"][:]]
        if authority is not None:
            authority = find_name(authority, authorities, "authority", path)
        row = len(authorities) - 1 if authority is None else authorities.index(authority)
        units = stored_units(summary)
        # Why a measure can be undefined is the measure's own (turnover_12m before the
        # run's twelfth month, caseload without workload feedback): its description says.
        description = as_text(summary.attrs.get("description", ""))
        total = period == "total"
        if total:
            if "total_summary" not in f:
                raise ResultsError(f"{path} was written before wfsim kept totals over the run; give a --period")
            if measure not in measures_in(f["total_summary"]):
                raise ResultsError(f"{measure!r} does not add up over time, so has no total over the run; those that "
                                   f"do: {', '.join(measures_in(f['total_summary']))}")
            when = f"over the {periods_counted(f.attrs, f['date'][()])} to {as_text(f['date'][-1])} (totals)"
            data = f["total_summary/" + measure][()][..., np.newaxis]  # one "period": the total
            paired = f["total_difference/" + measure][()][..., np.newaxis]
            period = -1
        else:
            if date is not None:
                period, note = period_of_date(date, f["date"][()], path)
                if note:
                    print(note, file=sys.stderr)
            when = "at " + as_text(f["date"][period_index(period, f["date"].shape[0], path)])
            data = summary[()]
            paired = f["difference/" + measure][()]
        differences = [as_text(s) for s in f["difference_statistic"][:]]
    # A period cut short (a run from the 15th) holds its days' money, not a month's.
    per = "per month" if total else money_per(attrs, dates, period).replace("a month", "per month")
    money = (1e-6, "£m") if total else (1e-3, f"£k {per}")
    scale, unit = {"fraction": (100.0, "%"), "GBP": money}.get(units, (1.0, units))
    index = lambda name: position(statistics, name, path, "statistics")
    if np.all(np.isnan(data[..., index("p50"), row, period])):
        # An empty chart would look like a chart of nothing, as plot says.
        raise ResultsError(f"{measure} has no value for {authorities[row]} {when} at any point of the sweep in "
                           f"{path.name}" + (f"; it is defined as {description}" if description else ""))
    d_index = lambda name: position(differences, name, path, "difference statistics")
    label = measure.replace("_", " ")
    ordered, data, paired, fixed = _without_single_values(ordered, data, paired)
    notes = []  # what the chart's footnotes say above its source
    if len(ordered) == 1:
        (key, values), = ordered
        figure = Figure(figsize=(9, 8), dpi=100)
        FigureCanvasAgg(figure)
        ax, below = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
        # Values at their numbers are drawn in order along the axis, whatever the order
        # given (0.2, 0.1, 0.15 drew lines that doubled back).
        first = values[0]  # what every difference is from, wherever it falls on the axis
        x = _positions(values)
        order = np.argsort(x, kind="stable")
        x, values = x[order], [values[i] for i in order]
        data, paired = data[order], paired[order]
        med = data[:, index("p50"), row, period] * scale
        ax.fill_between(x, data[:, index("p5"), row, period] * scale, data[:, index("p95"), row, period] * scale,
                        alpha=0.25, label="5-95% of replications")
        ax.plot(x, med, marker="o", label="median")
        ax.set_ylabel(f"{label} ({unit})")
        ax.legend()
        # The spread of replications hides what common random numbers show: each
        # point's paired difference from the first, with its 95% interval.
        mean = paired[:, d_index("mean"), row, period] * scale
        low = paired[:, d_index("ci95_low"), row, period] * scale
        high = paired[:, d_index("ci95_high"), row, period] * scale
        below.axhline(0, color="black", linewidth=0.8)
        below.errorbar(x, mean, yerr=[mean - low, high - mean], marker="o", capsize=4)
        # Wrapped: a swept distribution ({distribution: exponential, mean: 14 days}) ran
        # off the figure as one line.
        below.set_ylabel(textwrap.fill(f"difference from {first}", 30) +
                         f"\n({'percentage points' if unit == '%' else unit})")
        below.set_title("Paired difference from the first value: mean and 95% confidence interval", fontsize=10)
        below.set_xticks(x, values)
        below.set_xlabel(key)
    elif len(ordered) == 2:
        (key0, values0), (key1, values1) = ordered
        figure = Figure(figsize=(9, 6), dpi=100)
        FigureCanvasAgg(figure)
        ax = figure.subplots()
        grid = data[:, :, index("p50"), row, period] * scale
        change = paired[:, :, d_index("mean"), row, period] * scale
        # Half the 95% interval beside each mean: a bare "(+0.3)" gave no sign of
        # whether it was noise (a review of the comparison statistics).
        half = (paired[:, :, d_index("ci95_high"), row, period]
                - paired[:, :, d_index("ci95_low"), row, period]) * scale / 2
        image = ax.imshow(grid, origin="lower", aspect="auto", cmap="viridis")
        ax.set_yticks(range(len(values0)), values0)
        ax.set_xticks(range(len(values1)), values1)
        ax.set_ylabel(key0)
        ax.set_xlabel(key1)
        for i in range(grid.shape[0]):
            for j in range(grid.shape[1]):
                # Dark text on the light end of the map: white on yellow could not be read.
                ink = "black" if image.norm(grid[i, j]) > 0.6 else "white"
                moved = f"{change[i, j]:+.1f}"
                moved = moved[1:] if moved[1:] == "0.0" else moved  # "-0.0" read as a change
                within = f" ±{half[i, j]:.1f}" if np.isfinite(half[i, j]) else ""
                text = f"{grid[i, j]:.1f}" + ("" if i == j == 0 else f"\n({moved}{within})")
                ax.text(j, i, text, ha="center", va="center", color=ink, fontsize=8)
        figure.colorbar(image, ax=ax, label=f"median {label} ({unit})")
        notes.append("In brackets: the mean paired difference from the bottom-left point"
                     + (" (percentage points)" if unit == "%" else f" ({unit})") + ", ± half its 95% interval")
    else:
        raise ResultsError(f"a sweep chart shows one or two swept keys; {path.name} has {len(ordered)}: "
                           "'wfsim-analysis export FILE --bands -o FILE.csv' gives every point's bands")
    ax.set_title(f"{label} {when}: {authorities[row]}" + "".join(f"; {meaning} {value}" for meaning, value in fixed))
    foot = _footnotes(figure, notes + [f"Source: {path.name}; {run}; common random numbers"])
    figure.tight_layout(rect=(0, foot, 1, 1))
    return figure


# The footnotes' type size and the margin below them, in points.
_FOOT_SIZE, _FOOT_MARGIN = 7, 3


def _footnotes(figure, lines):
    """Writes `lines` in small grey type at the foot of `figure`, the last lowest, each
    whole: set by the bottom of its letters a few points above the edge, not by its
    baseline a fraction of the height above it (which cut off the underscores of the
    heat map's "Source: sw_se.h5"). Returns the fraction of the figure's height they
    take, which the chart is to keep clear."""
    height = figure.get_figheight() * 72  # in points
    step = _FOOT_SIZE * 1.5
    for k, line in enumerate(reversed(lines)):
        figure.text(0.01, (_FOOT_MARGIN + k * step) / height, line, fontsize=_FOOT_SIZE, color="dimgray",
                    va="bottom")
    return (2 * _FOOT_MARGIN + len(lines) * step) / height
