"""The reader returns the file's contents in the documented shapes and refuses bad input clearly."""

import h5py
import numpy as np
import pytest

from wfsim_analysis.results import Results, ResultsError, period_of_date


def test_dates_are_period_ends_as_datetime64(results_file):
    with Results(results_file) as results:
        dates = results.dates
    assert dates.dtype == np.dtype("datetime64[D]")
    assert dates.shape == (24,)
    assert dates[0] == np.datetime64("2025-04-30")
    assert dates[-1] == np.datetime64("2027-03-31")


def test_dates_agree_with_iso_text(results_file):
    with Results(results_file) as results, h5py.File(results_file) as f:
        assert [str(d) for d in results.dates] == list(f["date"].asstr()[()])


def test_names_and_metadata(results_file):
    with Results(results_file) as results:
        assert results.authorities == ["Northshire"]
        assert results.statistics == ["mean", "sd", "p5", "p25", "p50", "p75", "p95", "n"]
        assert set(results.measures) == {"agency_share", "uncovered_gap", "leavers_permanent"}
        assert results.units("agency_share") == "fraction"
        assert "snapshot" in results.description("uncovered_gap")
        meta = results.metadata
    assert meta["seed"] == 42 and isinstance(meta["seed"], int)
    assert meta["replications"] == 20
    assert meta["scenario_name"] == "synthetic baseline"


def test_shapes_of_summary_and_series(results_file):
    with Results(results_file) as results:
        assert results.summary("agency_share").shape == (8, 1, 24)
        assert results.series("agency_share").shape == (20, 1, 24)
        assert results.summary("agency_share", "Northshire").shape == (8, 24)
        assert results.series("agency_share", "Northshire").shape == (20, 24)


def test_one_authority_is_selected_by_name(make_results):
    path = make_results(authorities=("Northshire", "Southvale"), replications=5, periods=6)
    with Results(path) as results:
        assert results.authorities == ["Northshire", "Southvale"]
        np.testing.assert_array_equal(results.series("uncovered_gap", "Southvale"), results.series("uncovered_gap")[:, 1])


def test_statistic_index_finds_the_median_row(results_file):
    # The reader's lookup of a statistic's row, on a file whose summaries the fixture
    # wrote with numpy; wfsim's own medians are checked against numpy's by
    # tests/summaries_vs_numpy.py.
    with Results(results_file) as results:
        p50 = results.summary("uncovered_gap", "Northshire")[results.statistic_index("p50")]
        series = results.series("uncovered_gap", "Northshire")
    np.testing.assert_allclose(p50, np.median(series, axis=0))


def test_fixed_length_string_attributes_are_read_as_str(results_file):
    with h5py.File(results_file, "r+") as f:
        f.attrs.create("scenario_name", np.bytes_("fixed width"))
    with Results(results_file) as results:
        assert results.metadata["scenario_name"] == "fixed width"


def test_unknown_measure_lists_available(results_file):
    with Results(results_file) as results, pytest.raises(ResultsError) as err:
        results.summary("vacancy_rat")
    message = str(err.value)
    assert "vacancy_rat" in message
    assert "agency_share" in message and "uncovered_gap" in message and "leavers_permanent" in message


def test_unknown_authority_lists_available(results_file):
    with Results(results_file) as results, pytest.raises(ResultsError, match="has no authority 'Atlantis'.*Northshire"):
        results.summary("agency_share", "Atlantis")


def test_missing_file(tmp_path):
    with pytest.raises(ResultsError, match="no such file"):
        Results(tmp_path / "absent.h5")


def test_file_that_is_not_hdf5(tmp_path):
    path = tmp_path / "notes.h5"
    path.write_text("not HDF5\n")
    with pytest.raises(ResultsError, match="not an HDF5 file"):
        Results(path)


def test_hdf5_file_that_is_not_wfsim(tmp_path):
    path = tmp_path / "other.h5"
    with h5py.File(path, "w") as f:
        f["x"] = [1, 2, 3]
    with pytest.raises(ResultsError, match="not a wfsim results file"):
        Results(path)


def test_other_format_version_is_refused(results_file):
    with h5py.File(results_file, "r+") as f:
        f.attrs["format_version"] = 2
    with pytest.raises(ResultsError, match="format_version 2"):
        Results(results_file)


def test_incomplete_file_names_what_is_missing(results_file):
    with h5py.File(results_file, "r+") as f:
        del f["summary"]
    with pytest.raises(ResultsError, match="missing: summary"):
        Results(results_file)


def test_a_file_without_its_dates_is_incomplete_as_info_says(results_file):
    # The charts read "time" and drew a file whose "date" was deleted, which `wfsim info`
    # and the other commands refuse.
    with h5py.File(results_file, "r+") as f:
        del f["date"]
    with pytest.raises(ResultsError, match="missing: date"):
        Results(results_file)


def test_period_of_date_picks_as_wfsim_info_does():
    # The last period ending on or before the date; a date more than a day after the
    # run is shown at its last period, with a note; one before the first is refused.
    ends = [b"2025-04-30", b"2025-05-31", b"2025-06-30"]
    assert period_of_date("2025-05-31", ends, "r.h5") == (1, None)
    assert period_of_date("2025-06-29", ends, "r.h5") == (1, None)
    assert period_of_date("2025-07-01", ends, "r.h5") == (2, None)
    index, note = period_of_date("2026-01-01", ends, "r.h5")
    assert index == 2 and "lies after the run, which reports to 2025-06-30" in note
    with pytest.raises(ResultsError, match=r"no reporting period of r.h5 ends on or before 2025-04-29 \(the first "
                                           r"ends 2025-04-30\)"):
        period_of_date("2025-04-29", ends, "r.h5")
    for bad in ("2025-06", "30/06/2025", ""):
        with pytest.raises(ResultsError, match="--date takes a date as YYYY-MM-DD"):
            period_of_date(bad, ends, "r.h5")
    for bad, why in (("2025-02-29", "February 2025 has 28 days"), ("2025-13-01", "there is no month 13"),
                     ("2025-06-00", "there is no day 0")):
        with pytest.raises(ResultsError, match=f"--date '{bad}' is not a date: {why}"):
            period_of_date(bad, ends, "r.h5")


def test_period_of_date_refuses_a_file_without_dates():
    # A damaged file's dates: an IndexError or ValueError escaped as a traceback.
    for ends in ([], [b"2025-04-30", b"not a date"]):
        with pytest.raises(ResultsError, match="r.h5 is damaged or not a complete wfsim file"):
            period_of_date("2025-05-31", ends, "r.h5")


def test_names_that_differ_only_in_case_are_told_apart_by_case():
    from wfsim_analysis.results import find_name

    names = ["Kent", "KENT", "Surrey"]
    assert find_name("Kent", names, "authority", "f.h5") == "Kent"
    assert find_name("KENT", names, "authority", "f.h5") == "KENT"
    assert find_name("surrey", names, "authority", "f.h5") == "Surrey"
    with pytest.raises(ResultsError, match="'kent' matches 'Kent' and 'KENT' in all but case"):
        find_name("kent", names, "authority", "f.h5")
    with pytest.raises(ResultsError, match=r"f.h5 has no authority 'Sussex'.*\(authorities there: Kent, KENT, Surrey\)"):
        find_name("Sussex", names, "authority", "f.h5")


def test_names_listed_in_a_refusal_are_escaped_and_cut_to_twenty():
    # A file made elsewhere may name a council with an escape sequence or a line break:
    # they reached the terminal raw (an audit); England's 152 made one very long line.
    from wfsim_analysis.results import find_name

    with pytest.raises(ResultsError) as refused:
        find_name("Sussex", ["Kent\x1b[31m", "Sur\nrey"], "authority", "f.h5")
    message = str(refused.value)
    assert "(authorities there: Kent\\x1b[31m, Sur\\nrey)" in message
    assert "\x1b" not in message and "\n" not in message
    measures = [f"measure_{k}" for k in range(43)]
    with pytest.raises(ResultsError, match=r"there: measure_0, .*, measure_42\)$"):
        find_name("zzz", measures, "measure", "f.h5")
    many = [f"Council {k}" for k in range(152)]
    with pytest.raises(ResultsError, match=r"there: Council 0, .*, Council 19, and 132 more\)$"):
        find_name("Nowhere", many, "authority", "f.h5")


def test_a_council_named_without_its_kind_is_suggested_as_the_data_names_it():
    # 'Herefordshire' was told "did you mean 'Hertfordshire'?", the nearest spelling.
    from wfsim_analysis.results import close_names, find_name

    names = ["Hertfordshire", "Herefordshire, County of", "Bristol, City of"]
    with pytest.raises(ResultsError, match=r"did you mean 'Herefordshire, County of'\?"):
        find_name("Herefordshire", names, "authority", "f.h5")
    assert close_names("BRISTOL", names) == ["Bristol, City of"]
    assert close_names("Hertfordshir", names)[0] == "Hertfordshire"


def test_names_that_differ_only_in_case_are_both_suggested_the_nearer_in_case_first():
    from wfsim_analysis.results import close_names

    assert close_names("Kentt", ["Kent", "KENT", "Surrey"])[:2] == ["Kent", "KENT"]
    assert close_names("KENTT", ["Kent", "KENT", "Surrey"])[:2] == ["KENT", "Kent"]


def test_a_missing_series_names_the_refusals_a_file_keeps_in_rules(make_results):
    # --keep series=refused keeps /rules/refused and nothing in /series: asking for
    # another series said "the series it keeps: none".
    path = make_results()
    with h5py.File(path, "a") as f:
        del f["series/agency_share"], f["series/uncovered_gap"], f["series/leavers_permanent"]
        f.create_group("rules").create_dataset("refused", data=np.zeros((20, 1, 1, 24)))
    with Results(path) as results, pytest.raises(ResultsError) as refused:
        results.series("agency_share")
    assert "(the series it keeps: refused (in /rules))" in str(refused.value)


def test_a_time_axis_outside_wfsims_years_is_refused(make_results):
    # A day of 10^9 ended plot with a traceback on a year of seven digits; the last day
    # wfsim's dates allow, 2200-12-31, is read.
    import h5py

    path = make_results()
    with h5py.File(path, "r+") as f:
        f["time"][-1] = 84370
        f["date"][-1] = "2200-12-31"  # a period's date is its end day
    Results(path).close()
    with h5py.File(path, "r+") as f:
        f["time"][-1] = 10**9
    with pytest.raises(ResultsError, match="its time holds days outside wfsim's years"):
        Results(path)


def test_dates_that_are_not_the_periods_end_days_are_refused(make_results):
    # A date that was no date ended the workbook export with a traceback, while the
    # CSVs wrote it as a date and the charts used the days (an analysis audit).
    import h5py

    path = make_results()
    with h5py.File(path, "r+") as f:
        f["date"][3] = "the fourth month"
    with pytest.raises(ResultsError, match="its dates are not all dates"):
        Results(path)
    with h5py.File(path, "r+") as f:
        f["date"][3] = "1999-01-01"
    with pytest.raises(ResultsError, match="its dates are not the days its time holds"):
        Results(path)
    with h5py.File(path, "r+") as f:
        f["date"][3] = f["date"][3].decode().replace("-", "")  # an ISO form, but not YYYY-MM-DD
    with pytest.raises(ResultsError, match="its dates are not all dates"):
        Results(path)


def test_a_measure_of_text_is_refused(make_results):
    # Text where a measure's numbers belong ended every export with a TypeError.
    import h5py

    path = make_results()
    with h5py.File(path, "r+") as f:
        name = next(iter(f["summary"]))
        shape = f["summary"][name].shape
        del f["summary"][name]
        f["summary"].create_dataset(name, shape=shape, dtype=h5py.string_dtype())
    with pytest.raises(ResultsError, match=f"summary/{name} holds object, not numbers"):
        Results(path)


def test_a_sweep_file_is_checked_as_its_format_says(tmp_path):
    # A sweep's groups under a comparison's format passed the check, chosen by whether
    # a /sweep group was there, and failed deep in a chart (an analysis audit).
    import h5py

    from wfsim_analysis.layout import check_layout

    path = tmp_path / "s.h5"
    with h5py.File(path, "w") as f:
        f.attrs["format"] = "wfsim-sweep"
        f.create_dataset("variant", data=["a=1", "a=2"], dtype=h5py.string_dtype())
    with h5py.File(path, "r") as f:
        with pytest.raises(ResultsError, match="it is a sweep file without its /sweep group"):
            check_layout(f, str(path))


def test_changes_line_lists_a_runs_set_values_and_cuts_a_long_list_saying_how_many_more():
    from wfsim_analysis.run_description import changes_line
    assert changes_line({"overrides": ""}) == ""
    assert changes_line({}) == ""
    assert changes_line({"overrides": "a=1\nb=2\n"}) == "Changed with --set: a=1; b=2"
    many = "\n".join(f"authorities[{i}].roles[0].recruitment.applicants_per_year={i}" for i in range(6))
    line = changes_line({"overrides": many}, width=120)
    assert len(line) <= 120
    assert line == ("Changed with --set: authorities[0].roles[0].recruitment.applicants_per_year=0; "
                    "and 5 more (wfsim info lists them)")
    # One change too long for the line on its own is cut, its key kept, not left out.
    long_one = "authorities[0].roles[0].agency.booking_delay={distribution: lognormal, mean: 30 days, sd: 12 days, " \
        "min: 1 day, max: 400 days}"
    line = changes_line({"overrides": long_one}, width=120)
    assert len(line) <= 120 and line.startswith("Changed with --set: authorities[0].roles[0].agency.booking_delay=")
    assert line.endswith("...; cut short (wfsim info lists it)")
    line = changes_line({"overrides": "a" * 110 + "=1\nb=2"}, width=120)
    assert len(line) <= 120 and line.startswith("Changed with --set: aaaa") and line.endswith("...; and 1 more (wfsim info lists them)")


def test_periods_that_are_not_whole_months_are_named_and_counted_as_periods():
    # A run from the 15th: its costs were shown as "a month" and its totals said to be
    # over 31 months, though its 31 periods cover 913 days (an audit of the reports).
    from wfsim_analysis.period_lengths import partial_periods, partial_periods_note, periods_counted
    whole = {"report_start_date": "2016-04-01"}
    dates = ["2016-04-30", "2016-05-31", "2016-06-30"]
    assert partial_periods(whole, dates) == []
    assert partial_periods_note(whole, dates) == ""
    assert periods_counted(whole, dates) == "3 months"
    assert periods_counted(whole, dates[:1]) == "1 month"
    mid = {"report_start_date": "2016-04-15"}
    ends_mid = ["2016-04-30", "2016-05-31", "2016-06-14"]
    assert partial_periods(mid, ends_mid) == [("2016-04-30", 16, "2016-04-15"), ("2016-06-14", 14, "2016-06-01")]
    assert partial_periods_note(mid, ends_mid).startswith(
        "not a whole month: 2016-04-30 covers 16 days, from 2016-04-15; 2016-06-14 covers 14 days, from 2016-06-01.")
    assert periods_counted(mid, ends_mid) == "3 periods (61 days)"
    # A file without the first reported day (older files) is taken as whole months.
    assert periods_counted({}, ends_mid) == "3 months"


def test_money_of_a_period_cut_short_is_said_for_its_days():
    # The comparison report showed a last period of 14 days as "£514.7k a month".
    from wfsim_analysis.period_lengths import money_per
    dates = ["2016-04-30", "2016-05-31", "2016-06-14"]
    assert money_per({"report_start_date": "2016-04-01"}, dates[:2]) == "a month"
    assert money_per({"report_start_date": "2016-04-15"}, dates) == "in the period's 14 days"
    assert money_per({"report_start_date": "2016-04-15"}, dates, 1) == "a month"
    assert money_per({"report_start_date": "2016-04-15"}, dates, 0) == "in the period's 16 days"


def test_to_dataframe_takes_one_name_and_refuses_none(results_file):
    # A string was iterated letter by letter ("no measure 'a'"); [] gave an xarray traceback.
    import wfsim_analysis

    frame = wfsim_analysis.to_dataframe(results_file, measures="agency_share")
    assert list(frame.columns) == ["agency_share"]
    chosen = wfsim_analysis.to_dataframe(results_file, measures=(m for m in ["agency_share", "uncovered_gap"]))
    assert list(chosen.columns) == ["agency_share", "uncovered_gap"]  # a generator, as before
    with pytest.raises(ResultsError, match=r"measures=\[\] keeps no measure"):
        wfsim_analysis.to_dataframe(results_file, measures=[])


def test_a_measure_whose_series_is_not_kept_is_said_so_in_any_case_by_every_reader(make_results):
    # to_dataframe(group="series") and Results.series("Agency_Share") said "has no
    # measure 'agency_share'; did you mean ..." of a file that has it and keeps no
    # series of it (as --keep standard and --keep series=... write them).
    import wfsim_analysis

    path = make_results()
    with h5py.File(path, "a") as f:
        del f["series/agency_share"]
    said = (r"keeps no per-replication series of 'agency_share' \(the series it keeps: leavers_permanent, "
            r"uncovered_gap\); its summaries are there, or run again with --keep all or "
            r"--keep series=agency_share")
    for name in ("agency_share", "Agency_Share"):
        with pytest.raises(ResultsError, match=said):
            wfsim_analysis.to_dataframe(path, group="series", measures=["uncovered_gap", name])
        with Results(path) as results, pytest.raises(ResultsError, match=said):
            results.series(name)
    # The series it keeps are found in any case, and a misspelt name is still "no measure".
    frame = wfsim_analysis.to_dataframe(path, group="series", measures="Uncovered_Gap")
    assert list(frame.columns) == ["uncovered_gap"]
    with Results(path) as results:
        assert results.series("Uncovered_Gap").shape == (20, 1, 24)
    with pytest.raises(ResultsError, match="has no measure 'agency_shar'"):
        wfsim_analysis.to_dataframe(path, group="series", measures="agency_shar")


def test_units_of_the_wrong_type_are_refused_as_the_file_is_opened(results_file, tmp_path, capsys):
    # An integer 5 as a measure's units was charted and exported, the bands CSV giving
    # the unit as "5"; the README promises an attribute of the wrong type is refused.
    from wfsim_analysis.__main__ import main
    from wfsim_analysis.files import bands

    with h5py.File(results_file, "a") as f:
        f["summary/agency_share"].attrs["units"] = 5
    said = "is damaged or not as wfsim writes it: the units of summary/agency_share are 5, not text"
    for command, out in (("plot", "p.png"), ("report", "r.html"), ("export", "e.csv"), ("export", "e.xlsx")):
        assert main([command, str(results_file), "-o", str(tmp_path / out)]) == 2, command
        err = capsys.readouterr().err
        assert said in err and "Traceback" not in err, (command, err)
        assert not (tmp_path / out).exists()
    with pytest.raises(ResultsError, match=said):
        bands(results_file)


@pytest.mark.parametrize("kind,member", [("results", "time"), ("results", "scenario")] + [
    (kind, member) for kind in ("comparison", "sweep")
    for member in ("time", "variant", "difference/agency_share", "scenario", "scenario/1", "total_difference/total_cost")])
def test_a_file_without_what_its_kind_holds_is_incomplete_naming_it(kind, member, make_results, make_paired,
                                                                    tmp_path, capsys):
    # Without /time, plot and report refused a run file as incomplete while export
    # wrote a workbook with exit 0; a comparison without /variant, /difference/<m> or
    # /scenario was said to be damaged ("HDF5 said 'Unable to open object'").
    from wfsim_analysis.__main__ import main

    path = make_results() if kind == "results" else make_paired(sweep=kind == "sweep")
    with h5py.File(path, "a") as f:
        if "total_difference" in member:
            for group, of in (("total_summary", "summary"), ("total_difference", "difference")):
                f.create_group(group).create_dataset("total_cost", data=f[f"{of}/total_cost"][..., 0])
        del f[member]
    said = f"{path} is an incomplete wfsim {kind} file (missing: {member})"
    charts = {"results": [], "comparison": [("compare", "c.png")], "sweep": [("sweep", "s.png")]}[kind]
    for command, out in [("plot", "p.png"), ("report", "r.html"), ("export", "e.csv"), ("export", "e.xlsx"),
                         ("export", "b.csv")] + charts:
        more = ["--bands"] if out == "b.csv" else []
        assert main([command, str(path), "-o", str(tmp_path / out), *more]) == 2, (command, out)
        err = capsys.readouterr().err
        assert said in err and "HDF5 said" not in err and "Traceback" not in err, (command, err)
        assert not (tmp_path / out).exists()
