"""Values that a line or a band cannot show: a period whose neighbours have none.

A line needs two points and a band two edges, so a measure defined in one period only
(the 12-month turnover at the end of a one-year run; any measure of a one-month run)
was drawn as nothing at all. Such a period is drawn as a point with its band as a
vertical bar, and the date axis is held to the run's periods, which matplotlib
otherwise widens by years around a single point.
"""

import numpy as np


def lone(values):
    """True where a value is defined and neither neighbour is."""
    defined = np.isfinite(np.asarray(values, dtype=float))
    before = np.concatenate(([False], defined[:-1]))
    after = np.concatenate((defined[1:], [False]))
    return defined & ~before & ~after


def mark_lone_points(ax, dates, middle, bands=(), colour=None):
    """Draw the lone values of `middle` as points, each band (low, high, alpha) as a bar.

    Returns the colour used, so a caller drawing several series can keep them apart.
    """
    where = lone(middle)
    if not where.any():
        return colour
    at = np.asarray(dates)[where]
    for low, high, alpha in bands:
        ax.vlines(at, np.asarray(low)[where], np.asarray(high)[where], colors=colour, alpha=alpha, linewidth=6)
    points = ax.plot(at, np.asarray(middle)[where], "o", color=colour, markersize=6)
    return points[0].get_color()


def hold_to_periods(ax, dates):
    """Limit the date axis to the run's periods, with half a month to spare each side."""
    dates = np.asarray(dates, dtype="datetime64[D]")
    if len(dates) == 0:
        return
    pad = np.timedelta64(15, "D")
    ax.set_xlim(dates[0] - pad, dates[-1] + pad)
