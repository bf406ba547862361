"""Excel (export_xlsx): the bands, a sheet per measure, dates as rows, shares in %
(their differences in points) and money in £ with the period in the header (and a last
row for the whole run, as in the bands CSV), after a first
sheet with the scenario, seed, version and assumptions; then a sheet of each agency
rule's refusals, and with --series a sheet of each measure's and each rule's series.
The CSV forms, and the helpers both use, are export.py's."""

import datetime
import importlib.util
import io
import re
import tempfile

import h5py
import numpy as np

from .assumptions import (changes_to, declared, extended_scenarios, inherited_by_variants, label_of, merged_paths,
                          overrides_of, sweep_changes, swept_keys, swept_marks, variant_changes)
from .export import (EXCEL_COLUMNS, EXCEL_ROWS, PER_POST, WHOLE_RUN, _check_keeps_series, _drawn_inputs, _long_unit,
                     _scenario_name)
from .files import bands as read_bands
from .output_guard import WRITER, MachineFailure, seal_workbook
from .period_lengths import partial_periods_note
from .results import Results, ResultsError, as_text, stored_units


def export_xlsx(path, out_path, series=False):
    """Write the Excel workbook; returns the numbers of measure sheets, of the rules'
    refusal sheets (their summaries), of series sheets and of sheets of the inputs
    drawn (0 or 1)."""
    if importlib.util.find_spec("openpyxl") is None:
        raise ResultsError("Excel export needs python3-openpyxl (Debian package)")
    from openpyxl import Workbook
    from openpyxl.styles import Font

    table = read_bands(path)
    if series:
        if table.kind != "results":
            raise ResultsError("--series applies to results files; comparisons and sweeps keep no series")
        _check_keeps_series(path)
        with Results(path) as results:
            largest = max((results.series(m).size for m in results.kept_series), default=0)
        with h5py.File(path, "r") as f:  # a rule's refusals: a row a replication and month
            if "rules" in f and "refused" in f["rules"]:
                refused = f["rules/refused"].shape
                largest = max(largest, refused[0] * refused[2])
        if largest + 1 > EXCEL_ROWS:
            raise ResultsError(f"a measure's series has {largest:,} rows, past Excel's limit of {EXCEL_ROWS:,}; "
                               "export them as CSV for R or pandas (export --series to a .csv name, without "
                               "--xlsx), or run fewer replications")
    # A measure's sheet has a column a statistic, authority and variant: England's 151
    # councils and their total with 19 or more variants made sheets wider than Excel opens, written
    # without a word (an analysis audit).
    widest = max((len(band.columns) for band in table.measures), default=0)
    if widest + 1 > EXCEL_COLUMNS:
        raise ResultsError(f"a measure's sheet would have {widest + 1:,} columns, past Excel's limit of "
                           f"{EXCEL_COLUMNS:,}; export the bands as CSV (export --bands) for R or pandas, or "
                           "compare fewer variants or councils")
    workbook = Workbook()
    workbook.properties.creator = WRITER  # the mark output_guard looks for before replacing it
    # Created and modified at one instant, and no last author: Excel and LibreOffice set
    # the time or the author when they save it, and output_guard then keeps the edits.
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0, tzinfo=None)
    workbook.properties.created = workbook.properties.modified = now
    workbook.properties.lastModifiedBy = None
    about = workbook.active
    about.title = "About"
    bold = Font(bold=True)
    attributes = table.attributes
    scenarios, changes = table.scenarios, overrides_of(attributes.get("overrides"))
    if table.kind == "sweep":
        # Every point is the one scenario with the swept values: its assumptions once,
        # each swept key's marked, not listed under every point unmarked.
        with h5py.File(path, "r") as f:
            keys = swept_keys(f)
        base_text = scenarios[0][1]
        changes = sweep_changes(base_text, keys)
        name = _scenario_name(base_text)
        scenarios = [(f"every point ({len(table.scenarios)})", base_text)]
        scenario_line = f"{name}, at {len(table.scenarios)} points: " + "; ".join(
            f"{meaning} ({key}) = {', '.join(values)}" for meaning, key, values in keys)
    else:
        scenario_line = "; ".join(name for name, _ in scenarios)
    lines = [("File", str(path)), ("Kind", table.kind), ("Scenario", scenario_line),
             ("Replications", attributes.get("replications")), ("Seed", attributes.get("seed")),
             ("wfsim version", attributes.get("engine_version")), ("Written (UTC)", attributes.get("created_utc")),
             ("Command", attributes.get("command_line"))]
    # Money a month, on a sheet of months: a period cut short is said here (its rows
    # carry a month's unit in their headers).
    cut = partial_periods_note(attributes, table.dates)
    if cut:
        lines.append(("Periods", cut[0].upper() + cut[1:]))
    # What wfsim noted of the scenario (cohorts whose work falls after the run, ...), as
    # info and the reports show it: the workbook had no trace of it (an export audit).
    for note in as_text(attributes.get("notes", "")).splitlines():
        if note.strip():
            lines.append(("Note", note.strip()))
    for label, value in lines:
        # Counts as numbers, so that a formula or pandas reads them as such; the seed as
        # text, all its digits: a spreadsheet's number keeps 15 or 16, and seed
        # 18446744073709551557 read back as ...549568, another run (an export audit).
        counted = isinstance(value, (int, np.integer)) and label != "Seed"
        shown = int(value) if counted else "" if value is None else str(value)
        about.append(_written([label, shown]))
        about.cell(about.max_row, 1).font = bold
    about.append([])
    about.append(["Assumptions the scenario declares"])
    about.cell(about.max_row, 1).font = bold
    with h5py.File(path, "r") as f:  # a variant numbers its lists its own way: map to the run's
        merged = as_text(f["scenario_resolved"][()]) if table.kind == "results" and "scenario_resolved" in f else ""
        # The scenarios each extends, from the texts the file keeps of them (None: a file
        # written before it kept them). A sweep's points share one scenario.
        extended = [extended_scenarios(f) if table.kind == "results" else
                    extended_scenarios(f, k if table.kind == "comparison" else 0) for k in range(len(scenarios))]
    bases = [b for b in str(attributes.get("extends") or "").splitlines() if b]
    if bases and extended[0] is None:
        about.append(_written([f"The scenario extends {', which extends '.join(bases)}: only its own file's "
                               f"assumptions are listed; those of {bases[0]} are declared in that file."]))
    about.append(["Variant", "Key", "Assumption", "Changed for this run"])
    for name, text in scenarios:
        changed = variant_changes(text) if table.kind == "comparison" else ""
        if changed:  # a variant's own file may declare nothing: what it changes of its base
            about.append(_written([name, "(what it changes)", changed, ""]))
        path_in_run = merged_paths(text, merged) if merged else None
        for a in declared(text):
            about.append(_written([name, label_of(a), a.text, "; ".join(changes_to(a, changes, path_in_run))]))
    # The scenarios they extend, each once (a comparison's base is often a variant,
    # listed above), a key a nearer file sets, or the command line changed, marked.
    for base_name, base_text, by, a, marks in inherited_by_variants(
            [(n, t, e) for (n, t), e in zip(scenarios, extended)]):
        if len(by) == 1:  # one variant (a run's): its own changes, without "for ..."
            marks = [m.rsplit(", for ", 1)[0] for m in marks]
        run_changes = (swept_marks(a, base_text, keys) if table.kind == "sweep" else
                       changes_to(a, changes, merged_paths(base_text, merged) if merged else None))
        about.append(_written([f"{base_name} (extended by {', '.join(by)})", label_of(a), a.text,
                               "; ".join(marks + run_changes)]))
    dates = [datetime.date.fromisoformat(d) for d in table.dates]
    # A share is written in % (x 100) under its "(%)" heading, as the bands' CSV writes
    # it: stored as a fraction in a "0.0%" format, pandas and openpyxl read 0.21 under
    # "median (%)", beside differences already in points (an export audit).
    formats = {"fraction": "0.0", "GBP": '"£"#,##0', "GBP per hour": '"£"#,##0.00'}
    for band in table.measures:
        sheet = workbook.create_sheet(band.measure[:31])
        unit = {"fraction": "%", "GBP": "£ per month", "GBP per hour": "£ per hour"}.get(band.units, band.units)
        if band.measure in PER_POST:
            unit = PER_POST[band.measure].replace("GBP", "£")
        # A share's difference is in points of it: written as a number of points (x 100,
        # as the bands' CSV writes it), since a % format would show "-1.2%" under a
        # heading of points.
        in_points = [band.units == "fraction" and c.statistic.startswith("difference") for c in band.columns]
        scales = [100.0 if band.units == "fraction" else 1.0 for _ in band.columns]
        sheet.append(_written(["date"] + [f"{c.header} ({'% points' if p else unit})"
                                          for c, p in zip(band.columns, in_points)]))
        for cell in sheet[1]:
            cell.font = bold
        for t, date in enumerate(dates):
            sheet.append([date] + [None if np.isnan(c.values[t]) else float(c.values[t]) * k
                                   for c, k in zip(band.columns, scales)])
        if band.has_total:
            # Set apart by an empty row and said to be no month's: under headers of £ a
            # month, a SUM of the column counted the five years' total twice.
            sheet.append([])
            label = WHOLE_RUN + (", the total over every month above (£, not a month's)" if band.units == "GBP"
                                 else ", the total over every month above (not a month's)")
            sheet.append([label] + [None if np.isnan(c.total) else c.total * k for c, k in zip(band.columns, scales)])
        number_format = formats.get(band.units, "0.0")
        for row in sheet.iter_rows(min_row=2, min_col=2):
            for cell, p in zip(row, in_points):
                cell.number_format = "0.00" if p else number_format
        for row in sheet.iter_rows(min_row=2, max_col=1):
            row[0].number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "B2"
    refusal_sheets, refusal_series = _add_rule_refusals(workbook, path, dates, series, bold)
    series_sheets = refusal_series
    drawn_sheets = 0
    if series:
        with Results(path) as results:
            for measure in results.kept_series:
                series_sheets += 1
                # Excel allows 31 characters: two measures' sheets are cut (series
                # agency_engagements_refus); the value column names the measure in full.
                sheet = workbook.create_sheet(("series " + measure)[:31])
                # Units as the long CSV says them: "GBP" and "fraction" were the sheets' own.
                unit = _long_unit(results.units(measure), measure)
                sheet.append(["replication", "authority", "date", f"{measure} ({unit})"])
                values = results.series(measure)
                for r in range(values.shape[0]):
                    for a, authority in enumerate(_written(results.authorities)):
                        for t, date in enumerate(dates):
                            x = values[r, a, t]
                            sheet.append([r, authority, date, None if np.isnan(x) else float(x)])
        drawn = _drawn_inputs(path)
        if drawn:
            drawn_sheets = 1
            sheet = workbook.create_sheet(_sheet_title(workbook, "inputs drawn"))
            sheet.append(["replication"] + [f"{key} (the key's own units)" for key in drawn[0]])
            for r, row in enumerate(drawn[1]):
                sheet.append([r] + [None if np.isnan(x) else float(x) for x in row])
    _no_formulas(workbook)
    # Made in memory and written in one go: openpyxl's own save leaves its zip archive
    # open when a write fails (a full disk, `ulimit -f`), and Python then printed a
    # traceback ("Exception ignored in ZipFile.__del__") below the command's own error.
    book = io.BytesIO()
    try:
        workbook.save(book)
    except Exception as err:  # noqa: BLE001 - lxml's, named below; anything else goes on
        if type(err).__name__ != "SerialisationError":
            raise
        # openpyxl writes each sheet through a temporary file of its own first, and
        # lxml says a failed write there as "unknown error -1", without the reason.
        # Said without out_path, the temporary the caller named for the output.
        raise MachineFailure(f"openpyxl could not write a sheet to its temporary file in {tempfile.gettempdir()} (a "
                             "full disk there, or the file size limit; the machine's, not the input's: nothing was "
                             "written)") from None
    with open(out_path, "wb") as f:
        f.write(seal_workbook(book.getvalue()))
    return len(table.measures), refusal_sheets, series_sheets, drawn_sheets


# The control characters a cell may not hold (openpyxl refuses them: a file made
# elsewhere with one in a council's or rule's name ended the export with its
# IllegalCharacterError, an analysis audit), shown escaped as wfsim's errors show them.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _written(row):
    """A row's text as a cell may hold it."""
    return [_UNWRITABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", v) if isinstance(v, str) else v for v in row]


def _sheet_title(workbook, text):
    """`text` as a new sheet's name: without the characters Excel forbids in one, cut to
    its 31, and told apart from the sheets already there."""
    base = _UNWRITABLE.sub(" ", re.sub(r"[\\/?*:\[\]]", " ", text))
    title, k = base[:31], 2
    while title in workbook.sheetnames:
        suffix = f" ({k})"
        title, k = base[:31 - len(suffix)] + suffix, k + 1
    return title


def _add_rule_refusals(workbook, path, dates, series, bold):
    """Each agency rule's refusals, as the long CSV has them (_write_rule_refusals): a
    sheet of their statistics a rule, and with `series` a sheet of each replication's,
    where the file keeps them. Returns the numbers of the two kinds of sheet."""
    with h5py.File(path, "r") as f:
        if "rules" not in f or "rule" not in f or "refused_summary" not in f["rules"]:
            return 0, 0
        names = [as_text(n) for n in f["rule"][()]]
        statistics = [as_text(s) for s in f["statistic"][()]]
        summary = f["rules/refused_summary"][()]  # (S, K, T)
        units = _long_unit(stored_units(f["rules/refused_summary"]))
        refused = f["rules/refused"][()] if series and "refused" in f["rules"] else None  # (R, K, T)
    for k, name in enumerate(names):
        sheet = workbook.create_sheet(_sheet_title(workbook, "refused " + name))
        sheet.append(_written(["date"] + [f"{s} (refused: {name}, {'replications' if s == 'n' else units})"
                                          for s in statistics]))
        for cell in sheet[1]:
            cell.font = bold
        for t, date in enumerate(dates):
            sheet.append([date] + [None if np.isnan(x) else float(x) for x in summary[:, k, t]])
        for row in sheet.iter_rows(min_row=2, max_col=1):
            row[0].number_format = "yyyy-mm-dd"
    if refused is None:
        return len(names), 0
    for k, name in enumerate(names):
        sheet = workbook.create_sheet(_sheet_title(workbook, "series refused " + name))
        sheet.append(_written(["replication", "date", f"refused: {name} ({units})"]))
        for r in range(refused.shape[0]):
            for t, date in enumerate(dates):
                sheet.append([r, date, int(refused[r, k, t])])
    return len(names), len(names)


def _no_formulas(workbook):
    """Every cell openpyxl took for a formula (text starting with '=') kept as text:
    the workbook holds names and labels, never formulas."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


