"""The charts' date axis: ticks at the periods' own ends, labelled by the month each
ends, where matplotlib's ticks on the first of the next month read each value a month
late ("Nov" under October's)."""
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import num2date
from matplotlib.figure import Figure

from wfsim_analysis.fanchart import fan_chart
from wfsim_analysis.period_axis import label_periods, tick_periods
from wfsim_analysis.results import Results


def _month_ends(first, count):
    months = np.arange(np.datetime64(first, "M"), np.datetime64(first, "M") + count)
    return (months + 1).astype("datetime64[D]") - 1


def test_ticks_fall_on_period_ends_and_name_their_month():
    dates = _month_ends("2023-10", 12)
    figure = Figure()
    FigureCanvasAgg(figure)
    ax = figure.subplots()
    ax.plot(dates, np.arange(12))
    label_periods(ax, dates)
    ticks = [num2date(x).date().isoformat() for x in ax.get_xticks()]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == [str(d) for d in dates]
    assert labels[:4] == ["Oct\n2023", "Nov", "Dec", "Jan\n2024"] and labels[-1] == "Sep"


def test_long_runs_tick_fewer_periods_ending_at_the_last():
    dates = _month_ends("2016-01", 120)
    chosen = tick_periods(dates)
    assert chosen[-1] == 119 and len(chosen) <= 13
    assert len({b - a for a, b in zip(chosen, chosen[1:])}) == 1  # evenly
    assert tick_periods([]) == []


def test_the_fan_chart_labels_each_period_by_its_own_month(results_file):
    with Results(results_file) as results:
        figure = fan_chart(results, ["agency_share"])
        dates = results.dates
    ax = figure.axes[-1]
    ticks = [num2date(x).date() for x in ax.get_xticks()]
    labels = [t.get_text().split("\n")[0] for t in ax.get_xticklabels()]
    assert ticks and all(np.datetime64(t) in dates for t in ticks)
    assert all(label == t.strftime("%b") for label, t in zip(labels, ticks))


def _labels_of_a_comparison(f, dates):
    """The labels every comparison file holds that a chart does not read: its dates,
    difference statistics and variants' scenarios."""
    import h5py

    strings = h5py.string_dtype()
    f["date"] = np.array([str(d) for d in dates], dtype=object).astype(strings)
    f["difference_statistic"] = np.array(["mean", "sd", "ci95_low", "ci95_high", "n"], dtype=object).astype(strings)
    for v in ("0", "1"):
        f.require_group("scenario").create_dataset(v, data="name: x\n", dtype=strings)


def test_the_comparison_chart_labels_each_period_by_its_own_month(tmp_path):
    import h5py

    from wfsim_analysis.comparison import comparison_chart
    path = tmp_path / "c.h5"
    dates = _month_ends("2023-10", 12)
    statistics = ["mean", "sd", "p5", "p25", "p50", "p75", "p95"]
    with h5py.File(path, "w") as f:
        f.attrs.update({"format": "wfsim-comparison", "format_version": 1, "replications": 200, "seed": 7, "engine_version": "0.1.0"})
        strings = h5py.string_dtype()
        f["authority"] = np.array(["Kent"], dtype=object).astype(strings)
        f["variant"] = np.array(["base", "policy"], dtype=object).astype(strings)
        f["statistic"] = np.array(statistics, dtype=object).astype(strings)
        f["time"] = (dates - np.datetime64("1970-01-01")).astype(int)
        f["summary/agency_share"] = np.full((2, 7, 1, 12), 0.15)
        f["summary/agency_share"].attrs["units"] = "fraction"
        f["difference/agency_share"] = np.zeros((2, 5, 1, 12))
        _labels_of_a_comparison(f, dates)
    figure = comparison_chart(path)
    ax = figure.axes[-1]
    ticks = [num2date(x).date() for x in ax.get_xticks()]
    labels = [t.get_text().split("\n")[0] for t in ax.get_xticklabels()]
    assert [np.datetime64(t) for t in ticks] == list(dates)
    assert labels == [t.strftime("%b") for t in ticks]
    # And the footnote says which run drew it, as the fan chart's does.
    assert any("c.h5; 200 replications, seed 7, wfsim 0.1.0; common random numbers" in t.get_text()
               for t in figure.texts)


def test_the_comparison_chart_says_a_period_cut_short_under_a_flow(tmp_path):
    # A comparison of 100 days: its last period's 8 days of cost drew as a collapse.
    import h5py

    from wfsim_analysis.comparison import comparison_chart
    path = tmp_path / "cut.h5"
    dates = _month_ends("2023-10", 4)
    dates[-1] -= 23
    statistics = ["mean", "sd", "p5", "p25", "p50", "p75", "p95"]
    with h5py.File(path, "w") as f:
        f.attrs.update({"format": "wfsim-comparison", "format_version": 1, "replications": 200, "seed": 7,
                        "engine_version": "0.1.0", "report_start_date": "2023-10-01"})
        strings = h5py.string_dtype()
        f["authority"] = np.array(["Kent"], dtype=object).astype(strings)
        f["variant"] = np.array(["base", "policy"], dtype=object).astype(strings)
        f["statistic"] = np.array(statistics, dtype=object).astype(strings)
        f["time"] = (dates - np.datetime64("1970-01-01")).astype(int)
        for measure, units, kind, values in (("total_cost", "GBP", "flow", "real"),
                                             ("agency_share", "fraction", "snapshot", "real"),
                                             ("time_to_fill", "days", "flow", "real")):
            f[f"summary/{measure}"] = np.full((2, 7, 1, 4), 0.15)
            f[f"summary/{measure}"].attrs.update({"units": units, "kind": kind, "values": values})
            f[f"difference/{measure}"] = np.zeros((2, 5, 1, 4))
        _labels_of_a_comparison(f, dates)
    said = " ".join(t.get_text() for t in comparison_chart(path, "total_cost").texts)
    assert f"Not a whole month: {dates[-1]} covers 8 days, from 2024-01-01" in said
    for measure in ("agency_share", "time_to_fill"):  # a snapshot, and a mean within the period
        assert "whole month" not in " ".join(t.get_text() for t in comparison_chart(path, measure).texts)
