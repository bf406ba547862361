#!/usr/bin/env python3
"""Workers leaving England's markets and moving between regions, from two runs' flows.

    tools/england-flows.py FIRST.h5 SECOND.h5 [--from DATE] [--to DATE]

Reads /flows/mean (means over replications of the moves between categories, by region
in a scenario of several) and prints, for each region, per year over the dates given
(default: the whole run): workers leaving for outside England's markets (from
permanent posts, agency work, the agency pool and the pool of seekers), and workers
moving to another region's agency pool or pool of seekers, in each run (its columns
headed by its file's name: with the national rules and without them, or any two runs
of the same councils) and the difference, the first less the second. Means over replications; the difference of two means (each run's
replications paired, but the flows are stored as means, so no interval is given).
"""
import argparse
import datetime
import os
import sys

import numpy as np

from tool_support import flow_matrix, run_tool

PROG = "england-flows.py"


def text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def flows(path, start, end):
    import h5py
    from wfsim_analysis.results import ResultsError

    if not os.path.isfile(path):
        raise ResultsError(f"cannot read {path}: no such file")
    matrix = flow_matrix(path)
    if matrix is None:
        raise ResultsError(f"{path} holds no flow matrix: give two results files of 'wfsim run' (a comparison "
                           "or sweep file keeps none)")
    labels, all_periods = matrix
    with h5py.File(path, "r") as f:
        councils = [text(x) for x in f["authority"][:]]
        dates = [text(d) for d in f["date"][:]]
        keep = [k for k, d in enumerate(dates) if start <= d <= end]
        if not keep:
            raise ResultsError(f"{path}: no reporting period ends between {start} and {end} (the run reports "
                               f"{dates[0]} to {dates[-1]})")
    mean = all_periods[:, :, keep].sum(axis=2)
    years = len(keep) / 12
    return labels, councils, mean / years


def main():
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument("with_rules", metavar="FIRST.h5", help="a run of England (with the national rules, say)")
    parser.add_argument("without_rules", metavar="SECOND.h5", help="a run of the same councils (without them)")
    parser.add_argument("--from", dest="start", default="0000")
    parser.add_argument("--to", dest="end", default="9999")
    args = parser.parse_args()
    # ISO dates compare as text; anything else would select nothing or everything.
    for option, value, default in (("--from", args.start, "0000"), ("--to", args.end, "9999")):
        if value != default:
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                parser.error(f"{option} expects a date YYYY-MM-DD, got {value!r}")
    return run_tool(PROG, lambda: table(args), [args.with_rules, args.without_rules])


def table(args):
    from wfsim_analysis.results import ResultsError

    labels, councils, a = flows(args.with_rules, args.start, args.end)
    labels_b, councils_b, b = flows(args.without_rules, args.start, args.end)
    if labels != labels_b or councils != councils_b:
        raise ResultsError(f"{args.with_rules} and {args.without_rules} are not runs of the same councils and regions: "
                           "their flow categories differ")
    outside = labels.index("outside")
    regions = [l.split(": ", 1)[1] for l in labels if l.startswith("agency pool: ")]
    if not regions:
        raise ResultsError(f"{args.with_rules} is a run of one region, whose flows are not kept by region: this "
                           "table is of a run of several (England's)")
    print("Workers a year (means over replications):\n")
    # Headed by the files' names: a run with a cap against one without it read "with
    # rules" and "without", neither having the national rules.
    first, second = os.path.basename(args.with_rules), os.path.basename(args.without_rules)
    print(f"| region | leaving to outside, {first} | {second} | difference | moving to other regions, {first} | "
          f"{second} | difference |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    totals = np.zeros(6)
    for r in regions:
        mine = [labels.index(f"{kind}: {r}") for kind in ("permanent", "agency", "agency pool", "seeking permanent")]
        others = [labels.index(f"{kind}: {s}") for s in regions if s != r for kind in ("agency pool", "seeking permanent")]
        row = []
        for m in (a, b):
            row.append(m[mine, outside].sum())
        row.append(row[0] - row[1])
        for m in (a, b):
            row.append(m[np.ix_(mine, others)].sum())
        row.append(row[3] - row[4])
        totals += row
        print(f"| {r} | {row[0]:.0f} | {row[1]:.0f} | {row[2]:+.0f} | {row[3]:.0f} | {row[4]:.0f} | {row[5]:+.0f} |")
    print(f"| England | {totals[0]:.0f} | {totals[1]:.0f} | {totals[2]:+.0f} | {totals[3]:.0f} | {totals[4]:.0f} | "
          f"{totals[5]:+.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
