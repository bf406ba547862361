#!/usr/bin/env python3
"""Where permanent leavers go, simulated, beside the DfE's attrition figures for England.

    tools/leaver-destinations.py RESULTS.h5 [RESULTS.h5 ...]
        [--data data/csww_attrition_national_2021_2025.csv] [--markdown OUT.md]

For each year to 30 September that a run covers whole (its 12 monthly periods), the
share of the scenario's permanent leavers (all its councils) who went to agency work,
to another council and out of the councils' workforce: the mean counts over
replications, as shares of the mean leavers; for agency work also the median and 90%
band over replications of each replication's own share. Beside them, the same year's
figures for England from the DfE's attrition data: agency attrition, movers between
local authorities and full attrition, over leavers (FTE; the model counts workers, and
the DfE places a leaver by where they work on 30 September, the model by what they
chose on leaving). The data are England's: beside a region's run they are context,
not a target.
"""
import argparse
import csv
import sys
from pathlib import Path

import h5py
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DESTINATIONS = (("agency work", "leavers_to_agency", "agency_attrition_fte"),
                ("another council", "leavers_to_other_council", "movers_las_fte"),
                ("out", "leavers_to_outside", "full_attrition_fte"))


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def load_data(path):
    """The DfE's shares by year (the year to 30 September), in percent."""
    shares = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            leavers = float(row["leavers_fte"])
            shares[int(row["time_period"])] = {name: 100 * float(row[column]) / leavers
                                               for name, _, column in DESTINATIONS}
    return shares


def simulated(path):
    """Rows (year, shares, agency band) for each whole year to 30 September of the run."""
    with h5py.File(path) as f:
        needed = [f"summary/{m}" for _, m, _ in DESTINATIONS] + ["summary/leavers_permanent"]
        missing = [n for n in needed if n not in f]
        if missing:  # not a results file of wfsim run, or one from before these measures
            print(f"{path}: no {', '.join(missing)}: not a results file of `wfsim run`", file=sys.stderr)
            sys.exit(2)
        dates = [text(d) for d in f["date"][:]]
        statistic = [text(s) for s in f["statistic"][:]]
        mean = statistic.index("mean")
        # The councils, without the "Region" row a file of several adds (their sum).
        councils = [i for i, a in enumerate(f["summary/authority"][:]) if text(a) != "Region"]
        totals = {m: f[f"summary/{m}"][mean, councils, :] for _, m, _ in DESTINATIONS}
        totals["leavers_permanent"] = f["summary/leavers_permanent"][mean, councils, :]
        have_series = "series/leavers_to_agency" in f and "series/leavers_permanent" in f
        if have_series:
            series_councils = [i for i, a in enumerate(f["series/authority"][:]) if text(a) != "Region"]
            to_agency = f["series/leavers_to_agency"][:, series_councils, :]
            leavers = f["series/leavers_permanent"][:, series_councils, :]
    rows = []
    for end, date in enumerate(dates):
        if date[5:] != "09-30" or end < 11:
            continue
        year = slice(end - 11, end + 1)
        all_leavers = totals["leavers_permanent"][:, year].sum()
        shares = {name: 100 * totals[m][:, year].sum() / all_leavers for name, m, _ in DESTINATIONS}
        band = None
        if have_series:
            per_replication = 100 * to_agency[:, :, year].sum(axis=(1, 2)) / leavers[:, :, year].sum(axis=(1, 2))
            band = np.percentile(per_replication, [50, 5, 95])
        rows.append((int(date[:4]), shares, band))
    if not rows:
        print(f"{path}: no whole year to 30 September in the run (it reports {dates[0]} to {dates[-1]})",
              file=sys.stderr)
        sys.exit(2)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", nargs="+")
    parser.add_argument("--data", default=str(ROOT / "data" / "csww_attrition_national_2021_2025.csv"))
    parser.add_argument("--markdown", help="also write the table to this file")
    args = parser.parse_args()
    if args.markdown and any(Path(args.markdown).resolve() == Path(p).resolve() for p in args.results + [args.data]):
        parser.error(f"--markdown {args.markdown} is one of this command's inputs: name another file")
    data = load_data(args.data)
    lines = ["| results | year to 30 September | going to | simulated (% of leavers) | agency: median (90% band) "
             "| England, DfE (% of FTE leavers) |",
             "| --- | --- | --- | --- | --- | --- |"]
    for path in args.results:
        for year, shares, band in simulated(path):
            for name, _, _ in DESTINATIONS:
                spread = f"{band[0]:.1f} ({band[1]:.1f} to {band[2]:.1f})" if band is not None and \
                    name == "agency work" else ""
                dfe = f"{data[year][name]:.1f}" if year in data else "no data"
                lines.append(f"| {Path(path).name} | {year} | {name} | {shares[name]:.1f} | {spread} | {dfe} |")
    table = "\n".join(lines) + "\n"
    print(table, end="")
    if args.markdown:
        Path(args.markdown).write_text(table)


if __name__ == "__main__":
    main()
