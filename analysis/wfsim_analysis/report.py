"""A self-contained HTML report of one run, fit to attach to a committee paper.

The page embeds its charts (PNG, base64), so it is a single file. It has:
- the run's provenance;
- the uncertainty stated in words;
- a table of key measures at the start, middle and end;
- fan charts;
- the assumptions the scenario declares;
- the scenario itself.
"""

import base64
import html
import io
import pathlib

import h5py
import numpy as np

from .assumptions import changes_to, declared, extended_scenarios, inherited, label_of, merged_paths, overrides_of
from .fanchart import fan_chart
from .literal_text import literally
from .output_guard import HTML_GENERATOR, seal_page
from .results import Results, ResultsError, TOTAL_ROWS, as_text, find_name, match_name, position, total_row
from .run_description import one_replication
from .run_notes import notes_section, partial_periods_section

KEY_MEASURES = [
    ("permanent_headcount", "Permanent workers", 1, ""),
    ("agency_headcount", "Agency workers", 1, ""),
    ("vacancy_rate", "Vacancy rate", 100, "%"),
    ("agency_share", "Agency share", 100, "%"),
    ("uncovered_gap", "Uncovered gap (posts)", 1, ""),
    ("agency_spend", "Agency spend in the month (£k)", 1e-3, ""),
    ("staff_cost", "Staff cost in the month (£k)", 1e-3, ""),
]

# Marks images that failed to load, so a headless browser check can read the count.
CHECK_IMAGES = """<script>
window.addEventListener('load', function () {
  var broken = Array.prototype.filter.call(document.images, function (i) { return !i.complete || i.naturalWidth === 0; });
  document.body.setAttribute('data-broken-images', String(broken.length));
  document.body.setAttribute('data-images', String(document.images.length));
});
</script>"""


def _png(figure):
    buffer = io.BytesIO()
    with literally():
        figure.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _band(results, measure, authority, t, scale):
    s = results.summary(measure, authority)
    names = results.statistics
    pick = lambda name: s[position(names, name, results.path, "statistics"), t] * scale
    return pick("p50"), pick("p5"), pick("p95")


# The measures wfsim info splits (engine/cli/input_split.cpp), in its order.
SPLIT_MEASURES = [("permanent_headcount", "permanent staff"), ("vacancies", "vacancies"),
                  ("agency_headcount", "agency staff"), ("uncovered_gap", "uncovered gap"),
                  ("leavers_permanent", "permanent leavers"), ("starters_permanent", "permanent starters"),
                  ("agency_spend", "agency spend")]


def _distinct(band):
    """A median and its band (median, low, high) as words, to whole numbers where they
    stay apart, else to as many decimals (up to 2) as keep them apart: 13.7 in 13.5 to
    13.9 read "about 14%, between 13% and 14%"."""
    for decimals in (0, 1, 2):
        texts = [f"{x:.{decimals}f}" for x in band]
        apart = [a != b for a, b in ((band[0], band[1]), (band[0], band[2]))]
        if all(t != texts[0] or not differ for t, differ in zip(texts[1:], apart)):
            return texts
    return texts


def _one_future_words(date, share, gap):
    """The brief of a run of one replication, which has no spread to give: it read "in
    90 of every 100 it lies between 26% and 26%"."""
    return (f"In the one simulated future of this run, the agency share at {date} is about {share}%, and the "
            f"uncovered gap (posts nobody is working in) is {gap}. One replication shows no range: run more "
            "(wfsim run -n) to see how widely the futures the model's randomness gives differ.")


def uncertain_inputs(f, authority):
    """The run's uncertain inputs and, for each kept per-replication series at the last
    period, the share of its variance across replications they explain (R^2 of a linear
    fit on the drawn values, adjusted for their number as wfsim info adjusts it: inputs
    with no effect give 0 on average, not k / (n - 1); the rest is chance). None if the
    run had none."""
    if "inputs" not in f:
        return None
    paths = as_text(f["inputs"].attrs["paths"]).split("\n")
    descriptions = as_text(f["inputs"].attrs["descriptions"]).split("\n")
    x = f["inputs/values"][()]
    row = [as_text(a) for a in f["authority"][()]].index(authority)
    n, k = x.shape
    centred = x - x.mean(axis=0)  # as wfsim info fits it: a tiny spread keeps its digits
    shares, kept = [], False
    for measure, label in SPLIT_MEASURES:
        if "series" not in f or measure not in f["series"]:
            continue
        kept = True
        y = f["series/" + measure][:, row, -1].astype(float)
        if np.all(y == y[0]) or n <= k + 1:
            continue  # nothing to split
        deviations = y - y.mean()
        fitted = centred @ np.linalg.lstsq(centred, deviations, rcond=None)[0]
        unexplained = ((deviations - fitted) ** 2).sum() / (deviations ** 2).sum()
        shares.append((label, max(0.0, 1 - unexplained * (n - 1) / (n - k - 1))))
    return {"inputs": list(zip(paths, descriptions)), "shares": shares, "kept": kept}


def _uncertain_section(uncertain):
    if not uncertain:
        return ""
    inputs = "".join(f"<li><code>{html.escape(p)}</code>: {html.escape(d)}</li>" for p, d in uncertain["inputs"])
    shares = "".join(f"<tr><th>{html.escape(label)}</th><td>{share:.0%}</td><td>{1 - share:.0%}</td></tr>"
                     for label, share in uncertain["shares"])
    table = ("<p>How much of each measure's spread across replications at the end of the run comes from the "
             "uncertain inputs, and how much from chance (a variance split: the share a straight-line fit on "
             "the drawn inputs explains, adjusted for their number):</p>"
             f"<table><tr><th>Measure</th><th>from the inputs</th><th>from chance</th></tr>{shares}</table>"
             if shares else "<p>None of the kept measures varies across replications at the end of the run.</p>"
             if uncertain["kept"] else
             "<p>The file keeps none of the per-replication series that split the spread "
             f"({', '.join(m for m, _ in SPLIT_MEASURES)}): run with the default <code>--keep</code>, or "
             "<code>--keep series=...</code> naming them.</p>")
    return f"<h2>Uncertain inputs</h2>\n<p>Each replication drew its own value of:</p><ul>{inputs}</ul>\n{table}"


def _assumption_lines(scenario_text, changes, path_in_run):
    """Each declared assumption as "key: text", with the run's changes to its key said
    after it: the comment still gives the file's value, not the one that was run."""
    lines = []
    for a in declared(scenario_text):
        changed = changes_to(a, changes, path_in_run)
        lines.append(f"{label_of(a)}: {a.text}" + (f" [changed for this run: {'; '.join(changed)}]" if changed else ""))
    return lines



def _extends_note(bases, inherited_lines):
    """For a variant: the assumptions of the scenarios it extends, from the texts the
    results file keeps of them; a file written before it kept them says where they are."""
    if not bases:
        return ""
    chain = ", which extends ".join(html.escape(b) for b in bases)
    if inherited_lines is None:
        return (f"<p>This scenario extends {chain}. Only the assumptions its own file declares are listed here; "
                f"those of {html.escape(bases[0])} are declared in that file. The scenario as run, with its "
                "base merged in, is at the end of this page.</p>\n")
    listed = "".join(f"<li>{html.escape(line)}</li>" for line in inherited_lines) or "<li>none declared</li>"
    return (f"<p>This scenario extends {chain}. The assumptions those declare, as they were read for the run; "
            "where a nearer file (the scenario's own, or a nearer one it extends) or the command line set the key, "
            "it is marked, and the value run is not the one the comment describes (the scenario as run is at the "
            f"end of this page):</p><ul>{listed}</ul>\n<p>The scenario's own:</p>\n")


def _inherited_lines(f, scenario_text, bases, changes, resolved_text):
    """Each assumption the scenarios a run extends declare, as "key (from BASE): text",
    marked where a nearer file or --set changes its key; None if the file keeps no
    texts of them (written before it kept /scenario_extends)."""
    extended = extended_scenarios(f)
    if not bases or extended is None:
        return None
    lines = []
    for name, a, set_nearer in inherited(scenario_text, extended):
        text = dict(extended)[name]
        changed = set_nearer + changes_to(a, changes, merged_paths(text, resolved_text) if resolved_text else None)
        lines.append(f"{label_of(a)} (from {name}): {a.text}" + (f" [{'; '.join(changed)}]" if changed else ""))
    return lines


def _resolved_section(resolved_text):
    if not resolved_text:
        return ""
    return ("<h2>The scenario as run, with its base merged in (before command-line changes)</h2>\n"
            f"<pre>{html.escape(resolved_text)}</pre>")


def build_report(results_path, authority=None):
    """The report's HTML text, of `authority` (by default the councils' total, or the
    only council)."""
    with Results(results_path) as results:
        meta = results.metadata
        if authority and results.regions and match_name(authority, results.authorities, results_path) is None:
            region = results.region_name(authority)
            if region is not None:
                # An England file's regions have no rows of their own, so no summaries.
                raise ResultsError(f"'{region}' is a region of {results_path}, which keeps summaries of each council "
                                   "and of all of them together, not of a region: report on a council or the total "
                                   f"(no --authority), or chart the region's councils together with plot --authority "
                                   f"'{region}' (from the series a run keeps by default)")
        authority = (find_name(authority, results.authorities, "authority", results_path) if authority
                     else total_row(results.authorities) or results.authorities[0])
        # The total row is every council of the file together: all England's, in an
        # England run, whose nine regions have no rows of their own.
        place = (f"all {len(results.authorities) - 1} councils together (the file's {authority} row)"
                 if authority in TOTAL_ROWS else authority)
        dates = [str(d) for d in results.dates]
        periods = sorted({0, len(dates) // 2, len(dates) - 1})
        share = _band(results, "agency_share", authority, len(dates) - 1, 100)
        gap = _band(results, "uncovered_gap", authority, len(dates) - 1, 1)
        rows = []
        for measure, label, scale, unit in KEY_MEASURES:
            cells = []
            for t in periods:
                med, lo, hi = _band(results, measure, authority, t, scale)
                cells.append("<td>–</td>" if np.isnan(med) else f"<td>{med:,.1f}{unit} <small>({lo:,.1f} to {hi:,.1f})</small></td>")
            rows.append(f"<tr><th>{html.escape(label)}</th>{''.join(cells)}</tr>")
        # Each image named by what it shows: "fan chart 1" told a screen reader nothing.
        charts = [
            (f"Fan charts of agency share and uncovered gap, {place}",
             _png(fan_chart(results, ["agency_share", "uncovered_gap"], authority))),
            (f"Fan charts of vacancy rate and agency spend, {place}",
             _png(fan_chart(results, ["vacancy_rate", "agency_spend"], authority))),
        ]
        replications = meta.get("replications")
    with h5py.File(results_path) as f:  # the scenario text: Results exposes measures only
        scenario_text = as_text(f["scenario"][()])
        resolved_text = as_text(f["scenario_resolved"][()]) if "scenario_resolved" in f else ""
        uncertain = uncertain_inputs(f, authority)
        bases = [b for b in str(meta.get("extends") or "").splitlines() if b]
        inherited_lines = _inherited_lines(f, scenario_text, bases, overrides_of(meta.get("overrides")),
                                           resolved_text)
    assumptions = _assumption_lines(scenario_text, overrides_of(meta.get("overrides")),
                                    merged_paths(scenario_text, resolved_text) if resolved_text else None)
    header = "".join(f"<th>{d}</th>" for d in (dates[t] for t in periods))
    share_words, gap_words = _distinct(share), _distinct(gap)
    one_future = one_replication(replications)
    table_note = ("The one replication's values (its range is that one value)." if one_future else
                  "Median across replications, with the range that 90% of them fall in.")
    words = _one_future_words(dates[-1], share_words[0], gap_words[0]) if one_future else (
        f"Across {replications} simulated futures, the agency share at {dates[-1]} is, in the middle of them "
        f"(the median), about "
        f"{share_words[0]}%, and in 90 of every 100 it lies between {share_words[1]}% and {share_words[2]}%. "
        f"The uncovered gap (posts nobody is working in) is, in the middle, {gap_words[0]}, "
        f"and in 90 of every 100 between {gap_words[1]} and {gap_words[2]}. "
        + ("These ranges come from the model's randomness alone: they do not include uncertainty in the "
           "assumptions listed below." if not uncertain else
           f"These ranges include the uncertainty of {len(uncertain['inputs'])} input"
           f"{'' if len(uncertain['inputs']) == 1 else 's'} given as a spread (below) as well as the model's "
           "randomness.")
    )
    labels = {"scenario_name": "Scenario", "scenario_file": "Scenario file", "replications": "Replications",
              "seed": "Random seed", "engine_version": "wfsim version", "created_utc": "Written (UTC)",
              "command_line": "Command", "overrides": "Values changed on the command line (--set)"}
    provenance = "".join(
        f"<tr><th>{html.escape(text)}</th><td>{html.escape(str(meta.get(k, '')) or 'none')}</td></tr>"
        for k, text in labels.items()
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">{HTML_GENERATOR}
<title>{html.escape(str(meta.get('scenario_name', 'wfsim results')))}: {html.escape(place)}</title>
<style>
body {{ font-family: sans-serif; max-width: 60em; margin: 2em auto; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; }} th, td {{ border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; }}
small {{ color: #666; }} img {{ max-width: 100%; }} pre {{ background: #f6f6f6; padding: 1em; overflow-x: auto; font-size: 85%; }}
</style></head>
<body>
<h1>{html.escape(str(meta.get('scenario_name', '')))}</h1>
<p>Workforce projection for <strong>{html.escape(place)}</strong>, from wfsim's Monte Carlo simulation.</p>
<h2>In brief</h2>
<p>{html.escape(words)}</p>
{notes_section(meta)}{partial_periods_section(meta, dates)}<h2>Key measures</h2>
<p>{table_note}</p>
<table><tr><th>Measure</th>{header}</tr>{''.join(rows)}</table>
<h2>Charts</h2>
{''.join(f'<p><img alt="{html.escape(alt)}" src="data:image/png;base64,{c}"></p>' for alt, c in charts)}
{_uncertain_section(uncertain)}
<h2>Assumptions the scenario declares</h2>
{_extends_note(bases, inherited_lines)}<ul>{''.join(f'<li>{html.escape(a)}</li>' for a in assumptions) or '<li>none marked</li>'}</ul>
<h2>How this was produced</h2>
<table>{provenance}</table>
<h2>The scenario</h2>
<pre>{html.escape(scenario_text)}</pre>
{_resolved_section(resolved_text)}
{CHECK_IMAGES}
</body></html>
"""


def write_any_report(path, out_path, authority=None):
    """A run, comparison or sweep report, whichever the file is, of `authority` (by
    default the councils' total, or the only council)."""
    from .comparison_report import build_comparison_report
    from .files import kind_of
    from .sweep_report import build_sweep_report

    kind = kind_of(path)
    build = {"comparison": build_comparison_report, "sweep": build_sweep_report}.get(kind, build_report)
    # Sealed, so that the next report can tell whether anyone has changed the page since.
    pathlib.Path(out_path).write_bytes(seal_page(build(path, authority)).encode("utf-8"))
