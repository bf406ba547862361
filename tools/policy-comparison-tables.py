#!/usr/bin/env python3
"""Prints the tables of docs/policy-comparison.md from a comparison file.

    /usr/bin/python3 tools/policy-comparison-tables.py policies.h5

At the last period: each variant's median (5% to 95%) and its paired difference from
the baseline with the 95% interval, for agency share, uncovered gap, agency spend and
total cost. Over the run: each variant's total over all months (median, 5% to 95%) and
the paired difference of the totals from the baseline's with the 95% interval, in £
million (total_summary and total_difference).
"""
import argparse
import sys

from tool_support import run_tool

PROG = "policy-comparison-tables.py"
ROWS = [("agency_share", "agency share (%)", 100.0),
        ("uncovered_gap", "uncovered gap (posts)", 1.0),
        ("agency_spend", "agency spend (£k a month)", 1e-3),
        ("total_cost", "total cost incl. levers (£k a month)", 1e-3)]
TOTALS = [("agency_spend", "agency spend"), ("policy_cost", "lever costs"),
          ("total_cost", "total cost (permanent + agency + levers)")]


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def opened_comparison(path):
    """The comparison file, open, with every dataset the tables read; or ResultsError."""
    from wfsim_analysis import kind_of
    from wfsim_analysis.results import ResultsError, measures_in, open_file

    kind = kind_of(path)
    if kind != "comparison":
        raise ResultsError(f"{path} is a wfsim {kind} file, not a comparison: the tables compare the variants of "
                           "one written by 'wfsim compare'")
    f = open_file(path)
    for group, measures in (("summary", [m for m, _, _ in ROWS]), ("total_summary", [m for m, _ in TOTALS])):
        missing = [m for m in measures if group not in f or m not in measures_in(f[group])]
        if missing:
            f.close()
            raise ResultsError(f"{path} has no /{group}/{missing[0]}: it was written by another version of wfsim; "
                               "run the comparison again")
    return f


def tables(path):
    with opened_comparison(path) as f:
        variants = [text(v) for v in f["variant"][:]]
        stats = [text(s) for s in f["statistic"][:]]
        diff_stats = [text(s) for s in f["difference_statistic"][:]]
        p5, p50, p95 = (stats.index(s) for s in ("p5", "p50", "p95"))
        mean, low, high = (diff_stats.index(s) for s in ("mean", "ci95_low", "ci95_high"))
        print(f"At {text(f['date'][-1])}: median (5% to 95%), and the paired difference from the baseline: "
              "mean [95% CI].\n")
        print("| variant | measure | median (5% to 95%) | difference |")
        print("| --- | --- | --- | --- |")
        for measure, label, scale in ROWS:
            s = f["summary/" + measure][:, :, 0, -1] * scale
            d = f["difference/" + measure][:, :, 0, -1] * scale
            for v, name in enumerate(variants):
                difference = "baseline" if v == 0 else f"{d[v, mean]:+.1f} [{d[v, low]:+.1f}, {d[v, high]:+.1f}]"
                print(f"| {name} | {label} | {s[v, p50]:.1f} ({s[v, p5]:.1f} to {s[v, p95]:.1f}) | {difference} |")
        months = f["time"].shape[0]
        print(f"\nOver the {months} months, in £ million: each replication's total, median (5% to 95%), and "
              "the paired difference of the totals from the baseline's: mean [95% CI].\n")
        print("| variant | measure | total, median (5% to 95%) | difference |")
        print("| --- | --- | --- | --- |")
        for measure, label in TOTALS:
            s = f["total_summary/" + measure][:, :, 0] / 1e6
            d = f["total_difference/" + measure][:, :, 0] / 1e6
            for v, name in enumerate(variants):
                difference = "baseline" if v == 0 else f"{d[v, mean]:+.2f} [{d[v, low]:+.2f}, {d[v, high]:+.2f}]"
                print(f"| {name} | {label} | {s[v, p50]:.2f} ({s[v, p5]:.2f} to {s[v, p95]:.2f}) | {difference} |")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("comparison", metavar="COMPARE.h5", help="comparison file written by wfsim compare")
    args = parser.parse_args(argv)
    return run_tool(PROG, lambda: tables(args.comparison), [args.comparison])


if __name__ == "__main__":
    sys.exit(main())
