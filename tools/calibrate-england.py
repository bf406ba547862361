#!/usr/bin/env python3
"""Fits England's per-region factors so each region's average over the fitted months is its reported position.

    tools/calibrate-england.py [--wfsim build/bin/wfsim] [--year 2023] [--replications 16]
        [--rounds 8] [--months 1-120] [--start-from FACTORS.yaml] -o NEW-FACTORS.yaml

`wfsim init --england` sizes every council from its own row of the workforce
indicators, but two things of each region are assumptions: how many applicants its
councils draw from outside the region's pool (per post advertised) and how many agency
workers join its market. This fits one factor on each, per region, so that on average
over the simulated months (1 to 120 by default: ten years, so that the reported
position is where the run settles, not only where it passes) each region's vacancy
rate and agency rate are at the year's reported figures. Where a run drifts (a rule
that starts part-way, as Yorkshire and The Humber's; docs/england.md) the months chosen
decide where it meets the figures: --months 13-24 fits the second year alone. It
repeats: write the scenario with the current factors, run it (common seed), and move
each factor by the ratio of simulated to reported (fewer applicants where vacancies
come out too low; fewer joiners where the agency rate is too high), until every region
is within 0.3 points or the rounds run out. The factors of the last round run, and the
gap that round measured, are written with the method, for `wfsim init --england` to
read (docs/england.md).
Bad arguments exit 2; a wfsim run that fails exits 1 with its message.
"""
import argparse
import csv
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import h5py
import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "analysis"))
from wfsim_analysis.output_guard import replacing  # noqa: E402  (the package lives in the tree)
DATA = ROOT / "data" / "csww_indicators_2017_2023.csv"
MOST_MONTHS = 240
FACTORS_HEADER = "# Per-region factors for `wfsim init --england`"  # the first line of every file this writes


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


class RunFailed(Exception):
    """wfsim failed on a scenario this wrote: the machine or the engine, not the arguments."""


def wfsim_step(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RunFailed(f"{' '.join(command)} exited {result.returncode}:\n{result.stderr.strip()}")


def simulate(wfsim, year, factors, replications, months, tmp):
    calibration = Path(tmp) / "calibration.yaml"
    calibration.write_text(yaml.safe_dump({"regions": factors}, sort_keys=True), encoding="utf-8")
    scenario, results = Path(tmp) / "england.yaml", Path(tmp) / "england.h5"
    years = -(-months[1] // 12)  # the run covers the last month fitted
    wfsim_step([wfsim, "init", "--from-csww", str(DATA), "--england", "--year", str(year), "--duration", f"{years} years",
                "--calibration", str(calibration), "-o", str(scenario), "--force"])
    wfsim_step([wfsim, "run", str(scenario), "-o", str(results), "-n", str(replications), "--seed", "7", "-q", "--force"])
    with h5py.File(results) as f:
        text = f["scenario"][()]
        spec = yaml.safe_load(text.decode() if isinstance(text, bytes) else text)
        names = [a.decode() if isinstance(a, bytes) else a for a in f["authority"][:]]
        s = {m: f[f"series/{m}"][()].astype(float) for m in ("vacancies", "permanent_headcount", "agency_headcount")}
    region_of = {a["name"]: a["region"] for a in spec["authorities"]}
    out = {}
    for region in sorted(set(region_of.values())):
        rows = [i for i, n in enumerate(names) if region_of.get(n) == region]
        window = slice(months[0] - 1, months[1])  # series columns are months 1, 2, ...
        vac = s["vacancies"][:, rows, window].sum(axis=1)
        perm = s["permanent_headcount"][:, rows, window].sum(axis=1)
        agency = s["agency_headcount"][:, rows, window].sum(axis=1)
        out[region] = (float(np.mean(vac / (vac + perm))), float(np.mean(agency / (agency + perm))))
    return out


def refuse(message):
    print(f"calibrate-england.py: {message}", file=sys.stderr)
    sys.exit(2)


def start_factors(path, year, regions):
    """The factors of a file this wrote: every region, both factors, finite and positive."""
    try:
        doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        if not isinstance(doc, dict) or not isinstance(doc.get("regions"), dict):
            raise ValueError("no 'regions' map")
        if doc.get("year") != year:
            raise ValueError(f"fitted to {doc.get('year')}, not --year {year}")
        factors = {}
        for region in regions:
            given = doc["regions"].get(region)
            if not isinstance(given, dict):
                raise ValueError(f"no factors for {region}")
            factors[region] = {}
            for key in ("own_applicants", "agency_joiners"):
                value = float(given[key])
                if not (math.isfinite(value) and value > 0):
                    raise ValueError(f"{region}: {key} is {given[key]!r}, not a positive number")
                factors[region][key] = value
        return factors
    except (OSError, yaml.YAMLError, TypeError, KeyError, ValueError) as exc:
        refuse(f"--start-from {path}: not a factors file this tool wrote for {year} "
               f"({exc.__class__.__name__}: {exc})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wfsim", default=str(ROOT / "build" / "bin" / "wfsim"))
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--replications", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=8,
                        help="at most this many runs; the factors of the last run are written")
    parser.add_argument("--months", default="1-120",
                        help=f"the simulated months fitted, FIRST-LAST (at most {MOST_MONTHS}); the run lasts as long")
    parser.add_argument("--start-from", help="factors to start from (a file this wrote), instead of 1.0 each")
    # No default: the shipped factors (data/england_calibration.yaml) are replaced only
    # by a fit someone chose to write there, never by a trial run.
    parser.add_argument("-o", "--output", required=True,
                        help="the factors file to write (not the --start-from file; move it into data/ to ship it)")
    args = parser.parse_args()
    try:
        months = tuple(int(m) for m in args.months.split("-"))
        if len(months) != 2 or not 1 <= months[0] <= months[1] <= MOST_MONTHS:
            raise ValueError
    except ValueError:
        refuse(f"--months {args.months!r}: expected FIRST-LAST within 1-{MOST_MONTHS}, e.g. 1-120")
    if args.rounds < 1:
        refuse(f"--rounds {args.rounds}: at least 1")
    if args.replications < 1:
        refuse(f"--replications {args.replications}: at least 1")
    if not (os.path.isfile(args.wfsim) and os.access(args.wfsim, os.X_OK)):
        refuse(f"--wfsim {args.wfsim}: no such program (build it, or name it with --wfsim)")
    output = Path(args.output)
    if args.start_from and output.resolve() == Path(args.start_from).resolve():
        refuse(f"-o {args.output}: it is the --start-from file, this fit's input; write the new factors elsewhere")
    if not output.parent.is_dir():
        refuse(f"-o {args.output}: its directory does not exist")
    if output.exists() and output.resolve() == DATA.resolve():
        refuse(f"-o {args.output}: it is the workforce data this fit reads; write the factors elsewhere")
    if output.is_dir():
        refuse(f"-o {args.output}: it is a folder; name the factors file to write")
    if output.exists():
        # Only a factors file this tool wrote is replaced: a scenario, a results file or
        # a table under the name is refused before the fit runs, not after.
        with open(output, "rb") as f:
            if not f.readline().startswith(FACTORS_HEADER.encode()):
                refuse(f"-o {args.output}: it exists and is not a factors file this tool writes; choose another name")
    target = reported(args.year)
    if not target:
        refuse(f"--year {args.year}: {DATA.name} has no regional figures for it")
    factors = {r: {"own_applicants": 1.0, "agency_joiners": 1.0} for r in target}
    if args.start_from:
        factors = start_factors(args.start_from, args.year, target)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for round_ in range(1, args.rounds + 1):
                sim = simulate(args.wfsim, args.year, factors, args.replications, months, tmp)
                worst = max(max(abs(vac - target[r][0]), abs(agency - target[r][1])) for r, (vac, agency) in sim.items())
                print(f"round {round_}: largest gap {100 * worst:.2f} points", file=sys.stderr)
                for region, (vac, agency) in sorted(sim.items()):
                    print(f"  {region:26s} vacancy {100 * vac:5.1f} (data {100 * target[region][0]:5.1f})  agency "
                          f"{100 * agency:5.1f} (data {100 * target[region][1]:5.1f})", file=sys.stderr)
                # The factors written are the ones this round ran: stop before moving them.
                if worst < 0.003 or round_ == args.rounds:
                    break
                for region, (vac, agency) in sim.items():
                    want_vac, want_agency = target[region]
                    f = factors[region]
                    # Too few vacancies: too many applicants. Too high an agency rate: too many joiners.
                    f["own_applicants"] = round(f["own_applicants"] * (vac / want_vac) ** 1.5, 4)
                    f["agency_joiners"] = round(f["agency_joiners"] * (want_agency / agency) ** 2, 4)
    except RunFailed as exc:
        print(f"calibrate-england.py: {exc}", file=sys.stderr)
        sys.exit(1)
    header = f"""{FACTORS_HEADER} (and --region), fitted by
# tools/calibrate-england.py to the {args.year} figures [DfE]: with them, each region's
# simulated vacancy rate and agency rate over months {months[0]} to {months[1]} of a run from the
# {args.year} position ({args.replications} replications, seed 7) are within {100 * worst:.2f}
# points of the reported figures (round {round_}, the last). own_applicants scales
# councils' applicants from outside the region's pool per post advertised;
# agency_joiners scales the agency market's joiners.
# Both are assumptions of the generated scenarios, so these factors fit assumptions, not
# data: docs/england.md says what they stand for. Regenerate, never edit by hand.
"""
    # Replaced only once written whole, with the analysis package's own helper.
    with replacing(output) as partial:
        Path(partial).write_text(header + yaml.safe_dump({"year": args.year, "regions": factors}, sort_keys=True), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
