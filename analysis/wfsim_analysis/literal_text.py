"""Charts draw names as they are written.

matplotlib reads text between two dollar signs as mathematics: a scenario named
"Pay rise: $2k now, $3k in 2025" was drawn as "Pay rise: 2*know*,3k in 2025", and
one named "Bonus $^$" ended a report in a traceback (a hostile-input audit). No chart
of this package draws mathematics, so each draws with it off. Off only while the chart
is drawn (rc_context), so a notebook that imports the package keeps its own setting."""

import functools

import matplotlib


def literally():
    """A context in which the texts created are taken literally. Each keeps the setting
    it was created with; tick labels are created when the figure is drawn, so saving a
    figure needs it too."""
    return matplotlib.rc_context({"text.parse_math": False})


def drawn_literally(draw):
    """`draw` (a function that builds a figure) with every text it creates taken
    literally."""

    @functools.wraps(draw)
    def literal(*args, **kwargs):
        with literally():
            return draw(*args, **kwargs)

    return literal
