"""A self-contained HTML report of a `wfsim compare` file: net cost over the whole run
first, every paired difference in its own unit with its 95% interval and standard
deviation, what uncertainty they hold, charts, and the assumptions the variants
declare. Its tables serve the sweep report too (sweep_report.py).
"""

import html
import pathlib
import re

import h5py
import numpy as np

from .output_guard import HTML_GENERATOR
from .report import CHECK_IMAGES, _png
from .period_lengths import money_per, periods_counted
from .results import as_text, position
from .run_notes import notes_section, partial_periods_section


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


# Said under the end-of-run table: a cohort's fee in the last month read as "£80.0k a
# month" beside running costs, as if it were paid every month.
LUMPY_COSTS = (
    " A lever's cost is booked when it falls due (a trainee cohort's when it starts, a "
    "campaign's one-off cost when it begins), so one month's policy cost is what that month "
    "paid, not a monthly rate."
)


def lumpy_costs_note(path, sweep=False, authority=None):
    """LUMPY_COSTS where some variant (or point) paid a lever's cost in the last period,
    else "": beside runs without levers it said what does not apply (a review)."""
    from .comparison import read_comparison

    summary = read_comparison(path, "policy_cost", authority, sweep=sweep)[2]
    return LUMPY_COSTS if np.nanmax(np.abs(summary[:, :, -1])) > 0 else ""


def _level(value, kind, per="a month"):
    """A level in the measure's own unit; money `per` the period shown ("a month", or
    "in the period's 14 days" for one cut short: money_per)."""
    if kind == "money":
        return f"£{value / 1e3:,.1f}k {per}"
    if kind == "money_per_post":
        return f"£{value:,.0f} {per}"
    if kind == "share":
        return f"{value * 100:.1f}%"
    return f"{value:,.1f} posts"


def _signed(text, value):
    """`text` (a magnitude as shown) with the sign of `value`, or none where it shows as
    0: "−0.0 points" read as a change."""
    if not any(c in "123456789" for c in text):
        return text
    return ("+" if value >= 0 else "−") + text


def _change(value, kind, per="a month"):
    """A difference in the measure's own unit: points for shares."""
    if kind == "money":
        return _signed(f"£{abs(value) / 1e3:,.1f}k {per}", value)
    if kind == "money_per_post":
        return _signed(f"£{abs(value):,.0f} {per}", value)
    if kind == "share":
        return _signed(f"{abs(value) * 100:.1f} points", value)
    return _signed(f"{abs(value):,.1f} posts", value)


# Totals over the whole run: what a budget weighs. One month's cost can mislead, since
# some costs are booked in the month they fall due (a trainee cohort's when it starts).
# Total cost's three parts are all shown, so that their differences add up on the page
# (means do; the medians beside them need not): without permanent staff cost, a
# supplement's dearer total had no visible cause.
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


def _sentence(name, differences, when, over_run=None, per="a month"):
    """What a councillor reads: cost first (over the whole run when the file has the
    totals), then agency share and the gap at the end (`per`: money_per of that period)."""
    def part(mean, low, high, _sd, kind, text, unchanged):
        sure = "" if low > 0 or high < 0 else ", not clearly different from no change"
        amount = _change(abs(mean), kind, per).lstrip("+")
        # "raises agency share by 0.0 points" named a direction the figure does not show.
        said = text(amount, mean >= 0) if _signed(amount, 1) != amount else unchanged
        return said + f" (95% interval {_change(low, kind, per)} to {_change(high, kind, per)}{sure})"

    share = part(*differences["agency_share"], "share", lambda x, up: f"{'raises' if up else 'cuts'} agency share by {x}",
                 "changes agency share by less than 0.05 points")
    gap = part(*differences["uncovered_gap"], "posts",
               lambda x, up: f"leaves {x.replace(' posts', '')} {'more' if up else 'fewer'} posts uncovered",
               "changes the posts left uncovered by less than 0.05")
    if over_run is None:
        that = "that month" if per == "a month" else "that period"
        cost = part(*differences["total_cost"], "money",
                    lambda x, up: f"costs {x} {'more' if up else 'less'} in total than the baseline in {that}",
                    f"costs within £50 {per} of the baseline in {that}")
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
    cost = (f"{said} over the {months} to {when} (95% interval {low_shown} to {high_shown}{sure}; from one "
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

    with h5py.File(path) as f:
        per = money_per(f.attrs, f["date"][()])
    rows, by_variant = [], {}
    for measure, label, kind in COMPARISON_MEASURES:
        variants, dates, summary, difference, _, statistics, authority = read_comparison(path, measure, authority, sweep=sweep)
        variants = names or variants
        found, differences = _measure_rows(label, variants, summary[:, :, -1], difference[:, :, -1], statistics, path,
                                           lambda x, _, kind=kind: _level(x, kind, per),
                                           lambda x, _, kind=kind: _change(x, kind, per), first)
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
    return f"""<h2>Over the whole run: {months} to {when}</h2>
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


def _comparison_uncertainty(variants, texts, files, replications, extended=None):
    """What a difference's interval and sd mean, and what uncertainty they hold: a
    director read a ±£70k interval as how uncertain a saving was, where one replication
    to the next it varied by a standard deviation of £0.62m. The inputs given as a
    spread are read from the variants' own files; a base one extends that is not among
    them is not held by the file, and is said to be unread."""
    from .assumptions import keys_set_by, uncertain_keys

    spread = [f"{path} ({name})" for name, text in zip(variants, texts) for path in uncertain_keys(text)]
    # The bases' texts the file keeps (/scenario_extends): their spreads are read too.
    extended = extended or [None] * len(texts)
    # A held base's spreads, each with the variants that ran it: not those that set the
    # key themselves (a variant's fixed turnover runs no spread of the base's).
    by_base = {}
    for name, own, bases in zip(variants, texts, extended):
        for k, (base_name, text) in enumerate(bases or []):
            if text in texts:
                continue
            nearer = [own] + [t for _, t in bases[:k]]
            overridden = [p for t in nearer for p in keys_set_by(t, text)]
            for path in uncertain_keys(text):
                if not any(p == path or p.startswith(path + ".") or path.startswith(p + ".") for p in overridden):
                    by_base.setdefault((pathlib.Path(base_name).name, path), []).append(name)
    spread += [f"{path} ({base}, extended by {', '.join(names)})" for (base, path), names in by_base.items()]
    held_files = {pathlib.Path(f).name for f in files}
    unread = sorted({base for base, bases in ((_extends_of(text), e) for text, e in zip(texts, extended))
                     if base and bases is None and pathlib.Path(base).name not in held_files})
    held = ("the model's randomness and the spread of the inputs given as one (" + "; ".join(spread[:4])
            + (f"; and {len(spread) - 4} more" if len(spread) > 4 else "") + ")") if spread else \
        "the model's randomness" + ("" if unread else " alone, not uncertainty in the assumptions listed below")
    if unread:
        held += (f", and any input given as a spread in {', '.join(unread)}, which the variants extend and this file "
                 "does not hold")
    return (f"A difference's 95% interval says how closely the {replications} replications pin down its mean: the "
            "average effect. How much the effect varies from one replication to the next is its standard "
            f"deviation (sd), given beside it: wider, as it does not narrow with more replications. Both come from "
            f"{held}. Each interval holds for its own figure: of many, where a policy does nothing, about 1 in 20 "
            "excludes no change by chance, so the totals over the run weigh more than a month picked for its size.")


def build_comparison_report(path, authority=None):
    """The HTML text of a report on a `wfsim compare` file: net cost first, every
    difference in its own unit with its 95% interval, and the assumptions."""
    from .assumptions import assumptions, extended_scenarios, inherited_by_variants, label_of, variant_changes
    from .comparison import comparison_chart

    with h5py.File(path) as f:
        meta = {k: as_text(v) for k, v in f.attrs.items()}
        scenario_texts = [as_text(f["scenario"][k][()]) for k in sorted(f["scenario"].keys(), key=int)]
    rows, by_variant, dates, variants, authority = _end_of_run_rows(path, authority=authority)
    when = str(dates[-1])
    counted = periods_counted(meta, dates)
    total_rows, over_run = _whole_run_rows(path, counted, authority=authority)
    per = money_per(meta, dates)
    words = [_sentence(name, d, when, over_run.get(name), per) for name, d in by_variant.items()]
    totals_section = _whole_run_section(total_rows, counted, when, "Variant", "the baseline")
    with h5py.File(path) as f:
        files = [as_text(v) for v in f["variant_file"][()]] if "variant_file" in f else []
        extended = [extended_scenarios(f, k) for k in range(len(scenario_texts))]
    uncertainty = _comparison_uncertainty(variants, scenario_texts, files, meta.get("replications", ""), extended)
    cost_chart = _png(comparison_chart(path, "total_cost", authority))
    chart = _png(comparison_chart(path, "agency_share", authority))
    gap_chart = _png(comparison_chart(path, "uncovered_gap", authority))
    declared = []
    for k, (name, text) in enumerate(zip(variants, scenario_texts)):
        # A variant's own file may declare nothing: say what it changes of its base.
        changed = variant_changes(text)
        # A base that is not the baseline changes things too: a cap written over a
        # cooling-off's variant read as the cap's effect alone (a walkthrough).
        chain = extended[k] or []
        if changed and k > 0 and chain and chain[0][1] != scenario_texts[0]:
            changed += (f" (its base, {pathlib.Path(chain[0][0]).name}, is not the baseline: its difference from the "
                        f"baseline holds what that base changes too; list indices are its own file's)")
        if changed:
            declared.append(f"<tr><td>{html.escape(name)}</td><td>(what it changes)</td>"
                            f"<td>{html.escape(changed)}</td></tr>")
        for key, assumption in assumptions(text):
            declared.append(f"<tr><td>{html.escape(name)}</td><td>{html.escape(key)}</td>"
                            f"<td>{html.escape(assumption)}</td></tr>")
    # The scenarios the variants extend, each once, unless it is a variant itself (listed
    # above): the file keeps their texts, whose comments declare what a variant's own
    # file does not. A key a variant sets is marked: its value, not the base's, was run.
    for base_name, _, by, a, marks in inherited_by_variants(list(zip(variants, scenario_texts, extended))):
        said = a.text + (f" [{'; '.join(marks)}]" if marks else "")
        declared.append(f"<tr><td>{html.escape(base_name)} (extended by {html.escape(', '.join(by))})</td>"
                        f"<td>{html.escape(label_of(a))}</td><td>{html.escape(said)}</td></tr>")
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
{notes_section(meta)}{partial_periods_section(meta, dates)}<p>Costs are what is paid: a post nobody works in costs nothing here, so a policy that
leaves more posts uncovered is cheaper by those posts, which is no saving to the
council's work. Read the cost beside the uncovered gap.</p>
{totals_section}<h2>At the end of the run ({when})</h2>
<p>Level: median across replications, with the range 90% of them fall in. Difference
from the baseline: the mean of the paired differences, with its 95% confidence
interval; shares differ in percentage points. Costs are of that {"month" if per == "a month" else "period"} alone{
"" if per == "a month" else ", " + per.replace("in the period's ", "its ")}{
" (the whole run's are above)" if total_rows else ""}.{lumpy_costs_note(path, authority=authority)}</p>
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
