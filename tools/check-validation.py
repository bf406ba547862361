#!/usr/bin/env python3
"""Runs the validation scenarios and sets each reported figure beside the simulated band.

Usage: /usr/bin/python3 tools/check-validation.py WFSIM [-n REPLICATIONS] [--seed S]
           [--markdown OUT.md [--force]] [--table-in DOC.md]
           [--figures scenarios/validation/figures.csv]

For every row of the figures file: the scenario is run (once per scenario), the
expression is evaluated in each replication, and the reported figure is compared with
the simulated median and 90% band (5th to 95th percentile). The `expect` column says
whether the figure is documented as inside the band or outside it (docs/validation.md
explains each one outside); the exit code is 1 if any figure is not where the
documentation says, or (with --table-in) if the document's table is not this run's,
and 2, with one line saying why, for a mistake in what was given (a figures file
without its columns or without a figure, a --markdown path that is an input (the
figures file, a scenario it runs or a file one extends, even with --force) or a folder,
a --table-in document without the table, a program that is not there, a scenario wfsim
refuses). Expressions are terms joined by ' + ':
  MEASURE@YYYY-MM-DD              the value in the period containing the date
  sum(MEASURE,FROM,TO)            the sum over periods ending from FROM to TO
  mean(MEASURE)                   the mean over all reported periods (NaN skipped)
"""
import argparse
import csv
import datetime
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings

from tool_support import ROOT, check_table_output, run_tool

PROG = "check-validation.py"
COLUMNS = ("scenario", "row", "figure", "expression", "reported", "expect", "source")
TABLE_HEADER = "| scenario | figure | reported | simulated median | 90% band | in band? | source |\n"


class RunFailed(Exception):
    """wfsim stopped with an error (its message is already on stderr)."""


def run(wfsim, scenario, replications, seed, directory):
    out = os.path.join(directory, re.sub(r"[^A-Za-z0-9]+", "-", scenario) + ".h5")
    # Run from the repository's root: a validation scenario extends one in scenarios/,
    # and a scenario may extend only from its own folder or the current one (and
    # their subfolders), so from elsewhere it would be refused.
    done = subprocess.run([wfsim, "run", os.path.join(ROOT, scenario), "-o", out, "-n", str(replications),
                           "--seed", str(seed), "-q", "--keep", "all"], cwd=ROOT)
    if done.returncode != 0:
        raise RunFailed(f"wfsim run {scenario} stopped with exit status {done.returncode} (its message is above)",
                        done.returncode)
    return out


def period_of(dates, date, figure):
    for k, d in enumerate(dates):
        if d >= date:
            return k
    raise figure_error(figure, f"{date} is after the last reported period ({dates[-1]})")


def figure_error(figure, problem):
    from wfsim_analysis.results import ResultsError

    return ResultsError(f"{figure}: {problem}")


def evaluate(h5, row, expression, figure):
    import numpy as np

    dates = [d.decode() if isinstance(d, bytes) else str(d) for d in h5["date"][:]]
    rows = [a.decode() if isinstance(a, bytes) else str(a) for a in h5["authority"][:]]
    if row not in rows:
        raise figure_error(figure, f"no row '{row}' in the results (rows: {', '.join(rows)})")
    r = rows.index(row)
    total = None
    for term in expression.split(" + "):
        term = term.strip()
        at = re.fullmatch(r"([a-z_0-9]+)@(\d{4}-\d{2}-\d{2})", term)
        summed = re.fullmatch(r"sum\(([a-z_0-9]+),(\d{4}-\d{2}-\d{2}),(\d{4}-\d{2}-\d{2})\)", term)
        mean = re.fullmatch(r"mean\(([a-z_0-9]+)\)", term)
        m = at or summed or mean
        if not m:
            raise figure_error(figure, f"cannot read the expression term '{term}'")
        for date in m.groups()[1:]:
            try:
                datetime.date.fromisoformat(date)
            except ValueError:
                raise figure_error(figure, f"'{date}' in the expression term '{term}' is not a date") from None
        if m[1] not in h5["series"]:
            raise figure_error(figure, f"the results keep no series '{m[1]}' (in the expression term '{term}')")
        series = h5["series"][m[1]]
        if at:
            values = series[:, r, period_of(dates, m[2], figure)]
        elif summed:
            values = series[:, r, period_of(dates, m[2], figure):period_of(dates, m[3], figure) + 1].sum(axis=1)
        else:
            with warnings.catch_warnings():  # a replication with no defined value is NaN, said by the caller
                warnings.simplefilter("ignore", RuntimeWarning)
                values = np.nanmean(series[:, r, :], axis=1)
        total = values if total is None else total + values
    return total


def number(x):
    return f"{x:.3f}" if abs(x) < 1 else f"{x:,.1f}"


def read_figures(path):
    """The figures file's rows, each with every column the check reads; or ResultsError."""
    from wfsim_analysis.results import ResultsError

    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ResultsError(f"{path}: no column '{missing[0]}' in the header; a figures file has the columns "
                                   f"{', '.join(COLUMNS)} (as scenarios/validation/figures.csv)")
            figures = list(reader)
    except (OSError, UnicodeDecodeError) as err:
        raise ResultsError(f"cannot read the figures file {path}: {getattr(err, 'strerror', None) or err}") from None
    for line, fig in enumerate(figures, start=2):
        try:
            if not math.isfinite(float(fig["reported"])):
                raise ValueError
        except (TypeError, ValueError):
            raise ResultsError(f"{path}:{line}: reported: '{fig['reported']}' is not a number") from None
        if fig["expect"] not in ("inside", "outside"):
            raise ResultsError(f"{path}:{line}: expect: '{fig['expect']}' is neither 'inside' nor 'outside'")
    if not figures:
        raise ResultsError(f"{path}: no figures in it (a header and no rows): nothing to check")
    return figures


def extended_bases(scenario):
    """The files `scenario` extends, directly or through its bases (each relative to
    the file that names it, as wfsim resolves them): inputs of its run as much as the
    scenario itself. Stops at a file that cannot be read or names no base, and at a
    cycle; wfsim itself reports those when the scenario runs."""
    import yaml

    bases, path = [], scenario
    while True:
        try:
            with open(path, encoding="utf-8") as f:
                base = (yaml.safe_load(f) or {}).get("extends")
        except (OSError, yaml.YAMLError, AttributeError):
            return bases
        if not isinstance(base, str):
            return bases
        path = os.path.normpath(os.path.join(os.path.dirname(path), base))
        if path in bases or path == scenario:
            return bases
        bases.append(path)


def check_markdown(path, inputs, force):
    """Refuses a --markdown path that is one of the inputs (the figures file, the
    scenarios it runs and the files they extend: never, even with --force), a folder, in a missing folder, or
    (without --force) a link, a write-protected file or a file this tool did not write."""
    check_table_output(path, inputs, TABLE_HEADER.rstrip("\n"), force=force)


def markdown_table(results):
    lines = [TABLE_HEADER, "| --- | --- | --- | --- | --- | --- | --- |\n"]
    for fig, median, low, high, status, _ in results:
        name = os.path.basename(fig["scenario"]).replace(".yaml", "")
        lines.append(f"| {name} | {fig['figure']} | {number(float(fig['reported']))} | {number(median)} | "
                     f"{number(low)} to {number(high)} | {'yes' if status == 'inside' else '**no**'} | "
                     f"{fig['source']} |\n")
    return "".join(lines)


def write_markdown(path, results):
    from wfsim_analysis.output_guard import replacing

    with replacing(path) as temporary, open(temporary, "w", encoding="utf-8") as out:
        out.write(markdown_table(results))


def read_documented_table(path):
    """The lines of `path` from this tool's table header to the table's end (the first
    line not starting with '|'); or ResultsError where it holds no such table."""
    from wfsim_analysis.results import ResultsError

    try:
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
    except (OSError, UnicodeDecodeError) as err:
        raise ResultsError(f"cannot read {path}: {getattr(err, 'strerror', None) or err}") from None
    if TABLE_HEADER not in lines:
        raise ResultsError(f"{path}: no table of this tool in it (no line '{TABLE_HEADER.strip()}')")
    start = lines.index(TABLE_HEADER)
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return start + 1, lines[start:end]


def table_differs(path, results):
    """Says, on standard output, where the table in `path` is not this run's; True if
    it is not."""
    first, documented = read_documented_table(path)
    simulated = markdown_table(results).splitlines(keepends=True)
    if documented == simulated:
        print(f"the table in {path} is this run's")
        return False
    print(f"FAIL the table in {path} (from line {first}) is not this run's; write it with --markdown and copy "
          "it in:")
    for k in range(max(len(documented), len(simulated))):
        was = documented[k] if k < len(documented) else "(no line)\n"
        now = simulated[k] if k < len(simulated) else "(no line)\n"
        if was != now:
            print(f"  line {first + k}: documented {was.rstrip()}\n  {' ' * len(str(first + k))}       this run   "
                  f"{now.rstrip()}")
    return True


def check(args):
    import h5py
    import numpy as np
    from wfsim_analysis.results import ResultsError

    if args.replications < 1:
        raise ResultsError(f"-n {args.replications}: give at least one replication")
    program = shutil.which(args.wfsim)
    if program is None:
        raise ResultsError(f"cannot run {args.wfsim}: no such program (give the path of the built wfsim, such as "
                           "build/bin/wfsim)")
    figures = read_figures(args.figures)
    if args.table_in:
        read_documented_table(args.table_in)  # before the runs: a document without the table is a mistake
    if args.markdown:
        scenarios = sorted({os.path.join(ROOT, fig["scenario"]) for fig in figures})
        bases = sorted({base for scenario in scenarios for base in extended_bases(scenario)})
        documents = [args.table_in] if args.table_in else []
        check_markdown(args.markdown, [args.figures] + scenarios + bases + documents, args.force)
    results, failures = [], 0
    with tempfile.TemporaryDirectory() as directory:
        files = {}
        for fig in figures:
            if fig["scenario"] not in files:
                try:
                    files[fig["scenario"]] = run(os.path.abspath(program), fig["scenario"], args.replications,
                                                 args.seed, directory)
                except RunFailed as failed:
                    print(f"{PROG}: error: {failed.args[0]}", file=sys.stderr)
                    return failed.args[1] if failed.args[1] in (1, 2) else 1
            with h5py.File(files[fig["scenario"]], "r") as h5:
                values = evaluate(h5, fig["row"], fig["expression"], fig["figure"])
            values = values[~np.isnan(values)]
            if values.size == 0:
                raise figure_error(fig["figure"], f"'{fig['expression']}' is not defined in any replication (NaN "
                                                  "in every one): no band to compare with")
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
        write_markdown(args.markdown, results)
    print(f"{len(figures)} figures, {args.replications} replications, seed {args.seed}: "
          f"{sum(r[4] == 'inside' for r in results)} inside the 90% band; {failures} not as documented")
    if args.table_in and table_differs(args.table_in, results):
        failures += 1
    return 1 if failures else 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("wfsim", help="the wfsim program to run (such as build/bin/wfsim)")
    parser.add_argument("-n", "--replications", type=int, default=1000, help="replications of each scenario")
    parser.add_argument("--seed", type=int, default=1, help="master random seed")
    parser.add_argument("--figures", default=os.path.join(ROOT, "scenarios", "validation", "figures.csv"),
                        help="the reported figures to check (default: scenarios/validation/figures.csv)")
    parser.add_argument("--markdown", metavar="OUT.md", help="also write the comparison as a Markdown table")
    parser.add_argument("--table-in", metavar="DOC.md",
                        help="also check that DOC.md (such as docs/validation.md) holds this run's table, line "
                             "for line; exit 1 where it does not")
    parser.add_argument("--force", action="store_true",
                        help="let --markdown replace a file that is not a table this tool wrote")
    args = parser.parse_args(argv)
    return run_tool(PROG, lambda: check(args), [args.figures] + ([args.table_in] if args.table_in else []))


if __name__ == "__main__":
    sys.exit(main())
