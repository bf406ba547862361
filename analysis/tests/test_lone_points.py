"""Values with no defined neighbour, which a line or band cannot show (fan and comparison charts)."""

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from wfsim_analysis.lone_points import lone, mark_lone_points


def test_lone_values_are_those_with_no_defined_neighbour():
    nan = np.nan
    values = np.array([1.0, nan, 2.0, 3.0, nan, 4.0, nan, nan, 5.0])
    assert lone(values).tolist() == [True, False, False, False, False, True, False, False, True]
    assert lone(np.array([7.0])).tolist() == [True]
    assert not lone(np.array([nan, nan])).any()


def test_marked_points_carry_their_band_as_a_bar():
    figure = Figure()
    FigureCanvasAgg(figure)
    ax = figure.subplots()
    dates = np.array(["2025-01-31", "2025-02-28", "2025-03-31"], dtype="datetime64[D]")
    middle = np.array([np.nan, np.nan, 10.0])
    mark_lone_points(ax, dates, middle, ((np.array([0, 0, 8.0]), np.array([0, 0, 12.0]), 0.3),), "C1")
    (points,) = ax.get_lines()
    assert points.get_ydata().tolist() == [10.0]
    (bars,) = ax.collections
    (segment,) = bars.get_segments()
    assert segment[:, 1].tolist() == [8.0, 12.0]
