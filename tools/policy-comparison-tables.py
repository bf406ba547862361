#!/usr/bin/env python3
"""Prints the tables of docs/policy-comparison.md from a comparison file.

    /usr/bin/python3 tools/policy-comparison-tables.py policies.h5

At the last period: each variant's median (5% to 95%) and its paired difference from
the baseline with the 95% interval, for agency share, uncovered gap, agency spend and
total cost. Over the run: each variant's total over all months (median, 5% to 95%) and
the paired difference of the totals from the baseline's with the 95% interval, in £
million (total_summary and total_difference).
"""
import sys

import h5py

ROWS = [("agency_share", "agency share (%)", 100.0, 1),
        ("uncovered_gap", "uncovered gap (posts)", 1.0, 1),
        ("agency_spend", "agency spend (£k a month)", 1e-3, 1),
        ("total_cost", "total cost incl. levers (£k a month)", 1e-3, 1)]


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def main(path):
    with h5py.File(path, "r") as f:
        variants = [text(v) for v in f["variant"][:]]
        stats = [text(s) for s in f["statistic"][:]]
        diff_stats = [text(s) for s in f["difference_statistic"][:]]
        p5, p50, p95 = (stats.index(s) for s in ("p5", "p50", "p95"))
        mean, low, high = (diff_stats.index(s) for s in ("mean", "ci95_low", "ci95_high"))
        print(f"At {text(f['date'][-1])}: median (5% to 95%), and the paired difference from the baseline: "
              "mean [95% CI].\n")
        print("| variant | measure | median (5% to 95%) | difference |")
        print("| --- | --- | --- | --- |")
        for measure, label, scale, _ in ROWS:
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
        for measure, label in (("agency_spend", "agency spend"), ("policy_cost", "lever costs"),
                               ("total_cost", "total cost (permanent + agency + levers)")):
            s = f["total_summary/" + measure][:, :, 0] / 1e6
            d = f["total_difference/" + measure][:, :, 0] / 1e6
            for v, name in enumerate(variants):
                difference = "baseline" if v == 0 else f"{d[v, mean]:+.2f} [{d[v, low]:+.2f}, {d[v, high]:+.2f}]"
                print(f"| {name} | {label} | {s[v, p50]:.2f} ({s[v, p5]:.2f} to {s[v, p95]:.2f}) | {difference} |")

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
