"""Command line: python3 -m wfsim_analysis plot OUT.h5 -o CHART.png, or compare COMPARE.h5 -o CHART.png.

Bad input ends the run with exit status 2 and one line on stderr, the same
convention argparse uses for bad arguments, so scripts can tell a user's mistake
from a crash.
"""

import argparse
import errno
import logging
import os
import pathlib
import signal
import sys

from . import refuse_missing_dependencies

_SIGINT_LET_GO = False  # set where the command line lets SIGINT end it during the imports
if __name__ == "__main__" or "wfsim-analysis" in sys.argv[0]:
    # Until the command's own handling is in place (entry, crash_guarded), Ctrl-C ends
    # the process as the signal does, quietly, not with a traceback from whichever of
    # the imports below (matplotlib's take most of a second) it met. A SIGINT the caller
    # ignores (a background job) stays ignored.
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        _SIGINT_LET_GO = True
    refuse_missing_dependencies("wfsim-analysis")

from .comparison import comparison_chart  # noqa: E402
from .cost_per import cost_per_table  # noqa: E402
from .damaged_input import (crash_guarded, damaged_message, from_damage, raised_by_hdf5,  # noqa: E402
                            standard_output_failed)
from .export import EXCEL_ROWS, export_csv, keeps_only_drawn_inputs  # noqa: E402
from .workbook_export import export_xlsx  # noqa: E402
from .files import kind_of  # noqa: E402
from .literal_text import literally  # noqa: E402
from .once import refuse_empty_file_names, refuse_repeats  # noqa: E402
from .output_guard import (  # noqa: E402
    MachineFailure, chart_marks, check_chart_name, check_not_input, check_output, replacing, seal_chart)
from .flows_chart import flows_chart  # noqa: E402
from .sweep_chart import sweep_chart  # noqa: E402
from .backtest_chart import backtest_chart  # noqa: E402
from .report import write_any_report  # noqa: E402
from .fanchart import DEFAULT_MEASURES, fan_chart  # noqa: E402
from .results import Results, ResultsError  # noqa: E402

# As the docs and the installed script call it (python3 -m wfsim_analysis runs the same).
PROG = "wfsim-analysis"
BAD_INPUT = 2
MACHINE_FAILED = 1


def _measure_list(text):
    names = [name.strip() for name in text.split(",")]
    if not any(names):
        raise argparse.ArgumentTypeError("expected comma-separated measure names")
    # 'agency_share,' passed, its empty name dropped, as wfsim's --keep series= once did.
    if not all(names):
        raise argparse.ArgumentTypeError(f"a name between commas is empty in '{text}' (a comma too many?)")
    # Twice drew two identical panels; the case may differ (names are found in any case).
    folded = [name.casefold() for name in names]
    twice = sorted({name for name, f in zip(names, folded) if folded.count(f) > 1})
    if twice:
        raise argparse.ArgumentTypeError(f"{', '.join(twice)} named twice in '{text}': each measure draws one panel")
    return names


def build_parser():
    parser = argparse.ArgumentParser(prog=PROG, description="Charts from wfsim results files.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    plot = commands.add_parser("plot", help="fan chart of measures over time (median, 25-75%% and 5-95%% bands)")
    plot.add_argument("results", metavar="FILE.h5",
                      help="results file written by wfsim run (a comparison or sweep file gets its own chart)")
    plot.add_argument("-o", "--output", required=True, metavar="CHART.png", help="image to write; format from extension")
    plot.add_argument("--authority", metavar="NAME",
                      help="authority to chart (default: the councils' total, Region or All councils, if the file "
                           "has several authorities, else the only one); in a file of several regions (England's), "
                           "a region's name charts its councils together from the kept series")
    plot.add_argument(
        "--measures",
        type=_measure_list,
        default=None,
        metavar="M1,M2",
        help=f"comma-separated measures, one panel each (default: {','.join(DEFAULT_MEASURES)}); a comparison or "
             f"sweep file's chart shows one (default: {DEFAULT_MEASURES[0]})",
    )
    plot.add_argument("--force", action="store_true", help="replace an existing file of another kind")
    plot.set_defaults(run=_plot)
    compare = commands.add_parser("compare", help="policy comparison: each variant's band and its paired difference")
    compare.add_argument("comparison", metavar="COMPARE.h5", help="comparison file written by wfsim compare")
    compare.add_argument("-o", "--output", required=True, metavar="CHART.png", help="image to write")
    compare.add_argument("--measure", default="agency_share", help="measure to chart (default: agency_share)")
    compare.add_argument("--authority", metavar="NAME",
                         help="authority (default: the councils' total, Region or All councils, if present, else the "
                              "only one)")
    compare.add_argument("--force", action="store_true", help="replace an existing file of another kind")
    compare.set_defaults(run=_compare)
    export = commands.add_parser("export", help="CSV (long or bands) or an Excel workbook of any wfsim file")
    export.add_argument("results", metavar="FILE.h5", help="file written by wfsim run, compare or sweep")
    export.add_argument("-o", "--output", required=True, metavar="OUT.csv|OUT.xlsx",
                        help="file to write: a CSV table named .csv, or an Excel workbook named .xlsx")
    export.add_argument("--series", action="store_true",
                        help="also every replication's values, for the measures whose series the file keeps, and "
                             "what each replication drew of the scenario's uncertain inputs")
    export.add_argument("--bands", action="store_true",
                        help="CSV in the wide 'bands' form: a row per date, p5/median/p95 (and differences) as "
                             "columns, shares in %%, rounded to the run's precision")
    export.add_argument("--xlsx", action="store_true", help="an Excel workbook (the bands, a sheet per measure)")
    export.add_argument("--force", action="store_true", help="replace an existing file of another kind")
    export.set_defaults(run=_export)
    report = commands.add_parser("report", help="a self-contained HTML report of a run, a comparison or a sweep, for a committee paper")
    report.add_argument("results", metavar="FILE.h5", help="file written by wfsim run, compare or sweep")
    report.add_argument("-o", "--output", required=True, metavar="REPORT.html", help="HTML file to write")
    report.add_argument("--authority", metavar="NAME",
                        help="the council to report on (default: the councils' total, Region or All councils, if the "
                             "file has one, else its only council)")
    report.add_argument("--force", action="store_true", help="replace an existing file of another kind")
    report.set_defaults(run=_report)
    sweep = commands.add_parser("sweep", help="a measure against one swept parameter, or a heat map for two")
    sweep.add_argument("sweep", metavar="SWEEP.h5", help="file written by wfsim sweep")
    sweep.add_argument("-o", "--output", required=True, metavar="CHART.png", help="image to write")
    sweep.add_argument("--measure", default="agency_share", help="measure to chart (default: agency_share)")
    when = sweep.add_mutually_exclusive_group()
    when.add_argument("--period", type=_period, default=-1,
                      help="reporting period index (default: the last), or 'total': each replication's total over "
                           "the run, for measures that add up (costs, leavers, starters)")
    when.add_argument("--date", metavar="YYYY-MM-DD",
                      help="instead of --period: the last period ending on or before this date, as "
                           "'wfsim info --date' chooses it")
    sweep.add_argument("--authority", metavar="NAME",
                       help="authority (default: the councils' total, Region or All councils, if present, else the "
                            "only one)")
    sweep.add_argument("--force", action="store_true", help="replace an existing file of another kind")
    sweep.set_defaults(run=_sweep)
    flows = commands.add_parser("flows", help="heat map of moves between councils, contracts and pools")
    flows.add_argument("results", metavar="RESULTS.h5", help="results file written by wfsim run")
    flows.add_argument("-o", "--output", required=True, metavar="CHART.png", help="image to write")
    flows.add_argument("--force", action="store_true", help="replace an existing file of another kind")
    flows.set_defaults(run=_flows)
    backtest = commands.add_parser("backtest", help="a backtest's forecasts against what happened (wfsim backtest)")
    backtest.add_argument("table", metavar="BACKTEST.csv", help="table written by wfsim backtest")
    backtest.add_argument("-o", "--output", required=True, metavar="CHART.png", help="image to write")
    backtest.add_argument("--force", action="store_true", help="replace an existing file of another kind")
    backtest.set_defaults(run=_backtest)
    cost_per = commands.add_parser("cost-per", help="a policy's cost per unit of what it buys (per extra permanent "
                                                    "starter, say), with its interval, from two paired runs")
    cost_per.add_argument("base", metavar="BASE.h5",
                          help="the baseline's results file (wfsim run with --keep series=COST,PER, or --keep all: "
                               "the pairing needs each replication's series, which the default --keep does not "
                               "keep for total_cost)")
    cost_per.add_argument("policy", metavar="POLICY.h5",
                          help="the policy's results file: the same seed and replications as BASE.h5")
    cost_per.add_argument("--per", required=True, metavar="MEASURE",
                          help="the count bought, a measure that adds up over the months (starters_permanent, "
                               "leavers_permanent, ...)")
    cost_per.add_argument("--cost", default="total_cost", metavar="MEASURE",
                          help="the cost, a measure that adds up over the months (default: total_cost)")
    cost_per.add_argument("--authority", metavar="NAME",
                          help="authority (default: the councils' total, Region or All councils, if the files have "
                               "several, else the only one); in a file of several regions (England's) a region, "
                               "whose councils' totals are added up")
    cost_per.set_defaults(run=_cost_per)
    effect = commands.add_parser("rule-effect", add_help=False,
                                 help="an agency rule's effect: two runs with and without it, paired "
                                      "(python3 -m wfsim_analysis.rule_effect; 'rule-effect --help')")
    # Listed here for --help; main() and entry() hand its arguments to rule_effect whole.
    effect.add_argument("arguments", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    for name, lines in EXAMPLES.items():
        command = commands.choices[name]
        command.formatter_class = argparse.RawDescriptionHelpFormatter
        command.epilog = "examples:\n" + "\n".join(f"  {PROG} {line}" for line in lines)
    return parser


# Each command's examples, shown under its --help (they were only in the README: a walk
# of the help texts). tests/test_cli.py parses every one.
EXAMPLES = {
    "plot": ["plot bucks.h5 -o bucks.png",
             "plot bucks.h5 -o spend.png --measures agency_spend,vacancy_rate"],
    "compare": ["compare comparison.h5 -o comparison.png --measure vacancy_rate"],
    "export": ["export bucks.h5 -o bucks.csv",
               "export bucks.h5 -o bucks.xlsx --series",
               "export comparison.h5 -o comparison-bands.csv --bands"],
    "report": ["report bucks.h5 -o bucks.html"],
    "sweep": ["sweep sweep.h5 -o sweep.png --measure agency_spend --period total"],
    "flows": ["flows south-east.h5 -o flows.png"],
    "backtest": ["backtest backtest.csv -o backtest.png   # the table of 'wfsim backtest -o backtest.csv'"],
    "cost-per": ["cost-per base.h5 policy.h5 --per starters_permanent   # both run with "
                 "--keep series=total_cost,starters_permanent"],
}


def _rule_effect(argv):
    """rule_effect's own parser, if `argv` is the rule-effect command; else None."""
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] != ["rule-effect"]:
        return None
    from . import rule_effect

    return rule_effect, list(argv[1:]), f"{PROG} rule-effect"


def _period(text):
    """A reporting period's index, or "total"."""
    if text == "total":
        return text
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a period index or 'total', got {text!r}") from None


def _cost_per(args):
    print("\n".join(cost_per_table(args.base, args.policy, args.cost, args.per, args.authority)))
    return 0


def _backtest(args):
    return _save(backtest_chart(args.table), args.output, [args.table], args.force)


def _named(output, existed):
    """The output's name as printed when written, saying if it replaced a file: a rerun
    replaces its own kind of file without --force, and once did so without a word."""
    return f"{output} (replacing the file of that name)" if existed else str(output)


def _save(figure, output, inputs=(), force=False):
    """Writes the chart `_run` checked the output of (check_output) before it was drawn."""
    existed = os.path.exists(output)
    # matplotlib logs "The PostScript backend does not support transparency": its own
    # words name its backend, not what the reader loses, so they are said ours.
    said = _Recorded()
    postscript = logging.getLogger("matplotlib.backends.backend_ps")
    postscript.addHandler(said)
    postscript.propagate = False
    try:
        with replacing(output) as temporary, literally():
            figure.savefig(temporary, **chart_marks(output))
            seal_chart(temporary)  # an SVG's digest, so that the next chart can tell whether it was edited
    except (OSError, ValueError) as err:
        return _write_failed(output, err)
    finally:
        postscript.removeHandler(said)
        postscript.propagate = True
    for message in said.messages:
        if "does not support transparency" in message:
            print(f"note: {output}: PostScript has no transparency, so the shaded bands are drawn opaque; "
                  ".pdf or .svg keep them", file=sys.stderr)
        else:
            print(f"warning: {message}", file=sys.stderr)
    print(_named(output, existed))
    return 0


class _Recorded(logging.Handler):
    """Keeps the messages logged to it."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _sweep(args):
    return _save(sweep_chart(args.sweep, args.measure, args.period, args.authority, args.date), args.output, [args.sweep],
                 args.force)


def _flows(args):
    return _save(flows_chart(args.results), args.output, [args.results], args.force)


def _report(args):
    # A report is one HTML page: a .pdf (or any other name) would hold HTML under a
    # name that promises something else. Said first: an existing chart.png was refused
    # as "not a report wfsim-analysis wrote", which hid the name's mistake (a CLI audit).
    if not args.output.lower().endswith((".html", ".htm")):
        return _fail(f"{args.output}: a report is an HTML page; give a name ending in .html "
                     "(print it to PDF from a browser)")
    check_output(args.output, [args.results], args.force, writes="html")
    existed = os.path.exists(args.output)
    try:
        with replacing(args.output) as temporary:
            write_any_report(args.results, temporary, args.authority)
    except OSError as err:
        if raised_by_hdf5(err):
            raise  # reading the input failed, not writing: main() says so
        return _write_failed(args.output, err)
    print(_named(args.output, existed))
    return 0


def _export(args):
    xlsx = args.xlsx or args.output.lower().endswith(".xlsx")
    # The name says what the file is to the next program that opens it: a CSV called
    # .h5 or .xls would be taken for what it is not.
    suffix = pathlib.Path(args.output).suffix.lower()
    if args.xlsx and suffix != ".xlsx":
        raise ResultsError(f"cannot write {args.output}: --xlsx writes an Excel workbook, which must be named .xlsx "
                           "(without --xlsx, a .csv name writes a CSV table)")
    if xlsx and args.bands:
        # The workbook holds the bands already: --bands was ignored without a word.
        raise ResultsError(f"cannot write {args.output}: --bands writes a CSV table (-o FILE.csv); the workbook "
                           "holds the bands, a sheet per measure, without it")
    if suffix != (".xlsx" if xlsx else ".csv"):
        found = f"{suffix} is not" if suffix else "it has no suffix, not"
        raise ResultsError(f"cannot write {args.output}: an export is a CSV table named .csv, or an Excel workbook "
                           f"named .xlsx, and {found} one of these")
    check_output(args.output, [args.results], args.force, writes="xlsx" if xlsx else "csv")
    existed = os.path.exists(args.output)
    try:
        if xlsx:
            with replacing(args.output) as temporary:
                try:
                    measures, refusal_sheets, series_sheets, drawn_sheets = export_xlsx(args.results, temporary,
                                                                                        args.series)
                except MachineFailure as err:  # said of the output, not the temporary
                    raise MachineFailure(f"cannot write {args.output}: {err}") from None
            # The rules' refusals are sheets, not measures: "45 measures" of a file of 43
            # counted them as measures (a review).
            more = [f"{refusal_sheets} sheet{'' if refusal_sheets == 1 else 's'} of the rules' refusals"
                    if refusal_sheets else "",
                    f"{series_sheets} series sheet{'' if series_sheets == 1 else 's'}" if series_sheets else "",
                    "a sheet of the inputs drawn" if drawn_sheets else ""]
            more = [m for m in more if m]
            more_text = "".join(f", {m}" for m in more[:-1]) + (f", and {more[-1]}" if more else "")
            print(f"{_named(args.output, existed)}: {measures} measures, a sheet each{more_text}")
            _note_inputs_alone(args)
            return 0
        with replacing(args.output) as temporary:
            rows = export_csv(args.results, temporary, args.series, args.bands)
        # The rows of every part, summaries included, and the header: a region's long
        # summaries alone pass the limit with 80 replications of series, England's
        # with 4, and the warning once counted the series only.
        if rows + 1 > EXCEL_ROWS:
            print(f"{PROG}: warning: {args.output} has {rows:,} rows and a header, past Excel's limit of "
                  f"{EXCEL_ROWS:,} in all: "
                  "Excel opens only the first; use R or pandas"
                  + (", or --bands" if not args.bands else ""), file=sys.stderr)
    except OSError as err:
        if raised_by_hdf5(err):
            raise  # reading the input failed, not writing: main() says so
        return _write_failed(args.output, err)
    print(f"{_named(args.output, existed)}: {rows} rows")
    _note_inputs_alone(args)
    return 0


def _note_inputs_alone(args):
    """--series on a file that keeps only the drawn inputs exports those alone: said, as
    the file's series are not there (a review: it ended with the row count alone)."""
    if args.series and keeps_only_drawn_inputs(args.results):
        print(f"note: {args.results} keeps no replication's series (run with --keep summaries): --series added "
              "each replication's drawn inputs alone", file=sys.stderr)


def _compare(args):
    return _save(comparison_chart(args.comparison, args.measure, args.authority), args.output, [args.comparison],
                 args.force)


def _plot(args):
    kind = kind_of(args.results)
    measures = args.measures or list(DEFAULT_MEASURES)
    if kind in ("comparison", "sweep") and args.measures and len(args.measures) > 1:
        raise ResultsError(f"a {kind} file's chart shows one measure, and --measures gives {len(args.measures)}: "
                           "give one (or draw one chart each)")
    if kind == "comparison":
        figure = comparison_chart(args.results, measures[0], args.authority)
    elif kind == "sweep":
        figure = sweep_chart(args.results, measures[0], authority=args.authority)
    else:
        with Results(args.results) as results:
            figure = fan_chart(results, measures, args.authority)
    if kind in ("comparison", "sweep") and not args.measures:
        # The default's second measure was dropped without a word (an analysis
        # walkthrough); said once the chart is drawn, not before a refusal's one line.
        print(f"note: a {kind} file's chart shows one measure: {measures[0]} (--measures M for another)",
              file=sys.stderr)
    return _save(figure, args.output, [args.results], args.force)


def _fail(message):
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return BAD_INPUT


# The machine's failures, not the user's: a full disk said "bad input" with status 2,
# where wfsim says 1 (a hostile-input review).
# A file grown past the size limit (`ulimit -f`) too, as wfsim says it.
_MACHINE_ERRNOS = {errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG}


def _write_failed(output, err):
    """Status 1 for a disk that is full or failing, 2 for a path the user can change;
    the output is never left half written (output_guard.replacing)."""
    if getattr(err, "errno", None) in _MACHINE_ERRNOS:
        print(f"{PROG}: error: cannot write {output}: {err.strerror or err} (the machine's, not the input's: "
              "nothing was written)", file=sys.stderr)
        return MACHINE_FAILED
    return _fail(f"cannot write {output}: {err}")


def _inputs(args):
    """The files the command reads."""
    return [getattr(args, name) for name in ("results", "comparison", "sweep", "table", "base", "policy")
            if hasattr(args, name)]


def _run(args):
    try:
        output = getattr(args, "output", None)
        if output and pathlib.Path(output).is_dir():
            # Said as a folder, where the suffix checks called it a name without one.
            raise ResultsError(f"cannot write {output}: it is a folder; give a file name (inside it, if you like)")
        if args.run in (_plot, _compare, _sweep, _flows, _backtest):
            check_not_input(args.output, _inputs(args))
            check_chart_name(args.output)  # before the chart is drawn
            # And what the chart may replace, before the drawing too: checked after it,
            # a file put there meanwhile was taken for what stood there at the start,
            # and a folder that takes no file was found only then (a review).
            check_output(args.output, _inputs(args), args.force)
        return args.run(args)
    except ResultsError as err:
        return _fail(str(err))
    except MachineFailure as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return MACHINE_FAILED
    except OSError as err:
        # A name longer than the file system takes was a traceback and status 1, where
        # the engine says it is bad input; any other OSError goes on to the damage check.
        if err.errno != errno.ENAMETOOLONG:
            if not from_damage(err):
                raise
            return _fail(damaged_message(_inputs(args), err))
        return _fail(f"{err.filename or 'a path'}: the name is longer than the file system takes; give a shorter one")
    except Exception as err:  # noqa: BLE001 - only errors that say the input is damaged are caught here
        if not from_damage(err):
            raise
        return _fail(damaged_message(_inputs(args), err))


def _parse(argv):
    """The arguments; an option the command does not take is refused with the
    command's own usage (argparse would show the top level's, which names no option)."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    command = commands.choices[args.command]
    if extra:
        command.error(f"unrecognized arguments: {' '.join(extra)}")
    given = list(sys.argv[1:] if argv is None else argv)
    refuse_repeats(command, given[given.index(args.command) + 1:] if args.command in given else given)
    refuse_empty_file_names(command, args)
    return args


def main(argv=None):
    """The command, run in this process: a damaged input that crashes HDF5 crashes it."""
    if effect := _rule_effect(argv):
        module, rest, prog = effect
        return module.main(rest, prog)
    return _run(_parse(argv))


def entry(argv=None):
    """The command line (`python3 -m wfsim_analysis`, `wfsim-analysis`): the command
    runs in a child process, so that even a crash inside HDF5 on a damaged input ends
    with one line and status 2 (damaged_input.crash_guarded)."""
    if _SIGINT_LET_GO and signal.getsignal(signal.SIGINT) is signal.SIG_DFL:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # the imports are done (above)
    if effect := _rule_effect(argv):
        module, rest, prog = effect
        return module.entry(rest, prog)
    try:
        args = _parse(argv)
    except BrokenPipeError:
        raise  # the reader chose to stop (`--help | head`)
    except OSError as err:  # --help to a full disk (a CLI audit)
        return standard_output_failed(err, PROG)
    return crash_guarded(lambda: _run(args), _inputs(args), PROG, until_exit=True)


if __name__ == "__main__":
    sys.exit(entry())
