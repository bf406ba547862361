#!/usr/bin/env python3
"""The analysis package's command line on damaged results files: every command ends
with status 0 or 2 and at most a one-line message, never a traceback or a crash, and
leaves no partial output behind.

A results file from `wfsim run` gets 16 bytes overwritten at every 100th byte of its
first 8,000 (where HDF5 keeps its metadata), as tests/hostile_inputs.py does for
`wfsim info`; `plot`, which spends most of its time drawing, reads every third. On these files h5py raises errors from deep inside the library at some
offsets and HDF5 crashes the interpreter at others (SIGSEGV, or glibc's abort); the
test insists that both happen somewhere in the scan, so that it checks the guard
rather than files that happen to read well.

Each damaged file is read through the command lines' own entry points, which fork
(damaged_input.crash_guarded), so the scan needs one Python process; for each command,
the first file that crashed it is then given to the real `python3 -m wfsim_analysis`
or `python3 -m wfsim_analysis.rule_effect` process.

    tests/analysis_damaged_files.py build/bin/wfsim
"""

import argparse
import contextlib
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "analysis"))

from wfsim_analysis import rule_effect  # noqa: E402
from wfsim_analysis.__main__ import entry  # noqa: E402


@contextlib.contextmanager
def captured(path):
    """Standard output and error, of this process and its children, into `path`."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    with open(path, "w+b") as f:
        os.dup2(f.fileno(), 1)
        os.dup2(f.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            for fd, copy in zip((1, 2), saved):
                os.dup2(copy, fd)
                os.close(copy)


# A read that takes this long of a file this small is HDF5 looping on the damage.
HANG_SECONDS = 20


def one_line(message):
    """Our message is one line. A crash may follow the C library's own (glibc's
    "free(): invalid size" before its abort), which the child wrote before dying."""
    lines = message.strip().splitlines()
    return bool(lines) and ": error: " in lines[-1] and (len(lines) == 1 or "crashed reading it" in lines[-1])


class Hang(Exception):
    pass


@contextlib.contextmanager
def watchdog(seconds):
    """Raises Hang in this process after `seconds`; crash_guarded then kills its child."""
    def expire(signum, frame):
        raise Hang()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("wfsim")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="wfsim-damaged-")
    try:
        return scan(args.wfsim, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def scan(wfsim, work):
    good = os.path.join(work, "good.h5")
    subprocess.run([wfsim, "run", os.path.join(ROOT, "scenarios", "buckinghamshire-2015.yaml"), "-n", "20",
                    "-o", good, "-q"], check=True)
    data = open(good, "rb").read()
    damaged = os.path.join(work, "damaged.h5")
    log = os.path.join(work, "log.txt")
    # name: (the program's entry point, its arguments, how the real process is started)
    commands = {"export": (entry, ["export", damaged, "-o", os.path.join(work, "out.csv")], "wfsim_analysis"),
                "export --series": (entry, ["export", damaged, "--series", "-o", os.path.join(work, "series.csv")],
                                    "wfsim_analysis"),
                "plot": (entry, ["plot", damaged, "-o", os.path.join(work, "chart.png")], "wfsim_analysis"),
                "rule_effect": (rule_effect.entry, [damaged, good, "--members", "all"], "wfsim_analysis.rule_effect")}
    failures, outcomes = [], {"read well": 0, "h5py raised": 0, "crashed": 0, "refused": 0, "hung": 0}
    first_crash, first_hang = {}, {}
    offsets = range(0, min(len(data), 8000), 100)
    for offset in offsets:
        with open(damaged, "wb") as f:
            f.write(data[:offset] + b"\xff" * 16 + data[offset + 16:])
        for name, (program, argv, _) in commands.items():
            if name == "plot" and offset % 300:
                continue  # drawing is most of the scan's time: a third of the offsets
            try:
                with captured(log), watchdog(HANG_SECONDS):
                    code = program(argv)
            except Hang:
                code = "hung"
            message = open(log, encoding="utf-8", errors="replace").read()
            left = glob.glob(os.path.join(work, ".*.partial-*"))
            if code not in (0, 2, "hung") or "Traceback" in message or (code == 2 and not one_line(message)) or left:
                failures.append(f"{name} at byte {offset}: exit {code}, partial files {left}: {message[-300:]}")
                for path in left:
                    os.unlink(path)
            elif code == "hung":
                outcomes["hung"] += 1
                first_hang.setdefault(name, offset)
            elif code == 0:
                outcomes["read well"] += 1
            elif "crashed reading it" in message:
                outcomes["crashed"] += 1
                first_crash.setdefault(name, offset)
            elif "HDF5 said" in message:
                outcomes["h5py raised"] += 1
            else:
                outcomes["refused"] += 1  # not opened at all: "damaged or cut short", "not an HDF5 file"
    print(f"{len(offsets)} damaged files, each read by {len(commands) - 1} commands, every third by plot too: "
          f"{outcomes}")
    if not outcomes["crashed"] or not outcomes["h5py raised"]:
        failures.append("the scan never made HDF5 crash, or never made h5py raise: it checks neither guard; "
                        "choose other offsets")
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "analysis"))
    for name, offset in first_crash.items():
        _, argv, module = commands[name]
        with open(damaged, "wb") as f:
            f.write(data[:offset] + b"\xff" * 16 + data[offset + 16:])
        p = subprocess.run([sys.executable, "-m", module] + argv, capture_output=True, text=True, errors="replace",
                           env=env, cwd=work)
        said = p.stderr.strip()
        real = f"python3 -m {module} ({name}) on the file damaged at byte {offset}"
        if p.returncode != 2 or "crashed reading it" not in said or not one_line(said) or "Traceback" in said:
            failures.append(f"{real}: exit {p.returncode}: {said[-300:]}")
        else:
            print(f"ok    {real}: {said}")
    for failure in failures[:10]:
        print("FAIL  " + failure)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
