#!/usr/bin/env python3
"""Where permanent leavers go, simulated, beside the DfE's attrition figures for England.

    tools/leaver-destinations.py RESULTS.h5 [RESULTS.h5 ...]
        [--data data/csww_attrition_national_2021_2025.csv] [--markdown OUT.md]

RESULTS.h5 is a file of `wfsim run`. For each year to 30 September that the run
covers whole (12 monthly periods, the first starting on 1 October), the share of the
scenario's permanent leavers (all its councils) who went to agency work, to another
council and out of the councils' workforce: the mean counts over replications, as
shares of the mean leavers; for agency work also the median and 90% band over
replications of each replication's own share (from the per-replication series, which
`--keep summaries` does not keep).

Beside them, the same year's figures for England from the DfE's attrition data:
agency attrition, movers between local authorities and full attrition, over leavers.
The DfE counts full-time equivalents and places a leaver by where they work on 30
September; the model counts workers and places them by what they chose on leaving.
The data are England's: beside a region's run they are context, not a target.

The DfE counts as movers everyone in post at another council, in any region, and the
model's destinations are drawn at its shares: a leaver bound out leaves councils'
work, and one bound for another council seeks a post in their own region's pool where
it has a council for them. Where their region has no place for their destination (no
pool, or none but the council they left; an unlimited agency supply), some may seek a
post in a neighbouring region's pool instead, counted under the destination drawn: for
a leaver bound for agency work, not the DfE's way, which would count them as movers
once in post. The engine before commit 49b8ea2 (2026-12-06) let a leaver bound out
seek next door too, counted as out. Where a file's flows (`/flows/mean`) show
permanent leavers joining another region's seekers, a note says how many in each year
of the table, so that a reader can see how far the shares may differ from the DfE's
way of counting.
"""
import argparse
import csv
import sys
from pathlib import Path

import numpy as np

from tool_support import ROOT, check_table_output, fail, flow_matrix, run_tool, write_table

PROG = "leaver-destinations.py"
DESTINATIONS = (("agency work", "leavers_to_agency", "agency_attrition_fte"),
                ("another council", "leavers_to_other_council", "movers_las_fte"),
                ("out", "leavers_to_outside", "full_attrition_fte"))
DATA_COLUMNS = ["time_period", "leavers_fte"] + [column for _, _, column in DESTINATIONS]


class InputError(Exception):
    """A user's mistake in an input: one line, exit 2."""


def load_data(path):
    """The DfE's shares by year (the year to 30 September), in percent."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except OSError as err:
        raise InputError(f"cannot read --data {path}: {err.strerror}") from None
    except (UnicodeDecodeError, csv.Error):
        raise InputError(f"--data {path} is not a CSV table (data/csww_attrition_national_2021_2025.csv is)") from None
    missing = [c for c in DATA_COLUMNS if not rows or c not in rows[0]]
    if missing:
        raise InputError(f"--data {path} is not the DfE's attrition data: it has no column {', '.join(missing)} "
                         f"(data/csww_attrition_national_2021_2025.csv is)")
    shares = {}
    for line, row in enumerate(rows, start=2):
        try:
            leavers = float(row["leavers_fte"])
            shares[int(row["time_period"])] = {name: 100 * float(row[column]) / leavers
                                               for name, _, column in DESTINATIONS}
        except (ValueError, ZeroDivisionError):
            raise InputError(f"--data {path}:{line}: not a year's figures: {row}") from None
    return shares


def leavers_to_other_regions(path, periods):
    """The mean permanent leavers a replication who joined another region's seekers in
    each period, from the file's flows: zeros for a run of one region (whose categories
    name councils and one pool) or a file without flows."""
    moved = np.zeros(periods)
    matrix = flow_matrix(path)
    if matrix is None:
        return moved
    labels, flows = matrix
    region_of = {"permanent": {}, "seeking permanent": {}}  # label index by kind, to its region
    for k, label in enumerate(labels):
        kind, _, region = label.partition(": ")
        if kind in region_of and region:
            region_of[kind][k] = region
    for i, home in region_of["permanent"].items():
        for j, there in region_of["seeking permanent"].items():
            if there != home:
                moved += flows[i, j, :periods]
    return moved


def simulated(path):
    """Rows (year, shares, agency band or None) for each whole year to 30 September."""
    from wfsim_analysis.results import TOTAL_ROWS, Results

    with Results(path) as results:  # refuses any file but `wfsim run`'s, saying what it is
        councils = [i for i, name in enumerate(results.authorities) if name not in TOTAL_ROWS]
        mean = results.statistic_index("mean")
        totals = {m: results.summary(m)[mean][councils] for _, m, _ in DESTINATIONS}
        totals["leavers_permanent"] = results.summary("leavers_permanent")[mean][councils]
        have_series = {"leavers_to_agency", "leavers_permanent"} <= set(results.kept_series)
        if have_series:
            to_agency = results.series("leavers_to_agency")[:, councils, :]
            leavers = results.series("leavers_permanent")[:, councils, :]
        dates = [str(d) for d in results.dates]
        first_day = str(results.metadata.get("report_start_date", ""))
    moved = leavers_to_other_regions(path, len(dates))
    rows = []
    moved_by_year = []
    for end, date in enumerate(dates):
        if date[5:] != "09-30" or end < 11:
            continue
        # The window's first period must be a whole October: a run reported from
        # 15 October has a first period of half a month.
        if end == 11 and first_day[5:] != "10-01":
            continue
        year = slice(end - 11, end + 1)
        if moved[year].sum() > 0:
            moved_by_year.append(f"{date[:4]} {moved[year].sum():.1f}")
        all_leavers = totals["leavers_permanent"][:, year].sum()
        shares = {name: 100 * totals[m][:, year].sum() / all_leavers for name, m, _ in DESTINATIONS}
        band = None
        if have_series:
            per_replication = 100 * to_agency[:, :, year].sum(axis=(1, 2)) / leavers[:, :, year].sum(axis=(1, 2))
            band = np.percentile(per_replication, [50, 5, 95])
        rows.append((int(date[:4]), shares, band))
    if moved_by_year:
        print(f"{PROG}: note: {path}: permanent leavers who joined another region's seekers, a replication, "
              f"by year to 30 September: {', '.join(moved_by_year)}; each is counted under the destination drawn "
              "at their notice (with the engine before commit 49b8ea2, those bound out as out), where the DfE would "
              "count those in post at another council on 30 September as movers", file=sys.stderr)
    if not rows:
        raise InputError(f"{path}: no whole year to 30 September in the run (it reports the months ending "
                         f"{dates[0]} to {dates[-1]})")
    return rows


HEADER = ("| results | year to 30 September | going to | simulated (% of leavers) | agency: median (90% band) "
          "| England, DfE (% of FTE leavers) |")


def table(paths, data):
    lines = [HEADER,
             "| --- | --- | --- | --- | --- | --- |"]
    for path in paths:
        for year, shares, band in simulated(path):
            for name, _, _ in DESTINATIONS:
                spread = ""
                if name == "agency work":
                    spread = "no series kept" if band is None else f"{band[0]:.1f} ({band[1]:.1f} to {band[2]:.1f})"
                dfe = f"{data[year][name]:.1f}" if year in data else "no data"
                lines.append(f"| {Path(path).name} | {year} | {name} | {shares[name]:.1f} | {spread} | {dfe} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", nargs="+", help="results files of `wfsim run`")
    parser.add_argument("--data", default=str(Path(ROOT) / "data" / "csww_attrition_national_2021_2025.csv"),
                        help="the DfE's attrition data (default: the repository's copy)")
    parser.add_argument("--markdown", help="also write the table to this file (never one of the inputs)")
    args = parser.parse_args()

    def command():
        try:
            if args.markdown:  # before any reading: a refused output costs nothing
                check_table_output(args.markdown, args.results + [args.data], HEADER)
            text = table(args.results, load_data(args.data))
            if args.markdown:
                try:
                    write_table(args.markdown, text)
                except OSError as err:
                    raise InputError(f"cannot write --markdown {args.markdown}: {err.strerror}") from None
        except InputError as err:
            return fail(PROG, str(err))
        sys.stdout.write(text)
        return 0

    return run_tool(PROG, command, args.results)


if __name__ == "__main__":
    sys.exit(main())
