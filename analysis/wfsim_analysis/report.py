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
import itertools
import pathlib
import re

import h5py
import numpy as np

from .assumptions import changes_to, declared, label_of, merged_paths, overrides_of
from .fanchart import fan_chart
from .output_guard import HTML_GENERATOR
from .results import TOTAL_ROWS, Results, as_text, find_name, position, total_row

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
    pick = lambda name: s[position(names, name, results.path, "statistics"), t] * scale
    return pick("p50"), pick("p5"), pick("p95")


SPLIT_MEASURES = [("permanent_headcount", "permanent staff"), ("vacancies", "vacancies"),
                  ("agency_headcount", "agency staff"), ("uncovered_gap", "uncovered gap"),
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


def uncertain_inputs(f, authority):
    """The run's uncertain inputs and, for each kept per-replication series at the last
    period, the share of its variance across replications they explain (R^2 of a linear
    fit on the drawn values; the rest is chance). None if the run had none."""
    if "inputs" not in f:
        return None
    paths = as_text(f["inputs"].attrs["paths"]).split("\n")
    descriptions = as_text(f["inputs"].attrs["descriptions"]).split("\n")
    x = f["inputs/values"][()]
    row = [as_text(a) for a in f["authority"][()]].index(authority)
    design = np.column_stack([np.ones(len(x)), x])
    shares, kept = [], False
    for measure, label in SPLIT_MEASURES:
        if "series" not in f or measure not in f["series"]:
            continue
        kept = True
        y = f["series/" + measure][:, row, -1].astype(float)
        if np.all(y == y[0]):
            continue  # nothing to split
        total = ((y - y.mean()) ** 2).sum()
        fitted = design @ np.linalg.lstsq(design, y, rcond=None)[0]
        shares.append((label, max(0.0, 1 - ((y - fitted) ** 2).sum() / total)))
    return {"inputs": list(zip(paths, descriptions)), "shares": shares, "kept": kept}


def _uncertain_section(uncertain):
    if not uncertain:
        return ""
    inputs = "".join(f"<li><code>{html.escape(p)}</code>: {html.escape(d)}</li>" for p, d in uncertain["inputs"])
    shares = "".join(f"<tr><th>{html.escape(label)}</th><td>{share:.0%}</td><td>{1 - share:.0%}</td></tr>"
                     for label, share in uncertain["shares"])
    table = ("<p>How much of each measure's spread across replications at the end of the run comes from the "
             "uncertain inputs, and how much from chance (a variance split: the share a straight-line fit on "
             "the drawn inputs explains):</p>"
             f"<table><tr><th>Measure</th><th>from the inputs</th><th>from chance</th></tr>{shares}</table>"
             if shares else "<p>None of the kept measures varies across replications at the end of the run.</p>"
             if uncertain["kept"] else "<p>No per-replication series were kept, so the spread cannot be split.</p>")
    return f"<h2>Uncertain inputs</h2>\n<p>Each replication drew its own value of:</p><ul>{inputs}</ul>\n{table}"


def _assumption_lines(scenario_text, changes, path_in_run):
    """Each declared assumption as "key: text", with the run's changes to its key said
    after it: the comment still gives the file's value, not the one that was run."""
    lines = []
    for a in declared(scenario_text):
        changed = changes_to(a, changes, path_in_run)
        lines.append(f"{label_of(a)}: {a.text}" + (f" [changed for this run: {'; '.join(changed)}]" if changed else ""))
    return lines



def _extends_note(bases):
    """For a variant: where the rest of its assumptions are, as its file keeps only its own text."""
    if not bases:
        return ""
    chain = ", which extends ".join(html.escape(b) for b in bases)
    return (f"<p>This scenario extends {chain}. Only the assumptions its own file declares are listed here; "
            f"those of {html.escape(bases[0])} are declared in that file. The scenario as run, with its "
            "base merged in, is at the end of this page.</p>\n")


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
        charts = [
            _png(fan_chart(results, ["agency_share", "uncovered_gap"], authority)),
            _png(fan_chart(results, ["vacancy_rate", "agency_spend"], authority)),
        ]
        replications = meta.get("replications")
    with h5py.File(results_path) as f:  # the scenario text: Results exposes measures only
        scenario_text = as_text(f["scenario"][()])
        resolved_text = as_text(f["scenario_resolved"][()]) if "scenario_resolved" in f else ""
        uncertain = uncertain_inputs(f, authority)
    assumptions = _assumption_lines(scenario_text, overrides_of(meta.get("overrides")),
                                    merged_paths(scenario_text, resolved_text) if resolved_text else None)
    bases = [b for b in str(meta.get("extends") or "").splitlines() if b]
    header = "".join(f"<th>{d}</th>" for d in (dates[t] for t in periods))
    share_words, gap_words = _distinct(share), _distinct(gap)
    words = (
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
<title>{html.escape(str(meta.get('scenario_name', 'wfsim results')))}</title>
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
<h2>Key measures</h2>
<p>Median across replications, with the range that 90% of them fall in.</p>
<table><tr><th>Measure</th>{header}</tr>{''.join(rows)}</table>
<h2>Charts</h2>
{''.join(f'<p><img alt="fan chart {i + 1}" src="data:image/png;base64,{c}"></p>' for i, c in enumerate(charts))}
{_uncertain_section(uncertain)}
<h2>Assumptions the scenario declares</h2>
{_extends_note(bases)}<ul>{''.join(f'<li>{html.escape(a)}</li>' for a in assumptions) or '<li>none marked</li>'}</ul>
<h2>How this was produced</h2>
<table>{provenance}</table>
<h2>The scenario</h2>
<pre>{html.escape(scenario_text)}</pre>
{_resolved_section(resolved_text)}
{CHECK_IMAGES}
</body></html>
"""


# What a comparison leads with: net cost first, then the workforce measures. Each with
# how its level and its difference are written: money in £k a month (the period is a
# month), a share in % and its difference in percentage points, the gap in posts.
COMPARISON_MEASURES = [
    ("total_cost", "Total cost: staff and policies", "money"),
    ("policy_cost", "Policy cost (levers, trainees)", "money"),
    ("staff_cost", "Staff cost: permanent and agency", "money"),
    ("cost_per_filled_post", "Total cost per filled post", "money_per_post"),
    ("agency_share", "Agency share of workers", "share"),
    ("vacancy_rate", "Vacancy rate", "share"),
    ("uncovered_gap", "Uncovered gap", "posts"),
]


def _level(value, kind):
    if kind == "money":
        return f"£{value / 1e3:,.1f}k a month"
    if kind == "money_per_post":
        return f"£{value:,.0f} a month"
    if kind == "share":
        return f"{value * 100:.1f}%"
    return f"{value:,.1f} posts"


def _signed(text, value):
    """`text` (a magnitude as shown) with the sign of `value`, or none where it shows as
    0: "−0.0 points" read as a change."""
    if not any(c in "123456789" for c in text):
        return text
    return ("+" if value >= 0 else "−") + text


def _change(value, kind):
    """A difference in the measure's own unit: points for shares."""
    if kind == "money":
        return _signed(f"£{abs(value) / 1e3:,.1f}k a month", value)
    if kind == "money_per_post":
        return _signed(f"£{abs(value):,.0f} a month", value)
    if kind == "share":
        return _signed(f"{abs(value) * 100:.1f} points", value)
    return _signed(f"{abs(value):,.1f} posts", value)


# Totals over the whole run: what a budget weighs. One month's cost can mislead, since
# some costs are booked in the month they fall due (a trainee cohort's when it starts).
# Total cost's three parts are all shown, so that they add up on the page: without
# permanent staff cost, a supplement's dearer total had no visible cause.
TOTAL_MEASURES = [
    ("total_cost", "Total cost: staff and policies", "total_money"),
    ("permanent_staff_cost", "Permanent staff cost (salary and on-costs)", "total_money"),
    ("agency_spend", "Agency spend", "total_money"),
    ("policy_cost", "Policy cost (levers, trainees)", "total_money"),
]


def _total_money(value, signed=False, scale_of=None):
    """£m to two decimals, or £k under £0.1m: a £4,249 campaign read '£0.00m'. The unit
    is chosen by `scale_of` where given (an interval's largest end, so that its three
    figures share one unit: "−£0.10m to +£80.2k" read as apart by a factor of 1,000)."""
    k = abs(value if scale_of is None else scale_of) < 1e5
    text = f"£{abs(value) / 1e3:,.1f}k" if k else f"£{abs(value) / 1e6:,.2f}m"
    return _signed(text, value) if signed else text


def _interval_money(mean, low, high):
    """(mean, low, high) as signed money in one unit."""
    biggest = max(abs(mean), abs(low), abs(high))
    return tuple(_total_money(x, True, biggest) for x in (mean, low, high))


def _sentence(name, differences, when, over_run=None):
    """What a councillor reads: cost first (over the whole run when the file has the
    totals), then agency share and the gap at the end."""
    def part(mean, low, high, _sd, kind, text, unchanged):
        sure = "" if low > 0 or high < 0 else ", not clearly different from no change"
        amount = _change(abs(mean), kind).lstrip("+")
        # "raises agency share by 0.0 points" named a direction the figure does not show.
        said = text(amount, mean >= 0) if _signed(amount, 1) != amount else unchanged
        return said + f" (95% interval {_change(low, kind)} to {_change(high, kind)}{sure})"

    share = part(*differences["agency_share"], "share", lambda x, up: f"{'raises' if up else 'cuts'} agency share by {x}",
                 "changes agency share by less than 0.05 points")
    gap = part(*differences["uncovered_gap"], "posts",
               lambda x, up: f"leaves {x.replace(' posts', '')} {'more' if up else 'fewer'} posts uncovered",
               "changes the posts left uncovered by less than 0.05")
    if over_run is None:
        cost = part(*differences["total_cost"], "money",
                    lambda x, up: f"costs {x} {'more' if up else 'less'} in total than the baseline in that month",
                    "costs within £50 a month of the baseline in that month")
        return f"At {when}, {name} {cost}, {share}, and {gap}."
    months, (mean, low, high, sd) = over_run
    sure = "" if low > 0 or high < 0 else ", not clearly different from no change"
    shown, low_shown, high_shown = _interval_money(mean, low, high)
    # The interval pins the average down; one council's outcome varies far more (an
    # interval of ±£70k beside a replication-to-replication sd of £0.62m).
    spread = _total_money(sd, False, max(abs(mean), abs(low), abs(high)))
    amount = shown.lstrip("+−")
    # In the interval's unit a small mean can show as £0.00m: no direction then.
    said = (f"costs {amount} {'more' if mean >= 0 else 'less'} in total than the baseline" if _signed(amount, 1) != amount
            else f"costs within {'£0.005m' if amount.endswith('m') else '£50'} of the baseline in total")
    cost = (f"{said} over the {months} months to {when} (95% interval {low_shown} to {high_shown}{sure}; from one "
            f"replication to another the difference varies with a standard deviation of {spread})")
    return f"{name} {cost}; at {when} it {share}, and {gap}."


def _measure_rows(label, names, summary, difference, statistics, path, level, change, baseline_cell="baseline"):
    """One measure's table rows, a variant each: its median (5% to 95%) and its paired
    difference from the baseline with the 95% interval, from summary (V, S) and
    difference (V, 5) at one period or of the totals; and each policy's (mean, low,
    high) difference. `level` and `change` format a value given the largest of the
    figures it is shown with, so that a cell's three share one unit."""
    p50, p5, p95 = (position(statistics, s, path, "statistics") for s in ("p50", "p5", "p95"))
    rows, differences = [], {}
    for v, name in enumerate(names):
        levels = [float(summary[v, k]) for k in (p50, p5, p95)]
        biggest = max(abs(x) for x in levels)
        median, low_level, high_level = (level(x, biggest) for x in levels)
        shown = f"{median} <small>({low_level} to {high_level})</small>"
        if v == 0:
            cell = baseline_cell
        else:
            # The file's difference statistics: mean, sd, ci95_low, ci95_high, n.
            mean, sd, low, high = (float(difference[v, k]) for k in (0, 1, 2, 3))
            differences[name] = (mean, low, high, sd)
            biggest = max(abs(mean), abs(low), abs(high))
            cell = (f"{change(mean, biggest)} <small>(95% interval {change(low, biggest)} to "
                    f"{change(high, biggest)}; sd {change(sd, biggest).lstrip('+')})</small>")
        heading = f"<th rowspan='{len(names)}'>{html.escape(label)}</th>" if v == 0 else ""
        rows.append(f"<tr>{heading}<td>{html.escape(name)}</td><td>{shown}</td><td>{cell}</td></tr>")
    return rows, differences


def _end_of_run_rows(path, sweep=False, names=None, first="baseline", authority=None):
    """The table of COMPARISON_MEASURES at the run's last period, a row per variant (or
    sweep point, named by `names`): (rows, each variant's (mean, low, high) differences
    by measure, dates, variant names, the authority shown)."""
    from .comparison import read_comparison

    rows, by_variant = [], {}
    for measure, label, kind in COMPARISON_MEASURES:
        variants, dates, summary, difference, _, statistics, authority = read_comparison(path, measure, authority, sweep=sweep)
        variants = names or variants
        found, differences = _measure_rows(label, variants, summary[:, :, -1], difference[:, :, -1], statistics, path,
                                           lambda x, _, kind=kind: _level(x, kind), lambda x, _, kind=kind: _change(x, kind), first)
        rows += found
        for name, d in differences.items():
            by_variant.setdefault(name, {})[measure] = d
    return rows, by_variant, dates, variants, authority


def _whole_run_rows(path, months, sweep=False, names=None, first="baseline", authority=None):
    """The table of TOTAL_MEASURES over the run, a row per variant: (rows, each
    variant's (months, total cost difference)); no rows for a file from before wfsim
    kept totals (the last month only, as before)."""
    from .comparison import read_totals

    total_rows, over_run = [], {}
    for measure, label, _ in TOTAL_MEASURES:
        totals = read_totals(path, measure, authority, sweep=sweep)
        if totals is None:
            break
        variants, summary, difference, _, statistics = totals
        found, differences = _measure_rows(label, names or variants, summary, difference, statistics, path,
                                           lambda x, biggest: _total_money(x, False, biggest),
                                           lambda x, biggest: _total_money(x, True, biggest), first)
        total_rows += found
        if measure == "total_cost":
            over_run = {name: (months, d) for name, d in differences.items()}
    return total_rows, over_run


def _whole_run_section(total_rows, months, when, row_heading, baseline):
    if not total_rows:
        return ""
    return f"""<h2>Over the whole run ({months} months to {when})</h2>
<p>Each replication's total over every reported month, which is what a budget weighs:
some costs fall in a single month (a trainee cohort's when it starts), so one month
alone can mislead. Level: median across replications, with the range 90% of them fall
in. Difference: the mean of the paired differences of the totals from {baseline}'s,
with its 95% confidence interval.</p>
<table><tr><th>Measure</th><th>{row_heading}</th><th>Total</th><th>Difference from {baseline}</th></tr>{''.join(total_rows)}</table>
"""


def _extends_of(text):
    """The scenario a text extends, or ""."""
    found = re.search(r"^extends\s*:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(#.*)?$", text, re.M)
    return found.group(1).strip() if found else ""


def _comparison_uncertainty(variants, texts, files, replications):
    """What a difference's interval and sd mean, and what uncertainty they hold: a
    director read a ±£70k interval as how uncertain a saving was, where one replication
    to the next it varied by a standard deviation of £0.62m. The inputs given as a
    spread are read from the variants' own files; a base one extends that is not among
    them is not held by the file, and is said to be unread."""
    from .assumptions import uncertain_keys

    spread = [f"{path} ({name})" for name, text in zip(variants, texts) for path in uncertain_keys(text)]
    held_files = {pathlib.Path(f).name for f in files}
    unread = sorted({base for base in (_extends_of(text) for text in texts)
                     if base and pathlib.Path(base).name not in held_files})
    held = ("the model's randomness and the spread of the inputs given as one (" + "; ".join(spread[:4])
            + (f"; and {len(spread) - 4} more" if len(spread) > 4 else "") + ")") if spread else \
        "the model's randomness" + ("" if unread else " alone, not uncertainty in the assumptions listed below")
    if unread:
        held += (f", and any input given as a spread in {', '.join(unread)}, which the variants extend and this file "
                 "does not hold")
    return (f"A difference's 95% interval says how closely the {replications} replications pin down its mean: the "
            "average effect. How much the effect varies from one replication to the next is its standard "
            f"deviation (sd), given beside it: wider, as it does not narrow with more replications. Both come from "
            f"{held}.")


def build_comparison_report(path, authority=None):
    """The HTML text of a report on a `wfsim compare` file: net cost first, every
    difference in its own unit with its 95% interval, and the assumptions."""
    from .assumptions import assumptions, variant_changes
    from .comparison import comparison_chart

    with h5py.File(path) as f:
        meta = {k: as_text(v) for k, v in f.attrs.items()}
        scenario_texts = [as_text(f["scenario"][k][()]) for k in sorted(f["scenario"].keys(), key=int)]
    rows, by_variant, dates, variants, authority = _end_of_run_rows(path, authority=authority)
    when = str(dates[-1])
    total_rows, over_run = _whole_run_rows(path, len(dates), authority=authority)
    words = [_sentence(name, d, when, over_run.get(name)) for name, d in by_variant.items()]
    totals_section = _whole_run_section(total_rows, len(dates), when, "Variant", "the baseline")
    with h5py.File(path) as f:
        files = [as_text(v) for v in f["variant_file"][()]] if "variant_file" in f else []
    uncertainty = _comparison_uncertainty(variants, scenario_texts, files, meta.get("replications", ""))
    cost_chart = _png(comparison_chart(path, "total_cost", authority))
    chart = _png(comparison_chart(path, "agency_share", authority))
    gap_chart = _png(comparison_chart(path, "uncovered_gap", authority))
    declared = []
    for name, text in zip(variants, scenario_texts):
        # A variant's own file may declare nothing: say what it changes of its base.
        changed = variant_changes(text)
        if changed:
            declared.append(f"<tr><td>{html.escape(name)}</td><td>(what it changes)</td>"
                            f"<td>{html.escape(changed)}</td></tr>")
        for key, assumption in assumptions(text):
            declared.append(f"<tr><td>{html.escape(name)}</td><td>{html.escape(key)}</td>"
                            f"<td>{html.escape(assumption)}</td></tr>")
    labels = {"replications": "Replications of every variant (paired)", "seed": "Random seed, shared",
              "engine_version": "wfsim version", "created_utc": "Written (UTC)", "command_line": "Command"}
    provenance = "".join(f"<tr><th>{html.escape(text)}</th><td>{html.escape(str(meta.get(k, '')))}</td></tr>"
                         for k, text in labels.items())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">{HTML_GENERATOR}<title>Policy comparison: {html.escape(authority)}</title>
<style>
body {{ font-family: sans-serif; max-width: 64em; margin: 2em auto; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; }} th, td {{ border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }}
small {{ color: #666; }} img {{ max-width: 100%; }}
</style></head>
<body>
<h1>Policy comparison for {html.escape(authority)}</h1>
<p>Each policy was simulated on the same random numbers as the baseline, so the
differences below are the policies' effects with the shared noise removed. Costs are
net: the total is staff cost (permanent and agency) plus what the policies themselves
cost.</p>
<p>{html.escape(uncertainty)}</p>
<h2>In brief</h2>
<ul>{''.join(f'<li>{html.escape(w)}</li>' for w in words)}</ul>
<p>Costs are what is paid: a post nobody works in costs nothing here, so a policy that
leaves more posts uncovered is cheaper by those posts, which is no saving to the
council's work. Read the cost beside the uncovered gap.</p>
{totals_section}<h2>At the end of the run ({when})</h2>
<p>Level: median across replications, with the range 90% of them fall in. Difference
from the baseline: the mean of the paired differences, with its 95% confidence
interval; shares differ in percentage points. Costs are of that month alone{
" (the whole run's are above)" if total_rows else ""}.</p>
<table><tr><th>Measure</th><th>Variant</th><th>Level</th><th>Difference from the baseline</th></tr>{''.join(rows)}</table>
<h2>Charts</h2>
<p><img alt="total cost comparison" src="data:image/png;base64,{cost_chart}"></p>
<p><img alt="agency share comparison" src="data:image/png;base64,{chart}"></p>
<p><img alt="uncovered gap comparison" src="data:image/png;base64,{gap_chart}"></p>
<h2>Assumptions the scenarios declare</h2>
<table><tr><th>Variant</th><th>Key</th><th>Assumption</th></tr>{''.join(declared) or '<tr><td colspan="3">none marked</td></tr>'}</table>
<h2>How this was produced</h2>
<table>{provenance}</table>
{CHECK_IMAGES}
</body></html>
"""


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
    whole_run = _whole_run_section(_whole_run_rows(path, len(dates), sweep=True, names=names, first="the first point",
                                                   authority=authority)[0], len(dates), when,
                                   "Point", "the first point")
    return f"""<p>Figures are of {html.escape(authority)}. The first point ({first}) is the one every other is
measured against: each point ran on the same random numbers, so its difference from the first is the
swept values' effect with the shared noise removed. Costs are what is paid: a post nobody works in
costs nothing here, so a point that leaves more posts uncovered is cheaper by those posts, which is
no saving to the council's work. Read the cost beside the uncovered gap.</p>
{whole_run}<h2>At the end of the run ({when})</h2>
<p>Level: median across replications, with the range 90% of them fall in. Difference from the first
point: the mean of the paired differences, with its 95% confidence interval; shares differ in
percentage points. Costs are of that month alone{" (the whole run's are above)" if whole_run else ""}.</p>
<table><tr><th>Measure</th><th>Point</th><th>Level</th><th>Difference from the first point</th></tr>{''.join(rows)}</table>
"""


def build_sweep_report(path, authority=None):
    """The HTML text of a report on a `wfsim sweep` file: each point's figures and
    paired difference from the first point, a chart per key measure against the swept
    keys, labelled with the keys' meanings, and the assumptions."""
    from .assumptions import declared as declared_in, sweep_changes, swept_keys
    from .sweep_chart import sweep_chart

    with h5py.File(path) as f:
        meta = {k: as_text(v) for k, v in f.attrs.items()}
        keys = swept_keys(f)  # in the order the keys were given, which the summaries' dimensions keep
        base_text = as_text(f["scenario"]["0"][()])
    with h5py.File(path) as f:
        has_totals = "total_summary" in f
    # Cost over the whole run where the file has the totals (one month can mislead). A
    # chart shows one or two swept keys; a sweep of more gets the page without them.
    charts = [(m, _png(sweep_chart(path, m, "total" if m == "total_cost" and has_totals else -1, authority)))
              for m in SWEEP_MEASURES] if len(keys) <= 2 else []
    swept = "".join(f"<li><strong>{html.escape(meaning)}</strong> (<code>{html.escape(key)}</code>): "
                    f"{html.escape(', '.join(values))}</li>" for meaning, key, values in keys)
    sweeps = sweep_changes(base_text, keys)
    declared = "".join(f"<li><strong>{html.escape(label_of(a))}</strong>: {html.escape(a.text)}"
                       + "".join(f" <strong>[{html.escape(c)}]</strong>" for c in changes_to(a, sweeps)) + "</li>"
                       for a in declared_in(base_text))
    labels = {"replications": "Replications of every point (paired)", "seed": "Random seed, shared",
              "engine_version": "wfsim version", "created_utc": "Written (UTC)", "command_line": "Command"}
    provenance = "".join(f"<tr><th>{html.escape(text)}</th><td>{html.escape(str(meta.get(k, '')))}</td></tr>"
                         for k, text in labels.items())
    images = "".join(f'<p><img alt="{html.escape(m)} against the swept values" src="data:image/png;base64,{c}"></p>'
                     for m, c in charts)
    tables = _sweep_tables(path, keys, authority)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">{HTML_GENERATOR}<title>Sweep</title>
<style>
body {{ font-family: sans-serif; max-width: 60em; margin: 2em auto; color: #222; }}
table {{ border-collapse: collapse; margin: 1em 0; }} th, td {{ border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; }}
img {{ max-width: 100%; }}
</style></head>
<body>
<h1>Sweep</h1>
<p>Every combination of the values below was simulated on the same random numbers, so
differences between points are the values' effects with the shared noise removed.</p>
<h2>What was varied</h2>
<ul>{swept}</ul>
{tables}<h2>Charts ({"total cost over the whole run; the rest at its end" if has_totals else "at the end of the run"})</h2>
{images or f"<p>A chart shows one or two swept keys, and this sweep has {len(keys)}. Every point's bands are in the "
           f"export: <code>wfsim-analysis export {html.escape(pathlib.Path(path).name)} --bands -o bands.csv</code>.</p>"}
<h2>Assumptions the scenario declares</h2>
<ul>{declared or '<li>none marked</li>'}</ul>
<h2>How this was produced</h2>
<table>{provenance}</table>
{CHECK_IMAGES}
</body></html>
"""


def write_any_report(path, out_path, authority=None):
    """A run, comparison or sweep report, whichever the file is, of `authority` (by
    default the councils' total, or the only council)."""
    from .files import kind_of

    kind = kind_of(path)
    build = {"comparison": build_comparison_report, "sweep": build_sweep_report}.get(kind, build_report)
    pathlib.Path(out_path).write_text(build(path, authority), encoding="utf-8")
