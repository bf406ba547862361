"""One way into every kind of wfsim file: results (`wfsim run`), comparisons
(`wfsim compare`) and sweeps (`wfsim sweep`).

- `kind_of(path)` says which it is (or raises ResultsError).
- `open(path, group="summary")` gives an `xarray.Dataset` with labelled coordinates
  (dates as datetime64, authorities, statistics, variants or swept values), through
  xarray's h5netcdf engine where installed, else netcdf4; `to_dataframe` the same as
  a pandas DataFrame. These need Debian's python3-xarray and python3-pandas (and
  python3-h5netcdf or python3-netcdf4).
- `bands(path)` gives, for each measure, the table analysts paste into a paper: one
  row per date, and for each variant (and authority) the 5th percentile, median and
  95th percentile across replications, and for a policy its paired difference from
  the baseline with its 95% interval; for a comparison or sweep, the same over the
  whole run for the measures that add up (`/total_summary`, `/total_difference`). The
  CSV and Excel exports are built from it.
"""

import importlib.util
import pathlib
from dataclasses import dataclass, field

import h5py
import numpy as np

from .damaged_input import damaged_message, from_damage
from .layout import check_complete
from .results import (ResultsError, as_text, check_series_kept, find_name, match_name, measures_in, open_file,
                      position, series_kept_elsewhere, stored_units)

KINDS = {"wfsim-results": "results", "wfsim-comparison": "comparison", "wfsim-sweep": "sweep"}


def kind_of(path):
    """"results", "comparison" or "sweep"."""
    path = pathlib.Path(path)
    with open_file(path) as f:
        fmt = as_text(f.attrs.get("format", ""))
        if fmt not in KINDS:
            raise ResultsError(f"{path} is not a wfsim results, comparison or sweep file (its format is "
                               f"{fmt or 'not given'})")
        # What every file of its kind holds, by name: an export of a run file without
        # its /time was written where plot refused it, and a comparison without its
        # /variant was said to be damaged.
        check_complete(f, path)
    return KINDS[fmt]


def _engine():
    for engine, module in (("h5netcdf", "h5netcdf"), ("netcdf4", "netCDF4")):
        if importlib.util.find_spec(module) is not None:
            return engine
    raise ResultsError("opening with xarray needs python3-h5netcdf or python3-netcdf4 (Debian packages)")


# The groups of measures open() reads; the file's others (the scenarios a variant
# extends, a sweep's swept values) are not tables of measures.
GROUPS = ("summary", "series", "flows", "inputs", "rules", "difference", "total_summary", "total_difference")


def _check_group(path, group):
    """ResultsError unless `group` holds measures that can be read: a group the file
    lacks, one with nothing in it (the series of a --keep summaries file) and a damaged
    measure (which xarray's readers fail on deep inside, or skip) are each said plainly."""
    with open_file(path) as f:
        if group not in f or not isinstance(f[group], h5py.Group):
            groups = [name for name in f if f.get(name, getclass=True) is h5py.Group]
            raise ResultsError(f"{path} has no group {group!r} (its groups: {', '.join(groups)})")
        if group not in GROUPS:
            readable = [name for name in GROUPS if name in f]
            raise ResultsError(f"{path}'s group {group!r} holds no measures open() reads: give one of "
                               f"{', '.join(readable)}")
        try:
            names = measures_in(f[group])
        except Exception as err:
            if from_damage(err):
                raise ResultsError(damaged_message([path], err)) from None
            raise
        if not names:
            kept = as_text(f.attrs.get("kept_series", ""))
            why = f" (it was run with --keep {kept})" if group == "series" and kept else ""
            raise ResultsError(f"{path}'s group {group!r} holds no measures{why}")
        return names


def open(path, group="summary", engine=None):  # noqa: A001 - the name analysts expect
    """The file's `group` as an xarray.Dataset, with the file's root attributes.

    path: a results, comparison or sweep file written by wfsim.
    group: "summary" (the default: statistics by authority and date), "series" (each
        replication, where the run kept them), "flows", "inputs" (each replication's
        drawn uncertain inputs), "rules" (refusals), or for a comparison or sweep
        "difference", "total_summary", "total_difference" (a sweep's swept values are
        coordinates of each of these).
    engine: xarray's engine, "h5netcdf" (the default where installed) or "netcdf4".

    Dates are datetime64; measures in days stay numbers of days (decode_timedelta is
    off); a sweep's numeric values are numbers, their text in `as_given`. Raises
    ResultsError, saying what is wrong, for a file that is not wfsim's, a group it
    lacks or holds nothing in (a --keep summaries file's series), a damaged measure or
    one without its units, or a missing xarray or engine.
    """
    return _open(path, group, engine)[0]


def _open(path, group, engine):
    """open()'s Dataset, and the names of the group's measures."""
    kind_of(path)
    names = _check_group(path, group)
    if importlib.util.find_spec("xarray") is None:
        raise ResultsError("opening with xarray needs python3-xarray (Debian package)")
    import xarray

    # Measures in "days" stay numbers of days: decoded, they would become timedeltas
    # (and NaN, an undefined mean, a NaT).
    # A measure without its units is refused here too, as by every other reader: it came
    # back without them, to be shown unscaled and unlabelled (a review). Asked before
    # xarray opens the file. The drawn inputs are each in its key's own units, which
    # their description gives.
    if group != "inputs":
        with h5py.File(path, "r") as f:
            for name in names:
                stored_units(f[group][name])
    dataset = xarray.open_dataset(path, engine=engine or _engine(), group=group, decode_timedelta=False)
    with h5py.File(path, "r") as f:
        dataset.attrs.update({k: as_text(v) if isinstance(v, bytes) else v for k, v in f.attrs.items()})
    return _numeric_sweep_values(dataset), names


def _numeric_sweep_values(dataset):
    """A swept key's values are stored as given, as text ("36", "0.15"); where every
    value of a key is a number, the coordinate holds the numbers, so that
    ds.sel(applicants_per_year=36) and plotting against it work. The text stays in the
    coordinate's `as_given` attribute."""
    for name in list(dataset.coords):
        coordinate = dataset.coords[name]
        if "key" not in coordinate.attrs or coordinate.dtype.kind not in "OSU":
            continue
        given = [as_text(v) for v in coordinate.values]
        try:
            numbers = np.array([float(v) for v in given])
        except ValueError:
            continue  # a text value (a distribution, a name): keep them all as text
        if not np.all(np.isfinite(numbers)):
            continue
        attrs = dict(coordinate.attrs, as_given=given)
        dataset = dataset.assign_coords({name: (coordinate.dims, numbers, attrs)})
    return dataset


def to_dataframe(path, group="summary", measures=None, engine=None):
    """The group's measures as a pandas DataFrame, one row per coordinate combination
    (statistic, authority and date for the summary), one column per measure.

    measures: the measures to keep (any case; a misspelt one raises ResultsError with
    the nearest names), or one measure's name; None keeps them all. path, group and engine are as open()'s.
    """
    if isinstance(measures, str):  # one name, not its letters ("no measure 'a'")
        measures = [measures]
    if measures is not None:
        measures = list(measures)  # a generator, as before
    if measures is not None and not measures:
        raise ResultsError("to_dataframe: measures=[] keeps no measure; give at least one, or None for all")
    dataset, names = _open(path, group, engine)
    if measures is not None and group == "series":
        # A measure the file has but keeps no series of is said so, not "no measure".
        with open_file(path) as f:
            summaries, elsewhere = measures_in(f["summary"]), series_kept_elsewhere(f)
        for measure in measures:
            check_series_kept(measure, summaries, names, elsewhere, path)
    if measures is not None:
        dataset = dataset[[find_name(m, names, "measure", path) for m in measures]]
    return dataset.to_dataframe()


@dataclass
class Column:
    header: str           # "Policy: NQSW programme, median"
    values: np.ndarray    # one value per date
    statistic: str        # p5, median, p95, difference, difference_low, difference_high
    total: float = None   # the same over the whole run; None if the file has no total for it


@dataclass
class Band:
    measure: str
    units: str            # as the file gives them: fraction, GBP, posts, ...
    description: str
    columns: list = field(default_factory=list)

    @property
    def has_total(self):
        return bool(self.columns) and self.columns[0].total is not None


@dataclass
class Bands:
    kind: str
    dates: list
    attributes: dict
    scenarios: list       # (label, scenario text) for each variant, or the run's one
    measures: list        # of Band

    def __getitem__(self, measure):
        """The Band of `measure` by name, in any case as every other lookup of the
        package: `bands(path)["agency_share"]`, as the README reads it (an analysis
        walkthrough found no lookup by name)."""
        names = [band.measure for band in self.measures]
        try:
            found = match_name(measure, names)
        except ResultsError as err:  # two names that differ only in case
            raise KeyError(str(err)) from None
        if found is None:
            raise KeyError(f"no measure {measure!r} in these bands; they hold: " + ", ".join(names))
        return self.measures[names.index(found)]

    def __contains__(self, measure):
        """Whether `measure` names one Band, in any case (as __getitem__ finds it)."""
        try:
            self[measure]
        except KeyError:
            return False
        return True

    def __iter__(self):
        """The Bands, measure by measure (without it, Python iterated by index through
        __getitem__, and failed at 0)."""
        return iter(self.measures)


def _strings(dataset):
    return [as_text(v) for v in dataset[()]]


def bands(path):
    """Every measure's bands, as the exports write them: a Bands whose `measures` hold,
    for each measure, a Band of Columns (the 5th percentile, median and 95th
    percentile of each variant or authority, and a policy's paired difference with its
    95% interval), one value per date in `dates`, and the whole run's figure in
    `total` where the measure adds up. Raises ResultsError for a file that is not
    wfsim's or is damaged."""
    kind = kind_of(path)
    with h5py.File(path, "r") as f:
        attributes = {k: as_text(v) if isinstance(v, bytes) else v for k, v in f.attrs.items()}
        dates = _strings(f["date"])
        authorities = _strings(f["authority"])
        statistics = _strings(f["statistic"])
        if kind == "results":
            variants = [None]
            scenarios = [(attributes.get("scenario_name", ""), as_text(f["scenario"][()]))]
        else:
            variants = _strings(f["variant"])
            scenarios = [(variants[int(k)], as_text(f["scenario"][k][()])) for k in sorted(f["scenario"], key=int)]
        differences = _strings(f["difference_statistic"]) if kind != "results" else []
        # Where each statistic shown sits, looked up once: the labels every file of its kind holds.
        at = {s: position(statistics, s, path, "statistics") for s in ("p5", "p50", "p95")}
        at_difference = {s: position(differences, s, path, "difference statistics")
                         for s in (("mean", "ci95_low", "ci95_high") if differences else ())}
        result = []
        for measure in measures_in(f["summary"]):
            summary = f["summary"][measure]
            units = stored_units(summary)
            band = Band(measure, units, as_text(summary.attrs.get("description", "")))
            data = summary[()]
            data = data[np.newaxis] if kind == "results" else data.reshape((-1,) + data.shape[-3:])
            difference = None
            if kind != "results":
                difference = f["difference"][measure][()]
                difference = difference.reshape((-1,) + difference.shape[-3:])
            # Totals over the run (V, S, A), for the measures that add up, in files that have them.
            total = total_difference = None
            if kind != "results" and "total_summary" in f and measure in f["total_summary"]:
                total = f["total_summary"][measure][()]
                total = total.reshape((-1,) + total.shape[-2:])
                total_difference = f["total_difference"][measure][()]
                total_difference = total_difference.reshape((-1,) + total_difference.shape[-2:])

            def whole_run(table, v, s, a):
                return None if table is None else float(table[v, s, a])

            for v, variant in enumerate(variants):
                for a, authority in enumerate(authorities):
                    parts = [p for p in (variant, authority if len(authorities) > 1 else None) if p]
                    prefix = ", ".join(parts) + (", " if parts else "")
                    for name, statistic in (("p5", "p5"), ("median", "p50"), ("p95", "p95")):
                        band.columns.append(Column(prefix + name, data[v, at[statistic], a], name,
                                                   whole_run(total, v, at[statistic], a)))
                    if difference is not None and v > 0:
                        for name, statistic in (("difference", "mean"), ("difference_low", "ci95_low"),
                                                ("difference_high", "ci95_high")):
                            header = prefix + name.replace("_", " ") + (" (95%)" if name != "difference" else "")
                            s = at_difference[statistic]
                            band.columns.append(Column(header, difference[v, s, a], name,
                                                       whole_run(total_difference, v, s, a)))
            result.append(band)
    return Bands(kind, dates, attributes, scenarios, result)
