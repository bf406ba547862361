#!/usr/bin/env python3
"""Runs the validation scenarios and sets each reported figure beside the simulated band.

Usage: /usr/bin/python3 tools/check-validation.py WFSIM [-n REPLICATIONS] [--seed S]
           [--markdown OUT.md] [--figures scenarios/validation/figures.csv]

For every row of the figures file: the scenario is run (once per scenario), the
expression is evaluated in each replication, and the reported figure is compared with
the simulated median and 90% band (5th to 95th percentile). The `expect` column says
whether the figure is documented as inside the band or outside it (docs/validation.md
explains each one outside); the exit code is 1 if any figure is not where the
documentation says. Expressions are terms joined by ' + ':
  MEASURE@YYYY-MM-DD              the value in the period containing the date
  sum(MEASURE,FROM,TO)            the sum over periods ending from FROM to TO
  mean(MEASURE)                   the mean over all reported periods (NaN skipped)
"""
import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile

import h5py
import numpy as np


# The figures file and the scenarios it names are the repository's, wherever this runs from.
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(wfsim, scenario, replications, seed, directory):
    out = os.path.join(directory, re.sub(r"[^A-Za-z0-9]+", "-", scenario) + ".h5")
    # Run from the repository's root: a validation scenario extends one in scenarios/,
    # and a scenario may extend only from its own folder or the current one (and
    # their subfolders), so from elsewhere it would be refused.
    subprocess.run([wfsim, "run", os.path.join(ROOT, scenario), "-o", out, "-n", str(replications),
                    "--seed", str(seed), "-q", "--keep", "all"],
                   check=True, cwd=ROOT)
    return out


def period_of(dates, date, figure):
    for k, d in enumerate(dates):
        if d >= date:
            return k
    raise SystemExit(f"{figure}: {date} is after the last reported period ({dates[-1]})")


def evaluate(h5, row, expression, figure):
    dates = [d.decode() if isinstance(d, bytes) else str(d) for d in h5["date"][:]]
    rows = [a.decode() if isinstance(a, bytes) else str(a) for a in h5["authority"][:]]
    if row not in rows:
        raise SystemExit(f"{figure}: no row '{row}' in the results (rows: {rows})")
    r = rows.index(row)
    total = None
    for term in expression.split(" + "):
        term = term.strip()
        if m := re.fullmatch(r"([a-z_0-9]+)@(\d{4}-\d{2}-\d{2})", term):
            values = h5["series"][m[1]][:, r, period_of(dates, m[2], figure)]
        elif m := re.fullmatch(r"sum\(([a-z_0-9]+),(\d{4}-\d{2}-\d{2}),(\d{4}-\d{2}-\d{2})\)", term):
            first, last = period_of(dates, m[2], figure), period_of(dates, m[3], figure)
            values = h5["series"][m[1]][:, r, first:last + 1].sum(axis=1)
        elif m := re.fullmatch(r"mean\(([a-z_0-9]+)\)", term):
            values = np.nanmean(h5["series"][m[1]][:, r, :], axis=1)
        else:
            raise SystemExit(f"{figure}: cannot read the expression term '{term}'")
        total = values if total is None else total + values
    return total


def number(x):
    return f"{x:.3f}" if abs(x) < 1 else f"{x:,.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("wfsim")
    parser.add_argument("-n", "--replications", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--figures", default=os.path.join(ROOT, "scenarios", "validation", "figures.csv"))
    parser.add_argument("--markdown", help="also write the comparison as a Markdown table")
    args = parser.parse_args()
    args.wfsim = os.path.abspath(args.wfsim) if os.sep in args.wfsim else args.wfsim
    with open(args.figures, newline="", encoding="utf-8") as f:
        figures = list(csv.DictReader(f))
    results, failures = [], 0
    with tempfile.TemporaryDirectory() as directory:
        files = {}
        for fig in figures:
            if fig["scenario"] not in files:
                files[fig["scenario"]] = run(args.wfsim, fig["scenario"], args.replications, args.seed, directory)
            with h5py.File(files[fig["scenario"]], "r") as h5:
                values = evaluate(h5, fig["row"], fig["expression"], fig["figure"])
            values = values[~np.isnan(values)]
            low, median, high = np.percentile(values, [5, 50, 95])
            reported = float(fig["reported"])
            inside = low <= reported <= high
            status = "inside" if inside else "outside"
            ok = status == fig["expect"]
            failures += not ok
            results.append((fig, median, low, high, status, ok))
            print(f"{'ok  ' if ok else 'FAIL'} {fig['scenario']} | {fig['figure']}: reported {reported:g}, "
                  f"simulated {median:.4g} [{low:.4g}, {high:.4g}] -> {status} (documented {fig['expect']})")
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as out:
            out.write("| scenario | figure | reported | simulated median | 90% band | in band? | source |\n")
            out.write("| --- | --- | --- | --- | --- | --- | --- |\n")
            for fig, median, low, high, status, _ in results:
                name = os.path.basename(fig["scenario"]).replace(".yaml", "")
                out.write(f"| {name} | {fig['figure']} | {number(float(fig['reported']))} | {number(median)} | "
                          f"{number(low)} to {number(high)} | {'yes' if status == 'inside' else '**no**'} | "
                          f"{fig['source']} |\n")
    print(f"{len(figures)} figures, {args.replications} replications, seed {args.seed}: "
          f"{sum(r[4] == 'inside' for r in results)} inside the 90% band; {failures} not as documented")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
