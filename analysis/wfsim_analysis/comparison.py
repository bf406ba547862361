"""Charts of a comparison file written by `wfsim compare`.

Top panel: each variant's median of a measure over time with its 5-95% band. Bottom
panel: each policy's paired difference from the baseline (mean, with its 95%
confidence interval), which common random numbers make narrow.
"""

import pathlib
import textwrap

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .axis_units import axis_units, per_month
from .literal_text import drawn_literally
from .lone_points import hold_to_periods, mark_lone_points
from .period_axis import label_periods
from .period_lengths import partial_periods_note
from .results import (ResultsError, as_text, find_name, measures_in, open_file, position, refuse_other_kind,
                      stored_units, total_row)
from .run_description import run_line


def _opened_comparison(f, path, sweep=False):
    """How many leading dimensions name a variant: 1 in a comparison file, one per
    swept key in a sweep file (read only where `sweep` allows it)."""
    from .layout import check_complete  # which reads names from results

    kind = as_text(f.attrs.get("format", ""))
    if sweep and kind == "wfsim-sweep":
        check_complete(f, path)
        return len(f["sweep"])
    refuse_other_kind(path, kind, "comparison")
    check_complete(f, path)  # a comparison without its /variant was said to be damaged
    return 1


def _by_variant(dataset, leading, row):
    """One authority's row of a comparison dataset, its variants in one dimension: a
    sweep's grid flattened in the file's order (the first key varying slowest), which
    is the order of /variant."""
    values = dataset[..., row, :] if dataset.ndim == leading + 3 else dataset[..., row]
    return values.reshape((-1,) + values.shape[leading:])


def _authority_row(f, authority, path):
    """(the row of `authority`, its name as the file spells it): by default the
    councils' total if the file has one, else the first authority."""
    authorities = [as_text(a) for a in f["authority"][:]]
    if authority is None:
        authority = total_row(authorities) or authorities[0]
    try:
        authority = find_name(authority, authorities, "authority", path)
    except ResultsError as err:
        if authorities[-1] != "All councils":
            raise
        # A file of several regions: the name may be a region's, which plot charts from a
        # run's kept series but a comparison file cannot.
        raise ResultsError(f"{err}. If {authority!r} is a region: it is not a row of the file, and a comparison or "
                           "sweep file keeps no council's series to add one up from; run each scenario with "
                           "'wfsim run' and chart the region with 'wfsim-analysis plot FILE --authority REGION'") \
            from None
    return authorities.index(authority), authority


def read_comparison(path, measure, authority=None, sweep=False):
    """(variants, dates, summary (V, S, T), difference (V, 5, T), units, statistic names).
    With `sweep`, a sweep file is read too, its grid points as the variants."""
    path = pathlib.Path(path)
    with open_file(path) as f:
        leading = _opened_comparison(f, path, sweep)
        measure = find_name(measure, measures_in(f["summary"]), "measure", path)
        a, authority = _authority_row(f, authority, path)
        variants = [as_text(v) for v in f["variant"][:]]
        dates = np.datetime64("1970-01-01") + f["time"][:].astype("timedelta64[D]")
        summary = _by_variant(f["summary/" + measure], leading, a)
        difference = _by_variant(f["difference/" + measure], leading, a)
        units = stored_units(f["summary/" + measure])
        statistics = [as_text(s) for s in f["statistic"][:]]
        return variants, dates, summary, difference, units, statistics, authority


def read_totals(path, measure, authority=None, sweep=False):
    """Each replication's total of `measure` over the reported periods, summarized:
    (variants, summary (V, S), difference (V, 5), units, statistic names), or None for
    a file written before wfsim kept totals. Only measures that add up over time (costs,
    leavers, starters) have them. With `sweep`, a sweep file is read too."""
    path = pathlib.Path(path)
    with open_file(path) as f:
        leading = _opened_comparison(f, path, sweep)
        if "total_summary" not in f:
            return None
        if measure not in measures_in(f["total_summary"]):
            raise ResultsError(f"{measure!r} has no totals over the run; those that do: "
                               f"{', '.join(measures_in(f['total_summary']))}")
        a, _ = _authority_row(f, authority, path)
        variants = [as_text(v) for v in f["variant"][:]]
        summary = _by_variant(f["total_summary/" + measure], leading, a)
        difference = _by_variant(f["total_difference/" + measure], leading, a)
        units = stored_units(f["total_summary/" + measure])
        statistics = [as_text(s) for s in f["statistic"][:]]
        return variants, summary, difference, units, statistics


@drawn_literally
def comparison_chart(path, measure="agency_share", authority=None):
    with open_file(pathlib.Path(path)) as f:
        _opened_comparison(f, pathlib.Path(path))
        measure = find_name(measure, measures_in(f["summary"]), "measure", path)  # as the file spells it
        description = as_text(f["summary/" + measure].attrs.get("description", ""))  # why it may be undefined
        kind, values = (as_text(f["summary/" + measure].attrs.get(a, "")) for a in ("kind", "values"))
        run = run_line(f.attrs)
        report_start = {"report_start_date": as_text(f.attrs.get("report_start_date", ""))}
    variants, dates, summary, difference, units, statistics, authority = read_comparison(path, measure, authority)
    # A month's count or money in a period cut short drew as a collapse: the footnote
    # says so (not for a rate or a mean within the period, as turnover or time to fill).
    cut = partial_periods_note(report_start, dates) if per_month(units, kind, values) else ""
    # Shares in % (their differences in percentage points); money in £k a month (the
    # reporting period is a month), as the report's table gives it; flows of counts a month.
    scale, unit_label = axis_units(units, kind, values)
    difference_label = "percentage points" if units == "fraction" else unit_label
    p5, p50, p95 = (position(statistics, s, path, "statistics") for s in ("p5", "p50", "p95"))
    if np.all(np.isnan(summary[:, p50])):
        # Empty panels on a meaningless axis would look like a chart of nothing, as plot says.
        raise ResultsError(f"{measure} has no value for {authority} in any period of {pathlib.Path(path).name}, in "
                           "any variant" + (f"; it is defined as {description}" if description else ""))
    figure = Figure(figsize=(10, 8), dpi=100)
    FigureCanvasAgg(figure)
    top, bottom = figure.subplots(2, 1, sharex=True)
    for v, name in enumerate(variants):
        line = top.plot(dates, summary[v, p50] * scale, label=name)[0]
        colour = line.get_color()
        top.fill_between(dates, summary[v, p5] * scale, summary[v, p95] * scale, color=colour, alpha=0.15)
        mark_lone_points(top, dates, summary[v, p50] * scale,
                         ((summary[v, p5] * scale, summary[v, p95] * scale, 0.15),), colour)
        if v > 0:
            bottom.plot(dates, difference[v, 0] * scale, color=colour, label=name)
            bottom.fill_between(dates, difference[v, 2] * scale, difference[v, 3] * scale, color=colour, alpha=0.25)
            mark_lone_points(bottom, dates, difference[v, 0] * scale,
                             ((difference[v, 2] * scale, difference[v, 3] * scale, 0.25),), colour)
    hold_to_periods(top, dates)
    label_periods(bottom, dates)
    label = measure.replace("_", " ")
    top.set_ylabel(f"{label} ({unit_label})")
    top.set_title("Median and 5-95% band of replications", fontsize=10)
    top.legend(fontsize=8)
    bottom.axhline(0, color="black", linewidth=0.8)
    bottom.set_ylabel(f"difference from baseline ({difference_label})")
    bottom.set_title("Paired difference from the baseline: mean and 95% confidence interval", fontsize=10)
    bottom.set_xlabel("End of reporting period")
    others = len(variants) - 1
    figure.suptitle(f"{label}: {authority}, {others} {'policy' if others == 1 else 'policies'} against the baseline")
    footnote = f"Source: {pathlib.Path(path).name}; {run}; common random numbers; baseline: {variants[0]}"
    if cut:
        footnote += "\n" + "\n".join(textwrap.wrap(cut[0].upper() + cut[1:] + ".", 170))
    lines = footnote.count("\n") + 1
    figure.text(0.01, 0.005, footnote, fontsize=7, color="dimgray", va="bottom")
    figure.tight_layout(rect=(0, 0.02 * lines, 1, 1))
    return figure
