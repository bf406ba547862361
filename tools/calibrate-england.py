#!/usr/bin/env python3
"""Fits England's per-region factors so each region's average over the run is its reported position.

    tools/calibrate-england.py [--wfsim build/bin/wfsim] [--year 2023] [--replications 16]
        [--rounds 8] [--months 1-36] [--start-from FACTORS.yaml] [-o data/england_calibration.yaml]

`wfsim init --england` sizes every council from its own row of the workforce
indicators, but two things of each region are assumptions: how many applicants its
councils draw from outside the region's pool (per post advertised) and how many agency
workers join its market. This fits one factor on each, per region, so that over the
simulated months (1 to 36 by default: runs start warm, with notices, recruitments and
bookings already in flight, so the first year is fitted too; see docs/model.md) each
region's vacancy rate and agency rate are at the year's reported figures (on average:
the rates drift, docs/england.md says why; --months 61-120 fits the long run). It
repeats: write the scenario with the current factors, run it (common seed), and move
each factor by the ratio of simulated to reported (fewer applicants where vacancies
come out too low; fewer joiners where the agency rate is too high), until every region
is within 0.3 points or the rounds run out. The factors and the fit reached are written
with the method, for `wfsim init --england` to read (docs/england.md).
"""
import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

import h5py
import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "csww_indicators_2017_2023.csv"
MOST_MONTHS = 240


def reported(year):
    found = {}
    with open(DATA, newline="") as f:
        for row in csv.DictReader(f):
            if row["time_period"] != str(year) or row["geographic_level"] != "Regional":
                continue
            if row["region_name"] in ("Inner London", "Outer London"):
                continue
            found[row["region_name"]] = (float(row["vacancy_rate_fte"]) / 100, float(row["agency_rate_headcount"]) / 100)
    return found


def simulate(wfsim, year, factors, replications, months, tmp):
    calibration = Path(tmp) / "calibration.yaml"
    calibration.write_text(yaml.safe_dump({"regions": factors}, sort_keys=True))
    scenario, results = Path(tmp) / "england.yaml", Path(tmp) / "england.h5"
    years = -(-months[1] // 12)  # the run covers the last month fitted
    subprocess.run([wfsim, "init", "--from-csww", str(DATA), "--england", "--year", str(year), "--duration", f"{years} years",
                    "--calibration", str(calibration), "-o", str(scenario)], check=True, capture_output=True)
    subprocess.run([wfsim, "run", str(scenario), "-o", str(results), "-n", str(replications), "--seed", "7", "-q"],
                   check=True)
    with h5py.File(results) as f:
        text = f["scenario"][()]
        spec = yaml.safe_load(text.decode() if isinstance(text, bytes) else text)
        names = [a.decode() if isinstance(a, bytes) else a for a in f["authority"][:]]
        s = {m: f[f"series/{m}"][()].astype(float) for m in ("vacancies", "permanent_headcount", "agency_headcount")}
    region_of = {a["name"]: a["region"] for a in spec["authorities"]}
    out = {}
    for region in sorted(set(region_of.values())):
        rows = [i for i, n in enumerate(names) if region_of.get(n) == region]
        window = slice(months[0] - 1, months[1])
        vac = s["vacancies"][:, rows, window].sum(axis=1)
        perm = s["permanent_headcount"][:, rows, window].sum(axis=1)
        agency = s["agency_headcount"][:, rows, window].sum(axis=1)
        out[region] = (float(np.mean(vac / (vac + perm))), float(np.mean(agency / (agency + perm))))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wfsim", default=str(ROOT / "build" / "bin" / "wfsim"))
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--replications", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--months", default="1-36",
                        help=f"the simulated months fitted, FIRST-LAST (at most {MOST_MONTHS}); the run lasts as long")
    parser.add_argument("--start-from", help="factors to start from (a file this wrote), instead of 1.0 each")
    parser.add_argument("-o", "--output", default=str(ROOT / "data" / "england_calibration.yaml"))
    args = parser.parse_args()
    try:
        months = tuple(int(m) for m in args.months.split("-"))
        if len(months) != 2 or not 1 <= months[0] <= months[1] <= MOST_MONTHS:
            raise ValueError
    except ValueError:
        print(f"calibrate-england.py: --months {args.months!r}: expected FIRST-LAST within 1-{MOST_MONTHS}, "
              "e.g. 1-36",
              file=sys.stderr)
        sys.exit(2)
    target = reported(args.year)
    factors = {r: {"own_applicants": 1.0, "agency_joiners": 1.0} for r in target}
    if args.start_from:
        try:
            start = yaml.safe_load(Path(args.start_from).read_text())["regions"]
            for region in factors:
                given = start.get(region, {})
                factors[region].update({k: float(given[k]) for k in ("own_applicants", "agency_joiners") if k in given})
        except (OSError, yaml.YAMLError, TypeError, KeyError, ValueError, AttributeError) as exc:
            print(f"calibrate-england.py: --start-from {args.start_from}: not a factors file this tool wrote "
                  f"({exc.__class__.__name__}: {exc})", file=sys.stderr)
            sys.exit(2)
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(1, args.rounds + 1):
            sim = simulate(args.wfsim, args.year, factors, args.replications, months, tmp)
            worst = 0.0
            for region, (vac, agency) in sim.items():
                want_vac, want_agency = target[region]
                worst = max(worst, abs(vac - want_vac), abs(agency - want_agency))
                f = factors[region]
                # Too few vacancies: too many applicants. Too high an agency rate: too many joiners.
                f["own_applicants"] = round(f["own_applicants"] * (vac / want_vac) ** 1.5, 4)
                f["agency_joiners"] = round(f["agency_joiners"] * (want_agency / agency) ** 2, 4)
            print(f"round {round_}: largest gap {100 * worst:.2f} points", file=sys.stderr)
            for region, (vac, agency) in sorted(sim.items()):
                print(f"  {region:26s} vacancy {100 * vac:5.1f} (data {100 * target[region][0]:5.1f})  agency "
                      f"{100 * agency:5.1f} (data {100 * target[region][1]:5.1f})", file=sys.stderr)
            if worst < 0.003:
                break
    header = f"""# Per-region factors for `wfsim init --england` (and --region), fitted by
# tools/calibrate-england.py to the {args.year} figures [DfE]: with them, each region's
# simulated vacancy rate and agency rate over months {months[0]} to {months[1]} of a run from the
# {args.year} position ({args.replications} replications, seed 7) are at the reported
# figures (largest gap {100 * worst:.2f} points in the last round). own_applicants scales
# councils' applicants from outside the region's pool per post advertised;
# agency_joiners scales the agency market's joiners and its idle workers at the start.
# Both are assumptions of the generated scenarios, so these factors fit assumptions, not
# data: docs/england.md says what they stand for. Regenerate, never edit by hand.
"""
    # Written beside the output and renamed over it, so a failed write never leaves half a file.
    output = Path(args.output)
    partial = output.with_name(output.name + ".partial")
    partial.write_text(header + yaml.safe_dump({"year": args.year, "regions": factors}, sort_keys=True))
    partial.replace(output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
