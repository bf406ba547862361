"""CSV and Excel from any wfsim file: results, comparisons and sweeps.

Long CSV (the default): one row per measure, (variant,) authority, date and
statistic, with the value as stored: the shape Excel pivots and R's read.csv take
as they are. A comparison's or sweep's totals over the run, for the measures that
add up, follow each measure's months with the date "whole run". With series=True, each replication's values are added with statistic
"replication <k>", for the measures whose series the file keeps (wfsim run --keep).

Bands CSV (bands=True): one row per measure and date, and for each variant (and
authority) its 5th percentile, median and 95th percentile, and for a policy its
paired difference from the baseline (a sweep's first point) with the 95% interval:
shares in %, money in GBP per month, each measure rounded to one digit finer than its
standard error; then
the totals over the run, as a row dated "whole run", where the file has them.

Excel: workbook_export.py, from the same helpers.
"""

import csv
import itertools
import math
import re

import h5py
import numpy as np
import yaml

from .assumptions import swept_keys
from .files import bands as read_bands
from .files import Band, Column, kind_of
from .period_lengths import days_counted, partial_periods
from .results import Results, ResultsError, as_text, measures_in, stored_units, total_row

EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384  # XFD
# The "date" of a comparison's or sweep's totals over all the reported periods.
WHOLE_RUN = "whole run"


# Money per filled post, stored as "GBP" as every cost is: said "GBP per month" beside
# the costs it divides (an export audit).
PER_POST = {"cost_per_filled_post": "GBP per filled post per month"}


def _unit_label(units, measure=""):
    """The unit as the bands give it (shares in %)."""
    return PER_POST.get(measure) or {"fraction": "%", "GBP": "GBP per month"}.get(units, units)


def _long_unit(units, measure=""):
    """The unit of a stored value, said in full: money is per reporting period (a month)."""
    return PER_POST.get(measure) or {"fraction": "fraction (0 to 1)", "GBP": "GBP per month"}.get(units, units)


def _units_by_date(label, attrs, dates):
    """{date: unit} for the periods that are not whole months, where `label` is money
    a month: "GBP in the period's 16 days". Their money was labelled "GBP per month"
    beside whole months' with no word (an audit of the exports)."""
    if label.startswith("GBP per month"):
        money = "GBP"
    elif label == PER_POST["cost_per_filled_post"]:
        money = "GBP per filled post"
    else:
        return {}
    return {end: f"{money} in the period's {days_counted(days)}" for end, days, _ in partial_periods(attrs, dates)}


def _total_unit(units):
    """The unit of a total over the run: money is no longer per month."""
    return {"GBP": "GBP over the run"}.get(units, units)


def _display_scale(units):
    return 100.0 if units == "fraction" else 1.0


def _finest(units):
    """The most decimal places a measure is written to, however precise the run: money
    to the penny (an agency rate the same in every replication was written 40.00000000),
    anything else to 4 places."""
    return 2 if units in ("GBP", "GBP per hour") else 4


def _monthly(column):
    return column.values


def _whole_run(column):
    return np.atleast_1d(column.total)


def _decimals(band, replications, values_of=_monthly):
    """Decimal places one digit finer than the standard error of a mean across the run
    (sd / sqrt(n)), with sd taken from the 5-95% band's width (about 3.3 sd): of the
    months' values, or with `_whole_run` of the total over the run, whose standard
    error is its own (a total known to £208k was written to the £1k of the months)."""
    p5 = [values_of(c) for c in band.columns if c.statistic == "p5"]
    p95 = [values_of(c) for c in band.columns if c.statistic == "p95"]
    widths = np.abs(np.concatenate(p95) - np.concatenate(p5)) if p5 else np.array([np.nan])
    with np.errstate(all="ignore"):
        sd = np.nanmedian(widths) / 3.3 if np.any(np.isfinite(widths)) else float("nan")
    se = sd / math.sqrt(max(1, replications)) * _display_scale(band.units)
    if not np.isfinite(se) or se <= 0:
        return min(2, _finest(band.units))
    # Negative: tens, hundreds... (agency spend with a standard error of £2k is shown
    # to the £100; it was shown to the pound, a precision the run does not have).
    return int(min(_finest(band.units), max(-6, -math.floor(math.log10(se)) + 1)))


def _difference_decimals(band, values_of=_monthly):
    """Decimal places one digit finer than the standard error of a paired difference,
    from its 95% interval (about 3.9 standard errors wide), or None where the band has
    none. A paired difference is far more precise than the levels: rounded as they are,
    a difference of -143 (-675 to +389) was written -1000... as 0, -1000, 0."""
    low = [values_of(c) for c in band.columns if c.statistic == "difference_low"]
    high = [values_of(c) for c in band.columns if c.statistic == "difference_high"]
    if not low:
        return None
    widths = np.abs(np.concatenate(high) - np.concatenate(low))
    widths = widths[np.isfinite(widths) & (widths > 0)]
    if not widths.size:
        return min(2, _finest(band.units))
    se = float(np.median(widths)) / 3.92 * _display_scale(band.units)
    return int(min(_finest(band.units), max(-6, -math.floor(math.log10(se)) + 1)))


def _digits_by_column(band, levels, values_of=_monthly, row=None):
    """Each column's decimal places: the levels' `levels`, and each variant's difference
    (its mean and interval, three columns side by side) its own, from its own interval.
    One place for every variant's differences rounded a lever's exact cost (GBP 80,027,
    the same in every replication) to the GBP 1,000 of another variant's. With `row`,
    a difference's places are those of that date's own interval: the months' typical
    interval, far wider than a first month's, wrote its difference of -70 (-192 to +52)
    as 0, 0, 0, which reads as exactly no change (an audit of the exports)."""
    digits = [levels] * len(band.columns)
    for i, c in enumerate(band.columns):
        if c.statistic == "difference":
            triple = band.columns[i:i + 3]
            if row is not None:
                triple = [Column(t.header, t.values[row:row + 1], t.statistic) for t in triple]
            own = Band(band.measure, band.units, band.description, triple)
            digits[i:i + 3] = [_difference_decimals(own, values_of)] * 3
    return digits


def _rounded(x, digits):
    """x as text, to `digits` decimal places, or for negative `digits` to the nearest
    10^-digits, written as a whole number; never "-0" (adding 0.0 turns -0.0 into 0.0)."""
    return f"{round(float(x), digits) + 0.0:.{max(0, digits)}f}"


def _per_replication(path):
    """What a results file keeps of each replication: (whether any measure's series,
    whether the rules' refusals, whether the drawn inputs), and the --keep it was run
    with."""
    with Results(path) as results:
        kept = bool(results.kept_series)
        keep = str(results.metadata.get("kept_series", "")) or "summaries"
    with h5py.File(path, "r") as f:
        refusals = "rules" in f and "refused" in f["rules"]
        drawn = "inputs" in f and "values" in f["inputs"]
    return (kept, refusals, drawn), keep


def _check_keeps_series(path):
    """Raises ResultsError if the results file keeps no replication's series, of a
    measure or of the rules' refusals, nor the inputs each replication drew: an export
    asked for them would otherwise be the summaries alone, without a word. A --keep
    summaries file keeps the drawn inputs, which --series exports on their own (it
    once refused them, so they could not be exported at all: a review)."""
    kept, keep = _per_replication(path)
    if not any(kept):
        raise ResultsError(f"--series: {path} keeps no replication's series (it was run with --keep {keep}); run it "
                           "again with --keep standard, --keep all or --keep series=NAME,..., or export without "
                           "--series")


def keeps_only_drawn_inputs(path):
    """Whether a results file keeps no replication's series but each replication's drawn
    inputs (a --keep summaries run of a scenario with uncertain inputs): what --series
    then adds is the inputs alone, which the command says (a review)."""
    (series, refusals, drawn), _ = _per_replication(path)
    return drawn and not series and not refusals


def _drawn_inputs(path):
    """Each replication's drawn value of each uncertain input: (their key paths, an
    (R, I) array), or None for a scenario without them. With --series, so that each
    replication's results can be set beside what it drew (an export audit: they were
    in neither the CSV nor the workbook)."""
    with h5py.File(path, "r") as f:
        if "inputs/values" not in f:
            return None
        return [as_text(p) for p in f["inputs/input"][()]], f["inputs/values"][()]


def export_csv(path, out_path, series=False, bands=False):
    """Write the CSV; returns the number of data rows written."""
    kind = kind_of(path)
    if series and bands:
        raise ResultsError("--series and --bands: give one; the bands form has a row per date and no "
                           "replications (an Excel workbook, -o OUT.xlsx, takes both)")
    if series and kind != "results":
        raise ResultsError("--series applies to results files; comparisons and sweeps keep no series")
    if series:
        _check_keeps_series(path)
    if bands:
        return _export_bands_csv(path, out_path)
    if kind != "results":
        return _export_variants_csv(path, out_path)
    rows = 0
    with Results(path) as results, open(out_path, "w", newline="", encoding="utf-8") as out:
        writer = _TextSafeWriter(out)
        writer.writerow(["measure", "units", "authority", "date", "statistic", "value"])
        dates = [str(d) for d in results.dates]
        for measure in results.measures:
            units = _long_unit(results.units(measure), measure)
            unit_on = _units_by_date(units, results.metadata, dates)
            summary = results.summary(measure)  # (S, A, T)
            for s, statistic in enumerate(results.statistics):
                for a, authority in enumerate(results.authorities):
                    for t, date in enumerate(dates):
                        # n counts replications, in the measure's units no more.
                        writer.writerow([measure, "replications" if statistic == "n" else unit_on.get(date, units),
                                         authority, date, statistic, _value(summary[s, a, t])])
                        rows += 1
            if series and measure in results.kept_series:
                values = results.series(measure)  # (R, A, T)
                for r in range(values.shape[0]):
                    for a, authority in enumerate(results.authorities):
                        for t, date in enumerate(dates):
                            writer.writerow([measure, unit_on.get(date, units), authority, date, f"replication {r}",
                                             _value(values[r, a, t])])
                            rows += 1
        rows += _write_rule_refusals(path, writer, dates, results.statistics, series)
        drawn = _drawn_inputs(path) if series else None
        if drawn:
            for i, key in enumerate(drawn[0]):
                for r in range(drawn[1].shape[0]):
                    writer.writerow([f"input: {key}", "the key's own units", "", "", f"replication {r}",
                                     _value(drawn[1][r, i])])
                    rows += 1
    return rows


def _write_rule_refusals(path, writer, dates, statistics, series):
    """Each agency rule's refusals, as rows of the measure 'refused: RULE NAME' of the
    file's total row ('Region', or 'All councils' over several regions; a rule's
    refusals are counted over every council): their statistics, and with `series` each
    replication's, where the file keeps them. Named as the total row is, so that a
    pivot by authority puts them in its column, not one of their own."""
    with h5py.File(path, "r") as f:
        if "rules" not in f or "rule" not in f or "refused_summary" not in f["rules"]:
            return 0
        authorities = [as_text(a) for a in f["authority"][()]]
        everyone = total_row(authorities) or (authorities[0] if len(authorities) == 1 else "all councils")
        names = [as_text(n) for n in f["rule"][()]]
        units = _long_unit(stored_units(f["rules/refused_summary"]))
        rows = 0
        parts = [(f["rules/refused_summary"][()], statistics)]
        if series and "refused" in f["rules"]:
            refused = f["rules/refused"][()]
            parts.append((refused, [f"replication {r}" for r in range(refused.shape[0])]))
        for k, name in enumerate(names):
            for values, labels in parts:  # (S or R, K, T)
                for i, label in enumerate(labels):
                    for t, date in enumerate(dates):
                        writer.writerow([f"refused: {name}", "replications" if label == "n" else units, everyone,
                                         date, label, _value(values[i, k, t])])
                        rows += 1
        return rows


def _swept_columns(f):
    """A sweep's swept keys as columns of the long CSV: (their key paths, each point's
    values as given, in grid order, the first key slowest); ([], [()...]) for a
    comparison. The values were only inside the `variant` label, which a plotting tool
    had to take apart (an export audit)."""
    if "sweep" not in f:
        return [], itertools.repeat(())
    keys = swept_keys(f)
    return [key for _, key, _ in keys], list(itertools.product(*[values for _, _, values in keys]))


def _export_variants_csv(path, out_path):
    """Long form of a comparison or sweep: summaries and paired differences; a sweep's
    swept keys each a column, after the variant's label."""
    rows = 0
    with h5py.File(path, "r") as f, open(out_path, "w", newline="", encoding="utf-8") as out:
        writer = _TextSafeWriter(out)
        swept, points = _swept_columns(f)
        writer.writerow(["measure", "units", "variant"] + swept + ["authority", "date", "statistic", "value"])
        variants = [as_text(v) for v in f["variant"][()]]
        point_of = [list(p) for p, _ in zip(points, variants)]
        authorities = [as_text(a) for a in f["authority"][()]]
        dates = [as_text(d) for d in f["date"][()]]
        groups = (("summary", [as_text(s) for s in f["statistic"][()]], ""),
                  ("difference", [as_text(s) for s in f["difference_statistic"][()]], "difference "))
        totals = measures_in(f["total_summary"]) if "total_summary" in f else []
        for measure in measures_in(f["summary"]):
            as_stored = stored_units(f["summary"][measure])
            units = _long_unit(as_stored, measure)
            unit_on = _units_by_date(units, f.attrs, dates)
            for group, statistics, prefix in groups:
                data = f[group][measure][()]
                data = data.reshape((-1,) + data.shape[-3:])
                for v, variant in enumerate(variants):
                    for s, statistic in enumerate(statistics):
                        for a, authority in enumerate(authorities):
                            for t, date in enumerate(dates):
                                # A difference's n counts replications, in the measure's units no more.
                                writer.writerow([measure, "replications" if statistic == "n" else
                                                 unit_on.get(date, units), variant] + point_of[v] +
                                                [authority, date, prefix + statistic, _value(data[v, s, a, t])])
                                rows += 1
            if measure not in totals:
                continue
            # The totals over the run, as one more "date": WHOLE_RUN.
            for group, statistics, prefix in groups:
                data = f["total_" + group][measure][()]
                data = data.reshape((-1,) + data.shape[-2:])
                for v, variant in enumerate(variants):
                    for s, statistic in enumerate(statistics):
                        for a, authority in enumerate(authorities):
                            writer.writerow([measure, "replications" if statistic == "n" else _total_unit(as_stored),
                                             variant] + point_of[v] + [authority, WHOLE_RUN, prefix + statistic,
                                                                       _value(data[v, s, a])])
                            rows += 1
    return rows


def _export_bands_csv(path, out_path):
    table = read_bands(path)
    replications = int(table.attributes.get("replications", 1))
    rows = 0
    with open(out_path, "w", newline="", encoding="utf-8") as out:
        writer = _TextSafeWriter(out)
        writer.writerow(["measure", "units", "date"] + [c.header for c in table.measures[0].columns])
        for band in table.measures:
            scale = _display_scale(band.units)
            levels = _decimals(band, replications)
            # A share's difference is in percentage points, not %, as the workbook's headers say.
            unit = _unit_label(band.units, band.measure)
            if band.units == "fraction" and any(c.statistic.startswith("difference") for c in band.columns):
                unit = "% (differences in percentage points)"
            unit_on = _units_by_date(unit, table.attributes, table.dates)
            for t, date in enumerate(table.dates):
                cells = []
                for c, d in zip(band.columns, _digits_by_column(band, levels, row=t)):
                    x = c.values[t] * scale
                    cells.append("" if np.isnan(x) else _rounded(x, d))
                writer.writerow([band.measure, unit_on.get(date, unit), date] + cells)
                rows += 1
            if band.has_total:
                digits = _digits_by_column(band, _decimals(band, replications, _whole_run), _whole_run)
                cells = ["" if np.isnan(c.total) else _rounded(c.total * scale, d) for c, d in zip(band.columns, digits)]
                writer.writerow([band.measure, _total_unit(band.units), WHOLE_RUN] + cells)
                rows += 1
    return rows


def _scenario_name(text):
    """A scenario's `name`, or "" if its text does not say."""
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        return ""
    return str(loaded.get("name", "")) if isinstance(loaded, dict) else ""


# Excel and LibreOffice read a cell starting with one of these as a formula, in a CSV
# file as in a workbook: a council or variant named "=1+2 Policy" would be worked out,
# or break the workbook, and its name would be lost. Text stays text: in CSV behind the
# usual leading apostrophe (which Excel hides), in a workbook as a string cell.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
# What a spreadsheet reads as a number ('-inf' or '-1_0', which float() takes, it reads
# as a formula); a name already starting with an apostrophe keeps it behind the guard's.
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)  # "-٣" is no number to Excel


def _is_number(text):
    return _NUMBER.fullmatch(text) is not None


def _as_text(cell):
    """A CSV cell that no spreadsheet takes for a formula; numbers (-0.5) as they are."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS) and not _is_number(cell):
        return "'" + cell
    return cell


class _TextSafeWriter:
    """csv.writer whose text cells are never read as formulas (_as_text)."""

    def __init__(self, out):
        self._writer = csv.writer(out)

    def writerow(self, row):
        self._writer.writerow([_as_text(cell) for cell in row])


def _value(x):
    """Empty for undefined values (NaN), which Excel and R read as missing; counts as integers."""
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    return "" if np.isnan(x) else repr(float(x))
