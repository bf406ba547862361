#!/usr/bin/env python3
"""The comparison report tells the whole cost: with a policy whose staff cost falls
while its total cost rises (the NQSW programme: fewer agency staff, but trainees
cost money), the report must state the total cost difference with its 95% interval,
in the file's own figures, and not a saving.

    comparison_report_costs.py WFSIM
"""
import os
import subprocess
import sys
import tempfile

import h5py

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(SOURCE, "analysis"))
from wfsim_analysis.report import build_comparison_report  # noqa: E402


def money(value):
    return f"{'+' if value >= 0 else '−'}£{abs(value) / 1e3:,.1f}k a month"


def main():
    wfsim = sys.argv[1]
    with tempfile.TemporaryDirectory() as out:
        path = os.path.join(out, "nqsw.h5")
        subprocess.run([wfsim, "compare", "scenarios/buckinghamshire-2015.yaml",
                        "scenarios/buckinghamshire-2015-nqsw.yaml", "-o", path, "-n", "100", "--seed", "2015", "-q"],
                       check=True, cwd=SOURCE)
        with h5py.File(path) as f:
            names = [s.decode() if isinstance(s, bytes) else s for s in f["difference_statistic"][:]]
            mean, low, high = (names.index(s) for s in ("mean", "ci95_low", "ci95_high"))
            total = f["difference/total_cost"][1, :, 0, -1]
            staff = f["difference/staff_cost"][1, :, 0, -1]
        if not (total[mean] > 0 > staff[mean]):
            sys.exit(f"the case this test needs did not arise: total {total[mean]:.0f}, staff {staff[mean]:.0f}")
        page = build_comparison_report(path)
        wanted = [f"costs £{total[mean] / 1e3:,.1f}k a month more in total than the baseline",
                  f"95% interval {money(total[low])} to {money(total[high])}",
                  "Total cost: staff and policies", "Policy cost"]
        missing = [w for w in wanted if w not in page]
        if missing:
            sys.exit(f"the report lacks: {missing}")
        if "saves" in page.split("<h2>In brief</h2>")[1].split("</ul>")[0].split("NQSW")[1].split("</li>")[0]:
            sys.exit("the report calls the NQSW programme a saving")
    print(f"total cost +{total[mean]:.0f} (staff {staff[mean]:.0f}) a month: the report states the total and its "
          "interval")


if __name__ == "__main__":
    main()
