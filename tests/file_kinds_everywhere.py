#!/usr/bin/env python3
"""One data path for every file kind (issue 19): a run, a comparison and a sweep file,
each opened with xarray through both engines (labelled coordinates in every group),
through wfsim_analysis.open and to_dataframe (values equal h5py's), exported to Excel
(openpyxl reads back the HDF5 values) and to CSV, charted, reported, and shown by
`wfsim info`. With --r-snippet, only the R snippet of docs/output-format.md (exit 77,
skipped, where R and hdf5r are not here).

    file_kinds_everywhere.py WFSIM
"""
import csv
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile

import h5py
import numpy as np

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(SOURCE, "analysis"))
import wfsim_analysis  # noqa: E402
from wfsim_analysis.results import as_text, measures_in  # noqa: E402

failures = []


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        failures.append(what)


def make_files(wfsim, out):
    bucks = os.path.join(SOURCE, "scenarios", "buckinghamshire-2015.yaml")
    files = {"results": os.path.join(out, "run.h5"), "comparison": os.path.join(out, "compare.h5"),
             "sweep": os.path.join(out, "sweep.h5")}
    run = lambda *args: subprocess.run([wfsim, *args, "-q"], check=True, cwd=SOURCE)
    nqsw = os.path.join(SOURCE, "scenarios", "buckinghamshire-2015-nqsw.yaml")
    # With an uncertain input, so that the file has an /inputs group to open too, and a
    # scenario that extends another, so that its root has /scenario_extends.
    run("run", nqsw, "-o", files["results"], "-n", "12", "--seed", "4",
        "--set", "authorities[0].roles[0].leaving.turnover_per_year={mean: 0.17, sd: 0.02}")
    run("compare", bucks, nqsw, "-o",
        files["comparison"], "-n", "12", "--seed", "4")
    run("sweep", bucks, "-o", files["sweep"], "-n", "6", "--seed", "4",
        "--vary", "authorities[0].roles[0].recruitment.applicants_per_year=36,60",
        "--vary", "authorities[0].roles[0].leaving.turnover_per_year=0.15,0.2")
    return files


def xarray_checks(kind, path):
    import xarray

    totals = ["total_summary", "total_difference"]
    groups = {"results": ["summary", "series", "flows", "inputs"],
              "comparison": ["summary", "difference", "scenario_extends"] + totals,
              "sweep": ["summary", "difference", "sweep"] + totals}[kind]
    for engine in ("h5netcdf", "netcdf4"):
        for group in [None] + groups:
            name = f"{kind}: xarray {engine} opens {group or 'the root'} with labelled coordinates"
            try:
                ds = xarray.open_dataset(path, engine=engine, group=group)
                unlabelled = [d for d in ds.dims if d not in ds.coords]
                check(not unlabelled, name + (f" (bare: {unlabelled})" if unlabelled else ""))
                if group == "summary":
                    check(np.issubdtype(ds["time"].dtype, np.datetime64), f"{kind}: {engine}: time is datetime64")
                    # As output-format.md says: days stay numbers of days with decode_timedelta=False.
                    with xarray.open_dataset(path, engine=engine, group=group, decode_timedelta=False) as plain:
                        days = plain["time_to_fill"]
                        check(days.dtype == np.float64 and days.attrs.get("units") == "days",
                              f"{kind}: {engine}: decode_timedelta=False keeps time_to_fill in days")
                    check("p50" in list(ds["statistic"].values), f"{kind}: {engine}: statistics by name")
                    if kind == "sweep":
                        check({"applicants_per_year", "turnover_per_year"} <= set(ds.dims),
                              f"{kind}: {engine}: swept dimensions named by their keys")
                ds.close()
            except Exception as err:  # noqa: BLE001 - the failure is the finding
                check(False, f"{name}: {err}")
    if kind == "results":
        # Once refused: "variable '/inputs/values' has no dimension scale associated with axis 0".
        try:
            drawn = wfsim_analysis.open(path, group="inputs")["values"]
            check(list(drawn["input"].values) == ["authorities[0].roles[0].leaving.turnover_per_year"]
                  and list(drawn["replication"].values) == list(range(12)),
                  f"{kind}: wfsim_analysis.open gives the inputs by replication and key path")
        except Exception as err:  # noqa: BLE001 - the failure is the finding
            check(False, f"{kind}: wfsim_analysis.open(group='inputs'): {err}")
    ds = wfsim_analysis.open(path)
    with h5py.File(path) as f:
        same = all(np.array_equal(ds[m].values, f["summary"][m][()], equal_nan=True)
                   for m in measures_in(f["summary"]))
    check(same, f"{kind}: wfsim_analysis.open gives the file's values")
    if kind == "sweep":
        # Swept numbers are numbers (stored as text, as given): select by value.
        years = ds["applicants_per_year"]
        check(np.issubdtype(years.dtype, np.floating) and list(years.values) == [36.0, 60.0]
              and years.attrs.get("as_given") == ["36", "60"],
              f"{kind}: wfsim_analysis.open gives swept numbers as numbers ({years.values!r})")
        picked = ds["agency_share"].sel(applicants_per_year=60, turnover_per_year=0.2)
        check(picked.shape == ds["agency_share"].shape[2:], f"{kind}: ds.sel(applicants_per_year=60) selects a point")
    frame = wfsim_analysis.to_dataframe(path, measures=["agency_share"])
    check(len(frame) == ds["agency_share"].size, f"{kind}: to_dataframe has a row per value")
    # A misspelt measure or a group the file lacks: bare KeyError and OSError, once.
    for call, wanted in ((lambda: wfsim_analysis.to_dataframe(path, measures=["agency_shar"]),
                          "has no measure 'agency_shar'; did you mean 'agency_share'"),
                         (lambda: wfsim_analysis.open(path, group="nowhere"), "has no group 'nowhere' (its groups:"),
                         (lambda: wfsim_analysis.open(path, group={"comparison": "scenario", "sweep": "sweep"}.get(kind, "run")),
                          "holds no measures open() reads")):
        try:
            call()
            said = "no error"
        except wfsim_analysis.ResultsError as err:
            said = str(err)
        except Exception as err:  # noqa: BLE001 - the wrong kind of error is the finding
            said = f"{type(err).__name__}: {err}"
        check(wanted in said, f"{kind}: the library names what is missing ({said[:120]})")


def excel_checks(kind, path, out):
    from openpyxl import load_workbook

    xlsx = os.path.join(out, f"{kind}.xlsx")
    subprocess.run([sys.executable, "-m", "wfsim_analysis", "export", path, "-o", xlsx], check=True,
                   cwd=os.path.join(SOURCE, "analysis"), capture_output=True)
    book = load_workbook(xlsx)
    table = wfsim_analysis.bands(path)
    check(book.sheetnames[0] == "About" and len(book.sheetnames) == 1 + len(table.measures),
          f"{kind}: Excel has an About sheet and a sheet per measure")
    worst = 0.0
    for band in table.measures:
        sheet = book[band.measure[:31]]
        rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)]
        # The months, then (comparisons and sweeps, measures that add up) the whole run.
        check(len(rows) == len(table.dates) + (1 if band.has_total else 0)
              and (not band.has_total or str(rows[-1][0]).startswith("whole run")),
              f"{kind}: {band.measure}'s sheet has a row per month" + (" and the whole run" if band.has_total else ""))
        if band.has_total and band.measure == "total_cost":
            # Apart from the months, and said to be no month's: a SUM once counted it twice.
            every = list(sheet.iter_rows(values_only=True))
            check(all(v is None for v in every[-2]) and "not a month's" in str(every[-1][0]),
                  f"{kind}: the whole run's row is set apart and labelled ({every[-1][0]!r})")
        for c, column in enumerate(band.columns):
            want = np.append(column.values, column.total) if band.has_total else column.values
            # A share is written in % and its difference in points (x 100), as their
            # headings say.
            if band.units == "fraction":
                want = want * 100
            got = np.array([np.nan if r[c + 1] is None else r[c + 1] for r in rows], dtype=float)
            # Excel keeps 15 significant digits (openpyxl writes 16): equal to that.
            scale = np.where(np.isnan(want), 1, np.maximum(np.abs(want), 1e-300))
            same_nan = np.array_equal(np.isnan(got), np.isnan(want))
            worst = max(worst, float(np.nanmax(np.abs(got - want) / scale, initial=0)), 0 if same_nan else 1)
    check(worst <= 1e-15, f"{kind}: every Excel value equals the HDF5 file's to Excel's 15 digits (worst relative "
                          f"difference {worst:.1e})")
    if kind == "sweep":
        # The scenario is named, with what was swept; each assumption is listed once and
        # a swept key's is marked (every point's row was listed unmarked, the rule's
        # "6 months" beside its 3- and 12-month points).
        about = {r[0]: r for r in book["About"].iter_rows(values_only=True) if r and r[0]}
        applicants = [r for r in book["About"].iter_rows(values_only=True) if r[1] == "applicants_per_year"]
        check(str(about["Scenario"][1]).startswith("Buckinghamshire, September 2015, at 4 points: applicants per year")
              and len(applicants) == 1 and applicants[0][3] == "swept in this run over 36, 60",
              f"sweep: Excel's About names the scenario and the swept keys, and marks a swept assumption "
              f"({about['Scenario'][1]!r}; {applicants})")
    if kind == "comparison":
        changed = [r for r in book["About"].iter_rows(values_only=True) if r[1] == "(what it changes)"]
        check(len(changed) == 1 and str(changed[0][2]).startswith("extends buckinghamshire-2015.yaml; sets "),
              f"comparison: Excel's About says what the variant changes of the scenario it extends ({changed})")
    share = book["agency_share"]
    # In % under "(%)", read as such by pandas too (fractions in a % format read as 0.21).
    check(share["B2"].number_format == "0.0" and "(%)" in share["B1"].value and 0 < share["B2"].value <= 100,
          f"{kind}: shares written in % under a (%) heading ({share['B1'].value}: {share['B2'].value})")
    check("£" in book["total_cost"]["B1"].value + book["total_cost"]["B2"].number_format,
          f"{kind}: money in £, with the period in the header")
    check(book["agency_rate_paid"]["B2"].number_format == '"£"#,##0.00' and "£ per hour" in book["agency_rate_paid"]["B1"].value,
          f"{kind}: an hourly rate in £ and pence")
    if kind != "results":
        headers = [c.value for c in share[1] if c.value and "difference" in c.value]
        check(headers and all(h.endswith("(% points)") for h in headers),
              f"{kind}: a share's differences headed in points ({headers[:1]})")
        formats = {c.number_format for c in share[2] if share.cell(1, c.column).value in headers}
        check(formats == {"0.00"}, f"{kind}: a share's differences written as points, not with a % sign ({formats})")
        long_csv = os.path.join(out, f"{kind}-long.csv")
        subprocess.run([sys.executable, "-m", "wfsim_analysis", "export", path, "-o", long_csv], check=True,
                       cwd=os.path.join(SOURCE, "analysis"), capture_output=True)
        with open(long_csv, newline="") as f:
            units = {r["units"] for r in csv.DictReader(f) if r["statistic"] == "difference n"}
        check(units == {"replications"}, f"{kind}: a difference's n is in replications ({sorted(units)})")


def command_checks(wfsim, kind, path, out):
    env = dict(os.environ, PYTHONPATH=os.path.join(SOURCE, "analysis"))
    for command, output in (("plot", f"{kind}.png"), ("report", f"{kind}.html"), ("export", f"{kind}.csv")):
        p = subprocess.run([sys.executable, "-m", "wfsim_analysis", command, path, "-o", os.path.join(out, output)],
                           capture_output=True, text=True, env=env)
        check(p.returncode == 0 and os.path.getsize(os.path.join(out, output)) > 0,
              f"{kind}: wfsim-analysis {command} works ({p.stderr.strip()[-120:]})")
    if kind != "results":
        csv_totals_checks(kind, path, os.path.join(out, f"{kind}.csv"))
        # Its CSV has no series to add: --series is refused, as for a workbook, not ignored.
        p = subprocess.run([sys.executable, "-m", "wfsim_analysis", "export", path, "--series", "-o",
                            os.path.join(out, "series.csv")], capture_output=True, text=True, env=env)
        check(p.returncode == 2 and "--series applies to results files" in p.stderr,
              f"{kind}: export --series to CSV is refused ({p.stderr.strip()[-120:]})")
        # A comparison's or sweep's chart shows one measure of one authority: more, or
        # one the file lacks, is an error, not quietly ignored.
        # So is a measure with no value anywhere (caseload, without workload feedback): it
        # was drawn as an empty chart, with exit 0.
        for extra, wanted in ((["--measures", "uncovered_gap,vacancies"], "shows one measure"),
                              (["--authority", "Nowhere"], "has no authority 'Nowhere'"),
                              (["--measures", "caseload"], "caseload has no value for")):
            p = subprocess.run([sys.executable, "-m", "wfsim_analysis", "plot", path, "-o",
                                os.path.join(out, "refused.png"), *extra], capture_output=True, text=True, env=env)
            check(p.returncode == 2 and wanted in p.stderr, f"{kind}: plot {' '.join(extra)} refused ({p.stderr.strip()})")
    if kind == "comparison":
        # A measure named in other capitals is the file's: it was matched, then read back
        # as typed and reported as damage.
        chart = os.path.join(out, "capitals.png")
        p = subprocess.run([sys.executable, "-m", "wfsim_analysis", "compare", path, "-o", chart, "--measure",
                            "AGENCY_SHARE"], capture_output=True, text=True, env=env)
        check(p.returncode == 0 and os.path.exists(chart) and os.path.getsize(chart) > 0,
              f"{kind}: compare --measure AGENCY_SHARE charts agency_share ({p.stderr.strip()[-120:]})")
    if kind == "sweep":
        # The two-key heat map gives each point's mean difference from the first and half
        # its 95% interval, as the file holds them (the last period; the mean alone did
        # not say whether it was noise).
        from wfsim_analysis.sweep_chart import sweep_chart
        cells = [t.get_text() for t in sweep_chart(path, measure="vacancies").axes[0].texts]
        with h5py.File(path, "r") as f:
            statistic = [as_text(x) for x in f["difference_statistic"][()]]
            difference = f["difference"]["vacancies"][()][:, :, :, 0, -1]  # (key 1, key 2, statistic)
        wanted = []
        for i in range(difference.shape[0]):
            for j in range(difference.shape[1]):
                if i == j == 0:
                    continue
                mean, low, high = (difference[i, j, statistic.index(s)] for s in ("mean", "ci95_low", "ci95_high"))
                moved = f"{mean:+.1f}"
                wanted.append(f"({moved[1:] if moved[1:] == '0.0' else moved} ±{(high - low) / 2:.1f})")
        shown = [c.split("\n")[1] for c in cells if "\n" in c]
        check(sorted(shown) == sorted(wanted),
              f"{kind}: the heat map gives each point's mean difference and half its interval ({shown} against {wanted})")
        p = subprocess.run([sys.executable, "-m", "wfsim_analysis", "sweep", path, "-o",
                            os.path.join(out, "refused.png"), "--measure", "caseload"], capture_output=True, text=True,
                           env=env)
        check(p.returncode == 2 and "caseload has no value for" in p.stderr and "NaN without it" in p.stderr,
              f"{kind}: sweep --measure caseload (no value anywhere) refused, saying why ({p.stderr.strip()})")
        # Why a measure has no value is its own: turnover_12m's first 11 periods were
        # put down to caseload's workload feedback.
        p = subprocess.run([sys.executable, "-m", "wfsim_analysis", "sweep", path, "-o",
                            os.path.join(out, "refused.png"), "--measure", "turnover_12m", "--period", "0"],
                           capture_output=True, text=True, env=env)
        check(p.returncode == 2 and "NaN for the first 11 periods" in p.stderr and "caseload" not in p.stderr,
              f"{kind}: sweep of an undefined turnover_12m says why ({p.stderr.strip()[-160:]})")
        # compare on a sweep file pointed at 'wfsim compare'; it is sweep's to chart.
        p = subprocess.run([sys.executable, "-m", "wfsim_analysis", "compare", path, "-o",
                            os.path.join(out, "refused.png")], capture_output=True, text=True, env=env)
        check(p.returncode == 2 and "is a sweep file: chart it with 'wfsim-analysis sweep'" in p.stderr,
              f"{kind}: compare on a sweep file names the command that charts it ({p.stderr.strip()})")
        chart = os.path.join(out, "sweep-total.png")
        p = subprocess.run([sys.executable, "-m", "wfsim_analysis", "sweep", path, "-o", chart, "--measure",
                            "total_cost", "--period", "total"], capture_output=True, text=True, env=env)
        check(p.returncode == 0 and os.path.getsize(chart) > 0,
              f"{kind}: wfsim-analysis sweep charts the total over the run ({p.stderr.strip()[-120:]})")
        # --date picks the period as `wfsim info --date` does: the last ending on or
        # before it. A day inside the third period's month gives the second's chart.
        with h5py.File(path, "r") as f:
            second_end, third_end = (d.decode() if isinstance(d, bytes) else d for d in f["date"][1:3])
        charts = {}
        for name, when in (("by-period", ["--period", "1"]), ("by-date", ["--date", third_end[:8] + "15"]),
                           ("on-the-day", ["--date", second_end])):
            charts[name] = os.path.join(out, f"sweep-{name}.png")
            p = subprocess.run([sys.executable, "-m", "wfsim_analysis", "sweep", path, "-o", charts[name], *when],
                               capture_output=True, text=True, env=env)
            check(p.returncode == 0, f"{kind}: sweep {' '.join(when)} works ({p.stderr.strip()[-120:]})")
        same = [open(charts[n], "rb").read() for n in charts]
        check(same[0] == same[1] == same[2], f"{kind}: sweep --date {third_end[:8]}15 and --date {second_end} chart "
              "the same period as --period 1")
    p = subprocess.run([wfsim, "info", path], capture_output=True, text=True)
    check(p.returncode == 0 and ("total_cost" in p.stdout or "agency_share" in p.stdout),
          f"{kind}: wfsim info shows it ({p.stderr.strip()})")


def csv_totals_checks(kind, path, csv_path):
    """The long CSV's "whole run" rows are the file's totals over the run, value for value."""
    import csv

    with open(csv_path, newline="", encoding="utf-8") as f:
        whole = [r for r in csv.DictReader(f) if r["date"] == "whole run"]
    with h5py.File(path, "r") as f:
        from wfsim_analysis.results import measures_in

        expected = sum(f["total_" + g][m].size for g in ("summary", "difference") for m in measures_in(f["total_summary"]))
        variants = [v.decode() if isinstance(v, bytes) else v for v in f["variant"][()]]
        stats = [s.decode() if isinstance(s, bytes) else s for s in f["statistic"][()]]
        total = f["total_summary/total_cost"][()].reshape(len(variants), len(stats), -1)
        first_authority = whole[0]["authority"] if whole else None
        got = {(r["variant"], r["statistic"]): float(r["value"]) for r in whole
               if r["measure"] == "total_cost" and r["authority"] == first_authority}
        same = all(got.get((v, st)) == float(total[i, j, 0]) for i, v in enumerate(variants) for j, st in enumerate(stats))
        units = {r["units"] for r in whole if r["measure"] == "total_cost" and r["statistic"] not in ("n", "difference n")}
    check(len(whole) == expected and same and units == {"GBP over the run"},
          f"{kind}: the CSV's whole-run rows are the file's totals ({len(whole)} rows of {expected}; "
          f"total_cost equal: {same}; units {units})")
    if kind == "sweep":
        # Each swept key a column, holding the point's value as its label gives it: the
        # values were only inside the label, for a plotting tool to take apart.
        with open(csv_path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            keys = reader.fieldnames[3:reader.fieldnames.index("authority")]
            agree = {all(f"{k}={r[k]}" in r["variant"] for k in keys) for r in reader}
        check(keys and agree == {True}, f"sweep: the CSV has a column per swept key, agreeing with each row's "
              f"label ({keys})")


def bands_units_checks(kind, path, out):
    """A share's rows in export --bands say their differences are in percentage points,
    where the one units column said "%" of columns in points (a walkthrough)."""
    import csv

    bands = os.path.join(out, f"{kind}-bands.csv")
    subprocess.run([sys.executable, "-m", "wfsim_analysis", "export", path, "--bands", "-o", bands], check=True,
                   cwd=os.path.join(SOURCE, "analysis"), capture_output=True)
    with open(bands, newline="", encoding="utf-8") as f:
        units = {r["units"] for r in csv.DictReader(f) if r["measure"] == "agency_share" and r["date"] != "whole run"}
    check(units == {"% (differences in percentage points)"}, f"{kind}: --bands says a share's differences are "
          f"in percentage points ({units})")


def without_totals_checks(wfsim, kind, path, out):
    """A comparison or sweep file written before wfsim kept totals over the run (the
    groups deleted here) still reads everywhere, by month as before."""
    old = os.path.join(out, f"old-{kind}.h5")
    shutil.copy(path, old)
    with h5py.File(old, "r+") as f:
        del f["total_summary"], f["total_difference"]
    env = dict(os.environ, PYTHONPATH=os.path.join(SOURCE, "analysis"))
    p = subprocess.run([wfsim, "info", old], capture_output=True, text=True)
    check(p.returncode == 0 and "total_cost" in p.stdout and "totals over the" not in p.stdout,
          f"{kind} without totals: wfsim info shows the months only ({p.stderr.strip()})")
    page = os.path.join(out, f"old-{kind}.html")
    p = subprocess.run([sys.executable, "-m", "wfsim_analysis", "report", old, "-o", page], capture_output=True,
                       text=True, env=env)
    text = open(page, encoding="utf-8").read() if p.returncode == 0 else ""
    check(p.returncode == 0 and "Over the whole run" not in text,
          f"{kind} without totals: the report is by month ({p.stderr.strip()[-120:]})")
    exported = os.path.join(out, f"old-{kind}.csv")
    p = subprocess.run([sys.executable, "-m", "wfsim_analysis", "export", old, "-o", exported], capture_output=True,
                       text=True, env=env)
    check(p.returncode == 0 and "whole run" not in open(exported, encoding="utf-8").read(),
          f"{kind} without totals: the CSV has the months only ({p.stderr.strip()[-120:]})")
    if kind == "comparison":
        check("in total than the baseline in that month" in text,
              f"{kind} without totals: the report's cost sentence says it is of one month")
    else:
        p = subprocess.run([sys.executable, "-m", "wfsim_analysis", "sweep", old, "-o", os.path.join(out, "t.png"),
                            "--measure", "total_cost", "--period", "total"], capture_output=True, text=True, env=env)
        check(p.returncode == 2 and "written before wfsim kept totals" in p.stderr,
              f"{kind} without totals: sweep --period total says why not ({p.stderr.strip()})")


def report_authority_checks(kind, path, out):
    """report --authority reports one council of a file of several, or refuses a name the
    file lacks with the nearest it has."""
    env = dict(os.environ, PYTHONPATH=os.path.join(SOURCE, "analysis"))
    page = os.path.join(out, f"{kind}-council.html")
    p = subprocess.run([sys.executable, "-m", "wfsim_analysis", "report", path, "--authority", "buckinghamshire", "-o",
                        page], capture_output=True, text=True, env=env)
    text = open(page, encoding="utf-8").read() if p.returncode == 0 else ""
    check(p.returncode == 0 and "Buckinghamshire" in text,
          f"{kind}: report --authority reports the council named, in any case ({p.stderr.strip()[-120:]})")
    p = subprocess.run([sys.executable, "-m", "wfsim_analysis", "report", path, "--authority", "Bucks", "-o",
                        os.path.join(out, "refused.html")], capture_output=True, text=True, env=env)
    check(p.returncode == 2 and "no authority 'Bucks'" in p.stderr,
          f"{kind}: report --authority refuses a name the file lacks ({p.stderr.strip()[-120:]})")


def sweep_report_checks(path, out):
    """A sweep's report tabulates every point as a comparison's does its variants: each
    point's paired difference from the first, in the file's own figures."""
    from wfsim_analysis.comparison_report import _change, _interval_money
    from wfsim_analysis.sweep_report import build_sweep_report

    page = build_sweep_report(path)
    with h5py.File(path, "r") as f:
        names = [as_text(s) for s in f["difference_statistic"][()]]
        mean, low, high = (names.index(s) for s in ("mean", "ci95_low", "ci95_high"))
        total = f["total_difference/total_cost"][1, 1, :, 0]
        share = f["difference/agency_share"][1, 0, :, 0, -1]
    point = "applicants per year 60; turnover per year 0.2"
    shown, low_shown, high_shown = _interval_money(total[mean], total[low], total[high])
    wanted = (f"<td>{point}</td><td>", f"{shown} <small>(95% interval {low_shown} to {high_shown}; sd ")
    rows = [r for r in page.split("<tr>") if wanted[0] in r and wanted[1] in r]
    check(len(rows) == 1, f"sweep: the report gives the last point's total cost difference from the first ({wanted[1]})")
    point = "applicants per year 60; turnover per year 0.15"
    wanted = f"<td>{point}</td><td>"
    difference = f"{_change(share[mean], 'share')} <small>(95% interval {_change(share[low], 'share')}"
    rows = [r for r in page.split("<tr>") if wanted in r and difference in r]
    check(len(rows) == 1 and page.count("<td>the first point</td>") == 11,
          f"sweep: the report gives a point's agency share difference at the end ({difference}), and names the "
          "first point as what the others are measured against in each of the 11 measures")


def one_key_chart_checks(wfsim, out):
    """A sweep of one key charts each value's paired difference from the first below its
    bands, in the file's own figures, with durations at their numbers on the axis."""
    from wfsim_analysis.sweep_chart import sweep_chart

    path = os.path.join(out, "sweep1.h5")
    subprocess.run([wfsim, "sweep", os.path.join(SOURCE, "scenarios", "buckinghamshire-2015.yaml"), "-o", path, "-n",
                    "8", "--seed", "4", "-q", "--vary", "authorities[0].roles[0].leaving.notice=2 months,1 month,4 months"],
                   check=True, cwd=SOURCE)
    figure = sweep_chart(path, "agency_share")
    bands, paired = figure.axes[:2]
    with h5py.File(path, "r") as f:
        names = [as_text(s) for s in f["difference_statistic"][()]]
        mean = f["difference/agency_share"][:, names.index("mean"), 0, -1] * 100
    drawn = [line for line in paired.get_lines() if line.get_marker() == "o"]  # not the bars' caps
    # Given as 2, 1, 4 months: drawn in order along the axis (lines once doubled back).
    check(len(figure.axes) == 2 and list(paired.get_xticks()) == [1, 2, 4] and len(drawn) == 1
          and np.allclose(drawn[0].get_ydata(), mean[[1, 0, 2]]),
          f"sweep of one key: the chart's lower panel is each value's paired difference from the first "
          f"({[round(v, 2) for v in mean]}), at 1, 2 and 4 months in that order")


def three_keys_checks(wfsim, out):
    """A sweep of three keys has no chart (one shows one or two), but its report is a
    page without one, not a refusal, and plot says what to do instead."""
    path = os.path.join(out, "sweep3.h5")
    subprocess.run([wfsim, "sweep", os.path.join(SOURCE, "scenarios", "buckinghamshire-2015.yaml"), "-o", path, "-n",
                    "4", "--seed", "4", "-q", "--vary", "duration=6 months",
                    "--vary", "authorities[0].roles[0].recruitment.applicants_per_year=36,60",
                    "--vary", "authorities[0].roles[0].leaving.turnover_per_year=0.15,0.2",
                    "--vary", "authorities[0].roles[0].leaving.notice=1 month,2 months"], check=True, cwd=SOURCE)
    env = dict(os.environ, PYTHONPATH=os.path.join(SOURCE, "analysis"))
    page = os.path.join(out, "sweep3.html")
    p = subprocess.run([sys.executable, "-m", "wfsim_analysis", "report", path, "-o", page], capture_output=True,
                       text=True, env=env)
    text = open(page, encoding="utf-8").read() if p.returncode == 0 else ""
    check(p.returncode == 0 and "this sweep has 3" in text and "turnover_per_year" in text
          and text.count("<td>the first point</td>") == 11,
          f"a sweep of 3 keys: report writes the page without charts, with its tables ({p.stderr.strip()[-120:]})")
    p = subprocess.run([sys.executable, "-m", "wfsim_analysis", "plot", path, "-o", os.path.join(out, "s3.png")],
                       capture_output=True, text=True, env=env)
    check(p.returncode == 2 and "has 3: 'wfsim-analysis export FILE --bands" in p.stderr,
          f"a sweep of 3 keys: plot refuses and says what gives every point ({p.stderr.strip()[-120:]})")
    # A key of one value is no dimension: three keys, one of them at one value, chart as two.
    one_value = os.path.join(out, "sweep2of3.h5")
    subprocess.run([wfsim, "sweep", os.path.join(SOURCE, "scenarios", "buckinghamshire-2015.yaml"), "-o", one_value,
                    "-n", "4", "--seed", "4", "-q", "--vary", "duration=6 months",
                    "--vary", "authorities[0].roles[0].recruitment.applicants_per_year=36,60",
                    "--vary", "authorities[0].roles[0].leaving.turnover_per_year=0.15,0.2"], check=True, cwd=SOURCE)
    p = subprocess.run([sys.executable, "-m", "wfsim_analysis", "plot", one_value, "-o", os.path.join(out, "s2.png")],
                       capture_output=True, text=True, env=env)
    check(p.returncode == 0 and "note: a sweep file's chart shows one measure" in p.stderr,
          f"a sweep of 3 keys, one of one value: plot draws the other two ({p.stderr.strip()[-120:]})")


def r_missing():
    """Why the R snippet cannot run here, or None."""
    if shutil.which("Rscript") is None:
        return "R is not installed (Debian: r-base-core r-cran-hdf5r)"
    if subprocess.run(["Rscript", "-e", "library(hdf5r)"], capture_output=True).returncode != 0:
        return "hdf5r is not installed (Debian: r-cran-hdf5r)"
    return None


def r_checks(path, out):
    doc = open(os.path.join(SOURCE, "docs", "output-format.md")).read()
    snippet = re.search(r"```r\n(.*?)```", doc, re.S).group(1)
    snippet = "\n".join(line[2:] if line.startswith("  ") else line for line in snippet.splitlines())
    shutil.copy(path, os.path.join(out, "results.h5"))
    with open(os.path.join(out, "snippet.R"), "w") as f:
        f.write(snippet)
    p = subprocess.run(["Rscript", "snippet.R"], cwd=out, capture_output=True, text=True)
    if p.returncode != 0:
        check(False, f"the R snippet runs: {p.stderr.strip()[-300:]}")
        return
    got = np.genfromtxt(os.path.join(out, "agency_share_bands.csv"), delimiter=",", skip_header=1,
                        usecols=(1, 2, 3))
    with h5py.File(path) as f:
        stats = [as_text(s) for s in f["statistic"][()]]
        share = f["summary/agency_share"][()]
        want = np.stack([share[stats.index(s), -1, :] for s in ("p5", "p50", "p95")], axis=1)
    check(np.allclose(got, want, rtol=1e-12, equal_nan=True), "the R snippet reads the file's bands")


def r_snippet_main(wfsim):
    """Only the R snippet of output-format.md, run on a results file: its own test, so
    that where R is missing the test shows as skipped (exit 77) rather than passed."""
    why = r_missing()
    if why:
        print("skip  the R snippet: " + why)
        return 77
    out = tempfile.mkdtemp(prefix="wfsim-kinds-r-")
    try:
        r_checks(make_files(wfsim, out)["results"], out)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"\n{len(failures)} failed")
    return 1 if failures else 0


def version_checks(kind, path, out):
    """A file of another format_version, or none, is refused by every command: only run
    files were checked, so a comparison of version 999 was exported and charted."""
    for version in (999, None):
        other = os.path.join(out, f"{kind}-v{version}.h5")
        shutil.copy(path, other)
        with h5py.File(other, "r+") as f:
            if version is None:
                del f.attrs["format_version"]
            else:
                f.attrs["format_version"] = version
        for command, output in (("export", "v.csv"), ("plot", "v.png"), ("report", "v.html")):
            p = subprocess.run([sys.executable, "-m", "wfsim_analysis", command, other, "-o", os.path.join(out, output)],
                               capture_output=True, text=True, cwd=os.path.join(SOURCE, "analysis"))
            check(p.returncode == 2 and "this reader understands version 1" in p.stderr,
                  f"{kind} of format_version {version}: {command} refuses it ({p.returncode}: {p.stderr.strip()[-120:]})")


def main():
    wfsim = os.path.abspath(sys.argv[1])
    if sys.argv[2:] == ["--r-snippet"]:
        return r_snippet_main(wfsim)
    missing = [m for m in ("xarray", "pandas", "openpyxl", "h5netcdf", "netCDF4") if importlib.util.find_spec(m) is None]
    if missing:
        sys.exit(f"needs {missing}: tools/install-deps.sh installs them (python3-xarray, python3-pandas, "
                 "python3-openpyxl, python3-h5netcdf, python3-netcdf4)")
    out = tempfile.mkdtemp(prefix="wfsim-kinds-")
    try:
        files = make_files(wfsim, out)
        for kind, path in files.items():
            xarray_checks(kind, path)
            excel_checks(kind, path, out)
            command_checks(wfsim, kind, path, out)
            if kind != "results":
                without_totals_checks(wfsim, kind, path, out)
            if kind == "comparison":
                bands_units_checks(kind, path, out)
            report_authority_checks(kind, path, out)
            version_checks(kind, path, out)
        sweep_report_checks(files["sweep"], out)
        one_key_chart_checks(wfsim, out)
        three_keys_checks(wfsim, out)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"\n{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
