"""Command line: python3 -m wfsim_analysis plot OUT.h5 -o CHART.png, or compare COMPARE.h5 -o CHART.png.

Bad input ends the run with exit status 2 and one line on stderr, the same
convention argparse uses for bad arguments, so scripts can tell a user's mistake
from a crash.
"""

import argparse
import sys

from . import missing_dependencies

if __name__ == "__main__" or "wfsim-analysis" in sys.argv[0]:
    _missing = missing_dependencies()
    if _missing:
        print(f"wfsim-analysis: error: this Python ({sys.executable}) lacks {', '.join(_missing)}; on Debian: "
              f"sudo apt-get install {' '.join(_missing)} (or run with /usr/bin/python3)", file=sys.stderr)
        sys.exit(1)

from .comparison import comparison_chart  # noqa: E402
from .export import export_csv  # noqa: E402
from .flows_chart import flows_chart  # noqa: E402
from .sweep_chart import sweep_chart  # noqa: E402
from .report import write_any_report  # noqa: E402
from .fanchart import DEFAULT_MEASURES, fan_chart  # noqa: E402
from .results import Results, ResultsError  # noqa: E402

PROG = "wfsim_analysis"
BAD_INPUT = 2


def _measure_list(text):
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise argparse.ArgumentTypeError("expected comma-separated measure names")
    return names


def build_parser():
    parser = argparse.ArgumentParser(prog=PROG, description="Charts from wfsim results files.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    plot = commands.add_parser("plot", help="fan chart of measures over time (median, 25-75%% and 5-95%% bands)")
    plot.add_argument("results", metavar="OUT.h5", help="results file written by wfsim run")
    plot.add_argument("-o", "--output", required=True, metavar="CHART.png", help="image to write; format from extension")
    plot.add_argument("--authority", metavar="NAME", help="authority to chart (default: Region if the file has several authorities, else the only one)")
    plot.add_argument(
        "--measures",
        type=_measure_list,
        default=list(DEFAULT_MEASURES),
        metavar="M1,M2",
        help=f"comma-separated measures, one panel each (default: {','.join(DEFAULT_MEASURES)})",
    )
    plot.set_defaults(run=_plot)
    compare = commands.add_parser("compare", help="policy comparison: each variant's band and its paired difference")
    compare.add_argument("comparison", metavar="COMPARE.h5", help="comparison file written by wfsim compare")
    compare.add_argument("-o", "--output", required=True, metavar="CHART.png", help="image to write")
    compare.add_argument("--measure", default="agency_share", help="measure to chart (default: agency_share)")
    compare.add_argument("--authority", metavar="NAME", help="authority (default: Region if present, else the first)")
    compare.set_defaults(run=_compare)
    export = commands.add_parser("export", help="tidy CSV of the summaries (and, with --series, every replication)")
    export.add_argument("results", metavar="OUT.h5", help="results file written by wfsim run")
    export.add_argument("-o", "--output", required=True, metavar="OUT.csv", help="CSV file to write")
    export.add_argument("--series", action="store_true", help="also every replication's values, for the measures whose series the file keeps")
    export.set_defaults(run=_export)
    report = commands.add_parser("report", help="a self-contained HTML report of a run or a comparison, for a committee paper")
    report.add_argument("results", metavar="OUT.h5", help="file written by wfsim run or wfsim compare")
    report.add_argument("-o", "--output", required=True, metavar="REPORT.html", help="HTML file to write")
    report.set_defaults(run=_report)
    sweep = commands.add_parser("sweep", help="a measure against one swept parameter, or a heat map for two")
    sweep.add_argument("sweep", metavar="SWEEP.h5", help="file written by wfsim sweep")
    sweep.add_argument("-o", "--output", required=True, metavar="CHART.png", help="image to write")
    sweep.add_argument("--measure", default="agency_share", help="measure to chart (default: agency_share)")
    sweep.add_argument("--period", type=int, default=-1, help="reporting period index (default: the last)")
    sweep.set_defaults(run=_sweep)
    flows = commands.add_parser("flows", help="heat map of moves between councils, contracts and pools")
    flows.add_argument("results", metavar="OUT.h5", help="results file written by wfsim run")
    flows.add_argument("-o", "--output", required=True, metavar="CHART.png", help="image to write")
    flows.set_defaults(run=_flows)
    return parser


def _save(figure, output):
    try:
        figure.savefig(output)
    except (OSError, ValueError) as err:
        return _fail(f"cannot write {output}: {err}")
    print(output)
    return 0


def _sweep(args):
    return _save(sweep_chart(args.sweep, args.measure, args.period), args.output)


def _flows(args):
    return _save(flows_chart(args.results), args.output)


def _report(args):
    try:
        write_any_report(args.results, args.output)
    except OSError as err:
        return _fail(f"cannot write {args.output}: {err}")
    print(args.output)
    return 0


def _export(args):
    try:
        rows = export_csv(args.results, args.output, args.series)
    except OSError as err:
        return _fail(f"cannot write {args.output}: {err}")
    print(f"{args.output}: {rows} rows")
    return 0


def _compare(args):
    return _save(comparison_chart(args.comparison, args.measure, args.authority), args.output)


def _plot(args):
    with Results(args.results) as results:
        figure = fan_chart(results, args.measures, args.authority)
    return _save(figure, args.output)


def _fail(message):
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return BAD_INPUT


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ResultsError as err:
        return _fail(str(err))


if __name__ == "__main__":
    sys.exit(main())
