"""A date axis whose ticks are the reporting periods' own ends, each labelled with the
month it ends ("Oct", with the year under the first tick and the first of each year).

Periods end on the last day of a month, so matplotlib's own date ticks, on the first of
the next, labelled October's value "Nov": every point read a month late.
"""
import math

import numpy as np
from matplotlib.dates import date2num
from matplotlib.ticker import FixedFormatter, FixedLocator

# Months between ticks: the first that leaves at most this many ticks.
_STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400)
_MOST_TICKS = 13


def tick_periods(dates):
    """The indices of the periods to tick: every `step` months, counted back from the
    last period (which is always ticked), where the step keeps the ticks few."""
    dates = np.asarray(dates, dtype="datetime64[D]")
    if len(dates) == 0:
        return []
    months = dates.astype("datetime64[M]").astype(int)  # months since 1970-01
    span = int(months[-1] - months[0]) + 1
    step = next((s for s in _STEPS if math.ceil(span / s) <= _MOST_TICKS), _STEPS[-1])
    return [i for i, m in enumerate(months) if (months[-1] - m) % step == 0]


def label_periods(ax, dates):
    """Ticks `ax`'s date axis at the periods' ends, labelled by the month each ends."""
    dates = np.asarray(dates, dtype="datetime64[D]")
    chosen = tick_periods(dates)
    if not chosen:
        return
    labels, last_year = [], None
    for i in chosen:
        year, month = int(str(dates[i])[:4]), int(str(dates[i])[5:7])
        name = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[month - 1]
        labels.append(f"{name}\n{year}" if year != last_year else name)
        last_year = year
    positions = date2num(dates[chosen])
    ax.xaxis.set_major_locator(FixedLocator(positions))
    ax.xaxis.set_major_formatter(FixedFormatter(labels))
    ax.xaxis.set_minor_locator(FixedLocator([]))
