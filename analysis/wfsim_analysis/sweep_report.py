"""A self-contained HTML report of a `wfsim sweep` file: each point's figures and
paired difference from the first point (the comparison report's tables), charts of
key measures against the swept keys, and the assumptions, swept keys marked.
"""

import html
import itertools
import pathlib

import h5py
import yaml

from .assumptions import changes_to, label_of
from .comparison_report import _end_of_run_rows, _whole_run_rows, _whole_run_section, lumpy_costs_note
from .output_guard import HTML_GENERATOR
from .report import CHECK_IMAGES, _png
from .period_lengths import money_per, periods_counted
from .results import TOTAL_ROWS, as_text
from .run_notes import notes_section, partial_periods_section


SWEEP_MEASURES = ["total_cost", "agency_share", "vacancy_rate", "uncovered_gap"]


# A sweep's tables list every point under every measure: beyond this many points they
# would bury the page, and the export has them all.
MAX_SWEEP_TABLE_POINTS = 60


def _sweep_tables(path, keys, authority=None):
    """The comparison report's two tables for a sweep: a row per grid point, named by
    the swept values, each point's difference taken from the first point's."""
    points = list(itertools.product(*(values for _, _, values in keys)))
    if len(points) > MAX_SWEEP_TABLE_POINTS:
        return (f"<p>This sweep has {len(points)} points, too many to tabulate here (at most "
                f"{MAX_SWEEP_TABLE_POINTS}). Every point's figures are in the export: <code>wfsim-analysis export "
                f"{html.escape(pathlib.Path(path).name)} --bands -o bands.csv</code>.</p>\n")
    names = ["; ".join(f"{meaning} {value}" for (meaning, _, _), value in zip(keys, point)) for point in points]
    rows, _, dates, _, authority = _end_of_run_rows(path, sweep=True, names=names, first="the first point",
                                                 authority=authority)
    when = str(dates[-1])
    first = html.escape(names[0])
    with h5py.File(path) as f:
        counted, per = periods_counted(f.attrs, dates), money_per(f.attrs, dates)
    whole_run = _whole_run_section(_whole_run_rows(path, counted, sweep=True, names=names, first="the first point",
                                                   authority=authority)[0], counted, when,
                                   "Point", "the first point")
    place = f"all the file's councils together (its {authority} row)" if authority in TOTAL_ROWS else authority
    return f"""<p>Figures are of {html.escape(place)}. The first point ({first}) is the one every other is
measured against: each point ran on the same random numbers, so its difference from the first is the
swept values' effect with the shared noise removed. Costs are what is paid: a post nobody works in
costs nothing here, so a point that leaves more posts uncovered is cheaper by those posts, which is
no saving to the council's work. Read the cost beside the uncovered gap.</p>
{whole_run}<h2>At the end of the run ({when})</h2>
<p>Level: median across replications, with the range 90% of them fall in. Difference from the first
point: the mean of the paired differences, with its 95% confidence interval; shares differ in
percentage points. Costs are of that {"month" if per == "a month" else "period"} alone{
"" if per == "a month" else ", " + per.replace("in the period's ", "its ")}{
" (the whole run's are above)" if whole_run else ""}.{lumpy_costs_note(path, True, authority)}</p>
<table><tr><th>Measure</th><th>Point</th><th>Level</th><th>Difference from the first point</th></tr>{''.join(rows)}</table>
"""


def build_sweep_report(path, authority=None):
    """The HTML text of a report on a `wfsim sweep` file: each point's figures and
    paired difference from the first point, a chart per key measure against the swept
    keys, labelled with the keys' meanings, and the assumptions."""
    from .assumptions import (declared as declared_in, extended_scenarios, inherited_by_variants, sweep_changes,
                              swept_keys, swept_marks)
    from .sweep_chart import sweep_chart

    with h5py.File(path) as f:
        meta = {k: as_text(v) for k, v in f.attrs.items()}
        dates = [as_text(d) for d in f["date"][()]]
        keys = swept_keys(f)  # in the order the keys were given, which the summaries' dimensions keep
        base_text = as_text(f["scenario"]["0"][()])
        extended = extended_scenarios(f, 0)  # every point runs the one scenario
    with h5py.File(path) as f:
        has_totals = "total_summary" in f
    # Cost over the whole run where the file has the totals (one month can mislead). A
    # chart shows one or two swept keys; a sweep of more gets the page without them.
    # A key of one value is no dimension of the chart (sweep_chart says it in the title).
    varied = sum(1 for _, _, values in keys if len(values) > 1)
    charts = [(m, _png(sweep_chart(path, m, "total" if m == "total_cost" and has_totals else -1, authority)))
              for m in SWEEP_MEASURES] if varied <= 2 else []
    swept = "".join(f"<li><strong>{html.escape(meaning)}</strong> (<code>{html.escape(key)}</code>): "
                    f"{html.escape(', '.join(values))}</li>" for meaning, key, values in keys)
    sweeps = sweep_changes(base_text, keys)
    declared = "".join(f"<li><strong>{html.escape(label_of(a))}</strong>: {html.escape(a.text)}"
                       + "".join(f" <strong>[{html.escape(c)}]</strong>" for c in changes_to(a, sweeps)) + "</li>"
                       for a in declared_in(base_text))
    # The scenarios it extends, from the texts the file keeps: a key the scenario sets
    # marked, and a swept key where the base numbers its lists as the run does.
    declared += "".join(
        f"<li><strong>{html.escape(label_of(a))}</strong> (from {html.escape(name)}): {html.escape(a.text)}"
        + "".join(f" <strong>[{html.escape(m)}]</strong>"
                  for m in [m.rsplit(', for ', 1)[0] for m in marks] + swept_marks(a, text, keys)) + "</li>"
        for name, text, _, a, marks in inherited_by_variants([("the sweep", base_text, extended)]))
    labels = {"replications": "Replications of every point (paired)", "seed": "Random seed, shared",
              "engine_version": "wfsim version", "created_utc": "Written (UTC)", "command_line": "Command"}
    provenance = "".join(f"<tr><th>{html.escape(text)}</th><td>{html.escape(str(meta.get(k, '')))}</td></tr>"
                         for k, text in labels.items())
    images = "".join(f'<p><img alt="{html.escape(m)} against the swept values" src="data:image/png;base64,{c}"></p>'
                     for m, c in charts)
    tables = _sweep_tables(path, keys, authority)
    # Titled by its scenario: "Sweep" alone said of what nowhere (an analysis walkthrough).
    name = pathlib.Path(path).name
    # Its own name, or one it inherits from the scenarios it extends, nearest first.
    for text in [base_text] + [t for _, t in extended or []]:
        try:
            named = (yaml.safe_load(text) or {}).get("name")
        except (yaml.YAMLError, AttributeError):
            named = None
        if named:
            name = str(named)
            break
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">{HTML_GENERATOR}<title>Sweep of {html.escape(name)}</title>
<style>
body {{ font-family: sans-serif; max-width: 60em; margin: 2em auto; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; }} th, td {{ border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; }}
img {{ max-width: 100%; }}
</style></head>
<body>
<h1>Sweep of {html.escape(name)}</h1>
<p>Every combination of the values below was simulated on the same random numbers, and
each point's difference from the first point (every key at its first value) is paired,
replication by replication, so the shared noise is removed from it. Two other points
are not paired with each other here: whether their intervals overlap says little (to
compare them, run <code>wfsim compare</code> on the two, or sweep with one of them
first). Each interval holds for its own figure; of many, where the values do nothing,
about 1 in 20 excludes no change by chance.</p>
<h2>What was varied</h2>
<ul>{swept}</ul>
{notes_section(meta)}{partial_periods_section(meta, dates)}{tables}<h2>Charts ({"total cost over the whole run; the rest at its end" if has_totals else "at the end of the run"})</h2>
{images or f"<p>A chart shows one or two swept keys, and this sweep has {varied} of more than one value. Every point's bands are in the "
           f"export: <code>wfsim-analysis export {html.escape(pathlib.Path(path).name)} --bands -o bands.csv</code>.</p>"}
<h2>Assumptions the scenario declares</h2>
<ul>{declared or '<li>none marked</li>'}</ul>
<h2>How this was produced</h2>
<table>{provenance}</table>
{CHECK_IMAGES}
</body></html>
"""
