"""Reader for wfsim results files (docs/output-format.md, format version 1).

A thin layer over h5py so that the rest of the package gets numpy arrays with
names already checked, and a user who points the tools at the wrong file gets a
one-line message naming the problem instead of an h5py traceback.
"""

import calendar
import datetime
import difflib
import os
import re
import warnings
from functools import cached_property
from pathlib import Path

import h5py
import numpy as np
import yaml

from .name_lists import names_listed

FORMAT = "wfsim-results"
FORMAT_VERSION = 1


class ResultsError(Exception):
    """The input is not a usable wfsim results file, or asks for something it lacks.

    The message is written for the user, to be shown as it is.
    """


def as_text(value):
    """A string from h5py, which hands back fixed-length strings as bytes."""
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def not_opened(path, err):
    """The message for a file h5py could not open: unreadable, damaged (it starts as an
    HDF5 file does) or not HDF5 at all."""
    detail = " ".join(str(err).split())
    if not os.access(path, os.R_OK):
        return f"cannot read {path}: permission denied"
    try:
        starts_as_hdf5 = h5py.is_hdf5(os.fspath(path))
    except (OSError, RuntimeError):
        starts_as_hdf5 = False
    if starts_as_hdf5:
        return f"{path} is damaged or cut short: HDF5 could not open it ({detail}); write it again with wfsim"
    # A backtest table is wfsim's too, in CSV: it was told it is "not a wfsim file".
    if _starts_as_backtest_table(path):
        return (f"{path} is a backtest table (CSV), not a results, comparison or sweep file: chart it with "
                f"'wfsim-analysis backtest {path} -o CHART.png'")
    return f"{path} is not an HDF5 file, so not a results, comparison or sweep file ({detail})"


def _starts_as_backtest_table(path):
    """Whether the file starts with the header wfsim backtest writes."""
    try:
        with open(path, "rb") as f:
            return f.read(64).lstrip(b"\xef\xbb\xbf").startswith(b"council,code,region,year,measure,")
    except OSError:
        return False


def not_a_file(path):
    """Why `path`, which is not a regular file, cannot be read as one."""
    if str(path) == "":  # Path("") is "." and read as the folder here (an audit)
        return "the file's name is empty: give a results file"
    path = Path(path)
    if path.is_dir():
        return f"{path} is a folder, not a file"
    if path.exists():
        return f"{path} is a device, a pipe or a socket, not a file"
    return f"no such file: {path}"


def open_file(path):
    """`path` opened for reading with h5py, or ResultsError saying why not."""
    if str(path) == "":
        raise ResultsError(not_a_file(path))
    path = Path(path)
    try:
        is_file = path.is_file()
    except OSError as err:  # a name longer than the file system takes, say: bad input, not a crash
        raise ResultsError(f"cannot read {path}: {err.strerror}") from None
    if not is_file:
        raise ResultsError(not_a_file(path))
    try:
        f = h5py.File(path, "r")
    except OSError as err:
        raise ResultsError(not_opened(path, err)) from None
    try:
        _check_version(f, path)
        from .damaged_input import damaged_message, from_damage
        from .layout import check_layout  # each reads names from here

        try:
            check_layout(f, path)
        except Exception as err:
            if from_damage(err):  # a dataset's header HDF5 cannot read
                raise ResultsError(damaged_message([path], err)) from None
            raise
    except BaseException:
        f.close()
        raise
    return f


# The formats wfsim writes, each with the format_version this reader understands.
WFSIM_FORMATS = ("wfsim-results", "wfsim-comparison", "wfsim-sweep")


def _check_version(f, path):
    """ResultsError where a file of wfsim's is of a format_version this reader does not
    understand: only run files were checked, so a comparison of version 999 (or of none)
    was exported and charted as if it were version 1. Files not of wfsim's are left to
    the caller, which says what it wanted."""
    try:
        fmt = _plain(f.attrs.get("format"))
        version = _plain(f.attrs.get("format_version"))
    except Exception:  # an attribute damaged past reading: the readers that follow say so
        return
    if fmt in WFSIM_FORMATS and (type(version) is not int or version != FORMAT_VERSION):
        found = "no format_version" if version is None else f"format_version {version!r}"
        raise ResultsError(f"{path} has {found}; this reader understands version {FORMAT_VERSION}")


def position(names, name, path, what):
    """Where `name` is among `names` (a label dataset every wfsim file of its kind has
    in full), or ResultsError: a file that lacks it is damaged or not wfsim's."""
    try:
        return names.index(name)
    except ValueError:
        raise ResultsError(f"{path} is damaged or not a complete wfsim file: its {what} lack {name!r}") from None


# The row of a file's councils together: "Region" in one region's run, "All councils" in
# a run of several regions (England), where "Region" read as one of them.
TOTAL_ROWS = ("Region", "All councils")


# What a group of councils' figure is made of (Results.group_summary): summed counts
# and costs, or a share worked out from summed counts, as the engine's total row has it.
GROUP_RATIOS = {"agency_share": ("agency_headcount", "permanent_headcount"),
                "vacancy_rate": ("vacancies", "permanent_headcount")}
GROUP_SUMS = {"permanent_headcount", "agency_headcount", "vacancies", "uncovered_gap", "starters_permanent",
              "starters_agency", "leavers_permanent", "leavers_to_agency", "leavers_to_other_council",
              "leavers_to_outside", "leavers_agency", "agency_engagements_refused", "agency_leakage",
              "agency_conversions", "agency_covering_absences", "agency_covering_vacancies", "agency_off_contract",
              "agency_bookings_waiting", "long_absences", "offers_failed", "recruitments_open",
              "starters_from_pool", "agency_spend", "staff_cost", "permanent_staff_cost", "policy_cost",
              "total_cost", "sickness_days", "permanent_fte"}


def total_row(names):
    """The name of the councils' total row among `names`, or None."""
    return next((n for n in names if n in TOTAL_ROWS), None)


def match_name(name, names, path=None):
    """`name` as `names` spell it: itself, or the one entry it matches ignoring case
    ('kent' is Kent); None if none does. Names that differ only in case are told apart
    by their case alone: a name matching two of them ignoring case is an error."""
    if name in names:
        return name
    folded = [n for n in names if n.casefold() == str(name).casefold()]
    if len(folded) > 1:
        where = f"{path}: " if path else ""
        raise ResultsError(f"{where}{name!r} matches {' and '.join(repr(f) for f in folded)} in all but case; "
                           "give it as the file spells it")
    return folded[0] if folded else None


def close_names(name, names):
    """The names `name` most likely meant, ignoring case. The data's official names put
    a kind after a comma ('Herefordshire, County of'): a name given without it means
    that council, not the nearest spelling ('Hertfordshire'), where one council is
    named so. Names that differ only in case stay apart, the nearer in case first."""
    wanted = str(name).casefold()
    with_kind = [n for n in names if n.casefold().startswith(wanted + ",")]
    if len(with_kind) == 1:
        return with_kind
    scored = []
    for n in names:
        folded = difflib.SequenceMatcher(None, wanted, n.casefold()).ratio()
        if folded >= 0.6:
            scored.append((folded, difflib.SequenceMatcher(None, str(name), n).ratio(), n))
    return [n for _, _, n in sorted(scored, key=lambda s: (-s[0], -s[1]))[:3]]


def find_name(name, names, kind, path):
    """match_name, or ResultsError naming the file, with the nearest names and every
    name there is."""
    found = match_name(name, names, path)
    if found is not None:
        return found
    close = close_names(name, names)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    plural = {"authority": "authorities"}.get(kind, kind + "s")
    raise ResultsError(f"{path} has no {kind} {name!r}{hint} ({plural} there: {names_listed(names)})")


def check_series_kept(measure, measures, kept, elsewhere, path):
    """Raises ResultsError, saying how to get it, where `measure` (named in any case) is
    one of the file's `measures` (its summaries) and not among the series it `kept`:
    "has no measure 'agency_share'" said of a file that has it (a review). `elsewhere`
    names series kept outside /series, as the message lists them."""
    name = match_name(measure, measures, path)
    if name is None or name in kept:
        return
    # The series kept, by name: the default (--keep standard) is written in the file as
    # the list it stands for, which read as though the user had typed it.
    listed = ", ".join(list(kept) + list(elsewhere)) or "none"
    raise ResultsError(f"{path} keeps no per-replication series of {name!r} (the series it keeps: {listed}); "
                       f"its summaries are there, or run again with --keep all or --keep series={name}")


def series_kept_elsewhere(f):
    """Per-replication series kept outside /series, as a message names them: the
    rules' refusals (--keep series=refused) are in /rules."""
    return ["refused (in /rules)"] if "rules" in f and "refused" in f["rules"] else []


def refuse_other_kind(path, kind, wanted):
    """Raises ResultsError where a file of format `kind` is not the `wanted` one
    ("comparison" or "sweep"), saying which chart the file has: only compare once said
    so (of a sweep file), the rest "write one with 'wfsim ...'"."""
    if kind == f"wfsim-{wanted}":
        return
    writer = "compare" if wanted == "comparison" else "sweep"
    charted = {"wfsim-sweep": "a sweep file: chart it with 'wfsim-analysis sweep' (or plot), which draws a sweep's "
                              "points",
               "wfsim-comparison": "a comparison file: chart it with 'wfsim-analysis compare' (or plot)",
               "wfsim-results": "a results file of one run: chart it with 'wfsim-analysis plot'"}
    if kind in charted:
        raise ResultsError(f"{path} is {charted[kind]}; a {wanted} file is written by 'wfsim {writer}'")
    raise ResultsError(f"{path} is not a wfsim {wanted} file (write one with 'wfsim {writer}')")


def stored_units(dataset):
    """A measure's `units` attribute, as text. wfsim gives every measure its units; a
    dataset without them was edited or damaged, and read as "" its numbers were shown
    unscaled and unlabelled (a fraction as 0.26, not 26%) by some readers while others
    refused it as "could not be read": refused alike, naming the dataset."""
    if "units" not in dataset.attrs:
        raise ResultsError(f"{dataset.file.filename}: {dataset.name.lstrip('/')} has no 'units' attribute: the file "
                           "is damaged or was edited; write it again with wfsim")
    return as_text(dataset.attrs["units"])


def nearer_region(name, councils, regions):
    """The region `name` most likely meant where one is nearer to it than any council
    ('West Midland' the West Midlands, not Westminster), else None ('Lton' is Luton, not
    London; 'Southark' Southwark, not the South East)."""
    near = close_names(name, regions)
    if not near:
        return None
    wanted = str(name).casefold()

    def likeness(n):
        return 1.0 if n.casefold().startswith(wanted + ",") else \
            difflib.SequenceMatcher(None, wanted, n.casefold()).ratio()

    council = max((likeness(c) for c in close_names(name, councils)), default=0.0)
    return near[0] if likeness(near[0]) > council else None


def period_index(period, periods, path):
    """`period` (an index, negative from the end) checked against the file's periods."""
    if not -periods <= period < periods:
        raise ResultsError(f"--period {period} is outside {path}'s {periods} reporting periods (0 to {periods - 1}, "
                           f"or -{periods} to -1 from the end)")
    return period


def period_of_date(text, period_dates, path):
    """The index of the last reporting period ending on or before the date `text`
    (YYYY-MM-DD), as `wfsim info --date` chooses it, and a note if the date lies more
    than a day after the run (it is then shown at the last period), else None."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text or ""):
        raise ResultsError(f"--date takes a date as YYYY-MM-DD, such as 2017-03-31; got {text!r}")
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        raise ResultsError(f"--date {text!r} is not a date: there is no month {month}")
    if year < 1:
        raise ResultsError(f"--date {text!r} is not a date: there is no year {year}")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        why = f"there is no day {day}" if day < 1 else f"{calendar.month_name[month]} {year} has {days} days"
        raise ResultsError(f"--date {text!r} is not a date: {why}")
    wanted = datetime.date(year, month, day)
    ends = [as_text(d) for d in period_dates]
    try:
        last = datetime.date.fromisoformat(ends[-1]) if ends else None
    except ValueError:
        last = None
    if last is None:
        raise ResultsError(f"{path} is damaged or not a complete wfsim file: its period dates are missing or not "
                           "dates")
    on_or_before = [t for t, end in enumerate(ends) if end <= text]
    if not on_or_before:
        raise ResultsError(f"no reporting period of {path} ends on or before {text} (the first ends {ends[0]})")
    index = on_or_before[-1]
    note = None
    if index == len(ends) - 1 and (wanted - last).days > 1:
        note = f"note: {text} lies after the run, which reports to {ends[-1]}: shown at its last period"
    return index, note


def measures_in(group):
    """The measure datasets of an HDF5 group, in order: every dataset but the group's
    own copies of the dimension scales (time, authority, ...), which label the others."""
    # Each member is opened by name, never by group.items(): h5py gives None for a link
    # it cannot open, so a damaged measure was left out without a word (an export one
    # measure short, exit 0; "no measure 'agency_share'" from plot). Opened by name, the
    # damage raises from h5py and is reported as a damaged file.
    names = []
    for name in group:
        item = group[name]
        if isinstance(item, h5py.Dataset) and as_text(item.attrs.get("CLASS", b"")) != "DIMENSION_SCALE":
            names.append(name)
    return names


def _plain(value):
    """Return an attribute value as a plain Python value.

    The engine may write strings as fixed-length HDF5 strings, which h5py hands
    back as bytes, and numbers as numpy scalars; callers should not care.
    """
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.generic):
        return value.item()
    return value


def _strings(dataset):
    """Read a 1-D string dataset, variable- or fixed-length, as a list of str."""
    return [str(s) for s in dataset.asstr()[()]]


def regions_of(f, authorities):
    """{region: [row, ...]} of the regions an open results file's scenario (as run, its
    `extends` resolved) lists, each with the rows of `authorities` in it; {} if it
    lists none (or the text is not a scenario of regions, as a test's synthetic one)."""
    text = f["scenario_resolved"] if "scenario_resolved" in f else f["scenario"]
    try:
        scenario = yaml.safe_load(as_text(text[()]))
    except yaml.YAMLError:
        return {}
    if not isinstance(scenario, dict) or not isinstance(scenario.get("regions"), list):
        return {}
    names = [r.get("name") for r in scenario["regions"] if isinstance(r, dict)]
    region_of = {a.get("name"): a.get("region") for a in scenario.get("authorities") or [] if isinstance(a, dict)}
    return {r: [i for i, a in enumerate(authorities) if region_of.get(a) == r] for r in names}


def check_regions_as_run(f, path):
    """ResultsError where the run's --set changed which councils a region holds (the
    regions, a council's region or name, or the councils whole): regions_of reads the
    scenario's text from before --set, and a region's sum would be of the wrong
    councils without a word. A path may be written with dots for indices (a.1.b)."""
    for line in as_text(f.attrs.get("overrides", "")).splitlines():
        key = re.sub(r"\.(\d+)(?=\.|$)", r"[\1]", re.sub(r"\s+", "", line.split("=", 1)[0]))
        if re.fullmatch(r"regions(\[\d+\](\.name)?)?|authorities(\[\d+\](\.(region|name))?)?", key):
            raise ResultsError(f"{path}: the run changed {key} with --set ({line.strip()}), so its scenario text does "
                               "not say which councils each region holds: add a region's councils up from a run "
                               "without that change, or ask for each council")


class Results:
    """An open wfsim results file; use it as a context manager or call close().

    The file stays open so that measures are read only when asked for: a file
    with many replications holds far more series data than a chart needs.
    """

    def __init__(self, path):
        self.path = Path(path)
        self._file = open_file(self.path)
        try:
            self._check_layout()
        except ResultsError:
            self._file.close()
            raise

    def _check_layout(self):
        """Refuse files this reader cannot interpret, before anything is read."""
        fmt = _plain(self._file.attrs.get("format"))
        if fmt != FORMAT:
            found = "has no root attribute 'format'" if fmt is None else f"has format {fmt!r}"
            raise ResultsError(f"{self.path} is not a wfsim results file (it {found}, expected {FORMAT!r})")
        version = _plain(self._file.attrs.get("format_version"))
        if version != FORMAT_VERSION:
            raise ResultsError(
                f"{self.path} has format_version {version!r}; this reader understands version {FORMAT_VERSION}"
            )
        from .layout import check_complete  # which reads names from here

        check_complete(self._file, self.path)

    def close(self):
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    @cached_property
    def metadata(self):
        """Root attributes (seed, replications, scenario_name, ...) as plain Python values."""
        return {key: _plain(value) for key, value in self._file.attrs.items()}

    @cached_property
    def dates(self):
        """End date of each reporting period, as numpy datetime64[D] of shape (T,)."""
        return self._file["time"][()].astype("datetime64[D]")

    @cached_property
    def authorities(self):
        """Authority names in scenario order."""
        return _strings(self._file["authority"])

    @cached_property
    def statistics(self):
        """Names along the first axis of every summary: mean, sd, p5, ..., p95."""
        return _strings(self._file["statistic"])

    @cached_property
    def measures(self):
        """Names of the measures the file holds summaries for."""
        return measures_in(self._file["summary"])

    def authority_index(self, authority):
        """Position of an authority along the authority axis (named in any case)."""
        return self.authorities.index(self.authority_name(authority))

    def authority_name(self, authority):
        """The authority as the file spells it ('kent' is Kent), or ResultsError. In a
        file whose scenario lists one region, the region's name is its total row,
        Region. (init --region writes no list of regions, only councils: there the
        error says that the total is Region.)"""
        if match_name(authority, self.authorities, self.path) is None and total_row(self.authorities) == "Region":
            regions = regions_of(self._file, self.authorities)
            if len(regions) == 1 and match_name(authority, list(regions), self.path) is not None:
                return "Region"
            try:
                return find_name(authority, self.authorities, "authority", self.path)
            except ResultsError as err:
                raise ResultsError(f"{err}; the councils together are the row 'Region'") from None
        return find_name(authority, self.authorities, "authority", self.path)

    def measure_name(self, measure):
        """The measure as the file spells it, or ResultsError."""
        return find_name(measure, self.measures, "measure", self.path)

    def statistic_index(self, statistic):
        """Position of a statistic along the summary's statistic axis."""
        return self._index(statistic, self.statistics, "statistic")

    def units(self, measure):
        """Units of a measure as the file states them (e.g. 'fraction', 'posts')."""
        return stored_units(self._dataset("summary", measure))

    def kind_and_values(self, measure):
        """The measure's kind ('snapshot' or 'flow') and values ('count' or 'real'), as
        the file states them ('' where it does not)."""
        attrs = self._dataset("summary", measure).attrs
        return _plain(attrs.get("kind", "")), _plain(attrs.get("values", ""))

    def description(self, measure):
        """The file's one-line description of a measure, including snapshot or flow."""
        return _plain(self._dataset("summary", measure).attrs["description"])

    def summary(self, measure, authority=None):
        """Statistics across replications: shape (S, A, T), or (S, T) for one authority."""
        return self._read("summary", measure, authority)

    @cached_property
    def kept_series(self):
        """Names of the measures whose per-replication series the file keeps."""
        return measures_in(self._file["series"])

    @property
    def _kept_elsewhere(self):
        """Per-replication series kept outside /series (series_kept_elsewhere)."""
        return series_kept_elsewhere(self._file)

    def series(self, measure, authority=None):
        """Per-replication values: shape (R, A, T), or (R, T) for one authority.

        Counts come back as integers, other measures as float64 (NaN where undefined).
        A file keeps the series `wfsim run --keep` chose; asking for another is an error
        that says how to get it.
        """
        check_series_kept(measure, self.measures, self.kept_series, self._kept_elsewhere, self.path)
        return self._read("series", measure, authority)

    def _read(self, group, measure, authority):
        dataset = self._dataset(group, measure)
        if authority is None:
            return dataset[()]
        return dataset[:, self.authority_index(authority), :]

    def _dataset(self, group, measure):
        members = self._file[group]
        return members[find_name(measure, measures_in(members), "measure", self.path)]

    @cached_property
    def regions(self):
        """{region: [row, ...]} for a scenario of several regions (England's), from the
        scenario as run; {} for one region's or one council's, whose rows are its own."""
        regions = regions_of(self._file, self.authorities)
        return regions if len(regions) > 1 else {}

    def check_regions_as_run(self):
        """ResultsError where --set changed which councils a region holds (check_regions_as_run)."""
        check_regions_as_run(self._file, self.path)

    def region_name(self, name):
        """The region as the scenario spells it, or None if `name` is none of its regions."""
        return match_name(name, list(self.regions), self.path) if self.regions else None

    def require_group_series(self, measures):
        """Check that the file keeps every series a group's figures of `measures` are
        made of (group_summary), naming all that are missing at once: a region's chart
        asked for one, and kept with it, asked for the next."""
        needed = []
        for measure in (self.measure_name(m) for m in measures):
            # A measure that is not a sum (a mean, a rate) is group_summary's to refuse:
            # no series would make it one.
            for name in GROUP_RATIOS.get(measure, (measure,) if measure in GROUP_SUMS else ()):
                if name not in needed:
                    needed.append(name)
        missing = [name for name in needed if name in self.measures and name not in self.kept_series]
        if missing:
            kept = ", ".join(self.kept_series + self._kept_elsewhere) or "none"
            raise ResultsError(
                f"{self.path} keeps no per-replication series of {', '.join(missing)} (the series it keeps: {kept}), "
                f"which councils' figures together are worked out from; run again with --keep series={','.join(needed)}"
                " or --keep all")

    def group_summary(self, measure, rows):
        """Statistics across replications, shape (S, T), of councils `rows` together,
        worked out from the per-replication series the file keeps, as the total row is:
        counts and costs summed, agency_share and vacancy_rate from the summed counts.
        Quantiles as numpy's default; a replication where a share is undefined (0 / 0)
        is left out of that period's statistics."""
        measure = self.measure_name(measure)
        if measure in GROUP_RATIOS:
            numerator, other = GROUP_RATIOS[measure]
            top = self.series(numerator)[:, rows, :].sum(axis=1).astype(float)
            rest = self.series(other)[:, rows, :].sum(axis=1).astype(float)
            with np.errstate(invalid="ignore", divide="ignore"):
                values = top / (top + rest)
        elif measure in GROUP_SUMS:
            values = self.series(measure)[:, rows, :].sum(axis=1).astype(float)
        else:
            raise ResultsError(f"{measure} of several councils together is not the sum of theirs (a mean, a rate or "
                               "a region-wide figure): a region's chart takes counts and costs, agency_share and "
                               "vacancy_rate")
        statistics = []
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a period where every value is undefined: NaN
            for name in self.statistics:
                if name == "mean":
                    statistics.append(np.nanmean(values, axis=0))
                elif name == "sd":
                    statistics.append(np.nanstd(values, axis=0, ddof=1))
                elif name == "n":  # the replications each period's value is defined in
                    statistics.append(np.sum(~np.isnan(values), axis=0).astype(float))
                else:
                    statistics.append(np.nanpercentile(values, float(name[1:]), axis=0))
        return np.array(statistics)

    @staticmethod
    def _index(name, names, kind):
        try:
            return names.index(name)
        except ValueError:
            raise ResultsError(f"unknown {kind} {name!r}; available: {', '.join(names)}") from None
