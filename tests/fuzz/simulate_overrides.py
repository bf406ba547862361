#!/usr/bin/env python3
"""Random --set overrides, then a short run: the model's fuzzer.

The libFuzzer targets beside this file load and validate a scenario but do not
simulate it. This one takes a scenario, picks 1 to 4 of its numbers and durations at
random, gives each an edge value (0, 1e-9, 1e6, 1e12, -1, 0 days, 100 years, ...),
and runs `wfsim run` for 2 replications of 18 months. Exit 0 (the values were fine)
or 2 (refused as bad input, before or during the run) is the expected end; anything
else, a sanitizer's report, an uncaught exception or a run longer than --timeout is
a finding. The draws come from --seed, so a run is repeatable.

    tests/fuzz/simulate_overrides.py build-asan/bin/wfsim --trials 2000
    tests/fuzz/simulate_overrides.py build/bin/wfsim --scenario scenarios/south-east-moc-2016.yaml

Its first run (2026-12-03, on the ASan build) found agency joiners at 1e6
a year running for more than 100 s for 18 months of two replications: every booking
weighed a pool of tens of thousands (model/pool_limit.hpp now stops such a run).
"""

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import yaml
except ImportError:  # pragma: no cover - Debian package missing
    sys.exit("simulate_overrides.py: PyYAML is missing: apt-get install python3-yaml")

ROOT = Path(__file__).resolve().parents[2]
NUMBERS = ["0", "1e-9", "0.5", "1", "2", "3", "0.999999", "1e6", "1e12", "-1"]
DURATIONS = ["0 days", "1e-6 days", "1 days", "1 months", "12 months", "10 years", "100 years"]
DURATION = re.compile(r"^[0-9.e+-]+ (days|weeks|months|years)$")
SKIPPED = {"wfsim", "name", "start", "duration", "warmup"}  # the run's length is the fuzzer's


def leaves(node, path=""):
    """(key path as --set writes it, value) for every scalar of the scenario."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from leaves(value, f"{path}[{i}]")
    else:
        yield path, node


def edge_values(value):
    if isinstance(value, bool):
        return ["true", "false"]
    if isinstance(value, (int, float)):
        return NUMBERS
    if isinstance(value, str) and DURATION.match(value):
        return DURATIONS + NUMBERS[:3]
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wfsim", help="the wfsim binary (an ASan build finds more)")
    parser.add_argument("--scenario", default=str(ROOT / "tests" / "scenarios" / "every-feature.yaml"))
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60, help="seconds a run may take (default 60)")
    args = parser.parse_args()
    with open(args.scenario, encoding="utf-8") as f:
        scenario = yaml.safe_load(f)
    keys = [(path, values) for path, value in leaves(scenario)
            if path.split(".")[-1].split("[")[0] not in SKIPPED and (values := edge_values(value))]
    rng = random.Random(args.seed)
    ends = {}
    findings = 0
    with tempfile.TemporaryDirectory(prefix="wfsim-simfuzz-") as scratch:
        output = os.path.join(scratch, "out.h5")
        for trial in range(args.trials):
            sets = [f"{path}={rng.choice(values)}" for path, values in rng.sample(keys, rng.randint(1, 4))]
            command = [args.wfsim, "run", args.scenario, "-o", output, "--force", "-n", "2", "-j", "1", "-q",
                       "--set", "duration=18 months"] + [a for s in sets for a in ("--set", s)]
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout)
                end, err = done.returncode, done.stderr
            except subprocess.TimeoutExpired:
                end, err = "timeout", ""
            ends[end] = ends.get(end, 0) + 1
            if end not in (0, 2) or any(s in err for s in ("Sanitizer", "runtime error", "terminate called",
                                                           "internal error")):
                findings += 1
                print(f"finding {findings} (trial {trial}, ended {end}): --set " + " --set ".join(sets), flush=True)
                for line in err.strip().splitlines()[-8:]:
                    print("    " + line)
    print(f"{args.trials} trials of {Path(args.scenario).name} ({len(keys)} keys), seed {args.seed}: "
          f"ended {dict(sorted(ends.items(), key=str))}; {findings} findings")
    # Trials the scenario refused simulated nothing: with fewer than a quarter run, the
    # draws test the loader, not the model (a changed scenario or key list would do it).
    if ends.get(0, 0) < args.trials // 4:
        print(f"only {ends.get(0, 0)} of {args.trials} trials were simulated: the edge values mostly test the loader")
        return 1
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
