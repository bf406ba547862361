"""Fan charts of wfsim results: how uncertain a projection is, period by period.

Each panel shows one measure for one authority: the median across replications
as a line, the 25-75% range shaded darker and the 5-95% range lighter (a run of one
replication, which has no range, its one line alone), all taken from the file's
/summary so the chart shows exactly the statistics the engine recorded rather than
recomputing them.
"""

import re
import textwrap
from dataclasses import dataclass

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .axis_units import axis_units, per_month
from .literal_text import drawn_literally
from .lone_points import hold_to_periods, mark_lone_points
from .period_axis import label_periods
from .period_lengths import partial_periods_note
from .name_lists import names_listed
from .results import ResultsError, nearer_region, total_row
from .run_description import changes_line, one_replication, run_line

DEFAULT_MEASURES = ("agency_share", "uncovered_gap")
COLOUR = "tab:blue"
PANEL_HEIGHT_IN = 3.0
TITLE_HEIGHT_IN = 0.6
FOOTNOTE_HEIGHT_IN = 0.45  # two lines
FOOTNOTE_LINE_IN = 0.15  # each line more (the changes of a --set run)


@dataclass(frozen=True)
class Fan:
    """The numbers one panel draws, already in the units shown on its axis."""

    measure: str
    axis_label: str
    dates: np.ndarray
    p5: np.ndarray
    p25: np.ndarray
    p50: np.ndarray
    p75: np.ndarray
    p95: np.ndarray


def fan_data(results, measure, authority, rows=None):
    """Collect the percentiles of one measure for one authority, or with `rows` for
    those councils together (a region of an England file, named `authority`), worked
    out from the kept series as the file's total row is (Results.group_summary).

    Fractions become percentages because readers of workforce reports expect
    "12% agency", not "0.12".
    """
    summary = results.summary(measure, authority) if rows is None else results.group_summary(measure, rows)
    median = summary[results.statistic_index("p50")]
    if np.all(np.isnan(median)):
        # An empty panel on a meaningless axis would look like a chart of nothing.
        raise ResultsError(f"{measure} has no value for {authority} in any period of this file "
                           f"({results.description(measure)})")
    scale, unit = axis_units(results.units(measure), *results.kind_and_values(measure))
    bands = {name: summary[results.statistic_index(name)] * scale for name in ("p5", "p25", "p50", "p75", "p95")}
    label = measure.replace("_", " ").capitalize()
    return Fan(measure=measure, axis_label=f"{label} ({unit})", dates=results.dates, **bands)


@drawn_literally
def fan_chart(results, measures=DEFAULT_MEASURES, authority=None):
    """Draw one fan panel per measure, stacked over a shared date axis.

    authority defaults to the councils' total ("Region", or "All councils" over several
    regions) when the file has one, else to
    the only or first authority; the title always names it. In a file of several
    regions (England's) it may name a region: its councils together, from the kept
    series (counts, costs, agency_share and vacancy_rate).
    Every measure is read before drawing starts, so a bad name fails before any
    work is wasted. The figure gets its own Agg canvas rather than going through
    pyplot, so no display is needed and no global backend state is touched.
    """
    if authority is None:
        authority = total_row(results.authorities) or results.authorities[0]
    region = None if authority in results.authorities else results.region_name(authority)
    if region is not None:
        results.check_regions_as_run()
    rows = results.regions[region] if region is not None else None
    # As the file spells it, for the title; a region's rows are its councils'.
    try:
        authority = region if region is not None else results.authority_name(authority)
    except ResultsError as err:
        if not results.regions:
            raise
        # 'West Midland' was offered the council 'Westminster': a region near the name
        # is what was meant.
        near = nearer_region(authority, results.authorities, list(results.regions))
        if near:
            raise ResultsError(f"{authority!r} is neither a council nor a region of {results.path}: did you mean "
                               f"the region {near!r}? (a region's councils are charted together)") from None
        raise ResultsError(f"{err}; or a region, whose councils are charted together: "
                           f"{names_listed(results.regions)}") from None
    if rows is not None:
        results.require_group_series(measures)
    fans = [fan_data(results, results.measure_name(measure), authority, rows) for measure in measures]

    footnote = _footnote(results, [results.measure_name(m) for m in measures])
    footnote_height = FOOTNOTE_HEIGHT_IN + FOOTNOTE_LINE_IN * (footnote.count("\n") - 1)
    height = TITLE_HEIGHT_IN + footnote_height + PANEL_HEIGHT_IN * len(fans)
    figure = Figure(figsize=(10, height), dpi=120, layout="constrained")
    FigureCanvasAgg(figure)
    # Constrained layout ignores free-standing text, so keep a strip clear for the footnote.
    footnote_fraction = footnote_height / height
    figure.get_layout_engine().set(rect=(0, footnote_fraction, 1, 1 - footnote_fraction))

    axes = figure.subplots(len(fans), 1, sharex=True, squeeze=False)[:, 0]
    # A run of one replication has no bands: its legend said "5-95% of replications" of
    # shading that was not there.
    one = one_replication(results.metadata.get("replications"))
    for ax, fan in zip(axes, fans):
        _draw_fan(ax, fan, bands=not one)
    # Where it hides the least (a falling series' first months were under a legend fixed
    # at the upper left).
    axes[0].legend(handles=_legend_handles(one), loc="best", fontsize="small")
    label_periods(axes[-1], results.dates)
    axes[-1].set_xlabel("End of reporting period")

    name = str(results.metadata["scenario_name"])
    # The authority once: a council's own scenario is usually named after it. Only
    # there: in a region's file "Derbyshire outside" named no Derby, yet the chart of
    # Derby was titled with it alone.
    shown = authority if rows is None else f"{authority} ({len(rows)} councils together)"
    own = len(results.authorities) == 1 and re.search(rf"(^|\W){re.escape(authority)}(\W|$)", name)
    # A what-if run (--set) titled as the scenario alone read as the baseline's chart.
    changed = ", as changed with --set" if changes_line(results.metadata) else ""
    figure.suptitle((name if own else f"{name}: {shown}") + changed)
    figure.text(0.01, 0.01, footnote, fontsize="x-small", color="0.35", va="bottom")
    return figure


def _draw_fan(ax, fan, bands=True):
    shaded = ((fan.p5, fan.p95, 0.2), (fan.p25, fan.p75, 0.45)) if bands else ()
    for low, high, alpha in shaded:
        ax.fill_between(fan.dates, low, high, color=COLOUR, alpha=alpha, linewidth=0)
    ax.plot(fan.dates, fan.p50, color=COLOUR, linewidth=2)
    mark_lone_points(ax, fan.dates, fan.p50, shaded, COLOUR)
    hold_to_periods(ax, fan.dates)
    ax.set_ylabel(fan.axis_label)
    ax.grid(True, alpha=0.3)


def _legend_handles(one_replication_only=False):
    if one_replication_only:
        return [Line2D([], [], color=COLOUR, linewidth=2, label="the one replication (no range)")]
    return [
        Line2D([], [], color=COLOUR, linewidth=2, label="median"),
        Patch(color=COLOUR, alpha=0.45, linewidth=0, label="25-75% of replications"),
        Patch(color=COLOUR, alpha=0.2, linewidth=0, label="5-95% of replications"),
    ]


def _footnote(results, measures):
    """Say where the numbers came from, so a chart pasted into a report stays traceable;
    and, for counts and money by the month, which periods are not whole months (a last period of 8
    days drew as a collapse of the monthly cost, as `info` and the report say it is not)."""
    meta = results.metadata
    changes = changes_line(meta)
    monthly = any(per_month(results.units(m), *results.kind_and_values(m)) for m in measures)
    cut = partial_periods_note(meta, results.dates) if monthly else ""
    return (
        f"Source: {results.path.name}; scenario {meta['scenario_name']!r}\n{run_line(meta)}"
        + (f"\n{changes}" if changes else "")
        + ("\n" + "\n".join(textwrap.wrap(cut[0].upper() + cut[1:] + ".", 160)) if cut else "")
    )
