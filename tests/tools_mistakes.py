#!/usr/bin/env python3
"""The repository's tools that the documents tell analysts to run
(tools/check-validation.py, tools/policy-comparison-tables.py) meet a user's mistake as
wfsim and wfsim-analysis do: one line on stderr saying what is wrong, exit status 2,
never a traceback, never an input replaced; and a reader that stops early (`| head`)
ends them quietly.

    tools_mistakes.py WFSIM
"""
import os
import shutil
import subprocess
import sys
import tempfile

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = sys.executable
CHECK = os.path.join(SOURCE, "tools", "check-validation.py")
TABLES = os.path.join(SOURCE, "tools", "policy-comparison-tables.py")
FAILURES = []


def expect(args, status, saying, cwd):
    done = subprocess.run([PYTHON, *args], capture_output=True, text=True, cwd=cwd)
    lines = done.stderr.strip().splitlines()
    problems = []
    if done.returncode != status:
        problems.append(f"exit {done.returncode}, expected {status}")
    if "Traceback" in done.stderr:
        problems.append("a traceback")
    if saying and (len(lines) != 1 or saying not in lines[0]):
        problems.append(f"stderr is not one line saying {saying!r}")
    if problems:
        FAILURES.append(f"{' '.join(args[1:])}: {'; '.join(problems)}\n{done.stderr}")
    return done


def content(path):
    with open(path, "rb") as f:
        return f.read()


def main():
    wfsim = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as work:
        run_file, comparison = os.path.join(work, "run.h5"), os.path.join(work, "compare.h5")
        for command in (["run", "scenarios/buckinghamshire-2015.yaml", "-o", run_file],
                        ["compare", "scenarios/buckinghamshire-2015.yaml",
                         "scenarios/buckinghamshire-2015-supplement.yaml", "-o", comparison]):
            subprocess.run([wfsim, *command, "-n", "2", "-q"], check=True, cwd=SOURCE)

        # The tables of a comparison; anything else is refused in one line.
        done = expect([TABLES, comparison], 0, None, work)
        if not done.stdout.startswith("At "):
            FAILURES.append(f"the tables of a comparison begin {done.stdout[:40]!r}")
        expect([TABLES, run_file], 2, "is a wfsim results file, not a comparison", work)
        expect([TABLES, os.path.join(SOURCE, "scenarios", "buckinghamshire-2015.yaml")], 2, "is not an HDF5 file",
               work)
        expect([TABLES, "nothere.h5"], 2, "no such file: nothere.h5", work)
        expect([TABLES, "--help"], 0, None, work)
        # `| head`: the reader goes after one line, and the tool ends quietly.
        reader = subprocess.Popen(["head", "-c", "1"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        tool = subprocess.run([PYTHON, TABLES, comparison], stdout=reader.stdin, stderr=subprocess.PIPE, text=True)
        reader.stdin.close()
        reader.wait()
        if tool.returncode != 0 or tool.stderr:
            FAILURES.append(f"tables into a closed pipe: exit {tool.returncode}, stderr {tool.stderr!r}")

        # The validation check refuses, before running anything, what it cannot do.
        figures = os.path.join(work, "figures.csv")
        shutil.copy(os.path.join(SOURCE, "scenarios", "validation", "figures.csv"), figures)
        before = content(figures)
        expect([CHECK, wfsim, "-n", "2", "--figures", figures, "--markdown", figures], 2,
               "it is this command's input", work)
        if content(figures) != before:
            FAILURES.append("check-validation.py replaced its figures file with the table")
        mine = os.path.join(work, "notes.md")
        with open(mine, "w") as f:
            f.write("my notes\n")
        expect([CHECK, wfsim, "-n", "2", "--figures", figures, "--markdown", mine], 2,
               "is not a table this tool writes", work)
        if content(mine) != b"my notes\n":
            FAILURES.append("check-validation.py replaced a file it did not write")
        expect([CHECK, wfsim, "-n", "2", "--markdown", work], 2, "it is a folder", work)
        expect([CHECK, wfsim, "-n", "2", "--table-in", mine], 2, "no table of this tool in it", work)
        with open(os.path.join(work, "no-figures.csv"), "w") as f:
            f.write("scenario,row,figure,expression,reported,expect,source\n")
        expect([CHECK, wfsim, "-n", "2", "--figures", os.path.join(work, "no-figures.csv")], 2, "no figures in it",
               work)
        expect([CHECK, os.path.join(work, "wfsimx"), "-n", "2"], 2, "no such program", work)
        expect([CHECK, wfsim, "-n", "0"], 2, "give at least one replication", work)
        expect([CHECK, wfsim, "-n", "2", "--figures", run_file], 2, "cannot read the figures file", work)
        expect([CHECK, wfsim, "-n", "2", "--figures", os.path.join(SOURCE, "scenarios", "buckinghamshire-2015.yaml")],
               2, "no column 'scenario' in the header", work)
        with open(figures, "w") as f:
            f.write("scenario,row,figure,expression,reported,expect,source\n"
                    "scenarios/buckinghamshire-2015.yaml,Buckinghamshire,share,agency_shar@2015-10-31,0.25,inside,x\n")
        expect([CHECK, wfsim, "-n", "2", "--figures", figures], 2, "keep no series 'agency_shar'", work)
        # A scenario the check runs is an input too: never replaced, even with --force.
        scenario = os.path.join(work, "bucks.yaml")
        shutil.copy(os.path.join(SOURCE, "scenarios", "buckinghamshire-2015.yaml"), scenario)
        row = f"{scenario},Buckinghamshire,share,{{}},{{}},inside,x\n"
        header = "scenario,row,figure,expression,reported,expect,source\n"
        with open(figures, "w") as f:
            f.write(header + row.format("agency_share@2015-10-31", "0.25"))
        expect([CHECK, wfsim, "-n", "2", "--figures", figures, "--markdown", scenario, "--force"], 2,
               "it is this command's input", work)
        if content(scenario) != content(os.path.join(SOURCE, "scenarios", "buckinghamshire-2015.yaml")):
            FAILURES.append("check-validation.py replaced a scenario it runs with the table")
        # ... nor the file that scenario extends, nor that file's base (each named
        # relative to the file that names it).
        os.makedirs(os.path.join(work, "bases"), exist_ok=True)
        variant = os.path.join(work, "bucks-variant.yaml")
        with open(variant, "w") as f:
            f.write("extends: bases/bucks-middle.yaml\nname: a variant\n")
        with open(os.path.join(work, "bases", "bucks-middle.yaml"), "w") as f:
            f.write("extends: bucks-base.yaml\nname: a middle\n")
        shutil.copy(scenario, os.path.join(work, "bases", "bucks-base.yaml"))
        with open(figures, "w") as f:
            f.write(header + f"{variant},Buckinghamshire,share,agency_share@2015-10-31,0.25,inside,x\n")
        for base in ("bucks-middle.yaml", "bucks-base.yaml"):
            path = os.path.join(work, "bases", base)
            before = content(path)
            expect([CHECK, wfsim, "-n", "2", "--figures", figures, "--markdown", path, "--force"], 2,
                   "it is this command's input", work)
            if content(path) != before:
                FAILURES.append(f"check-validation.py replaced {base}, which a scenario it runs extends")
        for expression, reported, saying in (("agency_share@2015-13-45", "0.25", "'2015-13-45' in the expression"),
                                             ("mean(agency_rate_cap)", "35", "not defined in any replication"),
                                             ("agency_share@2015-10-31", "nan", "reported: 'nan' is not a number")):
            with open(figures, "w") as f:
                f.write(header + row.format(expression, reported))
            expect([CHECK, wfsim, "-n", "2", "--figures", figures], 2, saying, work)
    for failure in FAILURES:
        print("FAIL", failure)
    print(f"{len(FAILURES)} failures")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
