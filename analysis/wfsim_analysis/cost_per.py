"""What a policy costs per unit of what it buys: the change in a cost over the whole run
per change in a count (total cost per extra permanent starter, say), with a 95%
interval, from two `wfsim run` files that pair replication by replication.

    wfsim-analysis cost-per BASE.h5 POLICY.h5 --per starters_permanent [--cost total_cost] [--authority NAME]

Both runs must share the seed and the replication count (common random numbers) and
keep the two measures' series (`wfsim run ... --keep series=total_cost,starters_permanent`).
A comparison file holds each measure's paired difference but not how the two move
together from one replication to the next, which the ratio's interval needs.

The interval is Fieller's: the values r for which the mean paired difference of the
cost less r times that of the count is not told apart from zero by Student's t at 95%.
Where the count's own change is not told apart from zero, no finite interval exists,
and it is said so rather than given.
"""
import math

import numpy as np

from .comparison_report import _interval_money, _total_money
from .paired_runs import check_paired, open_run, refuse_same_path
from .period_lengths import periods_counted
from .results import (ResultsError, as_text, check_regions_as_run, find_name, match_name, measures_in, nearer_region,
                      regions_of, stored_units, total_row)
from .student_t import t975

# Measures whose values add up over the periods ("summed" in docs/output-format.md's
# measure table, which a test holds to the engine's): only their whole-run totals mean
# anything. Rates, means within a period and levels do not add up.
SUMMED = ("starters_permanent", "starters_agency", "leavers_permanent", "leavers_to_outside",
          "leavers_to_other_council", "leavers_to_agency", "leavers_agency", "offers_failed", "sickness_days",
          "agency_spend", "permanent_staff_cost", "staff_cost", "starters_from_pool", "agency_conversions",
          "agency_engagements_refused", "agency_leakage", "policy_cost", "total_cost")


def fieller(cost, count):
    """(ratio, low, high) of mean(cost) / mean(count), paired per replication, with
    Fieller's 95% interval; low and high are None where the count's mean change is
    within its own 95% interval of zero (the interval is then not a finite range)."""
    n = len(cost)
    mean_c, mean_n = float(np.mean(cost)), float(np.mean(count))
    covariance = np.cov(np.vstack([cost, count]), ddof=1) / n  # of the two means
    v_cc, v_cn, v_nn = covariance[0, 0], covariance[0, 1], covariance[1, 1]
    t = t975(n)
    ratio = mean_c / mean_n if mean_n != 0 else math.nan
    # (mean_c - r mean_n)^2 <= t^2 (v_cc - 2 r v_cn + r^2 v_nn): a quadratic a r^2 + b r + c <= 0.
    a = mean_n * mean_n - t * t * v_nn
    if a <= 0:
        return ratio, None, None
    b = -2 * (mean_c * mean_n - t * t * v_cn)
    c = mean_c * mean_c - t * t * v_cc
    root = math.sqrt(max(0.0, b * b - 4 * a * c))
    return ratio, (-b - root) / (2 * a), (-b + root) / (2 * a)


def _sign(text, value):
    """`text`, a figure's size, signed as `value` is, but not where it shows as 0."""
    return text if text.strip("£0.,km") == "" else ("+" if value > 0 else "−") + text


def _count_text(value, signed=False):
    text = f"{abs(value):,.1f}"
    return _sign(text, value) if signed else text


def _figure(value, signed=False, scale=None):
    """A ratio of counts to three significant figures of `scale` (its interval's
    largest end), where one decimal place hid one of 0.004 as 0.0."""
    digits = max(1, 3 - math.floor(math.log10(abs(scale)) + 1)) if scale and math.isfinite(scale) else 1
    text = f"{abs(value):,.{digits}f}"
    return _sign(text, value) if signed else text


def _summed_measure(name, measures, path):
    measure = find_name(name, measures, "measure", path)
    if measure not in SUMMED:
        raise ResultsError(f"{measure} does not add up over the months (a level, a rate or a mean within a month), "
                           f"so it has no total over the run; give one of {', '.join(SUMMED)}")
    return measure


def whole_run_totals(f, measures, rows, path):
    """Each replication's total of each of `measures` over the reported periods and the
    authority rows `rows` (one council's, or a region's councils')."""
    missing = [m for m in measures if m not in measures_in(f["series"])]
    if missing:
        raise ResultsError(f"{path} keeps no per-replication series of {' or '.join(missing)}, which pairing "
                           f"needs: run it again with --keep series={','.join(measures)} (or --keep all)")
    totals = {}
    for m in measures:
        # Over the periods first, then the rows: one council's total is its own sum.
        totals[m] = f["series"][m][:, rows, :].astype(float).sum(axis=2).sum(axis=1)
        undefined = np.flatnonzero(~np.isfinite(totals[m]))
        if undefined.size:
            raise ResultsError(f"{path}: {m} has no value in some month of replication {undefined[0]} "
                               f"({undefined.size} replication{'s' if undefined.size > 1 else ''} in all), so "
                               "its total over the run is undefined")
    return totals


def _rows(f, names, authority, path):
    """(name, rows) of what --authority names: a council, the councils' total (its
    default), or in a file of several regions (England's) a region, whose councils'
    totals add up, as the measures cost-per takes do."""
    if authority is None:
        name = total_row(names) or names[0]
        return name, [names.index(name)]
    found = match_name(authority, names, path)
    if found is not None:
        return found, [names.index(found)]
    regions = regions_of(f, names)
    regions = regions if len(regions) > 1 else {}
    region = match_name(authority, list(regions), path) if regions else None
    if region is not None and regions[region]:
        check_regions_as_run(f, path)
        rows = regions[region]
        return f"{region} ({len(rows)} council{'s' if len(rows) > 1 else ''})", rows
    if regions:
        near = nearer_region(authority, names, list(regions))
        if near:  # 'West Midland' meant the region, not the council 'Westminster'
            raise ResultsError(f"{authority!r} is neither a council nor a region of {path}: did you mean the region "
                               f"{near!r}? (a region's councils are added up)")
        try:
            find_name(authority, names, "authority", path)
        except ResultsError as err:
            raise ResultsError(f"{err}; or a region, whose councils are added up: {', '.join(regions)}") from None
    return find_name(authority, names, "authority", path), None  # raises: no such council


def cost_per_table(base_path, policy_path, cost="total_cost", per="starters_permanent", authority=None):
    """The lines cost-per prints."""
    refuse_same_path(base_path, policy_path, "BASE and POLICY", "the baseline's run and the policy's")
    keep = f"series={cost},{per}"
    with open_run(base_path, keep) as base, open_run(policy_path, keep) as policy:
        check_paired(base, policy, base_path, policy_path,
                     "Run the policy's scenario (or the baseline with --set changing the policy) on the same seed")
        names = [as_text(n) for n in base["authority"][:]]
        measures = measures_in(base["summary"])
        cost = _summed_measure(cost, measures, base_path)
        per = _summed_measure(per, measures, base_path)
        if cost == per:
            raise ResultsError(f"--cost and --per are both {cost}: give the cost and what it buys")
        row_name, rows = _rows(base, names, authority, base_path)
        before = whole_run_totals(base, (cost, per), rows, base_path)
        after = whole_run_totals(policy, (cost, per), rows, policy_path)
        differences = {m: after[m] - before[m] for m in (cost, per)}
        dates = [as_text(d) for d in base["date"][()]]
        counted = periods_counted(base.attrs, dates)
        units = {m: stored_units(base["series"][m]) for m in (cost, per)}
        n = int(base.attrs["replications"])
    if n < 2:
        raise ResultsError(f"{base_path} has {n} replication: an interval needs at least 2")
    periods = "period" if len(dates) == 1 else f"{len(dates)} periods"
    lines = [f"{policy_path} against {base_path}: {row_name}, the {periods} to {dates[-1]}, "
             f"{n:,} paired replications", "",
             "| total over the run | mean difference | 95% interval | sd |", "| --- | --- | --- | --- |"]
    for m in (cost, per):
        d = differences[m]
        half = t975(n) * d.std(ddof=1) / math.sqrt(n)
        mean, low, high = d.mean(), d.mean() - half, d.mean() + half
        if units[m] == "GBP":
            shown = _interval_money(mean, low, high)
            sd = _total_money(d.std(ddof=1))
        else:
            shown = tuple(_count_text(x, True) for x in (mean, low, high))
            sd = _count_text(d.std(ddof=1))
        lines.append(f"| {m} ({units[m]}) | {shown[0]} | {shown[1]} to {shown[2]} | {sd} |")
    ratio, low, high = fieller(differences[cost], differences[per])
    months = f"the {counted}" if len(dates) > 1 else f"the one {counted.split(' ', 1)[1]}"
    lines.append("")
    if not np.any(differences[per]):
        # More replications cannot help: a lever outside the run changes nothing.
        if np.any(differences[cost]):
            lines.append(f"{cost} per {per}: none. The policy changed {cost} but not {per} in any of the {n:,} "
                         f"paired replications: weigh the cost against a measure the policy moves")
        else:
            lines.append(f"{cost} per {per}: none. The policy did not change {per} in any of the {n:,} paired "
                         f"replications, nor {cost}: does it act within the run (wfsim validate notes a lever that "
                         "does not)?")
        return lines
    if low is None:
        lines.append(f"{cost} per {per}: no interval. The change in {per} "
                     f"({_figure(differences[per].mean(), signed=True)}) is not told apart from none at 95%, so "
                     "the ratio could be of any size or sign; run more replications, or weigh the cost against a "
                     "measure the policy moves")
        return lines
    money = units[cost] == "GBP"
    # Money per money (total_cost per agency_spend) is pounds per pound: in £k it showed
    # a ratio of 0.36 as £0.0k.
    per_pound = money and units[per] == "GBP"
    scale = max(abs(ratio), abs(low), abs(high))

    def amount(x, signed=True):
        if not money:
            return _figure(x, signed, scale)
        if per_pound:
            text = "£" + _figure(x, False, scale)
            return _sign(text, x) if signed else text
        # In £k below £1m: a ratio of £101k read "£0.10m (£0.10m to £0.11m)" in £m.
        if scale < 1e6:
            text = f"£{abs(x) / 1e3:,.1f}k"
            return _sign(text, x) if signed else text
        return _total_money(x, signed, scale)
    lines.append(f"Over {months}, the change in {cost} per change in {per}: {amount(ratio)} (95% interval "
                 f"{amount(low)} to {amount(high)}, Fieller's, from the paired replications)")
    if low < 0 < high:
        lines.append(f"The interval spans zero: whether {cost} rises or falls with {per} is not established.")
        return lines
    up = differences[cost].mean() > 0
    more = differences[per].mean() > 0
    noun = _per_noun(per, units[per])
    lines.append(f"{_named(cost)} is {amount(ratio, signed=False)} {'higher' if up else 'lower'} for each "
                 f"{noun + ' more' if more and per_pound else 'extra ' + noun if more else noun + ' fewer'} over "
                 f"the run. The ratio weighs all that the policy changes in {cost} against its change in {per}: it "
                 "does not say that one causes the other.")
    return lines


# The sentence's words for the measures a cost is most often weighed with or against:
# "total_cost is £100.4k higher for each extra starters_permanent" read as code.
_NOUNS = {"starters_permanent": "permanent starter", "leavers_permanent": "permanent leaver",
          "starters_agency": "agency worker starting", "leavers_agency": "agency worker leaving",
          "starters_from_pool": "starter from the pool", "agency_conversions": "agency worker converted",
          "leavers_to_agency": "leaver to agency work", "leavers_to_other_council": "leaver to another council",
          "leavers_to_outside": "leaver out of the councils", "permanent_headcount": "permanent worker in post",
          "agency_headcount": "agency worker in post", "offers_failed": "failed offer",
          "agency_engagements_refused": "engagement a rule refused", "agency_leakage": "engagement leaked outside"}
_NAMES = {"total_cost": "The total cost", "staff_cost": "The staff cost", "agency_spend": "Agency spend",
          "permanent_staff_cost": "The permanent staff cost", "policy_cost": "The policies' cost"}
_SINGULAR = {"workers": "worker", "posts": "post", "bookings": "booking", "engagements": "engagement",
             "offers": "offer", "recruitments": "recruitment", "days": "day", "cases per worker": "case per worker"}


def _per_noun(measure, units):
    """`measure` as a noun after "for each extra": its plain words where it has them,
    else one of its units in it ("day of time_to_fill"), "£1 of" it for money."""
    if units == "GBP":
        return f"£1 of {measure}"
    if measure in _NOUNS:
        return _NOUNS[measure]
    unit = _SINGULAR.get(units, f"unit ({units})" if units else "unit")
    return f"{unit} of {measure}"


def _named(measure):
    """A cost measure as a sentence's subject, its name where it has no plain words."""
    return _NAMES.get(measure, measure)
