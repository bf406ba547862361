"""The chart of a backtest table (`wfsim backtest`): for each measure, every council's
simulated median and 90% band against the figure it reported a year later, with the
mean absolute errors of the forecast and of "next year equals this year", and the
share of real values inside the band."""

import csv
import math
import pathlib

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .literal_text import drawn_literally
from .results import ResultsError, not_a_file

HEADER = ["council", "code", "region", "year", "measure", "previous", "reported", "median", "p5", "p95", "inside",
          "turnover_sd", "applicants_relative_sd"]
TITLES = {"vacancy_rate": "vacancy rate", "agency_rate": "agency rate", "turnover": "turnover"}


def _check_row(path, line, measure, values):
    """Refuses a row the chart cannot draw, naming the line and column: an edited table
    with an infinite figure, a median outside its band, a missing forecast or a measure
    of another name ended in a traceback from matplotlib or Pillow (a hostile-input
    review)."""
    where = f"{path}, line {line}"
    if measure not in TITLES:
        raise ResultsError(f"{where}, column 'measure': '{measure}' is not a measure wfsim backtest writes "
                           f"({', '.join(TITLES)})")
    for column in ("median", "p5", "p95"):
        if values[column] is None:
            raise ResultsError(f"{where}, column '{column}': empty, but the row has a reported figure to set it "
                               "against; write the table again with 'wfsim backtest'")
    for column in ("previous", "reported", "median", "p5", "p95"):
        if values[column] is not None and not math.isfinite(values[column]):
            raise ResultsError(f"{where}, column '{column}': not a finite number")
    if not values["p5"] <= values["median"] <= values["p95"]:
        raise ResultsError(f"{where}: the median ({values['median'] / 100:g}) lies outside its band, p5 to p95 "
                           f"({values['p5'] / 100:g} to {values['p95'] / 100:g})")


def read_backtest(path):
    """The table's rows with a reported figure, as dicts of floats (percent) by measure."""
    path = pathlib.Path(path)
    if not path.is_file():
        raise ResultsError(not_a_file(path))
    not_a_table = ResultsError(f"{path} is not a wfsim backtest table (write one with 'wfsim backtest')")
    with open(path, "rb") as f:
        if f.read(8) == b"\x89HDF\r\n\x1a\n":  # a results file, not damaged text: say what it is not
            raise not_a_table
    # utf-8-sig: a table saved again by a spreadsheet starts with a byte-order mark, and
    # was called "not a wfsim backtest table".
    with open(path, newline="", encoding="utf-8-sig", errors="replace") as f:
        reader = csv.reader(f)
        header = next(reader, [])
        if header[:11] != HEADER[:11]:  # tables before the spreads' columns read too
            # Said which column, where the header is close enough to be meant as one.
            missing = [c for c in HEADER[:11] if c not in header]
            if header[:1] == HEADER[:1] and missing:
                raise ResultsError(f"{path}, line 1: the header lacks the column{'s' if len(missing) > 1 else ''} "
                                   f"{', '.join(repr(c) for c in missing)}; write the table again with "
                                   "'wfsim backtest'")
            raise not_a_table
        by_measure = {}
        first_line = {}  # (measure, council, year): the line it was first read on
        for cells in reader:
            if not cells:
                continue  # a blank line
            if len(cells) != len(header):
                raise ResultsError(f"{path}, line {reader.line_num}: {len(cells)} cells where the header has "
                                   f"{len(header)}: the table is cut short or damaged; write it again with "
                                   "'wfsim backtest'")
            row = dict(zip(header, cells))
            if not row["reported"]:
                continue
            values = {}
            for column in ("previous", "reported", "median", "p5", "p95", "year"):
                try:
                    if column == "year":
                        values["year"] = int(row["year"])
                    else:
                        values[column] = float(row[column]) * 100 if row[column] else None
                except ValueError:
                    raise ResultsError(f"{path}, line {reader.line_num}, column '{column}': "
                                       f"'{row[column][:20]}' is not a number") from None
            values["region"] = row["region"]
            values["council"] = row["council"]
            _check_row(path, reader.line_num, row["measure"], values)
            # A row twice (a table pasted onto itself) counted each council-year twice
            # in the chart's errors and share inside.
            key = (row["measure"], row["council"], values["year"])
            if key in first_line:
                raise ResultsError(f"{path}, line {reader.line_num}: {row['council']}'s {row['measure']} for "
                                   f"{values['year']} again (first on line {first_line[key]}): which is meant?")
            first_line[key] = reader.line_num
            # The engine's own judgement, made before the figures were rounded for the
            # table: a recount from the rounded ones put Greenwich 2023 inside (0.101
            # against a band from 0.101), and the chart said 83% where the command said 82%.
            # Left empty (by hand), it is worked out again from the band; a word other than
            # yes or no (in any case: a spreadsheet may capitalise it) was taken for "no".
            judged = row["inside"].strip().lower()
            if judged not in ("yes", "no", ""):
                raise ResultsError(f"{path}, line {reader.line_num}, column 'inside': '{row['inside'][:20]}' is "
                                   "not yes or no (or empty, to work it out from the band)")
            values["inside"] = judged == "yes" if judged else values["p5"] <= values["reported"] <= values["p95"]
            by_measure.setdefault(row["measure"], []).append(values)
    if not by_measure:
        raise ResultsError(f"{path} has no row with a reported figure")
    return by_measure


def summary_of(rows):
    """Mean absolute errors (points) of the median and of persistence, None where no row
    has the year before (not a perfect 0), and the share inside."""
    both = [r for r in rows if r["previous"] is not None]
    if both:
        model = sum(abs(r["median"] - r["reported"]) for r in both) / len(both)
        persistence = sum(abs(r["previous"] - r["reported"]) for r in both) / len(both)
    else:
        model = persistence = None
    inside = sum(r["inside"] for r in rows) / len(rows)
    return model, persistence, inside


@drawn_literally
def backtest_chart(path):
    by_measure = read_backtest(path)
    measures = [m for m in TITLES if m in by_measure]
    figure = Figure(figsize=(5 * len(measures), 5.2))
    FigureCanvasAgg(figure)
    for i, measure in enumerate(measures):
        rows = by_measure[measure]
        axes = figure.add_subplot(1, len(measures), i + 1)
        for inside in (True, False):
            chosen = [r for r in rows if r["inside"] == inside]
            if not chosen:
                continue
            x = [r["reported"] for r in chosen]
            y = [r["median"] for r in chosen]
            low = [r["median"] - r["p5"] for r in chosen]
            high = [r["p95"] - r["median"] for r in chosen]
            axes.errorbar(x, y, yerr=[low, high], fmt="o", markersize=2.5, elinewidth=0.5, alpha=0.6,
                          color="tab:blue" if inside else "tab:red",
                          label="inside the 90% band" if inside else "outside")
        top = max(max(r["reported"], r["p95"]) for r in rows) * 1.05
        axes.plot([0, top], [0, top], color="grey", linewidth=0.8)
        axes.set_xlim(0, top)
        axes.set_ylim(0, top)
        model, persistence, inside_share = summary_of(rows)
        errors = (f"mean abs. error of the median {model:.1f} pts,\nnext year = this year {persistence:.1f} pts"
                  if model is not None else "error n/a: no council-year has the year before")
        axes.set_title(f"{TITLES[measure]} (%), {len(rows)} council-year{'' if len(rows) == 1 else 's'}\n"
                       f"{errors}\n"
                       f"{inside_share:.0%} inside the 90% band", fontsize=9)
        axes.set_xlabel("reported a year later (%)")
        axes.set_ylabel("forecast: median and 90% band (%)")
        axes.legend(fontsize=7, loc="upper left")
    figure.suptitle(span_of(by_measure), fontsize=10)
    figure.tight_layout()
    return figure


def span_of(by_measure):
    """What the chart covers, for its title: the years forecast, from which years'
    figures, and whose (the councils by name where there are three or fewer, else how
    many; and the region by name, or how many). A table of two South East councils was
    titled "South East", as if the region's (an analysis walkthrough), and its years
    forecast read as the command's years (2019 to 2021 there, 2020 to 2021 here)."""
    rows = [r for measure_rows in by_measure.values() for r in measure_rows]
    first, last = min(r["year"] for r in rows), max(r["year"] for r in rows)
    regions = sorted({r["region"] for r in rows})
    councils = sorted({r["council"] for r in rows if r["council"].strip()})
    # The data's regions: London's councils are in two of them, Inner and Outer London.
    region = regions[0] if len(regions) == 1 else f"{len(regions)} of the data's regions"
    # Set apart by "; " where a name holds a comma or an "and" ("Bristol, City of").
    plain = not any("," in c or " and " in c for c in councils)
    listed = f"{', '.join(councils[:-1])} and {councils[-1]}" if plain else "; ".join(councils)
    whose = (listed if 1 < len(councils) <= 3 else councils[0] if len(councils) == 1
             else f"{len(councils)} councils")
    years = (f"{first} (from {first - 1}'s figures)" if first == last
             else f"{first} to {last} (from {first - 1} to {last - 1}'s figures)")
    return f"One-year forecasts of {years}, {whose} in {region}, against what the councils reported"
