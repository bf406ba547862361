#!/usr/bin/env python3
"""England's regions, simulated against the official figures.

    tools/compare-england.py RESULTS.h5 [--data data/csww_indicators_2017_2023.csv]
        [--against-year YEAR [--nth N]] [--markdown OUT.md] [--tolerance 2]

For each region of the scenario (its councils added up) and for England, at each 30
September the run covers (or, with --against-year, at the first 30 September a year
into the run, or the Nth with --nth, against that year's data), prints the simulated vacancy rate, agency
rate and turnover (median and 90% band over replications) beside the data's:
- vacancy rate: vacancies / (vacancies + permanent workers in post) (the data:
  vacancy_rate_fte);
- agency rate: agency workers / (agency workers + permanent workers) (the data:
  agency_rate_headcount);
- turnover: permanent leavers in the 12 months to the date / permanent workers at the
  date (the data: turnover_rate_headcount).
Counts are headcounts, as the model counts workers. A figure is "within" if the
simulated median is within --tolerance percentage points of the data's. Exits 1 if any
figure compared with --against-year is not within.

With --councils (and --against-year) it compares each council with its own figures
instead, and prints for each measure how many councils are more than --tolerance (and
twice that) points from them, the median distance, and the three furthest each way:
the calibration fits regions, not councils, so this is what a council's row is worth.
"""
import argparse
import csv
import math
import os
import sys
from pathlib import Path

import numpy as np
import yaml

from tool_support import check_table_output, run_tool, write_table

PROG = "compare-england.py"
ROOT = Path(__file__).resolve().parent.parent
DATA_NAMES = {"Inner London": "London", "Outer London": "London"}


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def load_data(path, councils=False):
    """{(year, area): {measure: fraction}} for the regions and England, or with
    `councils` for the local authorities (by the data's la_name)."""
    from wfsim_analysis.results import ResultsError

    figures = {}
    try:
        return _read_data(path, councils, figures)
    except OSError as err:
        raise ResultsError(f"cannot read --data {path}: {err.strerror}") from None
    except (UnicodeDecodeError, csv.Error, KeyError, ValueError):
        raise ResultsError(f"--data {path} is not the workforce indicators CSV "
                           "(data/csww_indicators_2017_2023.csv is)") from None


def _read_data(path, councils, figures):
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if councils:
                if row["geographic_level"] != "Local authority":
                    continue
                name = row["la_name"]
            elif row["geographic_level"] not in ("Regional", "National"):
                continue
            else:
                name = row["region_name"] or "England"
            if not councils:
                name = DATA_NAMES.get(name, name)
                if row["region_name"] in DATA_NAMES:
                    continue  # London's inner and outer rows: the London row stands for both
            def number(column):
                try:
                    return float(row[column]) / 100
                except ValueError:
                    return float("nan")
            figures[(int(row["time_period"]), name)] = {
                "vacancy rate": number("vacancy_rate_fte"),
                "agency rate": number("agency_rate_headcount"),
                "turnover": number("turnover_rate_headcount"),
            }
    return figures


def simulated_at(series, rows, k):
    """Per replication at period k: vacancy rate, agency rate and turnover of the rows together."""
    vac = series["vacancies"][:, rows, k].sum(axis=1)
    perm = series["permanent_headcount"][:, rows, k].sum(axis=1)
    agency = series["agency_headcount"][:, rows, k].sum(axis=1)
    leavers = series["leavers_permanent"][:, rows, k - 11:k + 1].sum(axis=(1, 2))
    with np.errstate(invalid="ignore", divide="ignore"):
        return {"vacancy rate": vac / (vac + perm), "agency rate": agency / (agency + perm), "turnover": leavers / perm}


def print_councils(args, groups, series, k, dates, data):
    """Each council's median against its own figure, summed up per measure, printed and
    with --markdown written; 0 (the councils are not held to the tolerance)."""
    year = args.against_year
    lines = [f"Councils at {dates[k]} against their own {year} figures (simulated median minus data, points; "
             f"councils whose figure the data suppresses are left out)"]
    for measure in ("vacancy rate", "agency rate", "turnover"):
        gaps = []
        for council, rows in groups.items():
            want = data.get((year, council), {}).get(measure, float("nan"))
            got = np.nanmedian(simulated_at(series, rows, k)[measure])
            if np.isfinite(want) and np.isfinite(got):
                gaps.append((100 * (got - want), council))
        if not gaps:
            lines.append(f"- {measure}: no council has a figure for {year}")
            continue
        gaps.sort()
        distance = np.abs([g for g, _ in gaps])
        ends = ", ".join(f"{c} {g:+.1f}" for g, c in gaps[:3] + gaps[-3:])
        lines.append(f"- {measure}: {int((distance > args.tolerance).sum())} of {len(gaps)} councils more than "
                     f"{args.tolerance:g} points from their own figure, {int((distance > 2 * args.tolerance).sum())} "
                     f"more than {2 * args.tolerance:g}; median distance {np.median(distance):.2f}; furthest: {ends}")
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if args.markdown:
        write_markdown(args.markdown, text)
    return 0


def write_markdown(path, table):
    from wfsim_analysis.results import ResultsError

    try:
        write_table(path, table)
    except OSError as err:
        raise ResultsError(f"cannot write --markdown {path}: {err.strerror}") from None


REGIONS_HEADER = "| area | 30 September | measure | simulated median (90% band) | data | difference (points) | within? |"


def read_run(path):
    """The run's scenario, councils, dates and the series the comparison needs."""
    import h5py
    from wfsim_analysis.results import ResultsError

    if not os.path.isfile(path):
        raise ResultsError(f"cannot read {path}: no such file")
    with h5py.File(path, "r") as f:
        if f.attrs.get("format") not in ("wfsim-results", b"wfsim-results"):
            raise ResultsError(f"{path} is not a results file of 'wfsim run' (a comparison or sweep file keeps no "
                               "series to compare)")
        scenario = yaml.safe_load(text(f["scenario_resolved"][()] if "scenario_resolved" in f else f["scenario"][()]))
        authorities = [text(a) for a in f["authority"][:]]
        dates = [text(d) for d in f["date"][:]]
        needed = ["vacancies", "permanent_headcount", "agency_headcount", "leavers_permanent"]
        missing = [m for m in needed if f"series/{m}" not in f]
        if missing:
            raise ResultsError(f"{path} keeps no series of {', '.join(missing)}: run it with --keep standard or all")
        series = {m: f[f"series/{m}"][()].astype(float) for m in needed}
    return scenario, authorities, dates, series


def check_options(args):
    from wfsim_analysis.results import ResultsError

    if args.councils and not args.against_year:
        raise ResultsError("--councils compares with one year's data: give --against-year")
    if args.nth < 1:
        raise ResultsError(f"--nth {args.nth}: the 30 Septembers of a run are counted from 1")
    if not (math.isfinite(args.tolerance) and args.tolerance >= 0):
        raise ResultsError(f"--tolerance {args.tolerance}: give a number of percentage points, 0 or more")
    if args.markdown:  # either table this tool writes may be replaced by either
        check_table_output(args.markdown, [args.results, args.data], ["Councils at", REGIONS_HEADER])


def compare(args):
    from wfsim_analysis.results import ResultsError

    check_options(args)
    data = load_data(args.data, councils=args.councils)
    if args.against_year and not any(year == args.against_year for year, _ in data):
        years = sorted({year for year, _ in data})
        raise ResultsError(f"--against-year {args.against_year}: {args.data} has figures for "
                           f"{years[0]} to {years[-1]}" if years else f"--data {args.data} has no figures")
    scenario, authorities, dates, series = read_run(args.results)
    region_of = {a["name"]: a.get("region", "England") for a in scenario["authorities"]}
    if args.councils:
        groups = {a: [i] for i, a in enumerate(authorities) if a in region_of}
    else:
        regions = [r["name"] for r in scenario.get("regions", [])] or sorted(set(region_of.values()))
        groups = {r: [i for i, a in enumerate(authorities) if region_of.get(a) == r] for r in regions}
        groups["England"] = [i for i, a in enumerate(authorities) if a in region_of]
    septembers = [k for k, d in enumerate(dates) if d[5:] == "09-30" and k >= 11]
    if args.against_year:
        septembers = septembers[args.nth - 1:args.nth]
    if not septembers:
        raise ResultsError(f"{args.results}: no 30 September a year or more into the run"
                           + (f" for --nth {args.nth}" if args.against_year else "")
                           + f" (the run reports {dates[0]} to {dates[-1]})")
    if args.councils:
        return print_councils(args, groups, series, septembers[0], dates, data)
    lines = [REGIONS_HEADER, "| --- | --- | --- | --- | --- | --- | --- |"]
    failures = 0
    for k in septembers:
        year = args.against_year or int(dates[k][:4])
        for area, rows in groups.items():
            vac = series["vacancies"][:, rows, k].sum(axis=1)
            perm = series["permanent_headcount"][:, rows, k].sum(axis=1)
            agency = series["agency_headcount"][:, rows, k].sum(axis=1)
            leavers = series["leavers_permanent"][:, rows, k - 11:k + 1].sum(axis=(1, 2))
            simulated = {"vacancy rate": vac / (vac + perm), "agency rate": agency / (agency + perm),
                         "turnover": leavers / perm}
            reported = data.get((year, area))
            for measure, values in simulated.items():
                lo, med, hi = np.percentile(values, [5, 50, 95])
                want = reported[measure] if reported else float("nan")
                diff = 100 * (med - want)
                ok = abs(diff) <= args.tolerance
                if args.against_year and not ok:
                    failures += 1
                mark = "yes" if ok else ("no data" if np.isnan(want) else "**no**")
                lines.append(f"| {area} | {dates[k]} (data {year}) | {measure} | {100 * med:.1f} ({100 * lo:.1f} to "
                             f"{100 * hi:.1f}) | {100 * want:.1f} | {diff:+.1f} | {mark} |")
    table = "\n".join(lines) + "\n"
    print(table)
    if args.markdown:
        write_markdown(args.markdown, table)
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument("results")
    parser.add_argument("--data", default=str(ROOT / "data" / "csww_indicators_2017_2023.csv"))
    parser.add_argument("--against-year", type=int)
    parser.add_argument("--nth", type=int, default=1,
                        help="with --against-year: which 30 September of the run (1: the first a year in)")
    parser.add_argument("--markdown", help="also write the table to this file (never an input, nor a file of "
                                           "another kind)")
    parser.add_argument("--tolerance", type=float, default=2.0, help="percentage points")
    parser.add_argument("--councils", action="store_true",
                        help="with --against-year: each council against its own figures, summed up per measure")
    args = parser.parse_args()
    return run_tool(PROG, lambda: compare(args), [args.results])  # --data mistakes are said by load_data


if __name__ == "__main__":
    sys.exit(main())
