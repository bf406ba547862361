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

from .fanchart import fan_chart
from .results import Results, as_text

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
    figure.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _band(results, measure, authority, t, scale):
    s = results.summary(measure, authority)
    names = results.statistics
    pick = lambda name: s[names.index(name), t] * scale
    return pick("p50"), pick("p5"), pick("p95")


def build_report(results_path):
    """The report's HTML text."""
    with Results(results_path) as results:
        meta = results.metadata
        authority = "Region" if "Region" in results.authorities else results.authorities[0]
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
        charts = [
            _png(fan_chart(results, ["agency_share", "uncovered_gap"], authority)),
            _png(fan_chart(results, ["vacancy_rate", "agency_spend"], authority)),
        ]
        replications = meta.get("replications")
    with h5py.File(results_path) as f:  # the scenario text: Results exposes measures only
        scenario_text = as_text(f["scenario"][()])
    assumptions = [line.strip(" #") for line in scenario_text.splitlines() if "ASSUMPTION" in line]
    header = "".join(f"<th>{d}</th>" for d in (dates[t] for t in periods))
    words = (
        f"Across {replications} simulated futures, the agency share at {dates[-1]} is most likely about "
        f"{share[0]:.0f}%, and in 90 of every 100 it lies between {share[1]:.0f}% and {share[2]:.0f}%. "
        f"The uncovered gap (posts nobody is working in) is most likely {gap[0]:.0f}, "
        f"and in 90 of every 100 between {gap[1]:.0f} and {gap[2]:.0f}. These ranges come from the model's "
        f"randomness alone: they do not include uncertainty in the assumptions listed below."
    )
    provenance = "".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(meta.get(k, '')))}</td></tr>"
        for k in ("scenario_name", "scenario_file", "replications", "seed", "engine_version", "created_utc",
                  "command_line", "overrides")
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(str(meta.get('scenario_name', 'wfsim results')))}</title>
<style>
body {{ font-family: sans-serif; max-width: 60em; margin: 2em auto; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; }} th, td {{ border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; }}
small {{ color: #666; }} img {{ max-width: 100%; }} pre {{ background: #f6f6f6; padding: 1em; overflow-x: auto; font-size: 85%; }}
</style></head>
<body>
<h1>{html.escape(str(meta.get('scenario_name', '')))}</h1>
<p>Workforce projection for <strong>{html.escape(authority)}</strong>, from wfsim's Monte Carlo simulation.</p>
<h2>In brief</h2>
<p>{html.escape(words)}</p>
<h2>Key measures</h2>
<p>Median across replications, with the range that 90% of them fall in.</p>
<table><tr><th>Measure</th>{header}</tr>{''.join(rows)}</table>
<h2>Charts</h2>
{''.join(f'<p><img alt="fan chart {i + 1}" src="data:image/png;base64,{c}"></p>' for i, c in enumerate(charts))}
<h2>Assumptions the scenario declares</h2>
<ul>{''.join(f'<li>{html.escape(a)}</li>' for a in assumptions) or '<li>none marked</li>'}</ul>
<h2>How this was produced</h2>
<table>{provenance}</table>
<h2>The scenario</h2>
<pre>{html.escape(scenario_text)}</pre>
{CHECK_IMAGES}
</body></html>
"""


def build_comparison_report(path):
    """The HTML text of a report on a `wfsim compare` file."""
    from .comparison import comparison_chart, read_comparison

    with h5py.File(path) as f:
        meta = {k: as_text(v) for k, v in f.attrs.items()}
    rows = []
    words = []
    for measure, label, scale, unit in KEY_MEASURES:
        variants, dates, summary, difference, _, statistics, authority = read_comparison(path, measure)
        p50 = statistics.index("p50")
        for v, name in enumerate(variants):
            median = summary[v, p50, -1] * scale
            if v == 0:
                cell = "baseline"
            else:
                mean, low, high = (difference[v, k, -1] * scale for k in (0, 2, 3))
                cell = f"{mean:+,.1f}{unit} <small>({low:+,.1f} to {high:+,.1f})</small>"
                if measure == "agency_share":
                    sure = "clearly" if low > 0 or high < 0 else "not clearly"
                    words.append(f"{name}: agency share {mean:+.1f} points against the baseline at {dates[-1]} "
                                 f"(95% interval {low:+.1f} to {high:+.1f}), {sure} different from no change.")
            rows.append(f"<tr><th>{html.escape(label)}</th><td>{html.escape(name)}</td>"
                        f"<td>{median:,.1f}{unit}</td><td>{cell}</td></tr>")
    chart = _png(comparison_chart(path, "agency_share"))
    gap_chart = _png(comparison_chart(path, "uncovered_gap"))
    provenance = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(meta.get(k, '')))}</td></tr>"
                         for k in ("replications", "seed", "engine_version", "created_utc", "command_line"))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Policy comparison</title>
<style>
body {{ font-family: sans-serif; max-width: 60em; margin: 2em auto; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; }} th, td {{ border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; }}
small {{ color: #666; }} img {{ max-width: 100%; }}
</style></head>
<body>
<h1>Policy comparison for {html.escape(authority)}</h1>
<p>Each policy was simulated on the same random numbers as the baseline, so the
differences below are the policies' effects with the shared noise removed.</p>
<h2>In brief</h2>
<ul>{''.join(f'<li>{html.escape(w)}</li>' for w in words)}</ul>
<h2>At the end of the run ({dates[-1]})</h2>
<p>Median across replications; difference from the baseline: mean, with its 95% confidence interval.</p>
<table><tr><th>Measure</th><th>Variant</th><th>Median</th><th>Difference</th></tr>{''.join(rows)}</table>
<h2>Charts</h2>
<p><img alt="agency share comparison" src="data:image/png;base64,{chart}"></p>
<p><img alt="uncovered gap comparison" src="data:image/png;base64,{gap_chart}"></p>
<h2>How this was produced</h2>
<table>{provenance}</table>
{CHECK_IMAGES}
</body></html>
"""


def write_any_report(path, out_path):
    """A run report or a comparison report, whichever the file is."""
    with h5py.File(path) as f:
        fmt = as_text(f.attrs.get("format", ""))
    text = build_comparison_report(path) if fmt == "wfsim-comparison" else build_report(path)
    pathlib.Path(out_path).write_text(text, encoding="utf-8")
