#!/usr/bin/env python3
"""The comparison report tells the whole cost over the whole run. With the NQSW
programme, whose trainees' cost is booked in September (the run's last month), that
month alone shows the programme costing more, while over the five years it costs
less: the report's brief must state the total cost difference over the run, with its
95% interval, in the file's own figures (total_difference/total_cost), and that total
must be the sum of the monthly mean differences.

    comparison_report_costs.py WFSIM
"""
import os
import subprocess
import sys
import tempfile

import h5py

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(SOURCE, "analysis"))
from wfsim_analysis.comparison_report import build_comparison_report  # noqa: E402


def money(value, signed=False):
    sign = ("+" if value >= 0 else "−") if signed else ""
    if abs(value) < 1e5:  # a small lever's cost in £k: '£0.00m' hid it
        return f"{sign}£{abs(value) / 1e3:,.1f}k"
    return f"{sign}£{abs(value) / 1e6:,.2f}m"


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
            last_month = f["difference/total_cost"][1, mean, 0, -1]
            monthly_means = f["difference/total_cost"][1, mean, 0, :]
            total = f["total_difference/total_cost"][1, :, 0]
            parts = sum(f[f"total_difference/{m}"][1, mean, 0]
                        for m in ("permanent_staff_cost", "agency_spend", "policy_cost"))
            months = f["time"].shape[0]
        # The report shows total cost's three parts: they add up to it.
        if abs(parts - total[mean]) > 1e-6 * abs(total[mean]):
            sys.exit(f"total cost's parts add to {parts}, not its {total[mean]}")
        if not (last_month > 0 > total[mean]):
            sys.exit(f"the case this test needs did not arise: last month {last_month:.0f}, "
                     f"over the run {total[mean]:.0f}")
        # A sum's mean is the sum of the means: the totals agree with the monthly figures.
        if abs(total[mean] - monthly_means.sum()) > 1e-9 * abs(total[mean]):
            sys.exit(f"the total's mean {total[mean]} is not the sum of the monthly means {monthly_means.sum()}")
        page = build_comparison_report(path)
        brief = page.split("<h2>In brief</h2>")[1].split("</ul>")[0]
        wanted = f"costs {money(total[mean])} less in total than the baseline over the {months} months"
        interval = f"95% interval {money(total[low], True)} to {money(total[high], True)}"
        missing = [w for w in (wanted, interval) if w not in brief]
        if missing:
            sys.exit(f"the report's brief lacks: {missing}")
        if "a month more in total" in brief:
            sys.exit("the report's brief judges the cost by the last month")
        for heading in ("Over the whole run", "Total cost: staff and policies", "Policy cost",
                        "Permanent staff cost (salary and on-costs)", "Agency spend"):
            if heading not in page:
                sys.exit(f"the report lacks {heading!r}")
        # The variant extends the baseline: the report says what it changes of it.
        if "<td>(what it changes)</td><td>extends buckinghamshire-2015.yaml; sets " not in page:
            sys.exit("the report does not say what the variant changes of the scenario it extends")
        if "is not the baseline" in page:
            sys.exit("the report says a variant of the baseline extends another scenario")
        # A variant of a variant: its difference from the baseline holds its base's
        # change too, which the report once left unsaid (a cap over a cooling-off's
        # variant read as the cap's effect alone).
        on_top = os.path.join(out, "on-top.yaml")
        with open(on_top, "w", encoding="utf-8") as f:
            f.write(f"extends: {os.path.join(SOURCE, 'scenarios', 'buckinghamshire-2015-nqsw.yaml')}\n"
                    "name: NQSW and more applicants\nauthorities:\n  - name: Buckinghamshire\n    roles:\n"
                    "      - {name: social_worker, recruitment: {applicants_per_year: 60}}\n")
        both = os.path.join(out, "both.h5")
        subprocess.run([wfsim, "compare", "scenarios/buckinghamshire-2015.yaml",
                        "scenarios/buckinghamshire-2015-nqsw.yaml", on_top, "-o", both, "-n", "4", "--seed", "2015",
                        "-q"], check=True, cwd=SOURCE, capture_output=True)
        said = build_comparison_report(both)
        if "(its base, buckinghamshire-2015-nqsw.yaml, is not the baseline: its difference from the baseline " \
                "holds what that base changes too" not in said:
            sys.exit("the report does not say that a variant's base is not the baseline")
    print(f"total cost over {months} months {total[mean] / 1e6:+.2f}m (last month alone {last_month / 1e3:+.1f}k): "
          "the report states the run's total and its interval")


if __name__ == "__main__":
    main()
