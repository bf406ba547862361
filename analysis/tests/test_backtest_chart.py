"""The backtest chart reads wfsim backtest's table, and its summary agrees with the
engine's on a table worked by hand."""

from wfsim_analysis.__main__ import main
from wfsim_analysis.backtest_chart import read_backtest, span_of, summary_of

HEADER = "council,code,region,year,measure,previous,reported,median,p5,p95,inside\n"


def write_table(path, rows):
    path.write_text(HEADER + "".join(rows))
    return path


def test_summary_worked_by_hand(tmp_path):
    # Errors of the median 2 and 4 points (mean 3); of persistence 1 and 5 (mean 3); one
    # of the two reported values inside its band. The same rows as tests/test_backtest.cpp.
    table = write_table(tmp_path / "b.csv", [
        "A,E1,R,2020,vacancy_rate,0.11,0.10,0.12,0.08,0.15,yes\n",
        "B,E2,R,2020,vacancy_rate,0.25,0.20,0.16,0.12,0.19,no\n",
        "C,E3,R,2020,vacancy_rate,0.25,,0.16,0.12,0.19,\n",  # nothing reported: left out
    ])
    rows = read_backtest(table)["vacancy_rate"]
    model, persistence, inside = summary_of(rows)
    assert len(rows) == 2
    assert abs(model - 3.0) < 1e-9
    assert abs(persistence - 3.0) < 1e-9
    assert inside == 0.5


def test_inside_is_the_engines_judgement_not_a_recount_of_rounded_figures(tmp_path):
    # Greenwich 2023: reported 0.101 against a band from 0.101 as the table rounds it, but
    # below it at full precision: the engine said "no", a recount "yes", and the chart's
    # share (83%) disagreed with the command's (82%).
    table = write_table(tmp_path / "b.csv", [
        "Greenwich,E1,London,2023,turnover,0.15,0.101,0.221724,0.101,0.414267,no\n",
        "A,E2,London,2023,turnover,0.15,0.2,0.2,0.1,0.3,yes\n",
    ])
    rows = read_backtest(table)["turnover"]
    assert [r["inside"] for r in rows] == [False, True]
    assert summary_of(rows)[2] == 0.5
    # As a spreadsheet may save it: capitalised, or spaced.
    table = write_table(tmp_path / "c.csv", [
        "Greenwich,E1,London,2023,turnover,0.15,0.101,0.221724,0.101,0.414267, No\n",
        "A,E2,London,2023,turnover,0.15,0.2,0.2,0.1,0.3,YES\n",
    ])
    assert [r["inside"] for r in read_backtest(table)["turnover"]] == [False, True]


def test_the_chart_says_which_years_and_where(tmp_path):
    # It said neither: a region's chart looked like England's.
    one = write_table(tmp_path / "one.csv", [
        "A,E1,West Midlands,2022,vacancy_rate,0.11,0.10,0.12,0.08,0.15,yes\n",
        "B,E2,West Midlands,2023,vacancy_rate,0.11,0.10,0.12,0.08,0.15,yes\n",
    ])
    assert span_of(read_backtest(one)) == "One-year forecasts of 2022 to 2023 (from 2021 to 2022's figures), A and B " \
                                          "in West Midlands, against what the councils reported"
    two = write_table(tmp_path / "two.csv", [
        "A,E1,West Midlands,2023,vacancy_rate,0.11,0.10,0.12,0.08,0.15,yes\n",
        "B,E2,Inner London,2023,vacancy_rate,0.11,0.10,0.12,0.08,0.15,yes\n",
    ])
    assert span_of(read_backtest(two)) == "One-year forecasts of 2023 (from 2022's figures), A and B in 2 of the " \
                                          "data's regions, against what the councils reported"
    # Four councils or more are counted, not named.
    many = write_table(tmp_path / "many.csv", [f"{c},E{i},R,2023,turnover,0.11,0.10,0.12,0.08,0.15,yes\n"
                                               for i, c in enumerate("ABCD")])
    assert span_of(read_backtest(many)) == "One-year forecasts of 2023 (from 2022's figures), 4 councils in R, " \
                                           "against what the councils reported"
    # Names with commas are set apart by semicolons.
    commas = write_table(tmp_path / "commas.csv", [
        '"Bristol, City of",E1,South West,2023,turnover,0.11,0.10,0.12,0.08,0.15,yes\n',
        "Bath and North East Somerset,E2,South West,2023,turnover,0.11,0.10,0.12,0.08,0.15,yes\n",
    ])
    assert span_of(read_backtest(commas)).startswith("One-year forecasts of 2023 (from 2022's figures), Bath and "
                                                     "North East Somerset; Bristol, City of in South West")


def test_chart_is_written(tmp_path, capsys):
    table = write_table(tmp_path / "b.csv", [
        "A,E1,R,2020,vacancy_rate,0.11,0.10,0.12,0.08,0.15,yes\n",
        "A,E1,R,2020,agency_rate,0.11,0.10,0.12,0.08,0.15,yes\n",
        "A,E1,R,2020,turnover,0.11,0.10,0.12,0.08,0.15,yes\n",
    ])
    out = tmp_path / "chart.png"
    assert main(["backtest", str(table), "-o", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_not_a_backtest_table(tmp_path, capsys):
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    assert main(["backtest", str(other), "-o", str(tmp_path / "c.png")]) == 2
    assert "not a wfsim backtest table" in capsys.readouterr().err


def test_a_results_file_is_not_called_damaged(results_file, tmp_path, capsys):
    # A results file given instead of the table was read as text, failed to decode and
    # was called 'damaged': it is simply not a backtest table.
    assert main(["backtest", str(results_file), "-o", str(tmp_path / "b.png")]) == 2
    err = capsys.readouterr().err
    assert "is not a wfsim backtest table" in err and "damaged" not in err


def test_a_table_cut_short_is_refused_not_charted(tmp_path, capsys):
    # The cut row's measure ('agency_rat') and its missing figures were skipped, and the
    # chart drawn from the rows before it as if the table were whole.
    table = write_table(tmp_path / "b.csv", [
        "A,E1,R,2020,vacancy_rate,0.11,0.10,0.12,0.08,0.15,yes\n",
        "A,E1,R,2020,agency_rat",
    ])
    out = tmp_path / "chart.png"
    assert main(["backtest", str(table), "-o", str(out)]) == 2
    assert "b.csv, line 3: 5 cells where the header has 11: the table is cut short" in capsys.readouterr().err
    assert not out.exists()


def test_no_year_before_is_no_error_not_a_perfect_one(tmp_path):
    # A table whose rows lack the year before (a council's first year, or one forecast
    # across a gap) was summarised and titled "error 0.0 pts".
    table = write_table(tmp_path / "b.csv", [
        "A,E1,R,2020,turnover,,0.10,0.12,0.08,0.15,yes\n",
    ])
    rows = read_backtest(table)["turnover"]
    model, persistence, inside = summary_of(rows)
    assert model is None and persistence is None
    assert inside == 1.0
    out = tmp_path / "chart.png"
    assert main(["backtest", str(table), "-o", str(out)]) == 0
    assert out.exists()


def test_a_table_saved_with_a_byte_order_mark_reads(tmp_path):
    # A spreadsheet saving the table again starts it with a byte-order mark: it was
    # called "not a wfsim backtest table" (a robustness test).
    table = tmp_path / "bom.csv"
    table.write_text("\ufeff" + HEADER + "A,E1,R,2020,vacancy_rate,0.11,0.10,0.12,0.08,0.15,yes\n", encoding="utf-8")
    assert len(read_backtest(table)["vacancy_rate"]) == 1


def test_a_row_the_chart_cannot_draw_is_refused_naming_its_line_and_column(tmp_path, capsys):
    # Each ended in a traceback, exit 1: matplotlib's "'yerr' must not contain negative
    # values", "Axis limits cannot be NaN or Inf", a None in a sum, Pillow's "tile cannot
    # extend outside image" (a hostile-input review).
    good = "A,E1,R,2020,vacancy_rate,0.11,0.10,0.12,0.08,0.15,yes\n"
    cases = {
        "A,E1,R,2021,vacancy_rate,0.1,0.16,0.2,0.15,0.17,yes\n":
            "line 3: the median (0.2) lies outside its band, p5 to p95 (0.15 to 0.17)",
        "A,E1,R,2021,vacancy_rate,0.1,inf,0.16,0.15,0.17,no\n": "line 3, column 'reported': not a finite number",
        "A,E1,R,2021,agency_rate,0.1,0.12,nan,0.15,0.17,no\n": "line 3, column 'median': not a finite number",
        "A,E1,R,2021,vacancy_rate,0.1,0.12,,0.15,0.17,no\n": "line 3, column 'median': empty",
        "A,E1,R,2021,bogus,0.1,0.12,0.16,0.15,0.17,yes\n":
            "line 3, column 'measure': 'bogus' is not a measure wfsim backtest writes (vacancy_rate, agency_rate, "
            "turnover)",
        # Taken for "no" without a word (an audit).
        "A,E1,R,2021,vacancy_rate,0.1,0.16,0.16,0.15,0.17,maybe\n":
            "line 3, column 'inside': 'maybe' is not yes or no (or empty, to work it out from the band)",
    }
    for row, said in cases.items():
        table = write_table(tmp_path / "b.csv", [good, row])
        out = tmp_path / "chart.png"
        assert main(["backtest", str(table), "-o", str(out)]) == 2, row
        err = capsys.readouterr().err
        assert said in err and "Traceback" not in err, (row, err)
        assert not out.exists()
    # Without a judgement in 'inside', an empty p5 is said too (a TypeError in the recount).
    table = write_table(tmp_path / "old.csv", ["A,E1,R,2020,turnover,0.11,0.10,0.12,,0.15,\n"])
    assert main(["backtest", str(table), "-o", str(tmp_path / "c.png")]) == 2
    assert "line 2, column 'p5': empty" in capsys.readouterr().err


def test_a_row_twice_a_cell_not_a_number_and_a_missing_column_are_named(tmp_path, capsys):
    # A table pasted onto itself was charted with each council-year counted twice; a cell
    # that is not a number was "a figure or the year", and a missing column was "not a
    # wfsim backtest table" (a bad-input audit).
    good = "A,E1,R,2020,vacancy_rate,0.11,0.10,0.12,0.08,0.15,yes\n"
    table = write_table(tmp_path / "twice.csv", [good, "B,E2,R,2020,vacancy_rate,0.2,0.2,0.2,0.1,0.3,yes\n", good])
    out = tmp_path / "chart.png"
    assert main(["backtest", str(table), "-o", str(out)]) == 2
    assert "line 4: A's vacancy_rate for 2020 again (first on line 2)" in capsys.readouterr().err
    assert not out.exists()
    table = write_table(tmp_path / "text.csv", ["A,E1,R,2020,vacancy_rate,0.11,0.10,0.1two,0.08,0.15,yes\n"])
    assert main(["backtest", str(table), "-o", str(out)]) == 2
    assert "line 2, column 'median': '0.1two' is not a number" in capsys.readouterr().err
    table = write_table(tmp_path / "year.csv", ["A,E1,R,20x0,vacancy_rate,0.11,0.10,0.12,0.08,0.15,yes\n"])
    assert main(["backtest", str(table), "-o", str(out)]) == 2
    assert "line 2, column 'year': '20x0' is not a number" in capsys.readouterr().err
    lacking = tmp_path / "lacking.csv"
    lacking.write_text(HEADER.replace(",p95", "") + "A,E1,R,2020,vacancy_rate,0.11,0.10,0.12,0.08,yes\n")
    assert main(["backtest", str(lacking), "-o", str(out)]) == 2
    assert "line 1: the header lacks the column 'p95'" in capsys.readouterr().err
    assert not out.exists()


def test_one_council_year_is_counted_as_one(tmp_path):
    from wfsim_analysis.backtest_chart import backtest_chart

    one = write_table(tmp_path / "one.csv", ["A,E1,West Midlands,2023,turnover,0.11,0.10,0.12,0.08,0.15,yes\n"])
    titles = [ax.get_title() for ax in backtest_chart(one).axes]
    assert any("1 council-year\n" in title for title in titles)
    assert not any("1 council-years" in title for title in titles)
