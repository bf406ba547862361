"""What a wfsim file's root attributes and datasets must be for its kind, checked as it
is opened, so that a damaged or hand-edited file is refused in one line, as `wfsim
info` refuses it, rather than read.

Unchecked, a comparison whose summaries had lost a dimension ended `export` and `plot`
with a traceback, and a comparison whose date list had been cut was exported with a
quarter of its rows and exit 0 (a robustness test over 170 altered files). The checks
are of shapes and types, a few dozen attributes and dataset headers, and of the time
axis's values (a few hundred days, which every chart labels): no measure is read.

What every file of a kind holds (its labels and groups, a comparison's or sweep's
difference of each measure it summarises, each variant's scenario) is checked by
check_complete, once a reader knows the file is of a kind it reads (so that a file of
another kind is said to be that), naming what is missing; an attribute or an optional
group it lacks is left to the reader that needs it, which names it.
"""

import datetime
import re

import h5py

from .results import ResultsError, _plain, as_text, measures_in


def _length(f, name, problems):
    """The length of a 1-D label dataset; None where the file lacks it, or (with a
    problem) where it is not 1-D."""
    if name not in f:
        return None
    item = f[name]
    if not isinstance(item, h5py.Dataset) or len(item.shape) != 1:
        problems.append(f"its {name} is not a list")
        return None
    return item.shape[0]


def _whole(f, key, least, problems):
    if key not in f.attrs:
        return
    value = _plain(f.attrs.get(key))
    if type(value) is not int or value < least:
        problems.append(f"its attribute {key} is {value!r}, not a whole number of at least {least}")


def _shapes(f, group, expected, problems, measures=None):
    """Each measure of `group` (or those named) has the shape `expected`, where the file
    has the group and every length in `expected` is known."""
    if None in expected or group not in f or not isinstance(f[group], h5py.Group):
        return
    for name in measures if measures is not None else measures_in(f[group]):
        shape = f[group][name].shape
        if shape != expected:
            problems.append(f"the shape of {group}/{name}, {shape}, does not match its dimensions {expected}")
        # Its header's type, not its values: text there ended every export with a
        # TypeError (an analysis audit).
        elif f[group][name].dtype.kind not in "fiu":
            problems.append(f"{group}/{name} holds {f[group][name].dtype}, not numbers")
        # Its units shown as read: an integer 5 in them was written to the bands as "5".
        if "units" in f[group][name].attrs and not isinstance(_plain(f[group][name].attrs["units"]), str):
            problems.append(f"the units of {group}/{name} are {_plain(f[group][name].attrs['units'])!r}, not text")


def _results(f, problems, T, A, S):
    _whole(f, "replications", 1, problems)
    # The name titles every chart and page: the one label a run file cannot be read without.
    if "scenario_name" not in f.attrs:
        problems.append("its attribute scenario_name is missing")
    for key in ("scenario_name", "engine_version"):
        if key in f.attrs and not isinstance(_plain(f.attrs.get(key)), str):
            problems.append(f"its attribute {key} is not text")
    replications = _plain(f.attrs.get("replications"))
    _shapes(f, "summary", (S, A, T), problems)
    if "series" in f and isinstance(f["series"], h5py.Group) and type(replications) is int:
        _shapes(f, "series", (replications, A, T), problems)
    if "rules" in f and isinstance(f["rules"], h5py.Group):
        rules = _length(f, "rule", problems)
        kept = [n for n in ("refused_summary",) if n in f["rules"]]
        _shapes(f, "rules", (S, rules, T), problems, kept)
        if "refused" in f["rules"] and type(replications) is int:
            _shapes(f, "rules", (replications, rules, T), problems, ["refused"])
    if "flows" in f and isinstance(f["flows"], h5py.Group) and "mean" in f["flows"]:
        categories = _length(f, "flow_category", problems)
        _shapes(f, "flows", (categories, categories, T), problems, ["mean"])


def _leading(f, problems, variants, sweep):
    """The variant dimensions: one of the variants, or, in a sweep file (`sweep`, as its
    format says, not as its groups suggest: a sweep's groups under a comparison's
    format passed and then failed deep in a chart, an audit), one per swept key (in the
    order the keys were given, which the summaries' shapes hold)."""
    if not sweep:
        return (variants,)
    if "sweep" not in f or not isinstance(f["sweep"], h5py.Group):
        problems.append("it is a sweep file without its /sweep group of swept values")
        return (variants,)
    swept = sorted(f["sweep"][name].shape[0] for name in f["sweep"] if isinstance(f["sweep"][name], h5py.Dataset))
    first = next(iter(measures_in(f["summary"])), None) if "summary" in f else None
    lead = tuple(f["summary"][first].shape[:len(swept)]) if first else ()
    product = 1
    for n in lead:
        product *= n
    if sorted(lead) != swept or product != variants:
        problems.append(f"its swept values ({swept}) do not match its {variants} points")
    return lead


def _paired(f, problems, T, A, S, sweep):
    _whole(f, "replications", 1, problems)
    variants = _length(f, "variant", problems)
    differences = _length(f, "difference_statistic", problems)
    if variants is None:
        return
    lead = _leading(f, problems, variants, sweep)
    _shapes(f, "summary", lead + (S, A, T), problems)
    _shapes(f, "difference", lead + (differences, A, T), problems)
    # Files from before totals were written have none; wfsim info reads them too.
    if "total_summary" in f:
        _shapes(f, "total_summary", lead + (S, A), problems)
    if "total_difference" in f:
        _shapes(f, "total_difference", lead + (differences, A), problems)


# The days wfsim's periods can end on: its years run from 1900 to 2200.
_FIRST_DAY, _LAST_DAY = -25567, 84370  # 1900-01-01 and 2200-12-31, in days since 1970-01-01


def _check_days(time, problems):
    """The periods' end days: whole numbers within wfsim's years, each after the last
    (a day of 10^9 ended plot with a traceback on a year of seven digits)."""
    days = time[()]
    if days.dtype.kind not in "iu":
        problems.append(f"its time is of {days.dtype}, not whole days")
        return
    if days.min() < _FIRST_DAY or days.max() > _LAST_DAY or (len(days) > 1 and (days[1:] <= days[:-1]).any()):
        problems.append("its time holds days outside wfsim's years (1900 to 2200) or out of order")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _check_dates(f, problems):
    """Each period's date is its end day, as YYYY-MM-DD: the workbook reads the dates,
    the charts the days, and a date that was no date ended export with a traceback (an
    audit)."""
    epoch = datetime.date(1970, 1, 1)
    try:
        texts = [as_text(d) for d in f["date"][()]]
        # fromisoformat takes 20160131 and 2016-W05-7 too, which the CSVs would write as they are.
        if not all(_ISO_DATE.fullmatch(t) for t in texts):
            raise ValueError
        dates = [datetime.date.fromisoformat(t) for t in texts]
    except (ValueError, TypeError):
        problems.append("its dates are not all dates (YYYY-MM-DD)")
        return
    if any((d - epoch).days != int(t) for d, t in zip(dates, f["time"][()])):
        problems.append("its dates are not the days its time holds")


# What every file of a kind holds: a reader that needs one it lacks once failed deep
# in HDF5 ("Unable to open object", said as damage), and export wrote a workbook of a
# run file without its /time that plot and report refused. "date" too, though a chart
# reads "time": a file without it is not one wfsim wrote whole, as `wfsim info` (which
# reads it) says.
_LABELS = ("time", "date", "authority", "statistic", "summary", "scenario")
_REQUIRED = {"wfsim-results": _LABELS + ("series",),
             "wfsim-comparison": _LABELS + ("variant", "difference_statistic", "difference"),
             "wfsim-sweep": _LABELS + ("variant", "difference_statistic", "difference")}


def _missing(f, kind):
    """What a file of `kind` lacks of what every one holds: its labels and groups, a
    comparison's or sweep's difference and total over the run of each measure it
    summarises, and each variant's scenario."""
    missing = [name for name in _REQUIRED[kind] if name not in f]
    if kind == "wfsim-results" or missing:
        return missing
    pairs = [("summary", "difference")] + ([("total_summary", "total_difference")] if "total_summary" in f else [])
    for given, paired in pairs:
        if isinstance(f[given], h5py.Group):
            if paired not in f:
                missing.append(paired)
                continue
            missing += [f"{paired}/{name}" for name in measures_in(f[given]) if name not in f[paired]]
    variants = f["variant"].shape[0] if isinstance(f["variant"], h5py.Dataset) and f["variant"].ndim == 1 else 0
    if isinstance(f["scenario"], h5py.Group):
        missing += [f"scenario/{v}" for v in range(variants) if str(v) not in f["scenario"]]
    return missing


def check_layout(f, path):
    """ResultsError, naming the first problem, where an open wfsim file's attributes or
    datasets do not have the types and shapes its kind is written with. A file not of
    wfsim's formats is left to the caller."""
    kind = as_text(f.attrs.get("format", ""))
    if kind not in ("wfsim-results", "wfsim-comparison", "wfsim-sweep"):
        return
    problems = []
    _whole(f, "seed", 0, problems)
    T, A, S = (_length(f, name, problems) for name in ("time", "authority", "statistic"))
    dates = _length(f, "date", problems)
    if None not in (dates, T) and dates != T:
        problems.append(f"its {dates} dates do not match its {T} periods")
    if T:
        _check_days(f["time"], problems)
        if dates == T and not problems:
            _check_dates(f, problems)
    if kind == "wfsim-results":
        _results(f, problems, T, A, S)
    else:
        _paired(f, problems, T, A, S, sweep=kind == "wfsim-sweep")
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ResultsError(f"{path} is damaged or not as wfsim writes it: {problems[0]}{more}")


def check_complete(f, path):
    """ResultsError, naming what is missing, where an open wfsim file lacks what every
    file of its kind holds (_missing). Called by the readers that take any kind
    (files.kind_of) and by Results, once the kind is one they read: a file of another
    kind is said to be that first. A file not of wfsim's formats is left to the caller."""
    kind = as_text(f.attrs.get("format", ""))
    if kind not in _REQUIRED:
        return
    missing = _missing(f, kind)
    if missing:
        raise ResultsError(f"{path} is an incomplete wfsim {kind.split('-')[1]} file (missing: {', '.join(missing)})")
