"""The fan chart draws the file's own percentiles, in the units on its axes."""

import numpy as np
import pytest
from matplotlib.text import Text

from wfsim_analysis.axis_units import axis_units
from wfsim_analysis.fanchart import DEFAULT_MEASURES, fan_chart, fan_data
from wfsim_analysis.results import Results


def _statistic(results, measure, statistic):
    return results.summary(measure, "Northshire")[results.statistic_index(statistic)]


def test_median_drawn_is_files_p50(results_file):
    with Results(results_file) as results:
        fan = fan_data(results, "uncovered_gap", "Northshire")
        np.testing.assert_array_equal(fan.p50, _statistic(results, "uncovered_gap", "p50"))
        np.testing.assert_array_equal(fan.p5, _statistic(results, "uncovered_gap", "p5"))
        np.testing.assert_array_equal(fan.p95, _statistic(results, "uncovered_gap", "p95"))
        np.testing.assert_array_equal(fan.dates, results.dates)
    assert fan.axis_label == "Uncovered gap (posts)"


def test_fractions_are_drawn_as_percent(results_file):
    with Results(results_file) as results:
        fan = fan_data(results, "agency_share", "Northshire")
        np.testing.assert_allclose(fan.p50, 100 * _statistic(results, "agency_share", "p50"))
    assert fan.axis_label == "Agency share (%)"


def test_a_flow_of_counts_is_drawn_per_month_and_a_stock_as_it_is(results_file):
    # "(engagements)" left unsaid that each point is a month's sum.
    with Results(results_file) as results:
        assert fan_data(results, "leavers_permanent", "Northshire").axis_label == "Leavers permanent (workers per month)"
        assert fan_data(results, "uncovered_gap", "Northshire").axis_label == "Uncovered gap (posts)"
    assert axis_units("days", "flow", "real") == (1.0, "days")  # a mean within the month, as time to fill
    assert axis_units("GBP", "flow", "real") == (1e-3, "£k per month")
    assert axis_units("GBP per hour", "flow", "real") == (1.0, "£ per hour")  # a rate, as money elsewhere


def test_bands_nest_around_median(results_file):
    with Results(results_file) as results:
        fan = fan_data(results, "agency_share", "Northshire")
    assert np.all(fan.p5 <= fan.p25) and np.all(fan.p25 <= fan.p50)
    assert np.all(fan.p50 <= fan.p75) and np.all(fan.p75 <= fan.p95)


def test_one_panel_per_measure_with_title_and_footnote(results_file):
    with Results(results_file) as results:
        figure = fan_chart(results)
    assert len(figure.axes) == len(DEFAULT_MEASURES)
    assert figure.axes[0].get_ylabel() == "Agency share (%)"
    assert figure.axes[1].get_ylabel() == "Uncovered gap (posts)"
    words = " ".join(text.get_text() for text in figure.findobj(Text))
    for fact in ("Northshire", "results.h5", "synthetic baseline", "20 replications", "seed 42", "0.1.0-test"):
        assert fact in words


def test_region_is_the_default_for_a_regional_file(make_results):
    from wfsim_analysis.fanchart import fan_chart
    from wfsim_analysis.results import Results
    path = make_results(authorities=("Northshire", "Southshire", "Region"))
    with Results(path) as results:
        figure = fan_chart(results)
    assert figure.texts[0].get_text().endswith(": Region")


def test_a_council_of_a_region_is_named_though_the_scenario_name_holds_its_letters(make_results):
    # "...Derbyshire outside" holds "Derby": the chart of Derby was titled with the
    # scenario's name alone, and read as Derbyshire's.
    import h5py
    from wfsim_analysis.fanchart import fan_chart
    from wfsim_analysis.results import Results
    path = make_results(authorities=("Derby", "Derbyshire", "Region"))
    with h5py.File(path, "a") as f:
        f.attrs["scenario_name"] = "East Midlands MoC, Derbyshire outside"
    with Results(path) as results:
        title = fan_chart(results, authority="Derby").texts[0].get_text()
    assert title == "East Midlands MoC, Derbyshire outside: Derby"


def test_a_measure_without_values_is_refused_not_drawn_empty(results_file, capsys):
    # Undefined in every period (caseload without workload feedback): an empty panel on
    # a 1970 axis once came out with status 0.
    import h5py

    from wfsim_analysis.__main__ import main

    with h5py.File(results_file, "r+") as f:
        f["summary/uncovered_gap"][...] = np.nan
    out = results_file.parent / "empty.png"
    assert main(["plot", str(results_file), "-o", str(out), "--measures", "agency_share,uncovered_gap"]) == 2
    assert "uncovered_gap has no value for Northshire in any period" in capsys.readouterr().err
    assert not out.exists()


def _lone_markers(ax):
    return [line for line in ax.get_lines() if line.get_marker() == "o"]


def test_a_run_of_one_period_is_drawn_as_points_on_its_own_month(make_results):
    # A line needs two points: a one-month run came out as empty panels, status 0, on an
    # axis matplotlib widened to four years.
    path = make_results(periods=1)
    with Results(path) as results:
        figure = fan_chart(results)
        medians = [100 * _statistic(results, "agency_share", "p50")[0], _statistic(results, "uncovered_gap", "p50")[0]]
        end = results.dates[0]
    for ax, median in zip(figure.axes, medians):
        (points,) = _lone_markers(ax)
        np.testing.assert_allclose(points.get_ydata(), [median])
        low, high = ax.get_xlim()
        assert high - low == 30  # days, half a month each side of the one period's end
    from matplotlib.dates import date2num
    assert figure.axes[0].get_xlim()[0] == date2num(end - np.timedelta64(15, "D"))


def test_a_value_whose_neighbours_are_undefined_is_drawn_as_a_point(make_results):
    # The 12-month turnover of a one-year run is defined in its last month only.
    import h5py
    path = make_results(periods=12)
    with h5py.File(path, "r+") as f:
        summary = f["summary/agency_share"]
        values = summary[()]
        values[:, :, :-1] = np.nan
        values[:, :, 5] = 0.2  # and one alone in the middle
        summary[...] = values
    with Results(path) as results:
        figure = fan_chart(results)
    (points,) = _lone_markers(figure.axes[0])
    np.testing.assert_allclose(points.get_ydata(), [20.0, 100 * values[4, 0, -1]])
    assert _lone_markers(figure.axes[1]) == []  # a measure defined throughout is a line alone


def test_a_region_from_a_file_without_its_series_names_every_series_missing(regional_results):
    # Charting a region named the first series missing; kept with it, the next.
    import h5py
    import pytest

    from wfsim_analysis.results import ResultsError
    path = regional_results
    with h5py.File(path, "a") as f:
        del f["series/uncovered_gap"], f["series/leavers_permanent"]
    with Results(path) as results, pytest.raises(ResultsError) as refused:
        fan_chart(results, measures=("uncovered_gap", "leavers_permanent"), authority="London")
    message = str(refused.value)
    assert "keeps no per-replication series of uncovered_gap, leavers_permanent (the series it keeps: agency_share)"\
        in message
    assert "--keep series=uncovered_gap,leavers_permanent or --keep all" in message


def test_a_region_of_a_measure_that_is_no_sum_is_refused_as_such_not_for_series(regional_results):
    # time_to_fill of a region was told to keep its series, and kept, refused as no sum.
    import h5py
    import pytest

    from wfsim_analysis.results import ResultsError
    with h5py.File(regional_results, "a") as f:
        f["summary"].copy("agency_share", "time_to_fill")
    with Results(regional_results) as results, pytest.raises(ResultsError) as refused:
        fan_chart(results, measures=("time_to_fill",), authority="London")
    assert "is not the sum of theirs" in str(refused.value)


def test_a_name_near_a_region_suggests_the_region_not_a_council(regional_results):
    # 'West Midland' was offered the council 'Westminster' beside the list of regions.
    import pytest

    from wfsim_analysis.results import ResultsError
    with Results(regional_results) as results, pytest.raises(ResultsError) as refused:
        fan_chart(results, authority="South Est")
    assert "did you mean the region 'South East'?" in str(refused.value)


def test_a_one_region_file_takes_the_regions_name_for_its_total(make_results, set_scenario):
    # A regional lead's --authority "East Midlands" was refused: the file names its
    # total row "Region".
    from wfsim_analysis.fanchart import fan_chart
    from wfsim_analysis.results import Results, ResultsError
    path = make_results(authorities=("Derby", "Leicester", "Region"))
    set_scenario(path, "regions: [{name: East Midlands}]\nauthorities:\n"
                 "  - {name: Derby, region: East Midlands}\n  - {name: Leicester, region: East Midlands}\n")
    with Results(path) as results:
        title = fan_chart(results, authority="east midlands").texts[0].get_text()
        assert results.authority_name("Derby") == "Derby"
    assert title.endswith(": Region")
    # Where the scenario names no region (init --region writes councils alone), the
    # error says which row is the councils' total.
    set_scenario(path, "authorities:\n  - {name: Derby}\n  - {name: Leicester}\n")
    with Results(path) as results:
        try:
            fan_chart(results, authority="East Midlands")
            raise AssertionError("no error")
        except ResultsError as err:
            assert "the councils together are the row 'Region'" in str(err)


def test_a_run_changed_with_set_says_so_in_its_title_and_footnote(results_file):
    # A what-if run (--set) was charted exactly as the baseline: the same title and a
    # footnote without the change, though the chart goes into committee papers.
    with Results(results_file) as results:
        plain = fan_chart(results)
    assert "--set" not in " ".join(text.get_text() for text in plain.findobj(Text))
    import h5py
    with h5py.File(results_file, "a") as f:
        f.attrs["overrides"] = "authorities[0].roles[0].recruitment.applicants_per_year=60\n"
    with Results(results_file) as results:
        figure = fan_chart(results)
    assert figure._suptitle.get_text().endswith(", as changed with --set")
    footnote, = [t for t in figure.texts if t.get_text().startswith("Source: ")]
    assert footnote.get_text().splitlines()[-1] == \
        "Changed with --set: authorities[0].roles[0].recruitment.applicants_per_year=60"
    # Its third line has room of its own: below the panels, inside the figure.
    figure.canvas.draw()
    box = footnote.get_window_extent()
    assert box.y0 >= 0 and box.y1 < min(ax.get_tightbbox().y0 for ax in figure.axes)


def test_a_name_with_dollar_signs_is_drawn_as_written(make_results, tmp_path):
    # matplotlib read "$...$" as mathematics: "Pay rise: $2k now, $3k" lost its dollars
    # and set "2k now, " in italics, and "Bonus $^$" ended `plot` with exit 2 and
    # `report` in a traceback (a hostile-input audit; tests/hostile_inputs.py runs the report).
    from wfsim_analysis.__main__ import main
    path = make_results(authorities=("Bonus $^$ and $_$",))
    assert main(["plot", str(path), "-o", str(tmp_path / "chart.png")]) == 0
    with Results(path) as results:
        figure = fan_chart(results)
    titles = [t for t in figure.findobj(Text) if "Bonus" in t.get_text()]
    assert titles and all(not t._parse_math for t in titles)
    assert "Bonus $^$ and $_$" in titles[0].get_text()


def test_a_period_cut_short_is_said_under_a_chart_of_flows(make_results):
    # A run of 100 days ends 8 days into its last month: that month's leavers (and costs)
    # are for 8 days, and the chart drew them as a collapse with nothing to say so.
    import h5py

    path = make_results()
    with h5py.File(path, "a") as f:
        f.attrs["report_start_date"] = "2025-04-01"
        dates = [d.decode() for d in f["date"][()]]
        dates[-1] = dates[-1][:8] + "08"
        del f["date"]
        f.create_dataset("date", data=dates, dtype=h5py.string_dtype())
        f["time"][-1] -= 23  # days since 1970, as the dates
    with Results(path) as results:
        flows = " ".join(t.get_text() for t in fan_chart(results, ["leavers_permanent"]).findobj(Text))
        stocks = " ".join(t.get_text() for t in fan_chart(results, ["agency_share"]).findobj(Text))
    assert f"Not a whole month: {dates[-1]} covers 8 days" in flows
    assert "whole month" not in stocks  # a snapshot at a period's end is as good as any


def test_a_regions_councils_together_count_the_replications_each_value_is_over(regional_results):
    # The summaries' eighth statistic, n, was read as a percentile ('n'[1:]) and the
    # region's chart of an England run ended in a traceback (a review).
    import numpy as np

    with Results(regional_results) as results:
        together = results.group_summary("uncovered_gap", [0, 1])  # Camden and Kent, summed
        assert together.shape[0] == len(results.statistics) and results.statistics[-1] == "n"
        assert np.array_equal(together[-1], np.full(together.shape[1], 20.0))
        summed = results.series("uncovered_gap")[:, [0, 1], :].sum(axis=1)
        assert np.allclose(together[0], summed.mean(axis=0))


@pytest.mark.filterwarnings("ignore:Degrees of freedom")  # the fixture's sd of one replication
def test_a_run_of_one_replication_draws_its_line_without_bands_it_has_not(make_results):
    # Its legend named "25-75%" and "5-95% of replications" over shading of no width.
    with Results(make_results(replications=1)) as one, Results(make_results("many.h5")) as many:
        figure, many_figure = fan_chart(one), fan_chart(many)
    legend = [text.get_text() for text in figure.axes[0].get_legend().get_texts()]
    assert legend == ["the one replication (no range)"]
    assert all(not ax.collections for ax in figure.axes)  # nothing shaded
    many_legend = [text.get_text() for text in many_figure.axes[0].get_legend().get_texts()]
    assert many_legend == ["median", "25-75% of replications", "5-95% of replications"]
    assert all(len(ax.collections) == 2 for ax in many_figure.axes)
