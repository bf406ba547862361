"""The CSV export: tidy rows whose totals equal the HDF5 file's."""

import csv

import h5py
import numpy as np
import pytest

from wfsim_analysis.__main__ import main


def test_export_totals_match_the_file(make_results, tmp_path):
    path = make_results()
    out = tmp_path / "out.csv"
    assert main(["export", str(path), "-o", str(out), "--series"]) == 0
    with open(out, newline="") as f:
        rows = list(csv.DictReader(f))
    assert set(rows[0]) == {"measure", "units", "authority", "date", "statistic", "value"}
    with h5py.File(path) as f:
        for measure in f["summary"]:
            summary_total = np.nansum(f["summary"][measure][()])
            series_total = np.nansum(f["series"][measure][()])
            got_summary = sum(float(r["value"]) for r in rows
                              if r["measure"] == measure and not r["statistic"].startswith("replication") and r["value"])
            got_series = sum(float(r["value"]) for r in rows
                             if r["measure"] == measure and r["statistic"].startswith("replication") and r["value"])
            assert np.isclose(got_summary, summary_total, rtol=1e-12)
            assert np.isclose(got_series, series_total, rtol=1e-12)
        expected = sum(f["summary"][m].size + f["series"][m].size for m in f["summary"])
    assert len(rows) == expected


def test_export_puts_every_value_under_its_own_labels(make_results, tmp_path):
    # Totals (above) hold whatever the order of the rows; here each row's value must be
    # the file's at its measure, authority, date and statistic or replication. Two
    # authorities, so that rows written under the other's name would show.
    path = make_results("two.h5", authorities=("Northshire", "Southvale"), replications=4, periods=6)
    out = tmp_path / "two.csv"
    assert main(["export", str(path), "-o", str(out), "--series"]) == 0
    with open(out, newline="") as f:
        got = {(r["measure"], r["authority"], r["date"], r["statistic"]): r["value"] for r in csv.DictReader(f)}
    checked = 0
    with h5py.File(path) as f:
        authorities = [a.decode() for a in f["authority"][()]]
        dates = [d.decode() for d in f["date"][()]]
        statistics = [s.decode() for s in f["statistic"][()]]
        for measure in f["summary"]:
            summary, series = f["summary"][measure][()], f["series"][measure][()]
            for a, authority in enumerate(authorities):
                for t, date in enumerate(dates):
                    for s, statistic in enumerate(statistics):
                        assert float(got[(measure, authority, date, statistic)]) == summary[s, a, t]
                        checked += 1
                    for r in range(series.shape[0]):
                        assert float(got[(measure, authority, date, f"replication {r}")]) == series[r, a, t]
                        checked += 1
    assert checked == len(got) and checked > 0


def test_export_of_a_missing_file_is_bad_input(tmp_path, capsys):
    assert main(["export", str(tmp_path / "nope.h5"), "-o", str(tmp_path / "x.csv")]) == 2
    assert "nope.h5" in capsys.readouterr().err


def test_excel_with_series_refuses_past_excels_rows_and_csv_warns(make_results, tmp_path, capsys):
    # 1,100 replications x 960 periods: 1,056,000 rows of one measure's series.
    path = make_results("big.h5", replications=1100, periods=960)
    assert main(["export", str(path), "-o", str(tmp_path / "big.xlsx"), "--series"]) == 2
    err = capsys.readouterr().err
    assert "past Excel's limit of 1,048,576" in err and "CSV" in err
    assert not (tmp_path / "big.xlsx").exists()
    assert main(["export", str(path), "-o", str(tmp_path / "big.csv"), "--series"]) == 0
    assert "warning" in capsys.readouterr().err


def test_csv_warns_when_the_summaries_take_the_rows_past_excels_limit(make_results, tmp_path, capsys):
    # 3 measures x 360 replications x 960 periods: 1,036,800 rows of series, under the
    # limit; the 8 statistics of each period take the file to 1,059,840 and its header.
    # The warning once counted the series alone and said nothing.
    path = make_results("wide.h5", replications=360, periods=960)
    assert main(["export", str(path), "-o", str(tmp_path / "wide.csv"), "--series"]) == 0
    captured = capsys.readouterr()
    assert "1059840 rows" in captured.out
    assert "has 1,059,840 rows and a header, past Excel's limit of 1,048,576 in all" in captured.err
    assert main(["export", str(path), "-o", str(tmp_path / "bands.csv")]) == 0
    assert "warning" not in capsys.readouterr().err


def test_excel_of_a_results_file_holds_its_bands(results_file, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "bands.xlsx"
    assert main(["export", str(results_file), "-o", str(out)]) == 0
    book = load_workbook(out)
    assert book.sheetnames[0] == "About"
    sheet = book["agency_share"]
    assert [c.value for c in sheet[1]][:4] == ["date", "p5 (%)", "median (%)", "p95 (%)"]
    with h5py.File(results_file) as f:
        median = f["summary/agency_share"][4, 0, :]  # statistic 4 is p50 in the synthetic layout
    # In % under "(%)": stored as fractions in a % format, pandas and openpyxl read 0.21
    # under "median (%)" (an export audit).
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == pytest.approx(list(median * 100),
                                                                                            rel=1e-15)
    assert sheet.cell(2, 3).number_format == "0.0"
    about = {row[0]: row[1] for row in book["About"].iter_rows(values_only=True) if row and row[0]}
    assert about["Replications"] == 20  # a number, not text
    assert about["Seed"] == "42"  # text, every digit kept


def test_excel_keeps_a_long_seed_and_the_runs_notes(make_results, tmp_path):
    # Seed 18446744073709551557 came back as ...549568, and the notes wfsim printed (a
    # cohort whose work falls after the run) were in info and the reports, not here.
    from openpyxl import load_workbook

    path = make_results()
    with h5py.File(path, "a") as f:
        f.attrs["seed"] = np.uint64(18446744073709551557)
        f.attrs["notes"] = "s.yaml: a first note\ns.yaml: a second note\n"
    out = tmp_path / "notes.xlsx"
    assert main(["export", str(path), "-o", str(out)]) == 0
    rows = [row[:2] for row in load_workbook(out)["About"].iter_rows(values_only=True) if row and row[0]]
    about = dict(rows)
    assert about["Seed"] == "18446744073709551557"
    assert [value for label, value in rows if label == "Note"] == ["s.yaml: a first note", "s.yaml: a second note"]


def test_excel_series_sheets_name_their_measure_in_full(results_file, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "series.xlsx"
    assert main(["export", str(results_file), "--series", "-o", str(out)]) == 0
    book = load_workbook(out, read_only=True)
    series = [name for name in book.sheetnames if name.startswith("series ")]
    assert series and all(len(name) <= 31 for name in series)
    for name in series:
        header = next(book[name].iter_rows(max_row=1, values_only=True))
        assert header[:3] == ("replication", "authority", "date")
        assert header[3].startswith(name[len("series "):])  # the measure, cut or not in the sheet's name


def test_bands_to_a_workbook_is_refused_not_ignored(results_file, tmp_path, capsys):
    # The workbook was written as ever, --bands dropped without a word.
    assert main(["export", str(results_file), "--bands", "-o", str(tmp_path / "b.xlsx")]) == 2
    assert "--bands writes a CSV table" in capsys.readouterr().err
    assert not (tmp_path / "b.xlsx").exists()


def test_a_workbook_wider_than_excel_opens_is_refused(results_file, tmp_path, capsys, monkeypatch):
    # England's 152 councils in a sweep of 20 points made sheets of 17,785 columns,
    # past Excel's 16,384, written without a word (an analysis audit). The limit is
    # lowered here to the test file's 4 columns (a date, p5, median, p95).
    pytest.importorskip("openpyxl")
    from wfsim_analysis import workbook_export
    monkeypatch.setattr(workbook_export, "EXCEL_COLUMNS", 3)
    assert main(["export", str(results_file), "-o", str(tmp_path / "w.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "a measure's sheet would have 4 columns, past Excel's limit of 3; export the bands as CSV" in err
    assert not (tmp_path / "w.xlsx").exists()
    monkeypatch.setattr(workbook_export, "EXCEL_COLUMNS", 4)
    assert main(["export", str(results_file), "-o", str(tmp_path / "w.xlsx")]) == 0


def test_a_workbook_of_names_with_control_characters_is_written_escaped(make_results, tmp_path):
    # openpyxl refuses control characters in a cell: a file made elsewhere with one in
    # a council's name ended the export with its IllegalCharacterError (an audit).
    openpyxl = pytest.importorskip("openpyxl")
    path = make_results(authorities=("Kent\x1b[31m", "Sur\x07rey"))
    out = tmp_path / "w.xlsx"
    assert main(["export", str(path), "--series", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    headers = [c.value for c in book[book.sheetnames[1]][1]]
    assert any("Kent\\x1b[31m" in str(h) for h in headers) and any("Sur\\x07rey" in str(h) for h in headers)
    series = book[[n for n in book.sheetnames if n.startswith("series ")][0]]
    assert {series.cell(2, 2).value, series.cell(3, 2).value} <= {"Kent\\x1b[31m", "Sur\\x07rey"}


def test_series_with_bands_is_refused_not_dropped(results_file, tmp_path, capsys):
    # The bands CSV has no replications: --series was silently left out.
    out = tmp_path / "b.csv"
    assert main(["export", str(results_file), "--series", "--bands", "-o", str(out)]) == 2
    assert "--series and --bands: give one" in capsys.readouterr().err
    assert not out.exists()


def test_series_of_a_file_that_keeps_none_is_refused_not_dropped(results_file, tmp_path, capsys):
    # A --keep summaries file: the export was the summaries alone, without a word.
    with h5py.File(results_file, "a") as f:
        for name in list(f["series"]):
            del f["series"][name]
        f.attrs["kept_series"] = "summaries"
    for out in (tmp_path / "s.csv", tmp_path / "s.xlsx"):
        assert main(["export", str(results_file), "--series", "-o", str(out)]) == 2
        assert "keeps no replication's series (it was run with --keep summaries)" in capsys.readouterr().err
        assert not out.exists()
    assert main(["export", str(results_file), "-o", str(tmp_path / "s.csv")]) == 0


def test_each_rules_refusals_are_in_the_long_csv(results_file, tmp_path):
    # They were in no export at all, though 'export --series adds the series the file has'.
    rules, periods = ["MoC cooling-off", "rate cap"], 24
    summary = np.arange(8 * 2 * periods, dtype=float).reshape(8, 2, periods)
    refused = np.arange(20 * 2 * periods, dtype="int32").reshape(20, 2, periods)
    with h5py.File(results_file, "a") as f:
        f.create_dataset("rule", data=rules, dtype=h5py.string_dtype())
        f.create_dataset("rules/refused_summary", data=summary).attrs["units"] = "engagements"
        f.create_dataset("rules/refused", data=refused)
        statistics = [s.decode() if isinstance(s, bytes) else s for s in f["statistic"][()]]
    out = tmp_path / "r.csv"
    assert main(["export", str(results_file), "--series", "-o", str(out)]) == 0
    with open(out, newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["measure"].startswith("refused: ")]
    assert len(rows) == 2 * periods * (len(statistics) + 20)
    # Named as the file's total row (here its only council), so a pivot by authority keeps one column.
    cap = [r for r in rows if r["measure"] == "refused: rate cap" and r["authority"] == "Northshire"]
    assert [float(r["value"]) for r in cap if r["statistic"] == statistics[2]] == list(summary[2, 1, :])
    assert [float(r["value"]) for r in cap if r["statistic"] == "replication 19"] == list(refused[19, 1, :])
    assert main(["export", str(results_file), "-o", str(out)]) == 0  # without --series: the statistics only
    with open(out, newline="") as f:
        assert sum(r["measure"].startswith("refused: ") for r in csv.DictReader(f)) == 2 * periods * len(statistics)


def test_series_of_a_file_that_keeps_only_the_rules_refusals_are_exported(results_file, tmp_path):
    # --keep series=refused keeps /rules/refused and no measure's series: --series was
    # refused as if the file kept none.
    with h5py.File(results_file, "a") as f:
        for name in list(f["series"]):
            del f["series"][name]
        f.attrs["kept_series"] = "series=refused"
        f.create_dataset("rule", data=["cap"], dtype=h5py.string_dtype())
        f.create_dataset("rules/refused_summary", data=np.zeros((8, 1, 24)))
        f["rules/refused_summary"].attrs["units"] = "engagements"  # as wfsim writes it
        f.create_dataset("rules/refused", data=np.ones((20, 1, 24), dtype="int32"))
    out = tmp_path / "r.csv"
    assert main(["export", str(results_file), "--series", "-o", str(out)]) == 0
    with open(out, newline="") as f:
        assert sum(r["statistic"].startswith("replication") for r in csv.DictReader(f)) == 20 * 24


def test_bands_are_rounded_one_digit_finer_than_the_standard_error_even_above_units():
    from wfsim_analysis.export import _decimals, _rounded
    from wfsim_analysis.files import Band, Column

    # A 5-95% band 33,000 wide: sd 10,000, so over 100 replications a standard error of
    # 1,000, shown to the 100. Agency spend was shown to the pound.
    spend = Band("agency_spend", "GBP", "", [Column("p5", np.full(3, 450000.0), "p5"),
                                             Column("p95", np.full(3, 483000.0), "p95")])
    assert _decimals(spend, 100) == -2
    assert _rounded(451614.3, -2) == "451600"
    assert _rounded(-4.0, -1) == "0" and _rounded(-0.001, 2) == "0.00"  # never "-0"
    share = Band("agency_share", "fraction", "", [Column("p5", np.full(3, 0.10), "p5"),
                                                  Column("p95", np.full(3, 0.133), "p95")])
    assert _decimals(share, 100) == 2  # in %: a band 3.3 points wide, SE 0.1 point


def test_a_paired_difference_is_rounded_to_its_own_precision():
    from wfsim_analysis.export import _decimals, _difference_decimals
    from wfsim_analysis.files import Band, Column

    # Staff cost: levels known to about £1,000, a paired difference of -143 (-675 to
    # +389) to about £270: the difference was rounded as the levels, to -0, -1000, 0.
    cost = Band("staff_cost", "GBP", "", [Column("p5", np.full(3, 1.10e6), "p5"),
                                          Column("p95", np.full(3, 1.133e6), "p95"),
                                          Column("difference", np.full(3, -143.0), "difference"),
                                          Column("difference low", np.full(3, -675.0), "difference_low"),
                                          Column("difference high", np.full(3, 389.0), "difference_high")])
    assert _decimals(cost, 100) == -2
    assert _difference_decimals(cost) == -1  # a standard error of about 271: to the £10


def test_the_whole_run_total_is_rounded_to_its_own_precision():
    from wfsim_analysis.export import _decimals, _difference_decimals, _whole_run
    from wfsim_analysis.files import Band, Column

    # Agency spend: each month's difference known to about £2,600 (to the £100), the
    # total over the run's to about £208,000 (to the £10,000). The total was written
    # with the months' digits, -3393000 where -3390000 is all the run knows.
    spend = Band("agency_spend", "GBP", "", [
        Column("p5", np.full(3, 1.10e6), "p5", 6.0e7),
        Column("p95", np.full(3, 1.133e6), "p95", 6.7e7),
        Column("difference", np.full(3, -5.0e4), "difference", -3.393e6),
        Column("difference low", np.full(3, -5.5e4), "difference_low", -3.8e6),
        Column("difference high", np.full(3, -4.5e4), "difference_high", -2.985e6)])
    assert _difference_decimals(spend) == -2
    assert _difference_decimals(spend, _whole_run) == -4
    assert _decimals(spend, 100) == -2 and _decimals(spend, 100, _whole_run) == -4


def test_money_is_never_written_finer_than_the_penny():
    from wfsim_analysis.export import _decimals, _difference_decimals
    from wfsim_analysis.files import Band, Column

    # An agency rate nearly the same in every replication: its standard error is tiny,
    # and it was written 40.00000000.
    rate = Band("agency_rate_paid", "GBP per hour", "", [Column("p5", np.full(3, 40.0), "p5"),
                                                         Column("p95", np.full(3, 40.0000001), "p95"),
                                                         Column("difference low", np.full(3, -1e-9), "difference_low"),
                                                         Column("difference high", np.full(3, 1e-9),
                                                                "difference_high")])
    assert _decimals(rate, 100) == 2 and _difference_decimals(rate) == 2
    share = Band("agency_share", "fraction", "", [Column("p5", np.full(3, 0.1), "p5"),
                                                  Column("p95", np.full(3, 0.1000001), "p95")])
    assert _decimals(share, 100) == 4  # other measures to at most 4 places


def test_each_rules_refusals_are_in_the_workbook(results_file, tmp_path, capsys):
    # A file run with --keep series=refused gave "43 measures, a sheet each" and no
    # sheet of the refusals, with or without --series; the CSV had them.
    from openpyxl import load_workbook

    rules, periods = ["MoC cooling-off", "cap: 1/2"], 24
    summary = np.arange(8 * 2 * periods, dtype=float).reshape(8, 2, periods)
    refused = np.arange(20 * 2 * periods, dtype="int32").reshape(20, 2, periods)
    with h5py.File(results_file, "a") as f:
        for name in list(f["series"]):
            del f["series"][name]
        f.attrs["kept_series"] = "series=refused"
        f.create_dataset("rule", data=rules, dtype=h5py.string_dtype())
        f.create_dataset("rules/refused_summary", data=summary).attrs["units"] = "engagements"
        f.create_dataset("rules/refused", data=refused)
        measures = len([m for m in f["summary"] if not m.startswith("statistic")])
    out = tmp_path / "r.xlsx"
    assert main(["export", str(results_file), "--series", "-o", str(out)]) == 0
    assert f"{measures} measures, a sheet each, 2 sheets of the rules' refusals, and 2 series sheets\n" in \
        capsys.readouterr().out
    book = load_workbook(out, read_only=True)
    assert {"refused MoC cooling-off", "refused cap  1 2", "series refused MoC cooling-off",
            "series refused cap  1 2"} <= set(book.sheetnames)
    rows = list(book["refused cap  1 2"].iter_rows(values_only=True))
    assert rows[0][0] == "date" and len(rows) == periods + 1
    assert [row[3] for row in rows[1:]] == list(summary[2, 1, :])
    rows = list(book["series refused MoC cooling-off"].iter_rows(values_only=True))
    assert rows[0] == ("replication", "date", "refused: MoC cooling-off (engagements)")
    assert [row[2] for row in rows[1:] if row[0] == 19] == list(refused[19, 0, :])
    assert main(["export", str(results_file), "-o", str(out), "--force"]) == 0  # without --series: the statistics
    assert f"{measures} measures, a sheet each, and 2 sheets of the rules' refusals\n" in capsys.readouterr().out
    assert not any(n.startswith("series ") for n in load_workbook(out, read_only=True).sheetnames)


def test_sheet_names_cut_to_31_stay_apart_without_piling_up_suffixes():
    from openpyxl import Workbook

    from wfsim_analysis.workbook_export import _sheet_title

    for name, expected in (("refused cap", ["refused cap", "refused cap (2)", "refused cap (3)"]),
                           ("refused a rule whose name runs on: past 31",
                            ["refused a rule whose name runs ", "refused a rule whose name r (2)",
                             "refused a rule whose name r (3)"])):
        book = Workbook()
        titles = []
        for _ in range(3):
            titles.append(_sheet_title(book, name))
            book.create_sheet(titles[-1])
        assert titles == expected  # a third clash once gave "refused cap (2) (3)"


def test_bands_are_found_by_measure_name(results_file):
    # The README reads bands(path)["agency_share"]; a Bands had no lookup by name.
    import pytest

    from wfsim_analysis.files import bands

    found = bands(results_file)
    assert found["agency_share"].measure == "agency_share"
    assert found["agency_share"] is found.measures[[b.measure for b in found.measures].index("agency_share")]
    with pytest.raises(KeyError, match="no measure 'agency_shar' in these bands; they hold: "):
        found["agency_shar"]
    # 'in' and iteration by measure (both fell back to indexing by position, and failed).
    assert "agency_share" in found and "agency_shar" not in found
    assert [band.measure for band in found] == [band.measure for band in found.measures]


def test_bands_are_found_by_measure_name_in_any_case(results_file):
    # bands(path)["Agency_Share"] raised KeyError where every other lookup ignores case.
    import pytest

    from wfsim_analysis.files import Band, Bands, bands

    found = bands(results_file)
    assert found["Agency_Share"] is found["agency_share"]
    assert "AGENCY_SHARE" in found and "agency_shar" not in found
    with pytest.raises(KeyError, match="no measure 'Agency_Shar' in these bands"):
        found["Agency_Shar"]
    # Names that differ only in case are told apart by their case alone.
    both = Bands("results", [], {}, [], [Band("Share", "", ""), Band("share", "", "")])
    assert both["share"] is both.measures[1] and both["Share"] is both.measures[0]
    with pytest.raises(KeyError, match="'SHARE' matches 'Share' and 'share' in all but case"):
        both["SHARE"]
    assert "SHARE" not in both



def test_money_of_a_period_that_is_not_a_whole_month_is_labelled_with_its_days(results_file, tmp_path):
    # A run from the 15th: its first period's 17 days of spend were labelled "GBP per
    # month" beside whole months' (an audit of the exports).
    from wfsim_analysis.export import _units_by_date
    dates = ["2015-10-31", "2015-11-30"]
    assert _units_by_date("GBP per month", {"report_start_date": "2015-10-01"}, dates) == {}
    cut = {"report_start_date": "2015-10-15"}
    assert _units_by_date("GBP per month", cut, dates) == {"2015-10-31": "GBP in the period's 17 days"}
    assert _units_by_date("workers", cut, dates) == {}  # a count of a period is the period's already
    # The workbook says which periods are cut, where it says what the file is.
    with h5py.File(results_file, "a") as f:
        f.attrs["report_start_date"] = str(f["date"][0].decode()[:8]) + "15"
    out = tmp_path / "cut.xlsx"
    assert main(["export", str(results_file), "-o", str(out)]) == 0
    from openpyxl import load_workbook
    about = {row[0]: row[1] for row in load_workbook(out)["About"].iter_rows(values_only=True) if row and row[0]}
    assert about["Periods"].startswith("Not a whole month: ") and "covers 16 days" in about["Periods"]


def test_each_variants_difference_is_rounded_to_its_own_precision():
    # A lever's cost the same in every replication (an interval of no width) was rounded
    # to the GBP 1,000 of another variant's difference: 80000 (80000 to 80000) beside
    # levels of 80027.38 (an audit of the exports).
    from wfsim_analysis.export import _digits_by_column, _rounded
    from wfsim_analysis.files import Band, Column
    cost = Band("policy_cost", "GBP", "", [
        Column("A, difference", np.full(2, 80027.38), "difference"),
        Column("A, difference low (95%)", np.full(2, 80027.38), "difference_low"),
        Column("A, difference high (95%)", np.full(2, 80027.38), "difference_high"),
        Column("B, difference", np.full(2, 4.14e6), "difference"),
        Column("B, difference low (95%)", np.full(2, 4.11e6), "difference_low"),
        Column("B, difference high (95%)", np.full(2, 4.17e6), "difference_high")])
    digits = _digits_by_column(cost, 0)
    assert _rounded(80027.38, digits[0]) == "80027.38" and digits[:3] == [digits[0]] * 3
    assert digits[3] < 0 and _rounded(4.14e6, digits[3]) == "4140000"


def _spend_with_a_small_first_difference():
    """Agency spend whose first month's difference is -70 (-192 to +52) beside later
    months' known to the GBP 1,000 or so."""
    from wfsim_analysis.files import Band, Column
    return Band("agency_spend", "GBP", "", [
        Column("A, p5", np.array([1.10e6, 1.2e6, 1.3e6]), "p5"),
        Column("A, p95", np.array([1.15e6, 1.3e6, 1.4e6]), "p95"),
        Column("A, difference", np.array([-70.0, -41000.0, -52000.0]), "difference"),
        Column("A, difference low", np.array([-192.0, -90000.0, -101000.0]), "difference_low"),
        Column("A, difference high", np.array([52.0, 8000.0, -3000.0]), "difference_high")])


def test_a_small_difference_in_one_month_is_not_written_as_zero():
    # Rounded by the months' typical interval it was written 0, 0, 0, which reads as
    # exactly no change (an audit of the exports). Each date's difference is rounded by
    # its own interval; the levels keep one precision for the measure.
    from wfsim_analysis.export import _digits_by_column, _rounded
    spend = _spend_with_a_small_first_difference()
    first = _digits_by_column(spend, -3, row=0)
    later = _digits_by_column(spend, -3, row=2)
    assert [_rounded(spend.columns[i].values[0], first[i]) for i in (2, 3, 4)] == ["-70", "-192", "52"]
    assert [_rounded(spend.columns[i].values[2], later[i]) for i in (2, 3, 4)] == ["-52000", "-101000", "-3000"]
    assert first[:2] == later[:2] == [-3, -3]
    # Without a row, the months' typical interval, as the whole run's total is rounded.
    typical = _digits_by_column(spend, -3)
    assert _rounded(-70.0, typical[2]) == "0"


def test_the_bands_csv_rounds_each_dates_difference_by_its_own_interval(monkeypatch, tmp_path):
    # The table as written, not the helper alone: a writer that kept the typical
    # interval for every date would write the first month's -70 as 0.
    import csv as csv_module
    from wfsim_analysis import export
    from wfsim_analysis.files import Bands
    spend = _spend_with_a_small_first_difference()
    table = Bands("comparison", ["2016-01-31", "2016-02-29", "2016-03-31"],
                  {"replications": 200, "report_start_date": "2016-01-01"}, [], [spend])
    monkeypatch.setattr(export, "read_bands", lambda path: table)
    out = tmp_path / "bands.csv"
    export._export_bands_csv("unused.h5", out)
    rows = list(csv_module.reader(open(out, encoding="utf-8")))
    assert rows[1][-3:] == ["-70", "-192", "52"]
    assert rows[3][-3:] == ["-52000", "-101000", "-3000"]


def test_series_exports_carry_each_replications_drawn_inputs(make_results, tmp_path, capsys):
    # With --series each replication's results were exported, but not the uncertain
    # inputs it drew (/inputs/values), so the two could not be set side by side.
    from openpyxl import load_workbook

    path = make_results(replications=3)
    drawn = np.array([[0.15, 41.0], [0.17, 55.5], [0.2, 48.0]])
    with h5py.File(path, "a") as f:
        group = f.create_group("inputs")
        group.create_dataset("values", data=drawn)
        group.create_dataset("input", data=["a.turnover_per_year", "a.applicants_per_year"],
                             dtype=h5py.string_dtype())
    out = tmp_path / "series.csv"
    assert main(["export", str(path), "--series", "-o", str(out)]) == 0
    with open(out, newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["measure"].startswith("input: ")]
    assert [(r["measure"], r["statistic"], float(r["value"])) for r in rows] == [
        ("input: a.turnover_per_year", f"replication {k}", drawn[k, 0]) for k in range(3)] + [
        ("input: a.applicants_per_year", f"replication {k}", drawn[k, 1]) for k in range(3)]
    book = tmp_path / "series.xlsx"
    capsys.readouterr()
    assert main(["export", str(path), "--series", "-o", str(book)]) == 0
    # Said apart from the series sheets, which it was counted among (a review).
    assert capsys.readouterr().out.rstrip().endswith("series sheets, and a sheet of the inputs drawn")
    sheet = load_workbook(book)["inputs drawn"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("replication", "a.turnover_per_year (the key's own units)",
                         "a.applicants_per_year (the key's own units)")
    assert [list(v[1:]) for v in values[1:]] == drawn.tolist()


def test_series_exports_the_drawn_inputs_of_a_file_that_keeps_no_series(make_results, tmp_path, capsys):
    # A --keep summaries run keeps each replication's drawn inputs, "because they say
    # which replication drew what" (docs/output-format.md), but --series refused the
    # file as keeping no series, so they could not be exported at all.
    path = make_results(replications=3)
    drawn = np.array([[0.15], [0.17], [0.2]])
    with h5py.File(path, "a") as f:
        for name in list(f["series"]):
            if f["series"][name].attrs.get("CLASS", b"") != b"DIMENSION_SCALE":
                del f["series"][name]
        f.attrs["kept_series"] = "summaries"
        group = f.create_group("inputs")
        group.create_dataset("values", data=drawn)
        group.create_dataset("input", data=["a.turnover_per_year"], dtype=h5py.string_dtype())
    out = tmp_path / "series.csv"
    assert main(["export", str(path), "--series", "-o", str(out)]) == 0, capsys.readouterr().err
    with open(out, newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["statistic"], float(r["value"])) for r in rows if r["measure"] == "input: a.turnover_per_year"] == [
        (f"replication {k}", drawn[k, 0]) for k in range(3)]
    assert not [r for r in rows if r["statistic"].startswith("replication") and not r["measure"].startswith("input")]
    assert "note: " in capsys.readouterr().err  # the series are not there: said
    book = tmp_path / "series.xlsx"
    assert main(["export", str(path), "--series", "-o", str(book)]) == 0, capsys.readouterr().err
    assert "--series added each replication's drawn inputs alone" in capsys.readouterr().err
    from openpyxl import load_workbook
    sheet = load_workbook(book)["inputs drawn"]
    assert [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)] == [[k, drawn[k, 0]] for k in range(3)]
    # Without the inputs, it is refused as before.
    with h5py.File(path, "a") as f:
        del f["inputs"]
    assert main(["export", str(path), "--series", "-o", str(tmp_path / "none.csv")]) == 2
    assert "keeps no replication's series (it was run with --keep summaries)" in capsys.readouterr().err


def test_cost_per_filled_post_is_said_per_filled_post(make_results, tmp_path):
    # It was "GBP per month" (CSV) and "£ per month" (workbook), as the costs it divides.
    from openpyxl import load_workbook
    from wfsim_analysis.export import _long_unit, _unit_label, _units_by_date

    assert _long_unit("GBP", "cost_per_filled_post") == "GBP per filled post per month"
    assert _unit_label("GBP", "cost_per_filled_post") == "GBP per filled post per month"
    assert _long_unit("GBP", "total_cost") == "GBP per month"
    cut = _units_by_date("GBP per filled post per month", {"report_start_date": "2015-10-15"}, ["2015-10-31"])
    assert cut == {"2015-10-31": "GBP per filled post in the period's 17 days"}
    path = make_results()
    with h5py.File(path, "a") as f:
        f["summary/agency_share"].attrs["units"] = "fraction"
    out = tmp_path / "series.xlsx"
    assert main(["export", str(path), "--series", "-o", str(out)]) == 0
    headers = [next(load_workbook(out)[name].iter_rows(values_only=True))[3]
               for name in load_workbook(out).sheetnames if name.startswith("series ")]
    assert "agency_share (fraction (0 to 1))" in headers


def test_names_that_look_like_formulas_stay_text(make_results, tmp_path):
    # A council named "=HYPERLINK(...)" was written as a formula in every series sheet,
    # and as text a spreadsheet works out in CSV: Excel would run it, or repair the
    # workbook and drop it. Names stay names; negative numbers stay numbers.
    from openpyxl import load_workbook

    # "-\u0663" (an Arabic-Indic three) is a digit to Python's \d, not to a spreadsheet.
    names = ('=HYPERLINK("x","y")', "-Base", "+44 team", "@home", "-inf", "'quoted", "-\u0663", "Northshire")
    path = make_results(authorities=names)
    with h5py.File(path, "a") as f:  # a negative value, which must not be quoted
        f["summary/uncovered_gap"][0, 0, 0] = -1.5
    out = tmp_path / "names.csv"
    assert main(["export", str(path), "-o", str(out), "--series"]) == 0
    with open(out, newline="") as f:
        rows = list(csv.DictReader(f))
    shown = {row["authority"] for row in rows}
    assert shown == {"'" + n for n in names[:7]} | {"Northshire"}
    assert any(row["value"] == "-1.5" for row in rows)
    book_path = tmp_path / "names.xlsx"
    assert main(["export", str(path), "-o", str(book_path), "--series"]) == 0
    book = load_workbook(book_path)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert {cell.value for cell in cells if isinstance(cell.value, str)} >= set(names)


def test_the_replications_a_statistic_is_over_are_counted_in_replications(results_file, tmp_path):
    # The summaries' n (the replications a value is defined in) was exported in the
    # measure's own units (a share of 20.0, a cost of 20 GBP).
    out = tmp_path / "e.csv"
    assert main(["export", str(results_file), "-o", str(out)]) == 0
    with open(out, newline="") as f:
        rows = list(csv.DictReader(f))
    counted = [r for r in rows if r["statistic"] == "n"]
    assert counted and all(r["units"] == "replications" and float(r["value"]) == 20 for r in counted)
    assert all(r["units"] != "replications" for r in rows if r["statistic"] != "n")
