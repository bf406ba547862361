#!/usr/bin/env python3
"""Golden outputs: every shipped scenario's results, pinned as text.

Each scenario under scenarios/ and bench/, and the test scenarios under
tests/scenarios/ (which switch on every feature and make same-time ties), is run small (2 replications, seed 1, a few
simulated years, every series kept) and every dataset of its results file is written as text at full
precision (%.17g), with the attributes that describe it. The files live in
tests/golden/, mirroring the scenario's path. A change to any result, event ordering,
stream key or stored type shows up as a difference here, and a reviewer reads the
diff to see what changed.

    /usr/bin/python3 tools/golden.py build/bin/wfsim            # check, threads 1 and 2
    /usr/bin/python3 tools/golden.py build/bin/wfsim --update   # regenerate

A commit that changes a golden file says why. Attributes that describe the run
rather than its results (wall time, version, command line, creation time, thread
count) are left out, so the files depend only on the scenario, seed and engine.
"""

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

try:
    import h5py
    import numpy as np
except ImportError as exc:  # pragma: no cover - Debian packages missing
    sys.exit(f"golden.py: {exc.name} is missing: apt-get install python3-h5py python3-numpy")

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = ROOT / "tests" / "golden"
REPLICATIONS = 2
SEED = 1

# Every shipped scenario with the duration its golden run simulates. Regional
# scenarios are cut to two years (their rules start within it); the rest run as
# written. A scenario missing here fails the check, so a new one gets a golden file.
SHORTENED = {
    "scenarios/south-east-moc-2016.yaml": "2 years",
    "scenarios/south-east-no-moc-2016.yaml": "2 years",
    "scenarios/national-rules-2024.yaml": "2 years",
    "scenarios/national-rules-2024-moc-only.yaml": "2 years",
    "scenarios/validation/buckinghamshire-2017-moc.yaml": "2 years",
    "bench/wf1.yaml": "3 years",
    # England: 151 councils, so a month (and, for the national rules, the month they
    # start in) keeps the golden text to about a megabyte.
    "scenarios/england-2023.yaml": "1 month",
    "scenarios/england-2023-national-rules.yaml": "2 months",
}
# Further settings a golden run needs to reach what the scenario is about.
EXTRA_SETTINGS = {
    "scenarios/england-2023-national-rules.yaml": ["start=2024-10-15"],
}

# Run attributes that are not results.
VOLATILE_ROOT_ATTRS = {"command_line", "created_utc", "engine_version"}
SKIPPED_OBJECTS = {"/run", "/scenario"}  # timings; the input text itself


def shipped_scenarios():
    found = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "scenarios").rglob("*.yaml"))
    found += sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "bench").glob("*.yaml"))
    # Test-only scenarios that switch on what the shipped ones leave off.
    found += sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests" / "scenarios").glob("*.yaml"))
    return found


def golden_path(scenario):
    return GOLDEN_DIR / (scenario[: -len(".yaml")] + ".txt")


def fmt(value):
    if isinstance(value, (bytes, np.bytes_)):
        return value.decode("utf-8")
    if isinstance(value, str):
        return value
    if isinstance(value, (float, np.floating)):
        return "%.17g" % value
    if isinstance(value, (int, np.integer, bool, np.bool_)):
        return str(int(value))
    if isinstance(value, np.ndarray):
        return "[" + " ".join(fmt(v) for v in value.ravel()) + "]"
    return repr(value)


def attributes(obj, skip=()):
    lines = []
    for name in sorted(obj.attrs.keys()):
        if name in skip or name in ("DIMENSION_LIST", "REFERENCE_LIST", "CLASS", "NAME"):
            continue  # dimension-scale bookkeeping holds object references, not values
        # Newlines escaped, so a value is one line and a trailing newline still shows.
        lines.append(f"  @{name} = " + fmt(obj.attrs[name]).replace("\\", "\\\\").replace("\n", "\\n"))
    return lines


def dump(path):
    """Every dataset of a results file as lines of text."""
    lines = []
    with h5py.File(path, "r") as f:
        lines.append("/")
        lines += attributes(f, VOLATILE_ROOT_ATTRS)
        items = []
        f.visititems(lambda name, obj: items.append(("/" + name, obj)))
        for name, obj in items:
            if any(name == s or name.startswith(s + "/") for s in SKIPPED_OBJECTS):
                continue
            if isinstance(obj, h5py.Group):
                lines.append(f"{name}/")
                lines += attributes(obj)
                continue
            data = obj[()]
            lines.append(f"{name} {obj.dtype} {tuple(obj.shape)}")
            lines += attributes(obj)
            if obj.shape == ():
                text = fmt(data)
                lines += ["  " + t for t in text.split("\n")]
                continue
            # One line per innermost row (for series: one replication and authority,
            # every period), prefixed by the row's index.
            rows = data.reshape(-1, data.shape[-1]) if data.ndim > 1 else data.reshape(1, -1)
            outer = list(np.ndindex(*data.shape[:-1])) if data.ndim > 1 else [()]
            for index, row in zip(outer, rows):
                label = ",".join(str(i) for i in index)
                # Newlines escaped as in attributes: a scenario's text in an array
                # (/scenario_extends) is one line, as the file is read back line by line.
                lines.append(f"  [{label}] " + " ".join(fmt(v).replace("\\", "\\\\").replace("\n", "\\n")
                                                        for v in row))
    return lines


def run(wfsim, scenario, threads, out):
    command = [wfsim, "run", scenario, "-o", out, "-n", str(REPLICATIONS), "--seed", str(SEED),
               "--threads", str(threads), "--keep", "all", "--quiet"]
    if scenario in SHORTENED:
        command += ["--set", f"duration={SHORTENED[scenario]}"]
    for setting in EXTRA_SETTINGS.get(scenario, []):
        command += ["--set", setting]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    return command


def header(scenario):
    setting = f" --set 'duration={SHORTENED[scenario]}'" if scenario in SHORTENED else ""
    setting += "".join(f" --set '{x}'" for x in EXTRA_SETTINGS.get(scenario, []))
    return [f"# golden output of: wfsim run {scenario} -n {REPLICATIONS} --seed {SEED} --keep all{setting}",
            "# regenerate: /usr/bin/python3 tools/golden.py build/bin/wfsim --update (and say why in the commit)"]


def first_differences(expected, actual, limit=12):
    shown = []
    for line in difflib.unified_diff(expected, actual, "golden", "now", n=0, lineterm=""):
        if line.startswith(("---", "+++")):
            continue
        shown.append(line if len(line) < 400 else line[:400] + " ...")
        if len(shown) >= limit:
            shown.append("  ... (more differences)")
            break
    return shown


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wfsim", help="the wfsim binary")
    parser.add_argument("--update", action="store_true", help="rewrite the golden files instead of checking")
    parser.add_argument("--threads", default="1,2", help="thread counts to check (default 1,2)")
    parser.add_argument("--only", help="only scenarios whose path contains this text")
    args = parser.parse_args()
    try:
        thread_counts = [int(t) for t in args.threads.split(",")]
        if not thread_counts or min(thread_counts) < 1:
            raise ValueError
    except ValueError:
        parser.error(f"--threads {args.threads!r}: thread counts, each 1 or more, separated by commas (1,2)")
    wfsim = os.path.abspath(args.wfsim)
    if not (os.path.isfile(wfsim) and os.access(wfsim, os.X_OK)):
        parser.error(f"{args.wfsim}: no such program (give the built wfsim, such as build/bin/wfsim)")
    scenarios = [s for s in shipped_scenarios() if not args.only or args.only in s]
    if not scenarios:  # a pass with nothing checked would read as a pass
        parser.error(f"--only {args.only!r}: no shipped scenario's path holds it")
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "golden.h5")
        for scenario in scenarios:
            target = golden_path(scenario)
            if args.update:
                run(wfsim, scenario, 1, out)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text("\n".join(header(scenario) + dump(out)) + "\n", encoding="utf-8")
                print(f"wrote {target.relative_to(ROOT)}")
                continue
            if not target.exists():
                print(f"FAIL {scenario}: no golden file {target.relative_to(ROOT)} (run with --update)")
                failures += 1
                continue
            expected = target.read_text(encoding="utf-8").splitlines()[2:]
            for threads in thread_counts:
                try:
                    run(wfsim, scenario, threads, out)
                except RuntimeError as error:
                    failures += 1
                    print(f"FAIL {scenario} (threads {threads}): {error}")
                    continue
                actual = dump(out)
                if actual == expected:
                    print(f"ok   {scenario} (threads {threads})")
                    continue
                failures += 1
                print(f"FAIL {scenario} (threads {threads}) differs from {target.relative_to(ROOT)}:")
                for line in first_differences(expected, actual):
                    print("  " + line)
    if not args.update:
        print(f"{len(scenarios) * len(thread_counts) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
