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
import sys
from pathlib import Path

import h5py
import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA_NAMES = {"Inner London": "London", "Outer London": "London"}


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def load_data(path, councils=False):
    """{(year, area): {measure: fraction}} for the regions and England, or with
    `councils` for the local authorities (by the data's la_name)."""
    figures = {}
    with open(path, newline="") as f:
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
        Path(args.markdown).write_text(text, encoding="utf-8")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results")
    parser.add_argument("--data", default=str(ROOT / "data" / "csww_indicators_2017_2023.csv"))
    parser.add_argument("--against-year", type=int)
    parser.add_argument("--nth", type=int, default=1,
                        help="with --against-year: which 30 September of the run (1: the first a year in)")
    parser.add_argument("--markdown")
    parser.add_argument("--tolerance", type=float, default=2.0, help="percentage points")
    parser.add_argument("--councils", action="store_true",
                        help="with --against-year: each council against its own figures, summed up per measure")
    args = parser.parse_args()
    if args.councils and not args.against_year:
        print("--councils compares with one year's data: give --against-year", file=sys.stderr)
        sys.exit(2)
    data = load_data(args.data, councils=args.councils)
    with h5py.File(args.results) as f:
        scenario = yaml.safe_load(text(f["scenario_resolved"][()] if "scenario_resolved" in f else f["scenario"][()]))
        authorities = [text(a) for a in f["authority"][:]]
        dates = [text(d) for d in f["date"][:]]
        needed = ["vacancies", "permanent_headcount", "agency_headcount", "leavers_permanent"]
        missing = [m for m in needed if f"series/{m}" not in f]
        if missing:
            sys.exit(f"{args.results} keeps no series of {', '.join(missing)}: run it with --keep standard or all")
        series = {m: f[f"series/{m}"][()].astype(float) for m in needed}
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
    if not septembers:  # bad input: exit 2, as wfsim does
        print(f"{args.results}: no 30 September a year or more into the run"
              + (f" for --nth {args.nth}" if args.against_year else "")
              + f" (the run reports {dates[0]} to {dates[-1]})", file=sys.stderr)
        sys.exit(2)
    if args.councils:
        sys.exit(print_councils(args, groups, series, septembers[0], dates, data))
    lines = ["| area | 30 September | measure | simulated median (90% band) | data | difference (points) | within? |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
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
        Path(args.markdown).write_text(table, encoding="utf-8")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
